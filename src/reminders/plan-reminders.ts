// Decides, for one local date, which reminders each employee gets and when, and why the others
// are not sent. Pure: the schedules, the employee, the date and the calendar are passed in; the
// caller writes the result to ReminderOutbox and shows the reasons to HR.
//
// Every kind of reminder known for the employee's unit ends up either due or skipped with a reason
// in Indonesian, so that "why did Budi get no reminder today?" always has an answer.
//
// Speed: a province plans tens of thousands of employees and a national roll-out millions, each
// day. Everything that depends only on the schedules and the date is done once per planner, what
// depends on the unit chain once per chain (a few hundred units), what depends on the zone once
// per schedule and zone; only leave and the assembly of the result are per employee.

import type { HolidayCalendar } from './holiday-calendar.js';
import {
  formatIndonesianDate,
  indonesianMonthName,
  indonesianWeekdayName,
  instantOf,
  isoWeekday,
  parseLocalDate,
  parseLocalTime,
  type Zone,
} from './local-time.js';

export interface PlanSchedule {
  id: number;
  kind: string;
  scope: string;
  localTime: string;
  days: number[];
  text: string;
  active: boolean;
  windowMinutes: number;
}

export interface PlanEmployee {
  id: number;
  name: string;
  zone: Zone;
  /** the employee's unit code first, then its ancestors */
  unitScopes: string[];
  active: boolean;
  linked: boolean;
  leaves: { startDate: string; endDate: string; kind: string }[];
}

export interface DueReminder {
  scheduleId: number;
  kind: string;
  localDate: string;
  dueAt: Date;
  expiresAt: Date;
  text: string;
}

export interface SkippedReminder {
  kind: string;
  /** Indonesian, for HR: 'akhir pekan', 'hari libur: Hari Raya Natal', 'cuti (cuti) 24-26 November', ... */
  reason: string;
}

export interface DayPlan {
  due: DueReminder[];
  skipped: SkippedReminder[];
}

export interface DayPlanner {
  plan(employee: PlanEmployee): DayPlan;
}

const minuteMs = 60_000;

/** Working-day reminders: Saturday and Sunday are always off, whatever a schedule's days say. */
const isWeekend = (isoDay: number) => isoDay >= 6;

/** Schedules by kind, then by scope, in the order their kinds first appear. */
type SchedulesByKind = Map<string, Map<string, PlanSchedule>>;

function groupByKind(schedules: readonly PlanSchedule[]): SchedulesByKind {
  const byKind: SchedulesByKind = new Map();
  for (const schedule of schedules) {
    let byScope = byKind.get(schedule.kind);
    if (byScope === undefined) byKind.set(schedule.kind, (byScope = new Map()));
    // The database has one schedule per kind and scope; two would make "most specific" ambiguous.
    if (byScope.has(schedule.scope))
      throw new RangeError(`Jadwal ganda untuk jenis "${schedule.kind}" dan cakupan "${schedule.scope}"`);
    byScope.set(schedule.scope, schedule);
  }
  return byKind;
}

/** Per kind the most specific schedule for the chain, active or not: own unit, nearest ancestor, '*'. */
function resolve(byKind: SchedulesByKind, unitScopes: readonly string[]): PlanSchedule[] {
  const resolved: PlanSchedule[] = [];
  for (const byScope of byKind.values()) {
    let found: PlanSchedule | undefined;
    for (const scope of unitScopes) {
      found = byScope.get(scope);
      if (found !== undefined) break;
    }
    found ??= byScope.get('*');
    if (found !== undefined) resolved.push(found);
  }
  return resolved;
}

/**
 * The schedules that apply to a unit: per kind the most specific one (the unit's own scope, else
 * the nearest ancestor's, else '*'). An inactive schedule there switches its kind off for the unit
 * and its descendants, even when the default is active, so it is left out.
 */
export function effectiveSchedules(schedules: PlanSchedule[], unitScopes: string[]): PlanSchedule[] {
  return resolve(groupByKind(schedules), unitScopes).filter((schedule) => schedule.active);
}

/**
 * Fills {nama} and {tanggal} in a template in one pass, so a name containing "{tanggal}" is not
 * filled again. Any other {x} is left as written: HR sees the mistake in the message rather than
 * losing the text around it.
 */
export function renderReminderText(template: string, values: { nama: string; tanggal: string }): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    if (name === 'nama') return values.nama;
    if (name === 'tanggal') return values.tanggal;
    return placeholder;
  });
}

/** A schedule checked once, with what every employee of a zone shares. */
interface CompiledSchedule {
  schedule: PlanSchedule;
  /** The template with {tanggal} already filled in. */
  text: string;
  windowMs: number;
  /** The due instant in each zone met so far, in milliseconds since the epoch. */
  dueMsByZone: Map<Zone, number>;
}

/** What all employees of one unit chain share on the planner's date. */
interface ChainPlan {
  /** Every kind known for the chain, for reasons that apply to the employee as a whole. */
  kinds: string[];
  /** Kinds that are off for the whole chain today: switched off, weekend, holiday, not a schedule day. */
  skipped: SkippedReminder[];
  /** Schedules that go out today unless the employee is away. */
  candidates: CompiledSchedule[];
}

/**
 * Prepares the plans of one local date, for many employees: schedules are checked and the day's
 * facts worked out once. Throws (in Indonesian) on a schedule that cannot be planned, such as a
 * time '25:00', rather than skipping it unnoticed.
 */
export function createDayPlanner(schedules: PlanSchedule[], localDate: string, calendar: HolidayCalendar): DayPlanner {
  const weekday = isoWeekday(localDate);
  const tanggal = formatIndonesianDate(localDate);
  const byKind = groupByKind(schedules);
  const compiled = new Map<PlanSchedule, CompiledSchedule>();
  for (const schedule of schedules) compiled.set(schedule, compile(schedule, tanggal));
  const chains = new Map<string, ChainPlan>();

  function chainPlan(unitScopes: readonly string[]): ChainPlan {
    // Unit codes never contain control characters, so this key cannot mix up two chains.
    const key = unitScopes.join('\u001f');
    let plan = chains.get(key);
    if (plan !== undefined) return plan;

    const resolved = resolve(byKind, unitScopes);
    const holiday = isWeekend(weekday) ? undefined : calendar.holidayOn(localDate, unitScopes);
    plan = { kinds: resolved.map((schedule) => schedule.kind), skipped: [], candidates: [] };
    for (const schedule of resolved) {
      const reason = !schedule.active
        ? 'jadwal tidak aktif'
        : isWeekend(weekday)
          ? 'akhir pekan'
          : !schedule.days.includes(weekday)
            ? `bukan hari jadwal (${describeDays(schedule.days)})`
            : holiday !== undefined
              ? `hari libur: ${holiday.name}`
              : undefined;
      if (reason === undefined) plan.candidates.push(compiled.get(schedule)!);
      else plan.skipped.push({ kind: schedule.kind, reason });
    }
    chains.set(key, plan);
    return plan;
  }

  return {
    plan(employee) {
      const chain = chainPlan(employee.unitScopes);
      const everyKind = (reason: string): DayPlan => ({
        due: [],
        skipped: chain.kinds.map((kind) => ({ kind, reason })),
      });
      if (!employee.active) return everyKind('pegawai tidak aktif');
      if (!employee.linked) return everyKind('akun Telegram belum terhubung');

      const skipped = chain.skipped.map((entry) => ({ ...entry }));
      const leave = chain.candidates.length === 0 ? undefined : leaveOn(employee.leaves, localDate);
      if (leave !== undefined) {
        const reason = `cuti (${leave.kind}) ${formatDateRange(leave.startDate, leave.endDate)}`;
        for (const candidate of chain.candidates) skipped.push({ kind: candidate.schedule.kind, reason });
        return { due: [], skipped };
      }

      const due = chain.candidates.map((candidate): DueReminder => {
        const dueMs = dueMsFor(candidate, employee.zone, localDate);
        return {
          scheduleId: candidate.schedule.id,
          kind: candidate.schedule.kind,
          localDate,
          dueAt: new Date(dueMs),
          expiresAt: new Date(dueMs + candidate.windowMs),
          text: renderReminderText(candidate.text, { nama: employee.name, tanggal }),
        };
      });
      return { due, skipped };
    },
  };
}

/**
 * The plan of one employee on one local date. For many employees use createDayPlanner, which
 * shares the work between them; the result is the same.
 */
export function planDay(
  employee: PlanEmployee,
  schedules: PlanSchedule[],
  localDate: string,
  calendar: HolidayCalendar,
): DayPlan {
  return createDayPlanner(schedules, localDate, calendar).plan(employee);
}

function compile(schedule: PlanSchedule, tanggal: string): CompiledSchedule {
  const where = `Jadwal ${schedule.id} (${schedule.kind}, cakupan ${schedule.scope})`;
  try {
    parseLocalTime(schedule.localTime);
  } catch (error) {
    throw new RangeError(`${where}: ${(error as Error).message}`, { cause: error });
  }
  for (const day of schedule.days)
    if (!Number.isInteger(day) || day < 1 || day > 7)
      throw new RangeError(`${where}: hari ${day} tidak ada (1 = Senin sampai 7 = Minggu)`);
  if (!Number.isInteger(schedule.windowMinutes) || schedule.windowMinutes <= 0)
    throw new RangeError(`${where}: jendela kirim harus bilangan bulat menit lebih dari 0, tertulis ${schedule.windowMinutes}`);
  // {tanggal} is the same for everyone today: filling it here leaves only {nama} per employee.
  // Safe because the formatted date holds no braces, so no new placeholder can appear.
  const text = renderReminderText(schedule.text, { nama: '{nama}', tanggal });
  return { schedule, text, windowMs: schedule.windowMinutes * minuteMs, dueMsByZone: new Map() };
}

function dueMsFor(candidate: CompiledSchedule, zone: Zone, localDate: string): number {
  let ms = candidate.dueMsByZone.get(zone);
  if (ms === undefined) {
    ms = instantOf(localDate, candidate.schedule.localTime, zone).getTime();
    candidate.dueMsByZone.set(zone, ms);
  }
  return ms;
}

/**
 * The leave that covers `localDate`, both ends included. Dates compare as strings because
 * 'YYYY-MM-DD' sorts like the calendar; a range whose end is before its start covers no day.
 */
function leaveOn(leaves: PlanEmployee['leaves'], localDate: string): PlanEmployee['leaves'][number] | undefined {
  for (const leave of leaves) {
    parseLocalDate(leave.startDate);
    parseLocalDate(leave.endDate);
    if (leave.startDate <= localDate && localDate <= leave.endDate) return leave;
  }
  return undefined;
}

/** '24-26 November', '24 November', '30 November-2 Desember', '30 Desember 2026-2 Januari 2027'. */
function formatDateRange(startDate: string, endDate: string): string {
  const [startYear, startMonth, startDay] = startDate.split('-').map(Number) as [number, number, number];
  const [endYear, endMonth, endDay] = endDate.split('-').map(Number) as [number, number, number];
  const endText = `${endDay} ${indonesianMonthName(endMonth)}`;
  if (startYear !== endYear) return `${startDay} ${indonesianMonthName(startMonth)} ${startYear}-${endText} ${endYear}`;
  if (startMonth !== endMonth) return `${startDay} ${indonesianMonthName(startMonth)}-${endText}`;
  if (startDay !== endDay) return `${startDay}-${endText}`;
  return endText;
}

/** 'hanya Jumat', 'hanya Senin, Rabu dan Jumat': the working days the schedule keeps. */
function describeDays(days: readonly number[]): string {
  const names = [...new Set(days)]
    .filter((day) => !isWeekend(day))
    .sort((a, b) => a - b)
    .map(indonesianWeekdayName);
  if (names.length === 0) return 'tidak ada hari kerja dalam jadwal';
  if (names.length === 1) return `hanya ${names[0]}`;
  return `hanya ${names.slice(0, -1).join(', ')} dan ${names.at(-1)}`;
}
