// What one employee receives on one local date, and why (not): `asn reminders preview` and the
// admin page "Pengingat" show the same lines. Reads only that employee's rows (not the 100,000 of
// a province, as planning does) and plans with the same pure planner.
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { normalizeNip } from '../people/nip.js';
import { HolidayCalendar } from '../calendar/holiday-calendar.js';
import {
  formatIndonesianDate,
  localDateOf,
  localDateOfColumn,
  localTimeOf,
  zoneLabel,
  employeeZone,
  type Zone,
} from '../calendar/local-time.js';
import { unitScopesOf } from '../people/unit-tree.js';
import { planDay, type DayPlan } from './plan-reminders.js';
import { inUse } from './reminder-schedules.js';
import { withElectionPeriods } from './election-reminders.js';

export interface ReminderPreview {
  employee: { id: number; nip: string; name: string };
  /** The local date planned, 'YYYY-MM-DD'. */
  date: string;
  zone: Zone;
  plan: DayPlan;
}

/**
 * Plans one employee's reminders for `date` (a real 'YYYY-MM-DD'; the caller checks it), or for
 * today in the employee's zone. Throws AppError `employee_not_found` for an unknown NIP.
 */
export async function previewReminders(
  db: Database,
  options: { nip: string; date?: string; now: Date },
): Promise<ReminderPreview> {
  const nip = normalizeNip(options.nip);
  const employee = await db.prisma.employee.findUnique({
    where: { nip },
    select: {
      id: true,
      nip: true,
      name: true,
      unitId: true,
      timeZone: true,
      active: true,
      telegram: { select: { employeeId: true } },
    },
  });
  if (!employee) throw new AppError('employee_not_found', `Pegawai dengan NIP ${options.nip} tidak ditemukan.`);
  const [schedules, units] = await Promise.all([
    db.prisma.reminderSchedule.findMany({ where: inUse }),
    db.prisma.orgUnit.findMany({ select: { id: true, code: true, parentId: true, timeZone: true } }),
  ]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const unitScopes = unitScopesOf(units)(employee.unitId);
  const unit = employee.unitId ? unitById.get(employee.unitId) : undefined;
  const zone = employeeZone({ timeZone: employee.timeZone, unit });
  const date = options.date ?? localDateOf(options.now, zone);
  const day = new Date(`${date}T00:00:00Z`);
  const [holidays, leaves] = await Promise.all([
    db.prisma.holiday.findMany({ where: { date: day } }),
    db.prisma.leave.findMany({ where: { employeeId: employee.id, startDate: { lte: day }, endDate: { gte: day } } }),
  ]);
  const calendar = HolidayCalendar.fromRows(holidays);
  const plan = planDay(
    {
      id: employee.id,
      name: employee.name,
      zone,
      unitScopes,
      active: employee.active,
      linked: employee.telegram !== null,
      leaves: leaves.map((l) => ({
        startDate: localDateOfColumn(l.startDate),
        endDate: localDateOfColumn(l.endDate),
        kind: l.kind,
      })),
    },
    await withElectionPeriods(
      db,
      schedules.map((s) => ({ ...s })),
      day,
      day,
    ),
    date,
    calendar,
  );
  return { employee: { id: employee.id, nip: employee.nip, name: employee.name }, date, zone, plan };
}

/** The preview as `asn reminders preview` prints it: a heading, then one line per reminder kind. */
export function formatPreview(p: ReminderPreview): string[] {
  const zone = zoneLabel(p.zone);
  const lines = [`${p.employee.name} (NIP ${p.employee.nip}), ${formatIndonesianDate(p.date)}, zona ${zone}:`];
  for (const d of p.plan.due) lines.push(`  ✓ ${d.kind} pukul ${localTimeOf(d.dueAt, p.zone)} ${zone}: "${d.text}"`);
  for (const s of p.plan.skipped) lines.push(`  ✗ ${s.kind}: tidak dikirim (${s.reason})`);
  if (p.plan.due.length === 0 && p.plan.skipped.length === 0) lines.push('  (tidak ada jadwal pengingat)');
  return lines;
}
