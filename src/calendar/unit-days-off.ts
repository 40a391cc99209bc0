import type { Database } from '../db/database.js';
import { HolidayCalendar } from './holiday-calendar.js';
import { unitScopesOf } from './unit-scopes.js';

/**
 * The days off between `from` and `to` as they apply to one unit's people: national holidays,
 * HR's nationwide days, and the regional days of the unit or a unit above it. Weekends are the
 * caller's business (office hours and week views count them differently).
 */
export async function loadUnitDaysOff(
  db: Database,
  from: Date,
  to: Date,
): Promise<(unitId: number | null) => (localDate: string) => boolean> {
  const [holidays, units] = await Promise.all([
    db.prisma.holiday.findMany({ where: { date: { gte: from, lte: to } } }),
    db.prisma.orgUnit.findMany({ select: { id: true, code: true, parentId: true } }),
  ]);
  const calendar = HolidayCalendar.fromRows(holidays);
  const scopesOf = unitScopesOf(units);
  return (unitId) => {
    const scopes = scopesOf(unitId);
    return (localDate) => calendar.holidayOn(localDate, scopes) !== undefined;
  };
}
