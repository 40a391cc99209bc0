import type { Database } from '../db/database.js';
import { employeeZone } from '../calendar/local-time.js';
import { loadUnitDaysOff } from '../calendar/unit-days-off.js';
import { escalateIn, lockFlag } from './flag-actions.js';
import { workingHoursBetween } from '../calendar/working-hours.js';

/**
 * Flags nobody acknowledged within `workingHours` of the addressee's office hours (their own time
 * zone; weekends, holidays and their unit's regional days excluded) go one level up, as the
 * system. Acknowledged, resolved and HR's flags stay where they are. Safe on several instances:
 * each flag is re-read under a lock.
 */
export async function escalateOverdueFlags(db: Database, options: { now: Date; workingHours: number }): Promise<number> {
  const { now } = options;
  const waiting = await db.prisma.$queryRawUnsafe<
    { id: number; assigned_at: Date; own_zone: string | null; unit_zone: string | null; unit_id: number | null }[]
  >(
    `SELECT f.id, f.assigned_at, a.time_zone AS own_zone, u.time_zone AS unit_zone, a.unit_id
     FROM flag f JOIN employee a ON a.id = f.assignee_id LEFT JOIN org_unit u ON u.id = a.unit_id
     WHERE f.status IN ('open', 'escalated')`,
  );
  if (waiting.length === 0) return 0;
  const oldest = waiting.reduce((min, f) => (f.assigned_at < min ? f.assigned_at : min), now);
  const daysOffOf = await loadUnitDaysOff(db, new Date(oldest.getTime() - 86_400_000), now);
  let escalated = 0;
  for (const f of waiting) {
    const zone = employeeZone({ timeZone: f.own_zone, unit: { timeZone: f.unit_zone } });
    if (workingHoursBetween(f.assigned_at, now, zone, daysOffOf(f.unit_id)) < options.workingHours) continue;
    const done = await db.prisma.$transaction(async (tx) => {
      const flag = await lockFlag(tx, f.id);
      // Someone acted (or another instance escalated) since the list was read.
      if (!flag || !['open', 'escalated'].includes(flag.status) || flag.assignedAt.getTime() !== f.assigned_at.getTime())
        return false;
      return (await escalateIn(tx, flag, 'sistem', now, 'overdue')).ok;
    });
    if (done) escalated++;
  }
  return escalated;
}
