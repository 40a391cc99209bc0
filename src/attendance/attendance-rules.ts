// The one validation of recorded absences and leave, whoever records them (HR in the admin UI or
// the CLI, an employee with /cuti). Pure: the caller passes `today` (a local date of the
// employee's zone) and what it read; the record-* services read and write.
//
// Why these limits:
// - HR may record past days, because it corrects records, but not more than a year back: PP 94/2021
//   counts unexcused absences per calendar year, the flag rules read this year and the last, and a
//   correction older than that changes no reminder and no flag; it belongs in the personnel file.
// - An employee records leave from today on (a past day is HR's to correct), at most 90 days at a
//   time, as /cuti always did. HR may record up to a year at a time: cuti sakit lasts up to a year
//   (PP 11/2017), cuti besar and cuti melahirkan three months (up to 92 days); longer leave (CLTN)
//   is recorded in parts.
// - Nobody records leave starting more than a year ahead: such a date is a typo (2062 for 2026).
// - An unexcused absence has happened: today or earlier, never a future day.
import { cleanText } from '../text/clean-text.js';
import { addDays, formatIndonesianDate, formatIndonesianDateRange, parseLocalDate } from '../calendar/local-time.js';
import type { AttendanceProblem } from './attendance-error.js';
import { parseWrittenDate } from './written-dates.js';

export const leaveKinds = ['cuti', 'izin', 'sakit', 'dl'] as const;
export type LeaveKind = (typeof leaveKinds)[number];

/** The names people read, as on the reminder's buttons. */
export const leaveKindLabels: Record<LeaveKind, string> = { cuti: 'Cuti', izin: 'Izin', sakit: 'Sakit', dl: 'Dinas luar' };

export const isLeaveKind = (kind: string): kind is LeaveKind => (leaveKinds as readonly string[]).includes(kind);

/** Who records leave: HR (admin UI, CLI) or the employee (/cuti, a reminder's button). */
export type LeaveSource = 'hr' | 'pegawai';

export interface LeavePolicy {
  /** How far back the first day may lie, in days (0: from today). */
  daysBack: number;
  /** How far ahead the first day may lie, in days. */
  daysAhead: number;
  /** Longest leave in one record, in calendar days. */
  maxDays: number;
}

export const leavePolicies: Readonly<Record<LeaveSource, LeavePolicy>> = Object.freeze({
  hr: { daysBack: 366, daysAhead: 366, maxDays: 366 },
  pegawai: { daysBack: 0, daysAhead: 366, maxDays: 90 },
});

export const absenceLimits = Object.freeze({
  /** How far back a date may lie, in days. */
  daysBack: 366,
  /** Dates in one submission: a month of working days fits. */
  maxDates: 31,
  maxNoteChars: 500,
});

/** Calendar days from `start` to `end`, both included. */
export const daysBetween = (start: string, end: string) => (parseLocalDate(end) - parseLocalDate(start)) / 86_400_000 + 1;

/** '24 November 2026' or '24-26 November 2026'. */
export const dateRangeText = (start: string, end: string) => formatIndonesianDateRange(start, end);

const invalidDate = (field: 'dates' | 'start' | 'end', text: string): AttendanceProblem => ({
  field,
  code: 'date_invalid',
  message: `Tanggal "${text}" tidak ada di kalender; tulis TTTT-BB-HH (misalnya 2026-11-24) atau HH-BB-TTTT.`,
  params: { text },
});

export type LeaveCheck =
  { ok: true; kind: LeaveKind; start: string; end: string; days: number } | { ok: false; problems: AttendanceProblem[] };

/**
 * Checks a leave as written: its kind, real dates (`end` defaults to `start`), the end not before
 * the start, and the limits of `source`'s policy. Every problem is returned, not only the first.
 */
export function checkLeave(input: { kind: string; start: string; end?: string; today: string; source: LeaveSource }): LeaveCheck {
  const policy = leavePolicies[input.source];
  const problems: AttendanceProblem[] = [];
  const kind = input.kind.trim();
  if (!isLeaveKind(kind))
    problems.push({
      field: 'kind',
      code: 'kind_unknown',
      message: `Jenis "${kind}" tidak dikenal; pilih cuti, izin, sakit atau dl (dinas luar).`,
      params: { kind },
    });
  const startText = input.start.trim();
  const endText = (input.end ?? '').trim();
  const start = parseWrittenDate(startText);
  const end = endText === '' ? start : parseWrittenDate(endText);
  if (startText === '') problems.push({ field: 'start', code: 'start_missing', message: 'Isi tanggal mulai.' });
  else if (start === undefined) problems.push(invalidDate('start', startText));
  if (endText !== '' && end === undefined) problems.push(invalidDate('end', endText));
  if (start !== undefined && end !== undefined) {
    const earliest = addDays(input.today, -policy.daysBack);
    const latest = addDays(input.today, policy.daysAhead);
    const days = daysBetween(start, end);
    if (end < start)
      problems.push({
        field: 'end',
        code: 'end_before_start',
        message: `Tanggal selesai (${formatIndonesianDate(end)}) tidak boleh sebelum tanggal mulai (${formatIndonesianDate(start)}).`,
      });
    else if (days > policy.maxDays)
      problems.push({
        field: 'end',
        code: 'leave_too_long',
        message:
          `Paling lama ${policy.maxDays} hari sekaligus, tertulis ${days} hari (${dateRangeText(start, end)}); ` +
          (input.source === 'pegawai'
            ? 'untuk cuti panjang hubungi tim SDM.'
            : 'catat cuti yang lebih panjang dalam beberapa bagian.'),
        params: { max: policy.maxDays, days },
      });
    if (start < earliest)
      problems.push(
        policy.daysBack === 0
          ? {
              field: 'start',
              code: 'leave_past',
              message: `Cuti hanya dapat dicatat mulai hari ini (${formatIndonesianDate(input.today)}); untuk hari yang sudah lewat hubungi tim SDM.`,
            }
          : {
              field: 'start',
              code: 'date_too_old',
              message: `Tanggal mulai ${formatIndonesianDate(start)} lebih dari ${policy.daysBack} hari yang lalu: paling awal ${formatIndonesianDate(earliest)}.`,
              params: { earliest, max: policy.daysBack },
            },
      );
    else if (start > latest)
      problems.push({
        field: 'start',
        code: 'date_too_far',
        message: `Tanggal mulai ${formatIndonesianDate(start)} terlalu jauh ke depan: paling lambat ${formatIndonesianDate(latest)} (${policy.daysAhead} hari dari hari ini).`,
        params: { latest, max: policy.daysAhead },
      });
    if (problems.length === 0) return { ok: true, kind: kind as LeaveKind, start, end, days };
  }
  return { ok: false, problems };
}

export type AbsenceCheck = { ok: true; dates: string[]; note: string | null } | { ok: false; problems: AttendanceProblem[] };

/**
 * Checks unexcused absence days as written: real dates, today or earlier, not more than a year
 * back, at most `absenceLimits.maxDates` of them (a date written twice counts once), and the note's
 * length. Whether each is a working day of the employee needs the calendar: the caller checks that.
 */
export function checkAbsences(input: { dates: string[]; note?: string; today: string }): AbsenceCheck {
  const problems: AttendanceProblem[] = [];
  const written = [...new Set(input.dates.map((d) => d.trim()).filter(Boolean))];
  const dates = new Set<string>();
  const earliest = addDays(input.today, -absenceLimits.daysBack);
  for (const text of written) {
    const date = parseWrittenDate(text);
    if (date === undefined) problems.push(invalidDate('dates', text));
    else if (date > input.today)
      problems.push({
        field: 'dates',
        code: 'absence_in_future',
        message: `Tanggal ${formatIndonesianDate(date)} belum lewat: hari tidak masuk dicatat pada hari itu atau sesudahnya (hari ini ${formatIndonesianDate(input.today)}).`,
        params: { date },
      });
    else if (date < earliest)
      problems.push({
        field: 'dates',
        code: 'date_too_old',
        message: `Tanggal ${formatIndonesianDate(date)} lebih dari ${absenceLimits.daysBack} hari yang lalu: paling awal ${formatIndonesianDate(earliest)}.`,
        params: { date, earliest, max: absenceLimits.daysBack },
      });
    else dates.add(date);
  }
  if (written.length === 0) problems.push({ field: 'dates', code: 'dates_missing', message: 'Isi paling sedikit satu tanggal.' });
  else if (dates.size > absenceLimits.maxDates)
    problems.push({
      field: 'dates',
      code: 'too_many_dates',
      message: `Paling banyak ${absenceLimits.maxDates} tanggal sekaligus, tertulis ${dates.size}.`,
      params: { max: absenceLimits.maxDates, count: dates.size },
    });
  const note = cleanText(input.note ?? '').trim();
  if (note.length > absenceLimits.maxNoteChars)
    problems.push({
      field: 'note',
      code: 'note_too_long',
      message: `Catatan paling panjang ${absenceLimits.maxNoteChars} karakter, tertulis ${note.length}.`,
      params: { max: absenceLimits.maxNoteChars, length: note.length },
    });
  if (problems.length) return { ok: false, problems };
  return { ok: true, dates: [...dates].sort(), note: note === '' ? null : note };
}
