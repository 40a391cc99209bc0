// Which local dates are days off, for the units of one employee. Two sources:
// - HR's Holiday rows: cuti bersama (set each year by joint ministerial decree), regional holidays
//   of one unit (`daerah`), and corrections of the national calendar (`nasional`);
// - the national public holidays computed by date-holidays, so that a fresh installation already
//   knows Natal, 17 Agustus and the rest without HR typing them in.
//
// date-holidays computes the Islamic holidays (Idul Fitri, Idul Adha, Tahun Baru Islam, Maulid,
// Isra Mikraj) from a precomputed Hijri calendar, while the government fixes them by sighting
// (sidang isbat) and by decree, so they can be a day off. Nyepi and Waisak are listed only for the years the
// library knows. HR corrects this with `nasional` rows: a row adds a holiday on its date. A
// computed date that turns out wrong stays a day off too; one reminder lost on such a day is
// acceptable, and it keeps the rule simple (rows only ever add days off).

import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import { localDateOfColumn, parseLocalDate } from './local-time.js';
import type { DaysOff } from './working-day.js';

export type HolidayKind = 'cuti_bersama' | 'daerah' | 'nasional';

/** One Holiday row as HR keeps it; `scope` is '*' for everyone or a unit code. */
export interface HolidayRow {
  date: string;
  name: string;
  kind: HolidayKind;
  scope: string;
}

export interface HolidayInfo {
  name: string;
  kind: string;
}

const kinds: readonly string[] = ['cuti_bersama', 'daerah', 'nasional'];

// date-holidays 3.x names 27 Rajab "Maulid Nabi Muhammad" in Indonesian, the name of 12 Rabiul
// Awal: an employee told "hari libur: Maulid Nabi" in January would be rightly confused.
const renamedRules: Record<string, string> = { '27 Rajab': 'Isra Mikraj Nabi Muhammad' };

// The computed holidays depend only on the year, not on HR's rows, so one cache serves every
// calendar: a worker that builds a new calendar on each run does not recompute them.
const nationalByYear = new Map<number, Map<string, string>>();
let indonesia: Holidays | undefined;

function nationalHolidays(year: number): Map<string, string> {
  let byDate = nationalByYear.get(year);
  if (byDate === undefined) {
    // Loaded the first time a year is asked for (it takes a fifth of a second): a command that plans
    // nothing, such as `asn ask`, starts without it.
    indonesia ??= new (createRequire(import.meta.url)('date-holidays') as typeof Holidays)('ID');
    byDate = new Map();
    for (const holiday of indonesia.getHolidays(year, 'id')) {
      // Only days off; observances and optional days are working days.
      if (holiday.type !== 'public') continue;
      // `date` is 'YYYY-MM-DD hh:mm:ss [offset]' in the calendar of the country: its first ten
      // characters are the local day. (Islamic days "start" at 18:00 the evening before, which
      // `start` reflects; the day off is still this date.)
      const date = holiday.date.slice(0, 10);
      if (!byDate.has(date)) byDate.set(date, renamedRules[holiday.rule] ?? holiday.name);
    }
    nationalByYear.set(year, byDate);
  }
  return byDate;
}

export class HolidayCalendar {
  /** HR's rows by date, then by scope. */
  private readonly rows = new Map<string, Map<string, HolidayInfo>>();

  /** The calendar of `holiday` rows as Prisma reads them (dates at UTC midnight, kind as text). */
  static fromRows(rows: readonly { date: Date; name: string; kind: string; scope: string }[]): HolidayCalendar {
    return new HolidayCalendar(
      rows.map((h) => ({ date: localDateOfColumn(h.date), name: h.name, kind: h.kind as HolidayKind, scope: h.scope })),
    );
  }

  constructor(rows: readonly HolidayRow[]) {
    for (const row of rows) {
      parseLocalDate(row.date);
      if (!kinds.includes(row.kind))
        throw new RangeError(`Jenis hari libur tidak dikenal: "${row.kind}" (harus cuti_bersama, daerah atau nasional)`);
      if (row.scope.trim() === '') throw new RangeError(`Hari libur ${row.date} tanpa cakupan (isi "*" atau kode unit)`);
      if (row.name.trim() === '') throw new RangeError(`Hari libur ${row.date} tanpa nama`);
      let byScope = this.rows.get(row.date);
      if (byScope === undefined) this.rows.set(row.date, (byScope = new Map()));
      // The database allows one row per date and scope; two here means the caller merged sources.
      if (byScope.has(row.scope)) throw new RangeError(`Hari libur ganda pada ${row.date} untuk cakupan "${row.scope}"`);
      byScope.set(row.scope, { name: row.name, kind: row.kind });
    }
  }

  /**
   * The day off on `localDate` for an employee of the units `unitScopes` (own unit first, then its
   * ancestors), or undefined on a working day. Weekends are not holidays here: the planner handles
   * them. The most specific entry names the day: the unit's own row, an ancestor's, HR's row for
   * everyone, then the computed national holiday.
   */
  holidayOn(localDate: string, unitScopes: readonly string[]): HolidayInfo | undefined {
    const year = new Date(parseLocalDate(localDate)).getUTCFullYear();
    const byScope = this.rows.get(localDate);
    if (byScope !== undefined) {
      for (const scope of unitScopes) {
        const row = byScope.get(scope);
        if (row !== undefined) return { ...row };
      }
      const everyone = byScope.get('*');
      if (everyone !== undefined) return { ...everyone };
    }
    const national = nationalHolidays(year).get(localDate);
    return national === undefined ? undefined : { name: national, kind: 'nasional' };
  }

  /** The days off of the people of the units `unitScopes` (own unit first), for isWorkingDay. */
  daysOff(unitScopes: readonly string[]): DaysOff {
    return (localDate) => this.holidayOn(localDate, unitScopes) !== undefined;
  }
}
