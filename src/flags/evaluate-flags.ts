import type { Database } from '../db/database.js';
import { HolidayCalendar, type HolidayKind } from '../reminders/holiday-calendar.js';
import { addDays, isoWeekday, isZone, localDateOf, type Zone } from '../reminders/local-time.js';
import { absenceRule, disciplineRule, kpiMissingRule, type FlagCandidate, type ReminderStatus } from './flag-rules.js';
import { loadFlagSettings } from './flag-settings.js';
import { raiseFlag } from './raise-flag.js';
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
 * given), so the day in progress never counts as missed. Reads in a handful of set queries, then
 * compares with the stored flags and writes only what changed: a second run on the same data
 * writes nothing.
 */
export async function evaluateFlags(db: Database, options: { now: Date; date?: string }): Promise<EvaluationSummary> {
  const started = performance.now();
  const settings = await loadFlagSettings(db);
  const subjects = await loadSubjects(db, options);
  if (subjects.length === 0)
    return {
      employees: 0,
      candidates: 0,
      raised: 0,
      updated: 0,
      unchanged: 0,
      evaluateMs: performance.now() - started,
      writeMs: 0,
    };
  const maxDate = subjects.reduce((m, s) => (s.date > m ? s.date : m), subjects[0]!.date);
  const minDate = subjects.reduce((m, s) => (s.date < m ? s.date : m), subjects[0]!.date);
  const floor = `${Number(minDate.slice(0, 4)) - 1}-01-01`;
  const weekStart = addDays(minDate, 1 - isoWeekday(minDate));

  const [lastLogs, disciplineRows, absences, leaves, holidays] = await Promise.all([
    db.prisma.$queryRawUnsafe<{ employee_id: number; last: Date }[]>(
      `SELECT employee_id, max(local_date) AS last FROM kpi_log WHERE local_date <= $1::date GROUP BY employee_id`,
      maxDate,
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
    db.prisma.leave.findMany({
      where: { endDate: { gte: new Date(`${floor}T00:00:00Z`) } },
      select: { employeeId: true, startDate: true, endDate: true },
    }),
    db.prisma.holiday.findMany({ where: { date: { gte: new Date(`${floor}T00:00:00Z`) } } }),
  ]);

  const calendar = new HolidayCalendar(
    holidays.map((h) => ({ date: iso(h.date), name: h.name, kind: h.kind as HolidayKind, scope: h.scope })),
  );
  const lastLogOf = new Map(lastLogs.map((r) => [r.employee_id, iso(r.last)]));
  const disciplineOf = groupBy(disciplineRows, (r) => r.employee_id);
  const absencesOf = groupBy(absences, (r) => r.employeeId);
  const leavesOf = groupBy(leaves, (r) => r.employeeId);

  const candidates: { employeeId: number; candidate: FlagCandidate }[] = [];
  // KPI flags judged on the last log alone that the full log history must confirm (see below).
  const kpiRechecks: { s: Subject; isOff: (date: string) => boolean }[] = [];
  for (const s of subjects) {
    const myLeaves = (leavesOf.get(s.id) ?? []).map((l) => [iso(l.startDate), iso(l.endDate)] as const);
    const isLeave = (date: string) => myLeaves.some(([from, to]) => from <= date && date <= to);
    const isOff = (date: string) => isLeave(date) || calendar.holidayOn(date, s.unitScopes) !== undefined;
    const found: (FlagCandidate | undefined)[] = [];
    if (s.linkedSince !== null) {
      const last = lastLogOf.get(s.id);
      const kpi = kpiMissingRule({
        today: s.date,
        kpiLogDates: new Set(last === undefined ? [] : [last]),
        isOff,
        thresholds: settings,
        since: s.linkedSince,
      });
      // The last log is enough when the rule's walk back stopped at it. It walks past it when that
      // log is after this employee's day (another zone is a day ahead, so the query read up to its
      // date) or on a day off (a Saturday): the logs before it then decide, and are read below.
      if (kpi && last !== undefined && kpi.evidence.lastLoggedWorkingDay !== last) kpiRechecks.push({ s, isOff });
      else found.push(kpi);
      const reminders = disciplineOf.get(s.id);
      if (reminders)
        found.push(
          disciplineRule({
            today: s.date,
            thresholds: settings,
            reminders: reminders.map((r) => ({
              localDate: iso(r.local_date),
              status: 'sent' as ReminderStatus,
              answered: r.answered,
              answeredLate: r.answered && !r.on_time,
            })),
          }),
        );
    }
    const absent = absencesOf.get(s.id);
    if (absent) found.push(absenceRule({ today: s.date, unexcusedDates: absent.map((a) => iso(a.localDate)), isOff, isLeave }));
    for (const candidate of found) if (candidate) candidates.push({ employeeId: s.id, candidate });
  }
  if (kpiRechecks.length > 0) {
    const logs = await db.prisma.$queryRawUnsafe<{ employee_id: number; local_date: Date }[]>(
      `SELECT DISTINCT employee_id, local_date FROM kpi_log
       WHERE employee_id = ANY($1::int[]) AND local_date BETWEEN $2::date AND $3::date`,
      kpiRechecks.map((r) => r.s.id),
      floor,
      maxDate,
    );
    const logsOf = groupBy(logs, (r) => r.employee_id);
    for (const { s, isOff } of kpiRechecks) {
      const candidate = kpiMissingRule({
        today: s.date,
        kpiLogDates: new Set((logsOf.get(s.id) ?? []).map((r) => iso(r.local_date))),
        isOff,
        thresholds: settings,
        since: s.linkedSince ?? undefined,
      });
      if (candidate) candidates.push({ employeeId: s.id, candidate });
    }
  }
  const evaluateMs = performance.now() - started;

  const writeStarted = performance.now();
  const existing = await loadExisting(db, candidates);
  const summary = { employees: subjects.length, candidates: candidates.length, raised: 0, updated: 0, unchanged: 0 };
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

async function loadSubjects(db: Database, options: { now: Date; date?: string }): Promise<Subject[]> {
  const [units, rows] = await Promise.all([
    db.prisma.orgUnit.findMany({ select: { id: true, code: true, parentId: true } }),
    db.prisma.$queryRawUnsafe<{ id: number; unit_id: number | null; zone: string | null; linked_at: Date | null }[]>(
      `SELECT e.id, e.unit_id, COALESCE(e.time_zone, u.time_zone) AS zone, t.linked_at
       FROM employee e LEFT JOIN org_unit u ON u.id = e.unit_id LEFT JOIN telegram_account t ON t.employee_id = e.id
       WHERE e.active`,
    ),
  ]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const scopesOf = new Map<number, string[]>();
  const scopes = (unitId: number): string[] => {
    let known = scopesOf.get(unitId);
    if (known) return known;
    known = [];
    const seen = new Set<number>();
    for (let u = unitById.get(unitId); u && !seen.has(u.id); u = u.parentId ? unitById.get(u.parentId) : undefined) {
      seen.add(u.id);
      known.push(u.code);
    }
    scopesOf.set(unitId, known);
    return known;
  };
  return rows.map((r) => {
    const zone: Zone = r.zone !== null && isZone(r.zone) ? r.zone : 'Asia/Jakarta';
    return {
      id: r.id,
      zone,
      unitScopes: r.unit_id === null ? [] : scopes(r.unit_id),
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

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}
