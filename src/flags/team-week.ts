import type { Database } from '../db/database.js';
import { addDays, isoWeekday, localDateOfColumn } from '../calendar/local-time.js';
import { loadUnitDaysOff } from '../calendar/unit-days-off.js';
import { isWorkingDay } from '../calendar/working-day.js';

export interface DayRecord {
  date: string;
  working: boolean;
  kpiLogs: number;
  reminder: 'dijawab' | 'terlambat' | 'tidak dijawab' | 'tidak dikirim' | null;
  leave: string | null;
}

export interface WeekCounts {
  /** Working days (not on leave) up to today with at least one KPI log, of `workingDays`. */
  kpiDays: number;
  workingDays: number;
  /** Days whose discipline reminder went out, and of them those answered (in time or late), in time. */
  remindersSent: number;
  remindersAnswered: number;
  remindersOnTime: number;
}

export interface PersonWeek {
  id: number;
  name: string;
  nip: string;
  weekStart: string;
  weekEnd: string;
  days: DayRecord[];
  /** The week's counts up to today: what the Home tab and `/asn minggu` both show. */
  counts: WeekCounts;
}

type ReminderOutcome = NonNullable<DayRecord['reminder']>;

// With two reminders on one day (a unit's schedule beside the default, one moved after it was
// missed), the better outcome stands, as in the discipline flag rule: the day was answered.
const outcomeRank: Record<ReminderOutcome, number> = { dijawab: 0, terlambat: 1, 'tidak dijawab': 2, 'tidak dikirim': 3 };

/** The outcome of one reminder row: not sent, not answered, answered after its window, answered. */
function reminderOutcome(row: { status: string; answered_at: Date | null; expires_at: Date }): ReminderOutcome {
  if (row.status !== 'sent') return 'tidak dikirim';
  if (row.answered_at === null) return 'tidak dijawab';
  return row.answered_at > row.expires_at ? 'terlambat' : 'dijawab';
}

/**
 * The counts of a week's days up to `today` (all of them without it): days still to come are
 * nobody's miss yet. The one count behind every surface that shows a week.
 */
export function countWeek(days: readonly DayRecord[], today?: string): WeekCounts {
  const past = today === undefined ? days : days.filter((d) => d.date <= today);
  const working = past.filter((d) => d.working && d.leave === null);
  const sent = past.filter((d) => d.reminder !== null && d.reminder !== 'tidak dikirim');
  return {
    kpiDays: working.filter((d) => d.kpiLogs > 0).length,
    workingDays: working.length,
    remindersSent: sent.length,
    remindersAnswered: sent.filter((d) => d.reminder === 'dijawab' || d.reminder === 'terlambat').length,
    remindersOnTime: sent.filter((d) => d.reminder === 'dijawab').length,
  };
}

/**
 * The week (Monday to Sunday) around `today` for some employees, day by day: working day or not,
 * KPI logs, the discipline reminder's outcome and leave. What supervisors see in Slack's Home tab
 * and with `/asn minggu`; future days are listed but empty.
 */
export async function loadTeamWeek(db: Database, employeeIds: number[], today: string): Promise<PersonWeek[]> {
  if (employeeIds.length === 0) return [];
  const weekStart = addDays(today, 1 - isoWeekday(today));
  const weekEnd = addDays(weekStart, 6);
  const from = new Date(`${weekStart}T00:00:00Z`);
  const to = new Date(`${weekEnd}T00:00:00Z`);
  const [people, logs, reminders, leaves, daysOffOf] = await Promise.all([
    db.prisma.employee.findMany({
      where: { id: { in: employeeIds } },
      select: { id: true, name: true, nip: true, unitId: true },
      orderBy: { name: 'asc' },
    }),
    db.prisma.$queryRawUnsafe<{ employee_id: number; local_date: Date; n: number }[]>(
      `SELECT employee_id, local_date, count(*)::int AS n FROM kpi_log
       WHERE employee_id = ANY($1::int[]) AND local_date BETWEEN $2::date AND $3::date GROUP BY 1, 2`,
      employeeIds,
      weekStart,
      weekEnd,
    ),
    db.prisma.$queryRawUnsafe<
      { employee_id: number; local_date: Date; status: string; answered_at: Date | null; expires_at: Date }[]
    >(
      `SELECT o.employee_id, o.local_date, o.status, r.answered_at, o.expires_at
       FROM reminder_outbox o JOIN reminder_schedule s ON s.id = o.schedule_id AND s.kind = 'disiplin'
       LEFT JOIN reminder_reply r ON r.outbox_id = o.id
       WHERE o.employee_id = ANY($1::int[]) AND o.local_date BETWEEN $2::date AND $3::date`,
      employeeIds,
      weekStart,
      weekEnd,
    ),
    db.prisma.leave.findMany({ where: { employeeId: { in: employeeIds }, startDate: { lte: to }, endDate: { gte: from } } }),
    loadUnitDaysOff(db, from, to),
  ]);
  return people.map(({ unitId, ...p }) => {
    const isOff = daysOffOf(unitId);
    const days: DayRecord[] = [];
    for (let date = weekStart; date <= weekEnd; date = addDays(date, 1)) {
      const leave = leaves.find(
        (l) => l.employeeId === p.id && localDateOfColumn(l.startDate) <= date && date <= localDateOfColumn(l.endDate),
      );
      const outcomes = reminders
        .filter((r) => r.employee_id === p.id && localDateOfColumn(r.local_date) === date)
        .map(reminderOutcome)
        .sort((a, b) => outcomeRank[a] - outcomeRank[b]);
      days.push({
        date,
        working: isWorkingDay(date, isOff),
        kpiLogs: logs.find((l) => l.employee_id === p.id && localDateOfColumn(l.local_date) === date)?.n ?? 0,
        reminder: date > today ? null : (outcomes[0] ?? null),
        leave: leave?.kind ?? null,
      });
    }
    return { ...p, weekStart, weekEnd, days, counts: countWeek(days, today) };
  });
}
