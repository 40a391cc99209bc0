// The neutrality reminder follows HR's election periods: its schedule may stay switched off all
// year and still go out on the working days of a period (for the period's units), and stop by
// itself when the period ends. Planning reads the periods here and hands them to the planner.

import type { Database } from '../db/database.js';
import { localDateOfColumn } from '../calendar/local-time.js';
import type { PlanSchedule } from './plan-reminders.js';

/** The reminder kind election periods switch on. */
export const electionReminderKind = 'netralitas';

/**
 * The schedules with, on the neutrality ones, the election periods (with the reminder on) that
 * overlap `from`..`to`: a new array each time, as the planner's cache expects.
 */
export async function withElectionPeriods<S extends PlanSchedule>(
  db: Database,
  schedules: S[],
  from: Date,
  to: Date,
): Promise<S[]> {
  if (!schedules.some((s) => s.kind === electionReminderKind)) return schedules;
  const periods = await db.prisma.electionPeriod.findMany({
    where: { reminder: true, startDate: { lte: to }, endDate: { gte: from } },
    select: { name: true, scope: true, startDate: true, endDate: true },
  });
  const onDuring = periods.map((p) => ({
    name: p.name,
    scope: p.scope,
    startDate: localDateOfColumn(p.startDate),
    endDate: localDateOfColumn(p.endDate),
  }));
  return schedules.map((s) => (s.kind === electionReminderKind ? { ...s, onDuring } : s));
}
