// The rules that turn stored facts about one employee into flags for the supervisor. Pure: the
// caller reads KPI logs, reminder answers, holidays and leave from the database, passes `today` (a
// local date, never read from a clock here) and stores what comes back.
//
// One flag per (employee, kind, period): each rule chooses its period so that the same situation
// keeps the same period from day to day (the caller updates the open flag) and a new situation gets
// a new one (the caller raises a new flag).
//
// Titles and evidence are shown to the employee as well as to the supervisor, so they state what
// the records show, with dates and counts, and never a verdict: a flag is a reason to talk, and a
// disciplinary penalty needs the examination of PP 94/2021 Pasal 26-27 first.

import { addDays, formatIndonesianDateRange, isoWeekday, parseLocalDate } from '../calendar/local-time.js';
import { isWorkingDay } from '../calendar/working-day.js';

/** Thresholds HR can change per installation. */
export interface RuleThresholds {
  /** (a) working days in a row without a KPI log before a flag; default 3. */
  kpiMissingDays: number;
  /** (b) discipline reminders unanswered or answered late in one ISO week before a flag; default 3. */
  disciplineMissesPerWeek: number;
}

// Frozen: it is shared by every caller, and HR's changes must arrive as a new object, not an edit here.
export const defaultThresholds: RuleThresholds = Object.freeze({ kpiMissingDays: 3, disciplineMissesPerWeek: 3 });

export type FlagKind = 'kpi_missing' | 'discipline_unanswered' | 'absence_threshold';

/**
 * 'ringan', 'sedang' and 'berat' are the penalty levels of PP 94/2021 Pasal 8 that the regulation
 * attaches to the count; 'info' is for flags that no regulation grades (a missing KPI log, an
 * unanswered reminder), so that they never read as a disciplinary level.
 */
export type FlagSeverity = 'ringan' | 'sedang' | 'berat' | 'info';

export interface FlagCandidate {
  kind: FlagKind;
  period: string;
  /** Indonesian, factual: shown to the supervisor and to the employee. */
  title: string;
  /** Dates, counts and the threshold used, so the flag can be checked against the records. */
  evidence: Record<string, unknown>;
  /** The article the threshold comes from, e.g. 'PP 94/2021 Pasal 9 ayat (2) huruf b angka 2'. */
  article?: string;
  severity: FlagSeverity;
}

// Long leave without pay (CLTN) lasts up to 3 years plus 1 (PP 11/2017 Pasal 334): five years back
// is the furthest a search for an employee's previous working day has to go. The bound exists so
// that an `isOff` that is always true (an error, or someone away for good) cannot loop forever.
const lookbackDays = 5 * 366;

/** The working days from `from` backwards, newest first, down to `floor` included. */
function* workingDaysBack(from: string, isOff: (date: string) => boolean, floor: string): Generator<string> {
  for (let date = from; date >= floor; date = addDays(date, -1)) if (isWorkingDay(date, isOff)) yield date;
}

/**
 * Working days (Mon-Fri, not holidays, not the employee's leave) up to and including `today`,
 * newest last, for the last `count` such days. Fewer when there are no more in the five years
 * before `today`.
 */
export function lastWorkingDays(today: string, count: number, isOff: (date: string) => boolean): string[] {
  parseLocalDate(today);
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`Jumlah hari kerja harus bilangan bulat 0 atau lebih, tertulis ${count}`);
  const days: string[] = [];
  if (count === 0) return days;
  for (const date of workingDaysBack(today, isOff, addDays(today, -lookbackDays))) {
    days.push(date);
    if (days.length === count) break;
  }
  return days.reverse();
}

/**
 * (a) The trailing run of working days without any KPI log, up to and including `today`; fires
 * when the run reaches `thresholds.kpiMissingDays`. The period is the first missing date of the
 * run, so a run that grows updates the same flag and a new run after a log raises a new one.
 *
 * `today` must be a day whose logging is over (run this in the evening, or pass yesterday in the
 * morning): a day still in progress would otherwise count as missing and be shown as such.
 */
export function kpiMissingRule(input: {
  today: string;
  kpiLogDates: Set<string>;
  isOff: (date: string) => boolean;
  thresholds: RuleThresholds;
  /** The first day the employee could log (e.g. the day they linked the bot): earlier days never count. */
  since?: string;
}): FlagCandidate | undefined {
  const { today, kpiLogDates, isOff, thresholds, since } = input;
  parseLocalDate(today);
  const threshold = checkThreshold('kpiMissingDays', thresholds.kpiMissingDays);
  // The walk stops at 1 January of the previous year. That bounds the work for someone who never
  // logged and, unlike "N days back", keeps the first date of such a run (the period) the same from
  // one day to the next: only a run older than that moves on, once a year.
  const yearFloor = `${yearOf(today) - 1}-01-01`;
  const floor = since !== undefined && since > yearFloor ? since : yearFloor;
  const missing: string[] = [];
  let lastLogged: string | null = null;
  for (const date of workingDaysBack(today, isOff, floor)) {
    if (kpiLogDates.has(date)) {
      lastLogged = date;
      break;
    }
    missing.push(date);
  }
  if (missing.length < threshold) return undefined;
  missing.reverse();
  const first = missing[0]!;
  const last = missing.at(-1)!;
  return {
    kind: 'kpi_missing',
    period: first,
    // "berturut-turut" only where there is a row: HR may set the threshold to a single day.
    title: `Belum mengisi catatan kinerja ${missing.length} hari kerja${missing.length > 1 ? ' berturut-turut' : ''} (${formatIndonesianDateRange(first, last)})`,
    evidence: { dates: missing, days: missing.length, lastLoggedWorkingDay: lastLogged, threshold },
    severity: 'info',
  };
}

// With two reminders on one day, the better answer stands: on time, then late, then none.
const rank = { on_time: 0, late: 1, unanswered: 2 } as const;

export type ReminderStatus = 'sent' | 'missed' | 'pending' | 'skipped' | 'blocked' | 'failed';

/**
 * (b) In the ISO week of `today`, the days whose discipline reminder reached the employee and was
 * not answered, or was answered only after its window (late); fires when their number reaches
 * `thresholds.disciplineMissesPerWeek`. Period: the ISO week, like '2026-W52'.
 *
 * Only status 'sent' counts. 'missed' means the bot did not send the reminder within its window
 * (the scheduler was down), 'skipped' that the employee was on leave, 'blocked' and 'failed' that
 * the message did not arrive, 'pending' that it has not gone out: none of those is the employee's
 * miss. Days are counted, not reminders, and a day with any answer in time is no miss.
 *
 * As with (a), `today` should be past the day's answer window, or today's reminder counts as
 * unanswered while it can still be answered.
 */
export function disciplineRule(input: {
  today: string;
  reminders: { localDate: string; status: ReminderStatus; answeredLate?: boolean; answered: boolean }[];
  thresholds: RuleThresholds;
}): FlagCandidate | undefined {
  const { today, reminders, thresholds } = input;
  const threshold = checkThreshold('disciplineMissesPerWeek', thresholds.disciplineMissesPerWeek);
  const week = isoWeek(today);
  const weekStart = addDays(today, 1 - isoWeekday(today));
  const weekEnd = addDays(weekStart, 6);

  const outcomeByDate = new Map<string, 'on_time' | 'late' | 'unanswered'>();
  for (const reminder of reminders) {
    parseLocalDate(reminder.localDate);
    if (reminder.localDate < weekStart || reminder.localDate > today || reminder.status !== 'sent') continue;
    const outcome = !reminder.answered ? 'unanswered' : reminder.answeredLate === true ? 'late' : 'on_time';
    const before = outcomeByDate.get(reminder.localDate);
    if (before === undefined || rank[outcome] < rank[before]) outcomeByDate.set(reminder.localDate, outcome);
  }

  const unansweredDates: string[] = [];
  const lateDates: string[] = [];
  for (const [date, outcome] of outcomeByDate) {
    if (outcome === 'unanswered') unansweredDates.push(date);
    else if (outcome === 'late') lateDates.push(date);
  }
  const misses = unansweredDates.length + lateDates.length;
  if (misses < threshold) return undefined;
  unansweredDates.sort();
  lateDates.sort();

  const parts: string[] = [];
  if (unansweredDates.length > 0) parts.push(`${unansweredDates.length} kali tidak dijawab`);
  if (lateDates.length > 0) parts.push(`${lateDates.length} kali dijawab setelah batas waktu`);
  return {
    kind: 'discipline_unanswered',
    period: week,
    title: `Pengingat disiplin pagi ${parts.join(' dan ')} pada pekan ${formatIndonesianDateRange(weekStart, weekEnd)}`,
    evidence: {
      week,
      weekStart,
      weekEnd,
      unansweredDates,
      lateDates,
      misses,
      remindersReceived: outcomeByDate.size,
      threshold,
    },
    severity: 'info',
  };
}

/** One band of unexcused absence days in a calendar year and what PP 94/2021 attaches to it. */
interface AbsenceBand {
  min: number;
  max: number;
  penalty: string;
  severity: FlagSeverity;
  article: string;
}

const dismissal = 'pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS';

// PP 94/2021, read from the published text: Pasal 9 ayat (2) huruf b (ringan), Pasal 10 ayat (2)
// huruf f (sedang), Pasal 11 ayat (2) huruf d (berat), each "secara kumulatif ... dalam 1 (satu)
// tahun", counted to the end of the calendar year (Pasal 15 ayat (1)).
const absenceBands: readonly AbsenceBand[] = [
  band(3, 3, 'teguran lisan', 'ringan', 'Pasal 9 ayat (2) huruf b angka 1'),
  band(4, 6, 'teguran tertulis', 'ringan', 'Pasal 9 ayat (2) huruf b angka 2'),
  band(7, 10, 'pernyataan tidak puas secara tertulis', 'ringan', 'Pasal 9 ayat (2) huruf b angka 3'),
  band(11, 13, 'pemotongan tunjangan kinerja 25% selama 6 bulan', 'sedang', 'Pasal 10 ayat (2) huruf f angka 1'),
  band(14, 16, 'pemotongan tunjangan kinerja 25% selama 9 bulan', 'sedang', 'Pasal 10 ayat (2) huruf f angka 2'),
  band(17, 20, 'pemotongan tunjangan kinerja 25% selama 12 bulan', 'sedang', 'Pasal 10 ayat (2) huruf f angka 3'),
  band(21, 24, 'penurunan jabatan setingkat lebih rendah selama 12 bulan', 'berat', 'Pasal 11 ayat (2) huruf d angka 1'),
  band(25, 27, 'pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan', 'berat', 'Pasal 11 ayat (2) huruf d angka 2'),
  band(28, Infinity, dismissal, 'berat', 'Pasal 11 ayat (2) huruf d angka 3'),
];

function band(min: number, max: number, penalty: string, severity: FlagSeverity, article: string): AbsenceBand {
  return { min, max, penalty, severity, article: `PP 94/2021 ${article}` };
}

const consecutiveDays = 10;
const consecutiveArticle = 'PP 94/2021 Pasal 11 ayat (2) huruf d angka 4 dan Pasal 15 ayat (2)';
const salaryNote =
  'PP 94/2021 Pasal 15 ayat (2): PNS yang tidak masuk kerja tanpa alasan yang sah secara terus menerus selama 10 hari kerja diberhentikan pembayaran gajinya sejak bulan berikutnya.';
const absenceNote =
  'Dihitung dari catatan: hari kerja tanpa keterangan hadir, izin, sakit, cuti atau dinas luar. ' +
  'Keterangan yang belum tercatat dapat disampaikan kepada atasan atau bagian kepegawaian untuk diperbaiki. ' +
  'Hukuman disiplin hanya dijatuhkan setelah pemeriksaan oleh atasan langsung (PP 94/2021 Pasal 27 ayat (1)).';

/**
 * (c) Unexcused absence days against the thresholds of PP 94/2021 (for PNS and CPNS; PPPK fall
 * under their own rules). Two counts:
 * - the days in the calendar year of `today` (Pasal 15 ayat (1)), mapped to a band; the period is
 *   the year and the band, e.g. '2026:4-6', so reaching the next band raises a new flag and another
 *   day within the band updates the open one;
 * - a run of 10 or more working days in a row (Pasal 11 ayat (2) huruf d angka 4; the salary stops
 *   from the next month, Pasal 15 ayat (2)); the period is the year and first date of the run, e.g.
 *   '2026:10-berturut:2026-12-14', so a run that goes on updates its flag, across New Year too.
 *
 * When both apply, the one reached last is returned: a run that is still going on (or that reached
 * the current band) wins, and a band reached after the run ended raises its own flag; the other
 * count is in the evidence either way.
 *
 * Only working days up to `today` count: a date on a weekend, holiday or leave (`isOff`) or after
 * `today` is left out and listed as `ignoredDates`. Weekends and holidays do not interrupt a run.
 * A day of leave does (the employee had a valid reason that day), but `isOff` cannot tell leave
 * from a holiday: pass `isLeave` for that, or leave within a run is treated like a holiday.
 */
export function absenceRule(input: {
  today: string;
  unexcusedDates: string[];
  isOff: (date: string) => boolean;
  isLeave?: (date: string) => boolean;
}): FlagCandidate | undefined {
  const { today, isOff } = input;
  const isLeave = input.isLeave ?? (() => false);
  parseLocalDate(today);
  const year = yearOf(today);

  const counted: string[] = [];
  const ignoredDates: string[] = [];
  for (const date of new Set(input.unexcusedDates)) {
    parseLocalDate(date);
    if (date <= today && isWorkingDay(date, isOff)) counted.push(date);
    else ignoredDates.push(date);
  }
  counted.sort();
  ignoredDates.sort();
  const yearDates = counted.filter((date) => yearOf(date) === year);
  const total = yearDates.length;
  const current = absenceBands.find((b) => b.min <= total && total <= b.max);
  // The latest run of 10 that ends in this year; one that ended last year belongs to last year's count.
  const run = runsOf(counted, isOff, isLeave)
    .filter((r) => r.length >= consecutiveDays && yearOf(r.at(-1)!) === year)
    .at(-1);
  if (current === undefined && run === undefined) return undefined;

  const common = {
    year,
    totalDays: total,
    dates: yearDates,
    band: current === undefined ? null : bandLabel(current),
    longestRunDays: Math.max(0, ...runsOf(yearDates, isOff, isLeave).map((r) => r.length)),
    ignoredDates,
    note: absenceNote,
  };

  // The date the current band was reached: its lowest count's day.
  const bandReached = current === undefined ? undefined : yearDates[current.min - 1]!;
  if (run !== undefined && (bandReached === undefined || run.at(-1)! >= bandReached)) {
    const first = run[0]!;
    const last = run.at(-1)!;
    return {
      kind: 'absence_threshold',
      period: `${yearOf(first)}:${consecutiveDays}-berturut:${first}`,
      title:
        `Tercatat tidak masuk kerja tanpa keterangan ${run.length} hari kerja berturut-turut (${formatIndonesianDateRange(first, last)}); ` +
        `PP 94/2021: ${dismissal} untuk 10 hari kerja berturut-turut`,
      evidence: { ...common, run: { firstDate: first, lastDate: last, days: run.length, dates: run }, salaryNote },
      article: consecutiveArticle,
      severity: 'berat',
    };
  }

  const b = current!;
  const range =
    b.max === Infinity
      ? `${b.min} hari kerja atau lebih`
      : b.min === b.max
        ? `${b.min} hari kerja`
        : `${b.min}-${b.max} hari kerja`;
  return {
    kind: 'absence_threshold',
    period: `${year}:${bandLabel(b)}`,
    title: `Tercatat ${total} hari kerja tidak masuk tanpa keterangan pada tahun ${year}; PP 94/2021: ${b.penalty} untuk ${range} dalam setahun`,
    evidence: {
      ...common,
      penalty: b.penalty,
      ...(run === undefined ? {} : { run: { firstDate: run[0]!, lastDate: run.at(-1)!, days: run.length, dates: run } }),
    },
    article: b.article,
    severity: b.severity,
  };
}

/** '3', '4-6', '28+': the band part of an absence flag's period. */
function bandLabel(b: AbsenceBand): string {
  if (b.max === Infinity) return `${b.min}+`;
  return b.min === b.max ? `${b.min}` : `${b.min}-${b.max}`;
}

/**
 * Sorted working dates split into runs of consecutive working days: two dates are in one run when
 * every day between them is off (weekend, holiday) and none of those days is leave.
 */
function runsOf(dates: readonly string[], isOff: (date: string) => boolean, isLeave: (date: string) => boolean): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  for (const date of dates) {
    const previous = run.at(-1);
    if (previous !== undefined && !adjacent(previous, date, isOff, isLeave)) {
      runs.push(run);
      run = [];
    }
    run.push(date);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function adjacent(earlier: string, later: string, isOff: (date: string) => boolean, isLeave: (date: string) => boolean): boolean {
  // The walk ends at the first working day or leave day, so it is short unless both dates are far
  // apart with only days off between them, which is exactly when it has to look at every day.
  for (let date = addDays(earlier, 1); date < later; date = addDays(date, 1))
    if (isWorkingDay(date, isOff) || isLeave(date)) return false;
  return true;
}

/** The ISO 8601 week of a local date, like '2026-W52': weeks start on Monday, and a week belongs to the year of its Thursday. */
export function isoWeek(localDate: string): string {
  const thursday = addDays(localDate, 4 - isoWeekday(localDate));
  const year = yearOf(thursday);
  const dayOfYear = (parseLocalDate(thursday) - Date.UTC(year, 0, 1)) / 86_400_000;
  const week = Math.floor(dayOfYear / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function yearOf(localDate: string): number {
  return Number(localDate.slice(0, 4));
}

/** HR types thresholds in; 0, a fraction or a negative number would flag everyone or no one unnoticed. */
function checkThreshold(name: keyof RuleThresholds, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`Ambang ${name} harus bilangan bulat 1 atau lebih, tertulis ${value}`);
  return value;
}
