import type { Database } from '../db/database.js';
import { HolidayCalendar } from '../calendar/holiday-calendar.js';
import {
  addDays,
  allZones,
  employeeZone,
  isoWeekday,
  localDateOf,
  type Zone,
  localDateOfColumn,
} from '../calendar/local-time.js';
import { isWeekend } from '../calendar/working-day.js';
import { absenceRule, disciplineRule, kpiMissingRule, type FlagCandidate, type ReminderStatus } from './flag-rules.js';
import { loadFlagSettings } from './flag-settings.js';
import { raiseFlag } from './raise-flag.js';
import { unitScopesOf } from '../people/unit-tree.js';
import { canonicalJson } from './canonical-json.js';

export interface EvaluationSummary {
  employees: number;
  candidates: number;
  raised: number;
  updated: number;
  unchanged: number;
  /** Reading the data and running the rules, without writing flags. */
  evaluateMs: number;
  writeMs: number;
}

interface Subject {
  id: number;
  zone: Zone;
  unitScopes: string[];
  /** The local date whose records are complete: yesterday in the employee's zone, or the date asked for. */
  date: string;
  /** First local date the employee had the bot; null when not linked. */
  linkedSince: string | null;
}

/**
 * Runs the flag rules for every active employee over the stored data and raises or updates flags.
 * Each employee is judged on the last complete day of their own zone (yesterday, unless `date` is
 * given), so the day in progress never counts as missed.
 *
 * A province has 100,000 employees and a few thousand flags, so the database first narrows them to
 * those who could be flagged (no KPI log on a sure working day of the last N weekdays, enough
 * unanswered reminders this week, recorded absences); only they are read in full and judged by the
 * rules. Then the candidates are compared with the stored flags and only what changed is written:
 * a second run on the same data writes nothing.
 */
export async function evaluateFlags(db: Database, options: { now: Date; date?: string }): Promise<EvaluationSummary> {
  const started = performance.now();
  const settings = await loadFlagSettings(db);
  const dates = allZones.map((zone) => options.date ?? addDays(localDateOf(options.now, zone), -1));
  const maxDate = dates.reduce((m, d) => (d > m ? d : m));
  const minDate = dates.reduce((m, d) => (d < m ? d : m));
  const floor = `${Number(minDate.slice(0, 4)) - 1}-01-01`;
  const weekStart = addDays(minDate, 1 - isoWeekday(minDate));
  const holidays = await db.prisma.holiday.findMany({ where: { date: { gte: new Date(`${floor}T00:00:00Z`) } } });
  const calendar = HolidayCalendar.fromRows(holidays);

  // A KPI log on x stops a run of N missing working days ending at the judged day when x is one of
  // its working days and lies within its last N weekdays (working days are a subset of weekdays).
  // Only logs on days that are working days for everyone (weekdays, no holiday of any scope, not
  // the employee's leave) are trusted here, so nobody who could be flagged is left out; the window
  // is the one all zones share.
  let cutoff = maxDate;
  for (let n = 0; n < settings.kpiMissingDays; cutoff = addDays(cutoff, -1))
    if (!isWeekend(cutoff) && ++n === settings.kpiMissingDays) break;
  const notSure: string[] = [];
  for (let d = cutoff; d <= minDate; d = addDays(d, 1))
    if (!isWeekend(d) && (calendar.holidayOn(d, []) !== undefined || holidays.some((h) => localDateOfColumn(h.date) === d)))
      notSure.push(d);

  const [kpiStale, disciplineRows, absences, employeeCount] = await Promise.all([
    db.prisma.$queryRawUnsafe<{ id: number }[]>(
      `SELECT t.employee_id AS id FROM telegram_account t JOIN employee e ON e.id = t.employee_id
       WHERE e.active AND NOT EXISTS (
         SELECT 1 FROM kpi_log k
         WHERE k.employee_id = t.employee_id AND k.local_date BETWEEN $1::date AND $2::date
           AND EXTRACT(ISODOW FROM k.local_date) <= 5 AND NOT (k.local_date = ANY($3::date[]))
           AND NOT EXISTS (SELECT 1 FROM leave l WHERE l.employee_id = k.employee_id AND k.local_date BETWEEN l.start_date AND l.end_date))`,
      cutoff,
      minDate,
      notSure,
    ),
    // Only employees with enough days not answered in time can be flagged: the rest never leave the database.
    db.prisma.$queryRawUnsafe<{ employee_id: number; local_date: Date; answered: boolean; on_time: boolean }[]>(
      `WITH d AS (
         SELECT o.employee_id, o.local_date, bool_or(r.id IS NOT NULL) AS answered,
                bool_or(r.id IS NOT NULL AND r.answered_at <= o.expires_at) AS on_time
         FROM reminder_outbox o JOIN reminder_schedule s ON s.id = o.schedule_id
         LEFT JOIN reminder_reply r ON r.outbox_id = o.id
         WHERE s.kind = 'disiplin' AND o.status = 'sent' AND o.local_date BETWEEN $1::date AND $2::date
         GROUP BY 1, 2)
       SELECT employee_id, local_date, answered, on_time FROM d
       WHERE employee_id IN (SELECT employee_id FROM d WHERE NOT on_time GROUP BY 1 HAVING count(*) >= $3)`,
      weekStart,
      maxDate,
      settings.disciplineMissesPerWeek,
    ),
    db.prisma.absence.findMany({
      where: { localDate: { gte: new Date(`${floor}T00:00:00Z`) } },
      select: { employeeId: true, localDate: true },
    }),
    db.prisma.employee.count({ where: { active: true } }),
  ]);
  const kpiIds = new Set(kpiStale.map((r) => r.id));
  const disciplineOf = groupBy(disciplineRows, (r) => r.employee_id);
  const absencesOf = groupBy(absences, (r) => r.employeeId);
  const ids = [...new Set([...kpiIds, ...disciplineOf.keys(), ...absencesOf.keys()])];
  const [subjects, logs, leaves] = await Promise.all([
    loadSubjects(db, options, ids),
    db.prisma.$queryRawUnsafe<{ employee_id: number; local_date: Date }[]>(
      `SELECT DISTINCT employee_id, local_date FROM kpi_log
       WHERE employee_id = ANY($1::int[]) AND local_date BETWEEN $2::date AND $3::date`,
      [...kpiIds],
      floor,
      maxDate,
    ),
    db.prisma.leave.findMany({
      where: { employeeId: { in: ids }, endDate: { gte: new Date(`${floor}T00:00:00Z`) } },
      select: { employeeId: true, startDate: true, endDate: true },
    }),
  ]);
  const logsOf = groupBy(logs, (r) => r.employee_id);
  const leavesOf = groupBy(leaves, (r) => r.employeeId);

  const candidates: { employeeId: number; candidate: FlagCandidate }[] = [];
  for (const s of subjects) {
    const myLeaves = (leavesOf.get(s.id) ?? []).map(
      (l) => [localDateOfColumn(l.startDate), localDateOfColumn(l.endDate)] as const,
    );
    const isLeave = (date: string) => myLeaves.some(([from, to]) => from <= date && date <= to);
    const isOff = (date: string) => isLeave(date) || calendar.holidayOn(date, s.unitScopes) !== undefined;
    const found: (FlagCandidate | undefined)[] = [];
    if (s.linkedSince !== null && kpiIds.has(s.id))
      found.push(
        kpiMissingRule({
          today: s.date,
          kpiLogDates: new Set((logsOf.get(s.id) ?? []).map((r) => localDateOfColumn(r.local_date))),
          isOff,
          thresholds: settings,
          since: s.linkedSince,
        }),
      );
    const reminders = disciplineOf.get(s.id);
    if (s.linkedSince !== null && reminders)
      found.push(
        disciplineRule({
          today: s.date,
          thresholds: settings,
          reminders: reminders.map((r) => ({
            localDate: localDateOfColumn(r.local_date),
            status: 'sent' as ReminderStatus,
            answered: r.answered,
            answeredLate: r.answered && !r.on_time,
          })),
        }),
      );
    const absent = absencesOf.get(s.id);
    if (absent)
      found.push(
        absenceRule({ today: s.date, unexcusedDates: absent.map((a) => localDateOfColumn(a.localDate)), isOff, isLeave }),
      );
    for (const candidate of found) if (candidate) candidates.push({ employeeId: s.id, candidate });
  }
  const evaluateMs = performance.now() - started;

  const writeStarted = performance.now();
  const existing = await loadExisting(db, candidates);
  const summary = { employees: employeeCount, candidates: candidates.length, raised: 0, updated: 0, unchanged: 0 };
  for (const { employeeId, candidate } of candidates) {
    const known = existing.get(`${candidate.kind}|${employeeId}|${candidate.period}`);
    if (known && (known.status === 'resolved' || sameFacts(known, candidate))) {
      summary.unchanged++;
      continue;
    }
    const { outcome } = await raiseFlag(db, { candidate, employeeId, routingBase: employeeId, tellEmployee: true }, options.now);
    summary[outcome]++;
  }
  return { ...summary, evaluateMs, writeMs: performance.now() - writeStarted };
}

async function loadSubjects(db: Database, options: { now: Date; date?: string }, ids: number[]): Promise<Subject[]> {
  if (ids.length === 0) return [];
  const [units, rows] = await Promise.all([
    db.prisma.orgUnit.findMany({ select: { id: true, code: true, parentId: true } }),
    db.prisma.$queryRawUnsafe<
      { id: number; unit_id: number | null; own_zone: string | null; unit_zone: string | null; linked_at: Date | null }[]
    >(
      `SELECT e.id, e.unit_id, e.time_zone AS own_zone, u.time_zone AS unit_zone, t.linked_at
       FROM employee e LEFT JOIN org_unit u ON u.id = e.unit_id LEFT JOIN telegram_account t ON t.employee_id = e.id
       WHERE e.active AND e.id = ANY($1::int[])`,
      ids,
    ),
  ]);
  const scopes = unitScopesOf(units);
  return rows.map((r) => {
    const zone = employeeZone({ timeZone: r.own_zone, unit: { timeZone: r.unit_zone } });
    return {
      id: r.id,
      zone,
      unitScopes: scopes(r.unit_id),
      date: options.date ?? addDays(localDateOf(options.now, zone), -1),
      linkedSince: r.linked_at === null ? null : localDateOf(r.linked_at, zone),
    };
  });
}

interface KnownFlag {
  title: string;
  evidence: string;
  severity: string;
  status: string;
}

async function loadExisting(
  db: Database,
  candidates: { employeeId: number; candidate: FlagCandidate }[],
): Promise<Map<string, KnownFlag>> {
  if (candidates.length === 0) return new Map();
  const rows = await db.prisma.$queryRawUnsafe<
    { kind: string; employee_id: number; period: string; title: string; evidence: unknown; severity: string; status: string }[]
  >(
    `SELECT kind, employee_id, period, title, evidence, severity, status FROM flag
     WHERE kind <> 'report' AND employee_id = ANY($1::int[])`,
    [...new Set(candidates.map((c) => c.employeeId))],
  );
  return new Map(
    rows.map((r) => [
      `${r.kind}|${r.employee_id}|${r.period}`,
      { title: r.title, evidence: canonicalJson(r.evidence), severity: r.severity, status: r.status },
    ]),
  );
}

/** Same check as raiseFlag's, without a transaction per flag: the steady state writes nothing. */
function sameFacts(known: KnownFlag, candidate: FlagCandidate): boolean {
  return (
    known.title === candidate.title &&
    known.severity === candidate.severity &&
    known.evidence === canonicalJson(candidate.evidence)
  );
}

function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
