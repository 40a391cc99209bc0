// Local dates and times in Indonesia's three zones. Indonesia has had no daylight saving time since
// 1964, so each zone is a fixed offset from UTC and plain arithmetic is exact: no time-zone
// database, no Intl (which is slow when called for every one of 100,000 employees).
// A local date is the string 'YYYY-MM-DD' and a local time 'HH:MM', as stored in the database.

export type Zone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';

const zones: Record<Zone, { label: string; offsetMinutes: number }> = {
  'Asia/Jakarta': { label: 'WIB', offsetMinutes: 7 * 60 },
  'Asia/Makassar': { label: 'WITA', offsetMinutes: 8 * 60 },
  'Asia/Jayapura': { label: 'WIT', offsetMinutes: 9 * 60 },
};

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

const weekdayNames = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];
const monthNames = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

/** Indonesia's three zones, west to east. */
export const allZones = Object.keys(zones) as readonly Zone[];

/** Whether a stored string is one of the three zones. */
export function isZone(s: string): s is Zone {
  return Object.hasOwn(zones, s);
}

/**
 * An employee's zone: their own, else their unit's, else WIB. A stored zone that is none of the
 * three is passed over, never trusted. The one rule for "the employee's zone": reminders, flags,
 * Telegram, the CLI and the attendance service all ask here.
 */
export function employeeZone(employee: { timeZone?: string | null; unit?: { timeZone?: string | null } | null }): Zone {
  return [employee.timeZone, employee.unit?.timeZone].find((z): z is Zone => typeof z === 'string' && isZone(z)) ?? officeZone;
}

/** What to select with an employee (Prisma) to know their zone with employeeZone. */
export const employeeZoneSelect = { timeZone: true, unit: { select: { timeZone: true } } } as const;

/**
 * The zone of what concerns no one employee: HR's screens, the supervisors' digest, a Slack
 * timestamp. WIB, where most of HR and the national calendar's decrees are.
 */
export const officeZone: Zone = 'Asia/Jakarta';

/** The zone a label names ('WIB', 'wita', 'WIT'), or undefined for anything else. */
export function zoneOfLabel(label: string): Zone | undefined {
  const upper = label.trim().toUpperCase();
  return (Object.keys(zones) as Zone[]).find((zone) => zones[zone].label === upper);
}

/** The zone whose clocks are `offsetMinutes` ahead of UTC (420 is WIB), when it is one of the three. */
export function zoneAtOffset(offsetMinutes: number): Zone | undefined {
  return (Object.keys(zones) as Zone[]).find((zone) => zones[zone].offsetMinutes === offsetMinutes);
}

/** The name people use: WIB, WITA or WIT. */
export function zoneLabel(zone: Zone): string {
  return zoneInfo(zone).label;
}

/** The calendar date at `instant` in `zone`, as 'YYYY-MM-DD'. */
export function localDateOf(instant: Date, zone: Zone): string {
  return shifted(instant, zone).toISOString().slice(0, 10);
}

/** The wall-clock time at `instant` in `zone`, as 'HH:MM' (seconds dropped). */
export function localTimeOf(instant: Date, zone: Zone): string {
  return shifted(instant, zone).toISOString().slice(11, 16);
}

/** The instant when the clocks in `zone` show `localDate` at `localTime` ('HH:MM'). */
export function instantOf(localDate: string, localTime: string, zone: Zone): Date {
  const minutes = parseLocalTime(localTime);
  return new Date(parseLocalDate(localDate) + (minutes - zoneInfo(zone).offsetMinutes) * minuteMs);
}

/**
 * A DATE column as Prisma reads it (a Date at UTC midnight) as the local date 'YYYY-MM-DD' it
 * stores: no zone applies, the column holds the calendar date itself.
 */
export function localDateOfColumn(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** ISO weekday of a local date: 1 = Senin (Monday) ... 7 = Minggu (Sunday), as in ReminderSchedule.days. */
export function isoWeekday(localDate: string): number {
  const day = new Date(parseLocalDate(localDate)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The local date `n` days later (earlier when negative). */
export function addDays(localDate: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Jumlah hari harus bilangan bulat, tertulis ${n}`);
  return new Date(parseLocalDate(localDate) + n * dayMs).toISOString().slice(0, 10);
}

/** The date as Indonesians write it in a message: 'Senin, 23 November 2026'. */
export function formatIndonesianDate(localDate: string): string {
  const date = new Date(parseLocalDate(localDate));
  return `${weekdayNames[isoWeekday(localDate) - 1]}, ${date.getUTCDate()} ${monthNames[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** '23 Desember 2026', '21-23 Desember 2026', '30 November-2 Desember 2026', '28 Desember 2026-3 Januari 2027'. */
export function formatIndonesianDateRange(start: string, end: string): string {
  const [startYear, startMonth, startDay] = start.split('-').map(Number) as [number, number, number];
  const [endYear, endMonth, endDay] = end.split('-').map(Number) as [number, number, number];
  const endText = `${endDay} ${indonesianMonthName(endMonth)} ${endYear}`;
  if (start === end) return endText;
  if (startYear !== endYear) return `${startDay} ${indonesianMonthName(startMonth)} ${startYear}-${endText}`;
  if (startMonth !== endMonth) return `${startDay} ${indonesianMonthName(startMonth)}-${endText}`;
  return `${startDay}-${endText}`;
}

/** Month name in Indonesian, 1 = Januari. */
export function indonesianMonthName(month: number): string {
  const name = monthNames[month - 1];
  if (name === undefined) throw new RangeError(`Bulan tidak ada: ${month}`);
  return name;
}

/** Weekday name in Indonesian, 1 = Senin ... 7 = Minggu. */
export function indonesianWeekdayName(isoDay: number): string {
  const name = weekdayNames[isoDay - 1];
  if (name === undefined) throw new RangeError(`Hari tidak ada: ${isoDay} (harus 1 = Senin sampai 7 = Minggu)`);
  return name;
}

/**
 * Milliseconds of UTC midnight of a local date; throws on anything that is not a real calendar
 * date, so that '2026-02-30' cannot silently become 2 March.
 */
export function parseLocalDate(localDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, day);
    const date = new Date(ms);
    // Date.UTC maps years 0-99 to 1900-1999; checking the year back catches that too.
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return ms;
  }
  throw new RangeError(`Tanggal tidak valid: "${localDate}" (harus YYYY-MM-DD dan ada di kalender)`);
}

/** Minutes since midnight of an 'HH:MM' time; throws on '25:00', '7:15' or '07:60'. */
export function parseLocalTime(localTime: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(localTime);
  if (match) {
    const [hours, minutes] = [Number(match[1]), Number(match[2])];
    if (hours <= 23 && minutes <= 59) return hours * 60 + minutes;
  }
  throw new RangeError(`Jam tidak valid: "${localTime}" (harus JJ:MM, 00:00 sampai 23:59)`);
}

function zoneInfo(zone: Zone): { label: string; offsetMinutes: number } {
  // Zones come from the database as strings; a typo there must fail loudly, not remind at UTC.
  if (!isZone(zone))
    throw new RangeError(`Zona waktu tidak dikenal: "${String(zone)}" (harus Asia/Jakarta, Asia/Makassar atau Asia/Jayapura)`);
  return zones[zone];
}

/** A Date whose UTC fields read as the local wall clock in `zone`. */
function shifted(instant: Date, zone: Zone): Date {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Waktu tidak valid (Invalid Date)');
  return new Date(ms + zoneInfo(zone).offsetMinutes * minuteMs);
}
