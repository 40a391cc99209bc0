// Instants in the CLI's human output: in the zone of the employee they concern, else in the
// operator's, always with the zone's name (WIB, WITA, WIT), so a list mixing zones stays exact.
// `--json` keeps ISO 8601 in UTC, for scripts.
import type { Database } from '../db/database.js';
import {
  indonesianMonthName,
  indonesianWeekdayName,
  isoWeekday,
  localDateOf,
  localTimeOf,
  zoneAtOffset,
  zoneLabel,
  employeeZone,
  employeeZoneSelect,
  officeZone,
  type Zone,
} from '../calendar/local-time.js';

/** 'Jumat, 4 Des 2026 14.05 WIB': an instant as Indonesians write it, in the given zone. */
export function formatInstant(instant: Date, zone: Zone): string {
  const date = localDateOf(instant, zone);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const time = localTimeOf(instant, zone).replace(':', '.');
  return `${indonesianWeekdayName(isoWeekday(date))}, ${day} ${indonesianMonthName(month).slice(0, 3)} ${year} ${time} ${zoneLabel(zone)}`;
}

/**
 * The zone for times that concern no one employee (admin accounts, reports): this computer's
 * (its TZ) when its clock shows one of Indonesia's three zones, else WIB. A server's clock is
 * usually UTC, which nobody in HR reads.
 */
export function operatorZone(now: Date = new Date()): Zone {
  // getTimezoneOffset() counts the minutes UTC is ahead of local time: -420 in WIB.
  return zoneAtOffset(-now.getTimezoneOffset()) ?? officeZone;
}

/** The zones of these employees, by id. */
export async function zonesOfEmployees(db: Database, ids: readonly number[]): Promise<Map<number, Zone>> {
  if (ids.length === 0) return new Map();
  const rows = await db.prisma.employee.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, ...employeeZoneSelect },
  });
  return new Map(rows.map((e) => [e.id, employeeZone(e)]));
}
