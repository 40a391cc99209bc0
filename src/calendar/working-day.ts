// "Is this a working day" is decided here and only here: reminders, flag rules, escalation,
// the digest, the team week and the attendance service all call isWorkingDay, so a cuti bersama
// day or a unit's regional day off means the same thing everywhere.

import { isoWeekday } from './local-time.js';

/** Whether a local date ('YYYY-MM-DD') is a day off for someone: a holiday, their leave... */
export type DaysOff = (localDate: string) => boolean;

/** No day off besides weekends: for callers that check only the week's shape. */
export const noDaysOff: DaysOff = () => false;

/** Saturday (6) or Sunday (7) as an ISO weekday: the civil service works Monday to Friday. */
export function isWeekendDay(isoDay: number): boolean {
  return isoDay >= 6;
}

/** A local date that falls on a Saturday or a Sunday. */
export function isWeekend(localDate: string): boolean {
  return isWeekendDay(isoWeekday(localDate));
}

/**
 * A working day: Monday to Friday and not one of `isOff`'s days off (holidays of the person's
 * units, cuti bersama, their leave). Pure: the caller loads the days off once for a whole run.
 */
export function isWorkingDay(localDate: string, isOff: DaysOff = noDaysOff): boolean {
  return !isWeekend(localDate) && !isOff(localDate);
}
