// Escalation waits a number of working hours, not wall-clock hours: a flag raised on Friday
// afternoon must not climb to the next level over the weekend or a holiday.

import { addDays, instantOf, localDateOf, type Zone } from './local-time.js';
import { isWorkingDay, type DaysOff } from './working-day.js';

/** The office day the escalation clock runs in: 08:00-16:00 local, so 8 working hours is one working day. */
export const officeHours = { start: '08:00', end: '16:00' } as const;

const hourMs = 3_600_000;

/**
 * Working hours between two instants in `zone`: the overlap of [from, to] with 08:00-16:00 on
 * Monday to Friday days that `isOff` does not exclude (holidays). Zero when `to` is before `from`.
 */
export function workingHoursBetween(from: Date, to: Date, zone: Zone, isOff: DaysOff): number {
  if (to <= from) return 0;
  let total = 0;
  const last = localDateOf(to, zone);
  // A flag left for months is still counted in a few thousand steps: one per calendar day.
  for (let date = localDateOf(from, zone); date <= last; date = addDays(date, 1)) {
    if (!isWorkingDay(date, isOff)) continue;
    const start = Math.max(instantOf(date, officeHours.start, zone).getTime(), from.getTime());
    const end = Math.min(instantOf(date, officeHours.end, zone).getTime(), to.getTime());
    if (end > start) total += end - start;
  }
  return total / hourMs;
}
