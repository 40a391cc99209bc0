// HR's changes to reminder schedules and days off, shared by `asn reminders set`, `asn holidays
// add` and the admin pages. The callers check the input's form (flags or form fields); these
// functions check what needs the database and write.
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import type { HolidayKind } from '../calendar/holiday-calendar.js';
import { indonesianWeekdayName } from '../calendar/local-time.js';

export const reminderKinds = ['disiplin', 'kinerja', 'ringkasan', 'netralitas'] as const;
export type ReminderKind = (typeof reminderKinds)[number];
export const holidayKinds: readonly HolidayKind[] = ['cuti_bersama', 'daerah', 'nasional'];

/** 'HH:MM' from 00:00 to 23:59. */
export const isLocalTime = (text: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(text);

/** The shortest name of an ISO weekday: 1 -> 'Sen'. */
export const shortDayName = (day: number) => ['', 'Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab', 'Min'][day] ?? String(day);

/** 'Sen,Sel,Rab' for the list; `indonesianWeekdayName` for the long form. */
export const describeDays = (days: readonly number[], long = false) =>
  days.map((d) => (long ? indonesianWeekdayName(d) : shortDayName(d))).join(long ? ', ' : ',');

export interface ScheduleChanges {
  localTime?: string;
  days?: number[];
  text?: string;
  windowMinutes?: number;
  active?: boolean;
}

/** The schedules planning uses: every one but removed unit schedules. */
export const inUse = { removedAt: null } as const;

/**
 * Changes the schedule of a kind for everyone (`scope` '*') or for one unit (its code). A unit
 * override that does not exist yet (or was removed) starts as a copy of the default, with the
 * changes applied. Throws AppError `unknown_unit` for a unit code that is not in the org chart.
 */
export async function saveReminderSchedule(db: Database, kind: ReminderKind, scope: string, changes: ScheduleChanges) {
  if (scope !== '*' && !(await db.prisma.orgUnit.findUnique({ where: { code: scope } }))) {
    throw new AppError('unknown_unit', `Unit ${scope} tidak ditemukan.`);
  }
  const base = await db.prisma.reminderSchedule.findUnique({ where: { kind_scope: { kind, scope: '*' } } });
  const data = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as ScheduleChanges;
  const copyOfBase = {
    localTime: base?.localTime ?? '07:15',
    days: base?.days ?? [1, 2, 3, 4, 5],
    text: base?.text ?? 'Pengingat untuk {nama} ({tanggal}).',
    windowMinutes: base?.windowMinutes ?? 120,
    active: base?.active ?? true,
  };
  const existing = await db.prisma.reminderSchedule.findUnique({ where: { kind_scope: { kind, scope } } });
  return db.prisma.reminderSchedule.upsert({
    where: { kind_scope: { kind, scope } },
    create: { kind, scope, ...copyOfBase, ...data },
    // A removed unit schedule comes back as a new copy, not with the settings it had then.
    update: existing?.removedAt ? { ...copyOfBase, ...data, removedAt: null } : data,
  });
}

/**
 * Removes a unit's own schedule: its people get their parent unit's or the default schedule again,
 * from the next reminder on (today's pending ones included). The row stays, for the reminders sent
 * under it. Throws AppError `default_schedule` for a default ('*') schedule, which can only be
 * switched off, and `not_found` when there is no such unit schedule in use.
 */
export async function removeUnitSchedule(db: Database, kind: ReminderKind, scope: string, now: Date) {
  if (scope === '*')
    throw new AppError('default_schedule', 'Jadwal bawaan tidak dapat dihapus; nonaktifkan bila tidak diperlukan.');
  const { count } = await db.prisma.reminderSchedule.updateMany({
    where: { kind, scope, ...inUse },
    data: { removedAt: now },
  });
  if (count === 0) throw new AppError('not_found', `Unit ${scope} tidak punya jadwal ${kind} sendiri.`);
}

export interface HolidayInput {
  /** A real 'YYYY-MM-DD' (the caller checks it). */
  date: string;
  name: string;
  kind: HolidayKind;
  /** '*' for everyone or a unit code. */
  scope: string;
}

/** Adds a day off (or renames the one HR already has on that date and scope). */
export async function saveHoliday(db: Database, input: HolidayInput) {
  const date = new Date(`${input.date}T00:00:00Z`);
  return db.prisma.holiday.upsert({
    where: { date_scope: { date, scope: input.scope } },
    create: { date, name: input.name, kind: input.kind, scope: input.scope },
    update: { name: input.name, kind: input.kind },
  });
}
