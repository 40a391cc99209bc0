import type { Database } from '../db/database.js';
import { HolidayCalendar } from '../calendar/holiday-calendar.js';
import { localDateOf, localDateOfColumn, employeeZone } from '../calendar/local-time.js';
import { unitScopesOf } from '../people/unit-tree.js';
import { planDay, type DueReminder, type PlanEmployee, type PlanSchedule } from './plan-reminders.js';
import { inUse } from './reminder-schedules.js';
import { withElectionPeriods } from './election-reminders.js';

export interface PlanningInput {
  schedules: PlanSchedule[];
  employees: PlanEmployee[];
  calendar: HolidayCalendar;
}

/**
 * Reads what planning needs, for the local dates around `now` (yesterday to tomorrow): for every
 * employee, or only for `employeeIds` (the dispatcher re-checking what it is about to send).
 */
export async function loadPlanningInput(db: Database, now: Date, employeeIds?: number[]): Promise<PlanningInput> {
  const from = new Date(now.getTime() - 2 * 86_400_000);
  const to = new Date(now.getTime() + 2 * 86_400_000);
  const [schedules, units, employees, holidays, leaves] = await Promise.all([
    db.prisma.reminderSchedule.findMany({ where: inUse }),
    db.prisma.orgUnit.findMany({ select: { id: true, code: true, parentId: true, timeZone: true } }),
    // Raw SQL: a province has 100k employees, and the ORM's row mapping would cost seconds.
    db.prisma.$queryRawUnsafe<
      { id: number; name: string; unitId: number | null; timeZone: string | null; active: boolean; linked: boolean }[]
    >(
      `SELECT e.id, e.name, e.unit_id AS "unitId", e.time_zone AS "timeZone", e.active, (t.employee_id IS NOT NULL) AS linked
       FROM employee e LEFT JOIN telegram_account t ON t.employee_id = e.id
       ${employeeIds ? 'WHERE e.id = ANY($1::int[])' : ''}`,
      ...(employeeIds ? [employeeIds] : []),
    ),
    db.prisma.holiday.findMany({ where: { date: { gte: from, lte: to } } }),
    db.prisma.leave.findMany({
      where: { endDate: { gte: from }, startDate: { lte: to }, ...(employeeIds ? { employeeId: { in: employeeIds } } : {}) },
    }),
  ]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const scopesOf = unitScopesOf(units);
  const leavesOf = new Map<number, PlanEmployee['leaves']>();
  for (const l of leaves) {
    const list = leavesOf.get(l.employeeId) ?? [];
    list.push({ startDate: localDateOfColumn(l.startDate), endDate: localDateOfColumn(l.endDate), kind: l.kind });
    leavesOf.set(l.employeeId, list);
  }
  return {
    schedules: await withElectionPeriods(
      db,
      schedules.map((s) => ({ ...s })),
      from,
      to,
    ),
    calendar: HolidayCalendar.fromRows(holidays),
    employees: employees.map((e) => {
      const unit = e.unitId ? unitById.get(e.unitId) : undefined;
      const zone = employeeZone({ timeZone: e.timeZone, unit });
      return {
        id: e.id,
        name: e.name,
        zone,
        unitScopes: scopesOf(e.unitId),
        active: e.active,
        linked: e.linked,
        leaves: leavesOf.get(e.id) ?? [],
      };
    }),
  };
}

/** Today's due reminders of every employee, each on their own local date. */
export function computeDueReminders(input: PlanningInput, now: Date): (DueReminder & { employeeId: number })[] {
  const due: (DueReminder & { employeeId: number })[] = [];
  for (const employee of input.employees) {
    const plan = planDay(employee, input.schedules, localDateOf(now, employee.zone), input.calendar);
    for (const d of plan.due) due.push({ ...d, employeeId: employee.id });
  }
  return due;
}

/**
 * A reminder first planned (or moved) this long after its time is recorded as missed, not sent:
 * it was set after the fact (HR moving it, in the evening, to an hour already gone), and a
 * message arriving at once would be wrong. Longer than one full planning period (10 minutes), so
 * a change made before the reminder's time is never caught by it, even when a planning round
 * is late (a leave or a day off, which the scheduler does not watch, changes the plan too).
 */
const lateGraceMinutes = 15;

/**
 * Writes today's reminders into the outbox, one row per (employee, reminder, local date). Safe to
 * run any number of times on any number of instances: the unique key keeps one row. A pending row
 * follows a changed time; a row already marked missed comes back when HR moves the reminder to a
 * time still ahead (the preview says it will be sent, and it is). A reminder whose window has
 * passed, or that is planned or moved to a time more than lateGraceMinutes gone, is recorded as
 * missed. Once pending, the window alone decides (a crash or an outage delays, within it).
 */
export async function planOutbox(db: Database, now: Date): Promise<{ planned: number }> {
  const due = computeDueReminders(await loadPlanningInput(db, now), now);
  for (let i = 0; i < due.length; i += 5_000) {
    const batch = due.slice(i, i + 5_000);
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO reminder_outbox AS o (employee_id, schedule_id, local_date, due_at, expires_at, status, error)
       SELECT e, s, d::date, due, exp,
         CASE WHEN exp <= $6 OR due < $6 - make_interval(mins => ${lateGraceMinutes}) THEN 'missed' ELSE 'pending' END,
         CASE WHEN exp > $6 AND due < $6 - make_interval(mins => ${lateGraceMinutes}) THEN 'dijadwalkan setelah waktunya' END
       FROM unnest($1::int[], $2::int[], $3::text[], $4::timestamptz[], $5::timestamptz[]) AS t(e, s, d, due, exp)
       ON CONFLICT (employee_id, schedule_id, local_date) DO UPDATE
         SET due_at = EXCLUDED.due_at, expires_at = EXCLUDED.expires_at,
           status = CASE WHEN o.due_at = EXCLUDED.due_at THEN o.status ELSE EXCLUDED.status END,
           error = CASE WHEN o.due_at = EXCLUDED.due_at THEN o.error ELSE EXCLUDED.error END,
           claimed_at = CASE WHEN o.status = 'missed' THEN NULL ELSE o.claimed_at END,
           not_before = CASE WHEN o.status = 'missed' THEN NULL ELSE o.not_before END
         WHERE o.status = 'pending'
           OR (o.status = 'missed' AND o.due_at <> EXCLUDED.due_at AND EXCLUDED.status = 'pending')`,
      batch.map((d) => d.employeeId),
      batch.map((d) => d.scheduleId),
      batch.map((d) => d.localDate),
      batch.map((d) => d.dueAt),
      batch.map((d) => d.expiresAt),
      now,
    );
  }
  return { planned: due.length };
}
