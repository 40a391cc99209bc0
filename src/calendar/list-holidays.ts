import type { Database } from '../db/database.js';
import { HolidayCalendar } from './holiday-calendar.js';
import { addDays } from './local-time.js';

export interface YearHoliday {
  date: string;
  name: string;
  kind: string;
  /** '*' or a unit code. */
  scope: string;
  /** The Holiday row HR entered, or undefined for a computed national holiday. */
  id?: number;
}

const computed = new HolidayCalendar([]);

/** The national holidays date-holidays computes for a year (the same the planner uses). */
export function computedNationalHolidays(year: number): YearHoliday[] {
  const found: YearHoliday[] = [];
  const last = `${year}-12-31`;
  for (let date = `${year}-01-01`; date <= last; date = addDays(date, 1)) {
    const holiday = computed.holidayOn(date, []);
    if (holiday) found.push({ date, name: holiday.name, kind: 'nasional', scope: '*' });
  }
  return found;
}

/** A year's days off: the computed national holidays and HR's rows, by date (computed first on a tie). */
export async function listHolidaysOfYear(db: Database, year: number): Promise<YearHoliday[]> {
  const rows = await db.prisma.holiday.findMany({
    where: { date: { gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) } },
    orderBy: [{ date: 'asc' }, { scope: 'asc' }],
  });
  const entered = rows.map((h) => ({
    id: h.id,
    date: h.date.toISOString().slice(0, 10),
    name: h.name,
    kind: h.kind,
    scope: h.scope,
  }));
  return [...computedNationalHolidays(year), ...entered].sort(
    (a, b) => a.date.localeCompare(b.date) || Number(a.id !== undefined) - Number(b.id !== undefined),
  );
}
