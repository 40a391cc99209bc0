import type { Database } from '../db/database.js';
import { HolidayCalendar } from './holiday-calendar.js';
import { parseLocalDate } from './local-time.js';
import { unitScopesOf } from '../people/unit-tree.js';
import { isWorkingDay, type DaysOff } from './working-day.js';

/**
 * The days off between `from` and `to` as they apply to one unit's people: national holidays,
 * HR's nationwide days (cuti bersama), and the regional days of the unit or a unit above it.
 * Weekends are isWorkingDay's business (office hours and week views count them differently).
 */
export async function loadUnitDaysOff(db: Database, from: Date, to: Date): Promise<(unitId: number | null) => DaysOff> {
  const [holidays, units] = await Promise.all([
    db.prisma.holiday.findMany({ where: { date: { gte: from, lte: to } } }),
    db.prisma.orgUnit.findMany({ select: { id: true, code: true, parentId: true } }),
  ]);
  const calendar = HolidayCalendar.fromRows(holidays);
  const scopesOf = unitScopesOf(units);
  return (unitId) => calendar.daysOff(scopesOf(unitId));
}

/**
 * Whether `localDate` is a working day for the people of `unitId` (null: everyone, so only
 * national holidays and HR's '*' days count), read from the stored calendar: for a scheduler that
 * asks about one day, such as the supervisors' digest.
 */
export async function isStoredWorkingDay(db: Database, localDate: string, unitId: number | null = null): Promise<boolean> {
  const day = new Date(parseLocalDate(localDate));
  const daysOffOf = await loadUnitDaysOff(db, day, day);
  return isWorkingDay(localDate, daysOffOf(unitId));
}
