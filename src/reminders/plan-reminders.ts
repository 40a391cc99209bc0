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

import type { HolidayCalendar } from '../calendar/holiday-calendar.js';
import { isWeekendDay } from '../calendar/working-day.js';
import {
  formatIndonesianDate,
  indonesianMonthName,
  indonesianWeekdayName,
  instantOf,
  isoWeekday,
  parseLocalDate,
  parseLocalTime,
  type Zone,
} from '../calendar/local-time.js';

export interface PlanSchedule {
  id: number;
  kind: string;
  scope: string;
  localTime: string;
  days: number[];
  text: string;
  active: boolean;
  windowMinutes: number;
  /**
   * Periods in which the schedule is on even when it is not `active`, for the units of their scope
   * ('*' for everyone): HR's election periods, for the neutrality reminder.
   */
  onDuring?: readonly { name: string; scope: string; startDate: string; endDate: string }[];
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
    // JSON keeps the codes apart whatever characters they contain.
    const key = JSON.stringify(unitScopes);
    let plan = chains.get(key);
    if (plan !== undefined) return plan;

    const resolved = resolve(byKind, unitScopes);
    const holiday = isWeekendDay(weekday) ? undefined : calendar.holidayOn(localDate, unitScopes);
    plan = { kinds: resolved.map((schedule) => schedule.kind), skipped: [], candidates: [] };
    for (const schedule of resolved) {
      const period = schedule.active ? undefined : periodOn(schedule, localDate, unitScopes);
      // The first reason that applies, the most lasting first; a Friday-only summary on a
      // Wednesday holiday is "not a schedule day", which stays true after the holiday.
      const reason =
        !schedule.active && !period
          ? schedule.onDuring?.length
            ? 'jadwal tidak aktif dan tidak ada masa pemilu untuk unit ini pada tanggal ini'
            : 'jadwal tidak aktif'
          : isWeekendDay(weekday)
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

// planDay is called once per employee with the same schedules, date and calendar; building a
// planner for each call costs several times the planning itself (2 s instead of 0.3 s for 100,000
// employees). So it keeps the planners per schedules array and calendar, in WeakMaps: when the
// caller drops the array or the calendar, the planners go with them. Around midnight the zones are
// on two different dates, and a caller going through employees of mixed zones alternates between
// them: a few dates are kept, not only the last.
const recentPlanners = new WeakMap<PlanSchedule[], WeakMap<HolidayCalendar, Map<string, DayPlanner>>>();
const datesKept = 4;

/**
 * The plan of one employee on one local date. Calls with the same `schedules` array, calendar and
 * date share their work, so the schedules must not be changed in place between calls: after an
 * edit, pass a new array (as reading them again from the database does).
 */
export function planDay(
  employee: PlanEmployee,
  schedules: PlanSchedule[],
  localDate: string,
  calendar: HolidayCalendar,
): DayPlan {
  let byCalendar = recentPlanners.get(schedules);
  if (byCalendar === undefined) recentPlanners.set(schedules, (byCalendar = new WeakMap()));
  let byDate = byCalendar.get(calendar);
  if (byDate === undefined) byCalendar.set(calendar, (byDate = new Map()));
  let planner = byDate.get(localDate);
  if (planner === undefined) {
    planner = createDayPlanner(schedules, localDate, calendar);
    // A Map iterates in insertion order: the first key is the date planned longest ago.
    if (byDate.size >= datesKept) byDate.delete(byDate.keys().next().value!);
    byDate.set(localDate, planner);
  }
  return planner.plan(employee);
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

/** The schedule's period (see `onDuring`) that covers the date for this unit chain, if any. */
function periodOn(schedule: PlanSchedule, localDate: string, unitScopes: readonly string[]) {
  return schedule.onDuring?.find(
    (p) => p.startDate <= localDate && localDate <= p.endDate && (p.scope === '*' || unitScopes.includes(p.scope)),
  );
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
    .filter((day) => !isWeekendDay(day))
    .sort((a, b) => a - b)
    .map(indonesianWeekdayName);
  if (names.length === 0) return 'tidak ada hari kerja dalam jadwal';
  if (names.length === 1) return `hanya ${names[0]}`;
  return `hanya ${names.slice(0, -1).join(', ')} dan ${names.at(-1)}`;
}
