// KPI logs: one activity of an employee's working day towards an SKP target. The one validation
// of what is logged, whichever channel takes it (Telegram's /kinerja today; Slack or a form later).
//
// Why these limits:
// - An activity and its SKP target are at most 500 characters: a line of work, not a report
//   (supervisors read them in a list, and a Telegram message holds 4096 characters).
// - Progress is a percentage, 0-100.
// - A log is for today or one of the last 7 days (the flow may be finished after midnight, or a
//   day later from a reminder), never a future day: the flag rule reads logs by day.
import type { Database } from '../db/database.js';
import type { Prisma } from '../generated/prisma/client.js';
import { addDays, formatIndonesianDate, localDateOfColumn, parseLocalDate } from '../calendar/local-time.js';
import { cleanText } from '../text/clean-text.js';
import { AttendanceError, type AttendanceProblem } from './attendance-error.js';

export const kpiLimits = Object.freeze({ maxChars: 500, daysBack: 7 });

export interface KpiLogInput {
  /** The local date of the work, 'YYYY-MM-DD', in the employee's zone. */
  date: string;
  activity: string;
  /** The SKP target it serves; empty for none. */
  target?: string;
  progress?: number | null;
}

export interface KpiLogEntry {
  id: number;
  date: string;
  activity: string;
  target: string | null;
  progress: number | null;
}

/**
 * The problem with one piece of KPI text (an activity or a target), or undefined when it can be
 * logged: a channel that asks step by step checks each answer as it comes.
 */
export function checkKpiText(field: 'activity' | 'target', text: string): AttendanceProblem | undefined {
  const clean = cleanText(text).trim();
  const what = field === 'activity' ? 'Kegiatan' : 'Target SKP';
  if (field === 'activity' && clean === '')
    return { field, code: 'kpi_activity_missing', message: 'Tuliskan kegiatan yang dikerjakan.' };
  if (clean.length > kpiLimits.maxChars)
    return {
      field,
      code: 'kpi_text_too_long',
      message: `${what} paling panjang ${kpiLimits.maxChars} karakter, tertulis ${clean.length}.`,
      params: { max: kpiLimits.maxChars, length: clean.length },
    };
  return undefined;
}

/** Every problem with a KPI log for `today` (a local date of the employee's zone). */
export function checkKpiLog(input: KpiLogInput, today: string): AttendanceProblem[] {
  const problems: AttendanceProblem[] = [];
  for (const problem of [checkKpiText('activity', input.activity), checkKpiText('target', input.target ?? '')])
    if (problem) problems.push(problem);
  parseLocalDate(input.date);
  const earliest = addDays(today, -kpiLimits.daysBack);
  if (input.date > today)
    problems.push({
      field: 'dates',
      code: 'kpi_in_future',
      message: `Kinerja dicatat untuk hari ini atau sebelumnya, bukan ${formatIndonesianDate(input.date)}.`,
    });
  else if (input.date < earliest)
    problems.push({
      field: 'dates',
      code: 'date_too_old',
      message: `Kinerja dicatat paling lambat ${kpiLimits.daysBack} hari sesudahnya: paling awal ${formatIndonesianDate(earliest)}.`,
      params: { earliest, max: kpiLimits.daysBack },
    });
  const { progress } = input;
  if (progress !== undefined && progress !== null && !(Number.isInteger(progress) && progress >= 0 && progress <= 100))
    problems.push({ field: 'progress', code: 'kpi_progress_invalid', message: 'Kemajuan ditulis dalam persen, 0 sampai 100.' });
  return problems;
}

/**
 * Records one KPI log after checkKpiLog (an AttendanceError with every problem otherwise). Takes a
 * transaction client so that a chat's step and its log are stored together.
 */
export async function recordKpiLog(
  db: Pick<Prisma.TransactionClient, 'kpiLog'>,
  options: { employeeId: number; today: string } & KpiLogInput,
): Promise<KpiLogEntry> {
  const problems = checkKpiLog(options, options.today);
  if (problems.length) throw new AttendanceError(problems);
  const target = cleanText(options.target ?? '').trim();
  const row = await db.kpiLog.create({
    data: {
      employeeId: options.employeeId,
      localDate: new Date(`${options.date}T00:00:00Z`),
      activity: cleanText(options.activity).trim(),
      skpTarget: target === '' ? null : target,
      progress: options.progress ?? null,
    },
  });
  return kpiLogEntry(row);
}

/** An employee's KPI logs from `from` to `to` (local dates, both included), oldest first. */
export async function listKpiLogs(
  db: Database,
  options: { employeeId: number; from: string; to: string },
): Promise<KpiLogEntry[]> {
  const rows = await db.prisma.kpiLog.findMany({
    where: {
      employeeId: options.employeeId,
      localDate: { gte: new Date(`${options.from}T00:00:00Z`), lte: new Date(`${options.to}T00:00:00Z`) },
    },
    orderBy: [{ localDate: 'asc' }, { id: 'asc' }],
  });
  return rows.map(kpiLogEntry);
}

function kpiLogEntry(row: {
  id: number;
  localDate: Date;
  activity: string;
  skpTarget: string | null;
  progress: number | null;
}): KpiLogEntry {
  return {
    id: row.id,
    date: localDateOfColumn(row.localDate),
    activity: row.activity,
    target: row.skpTarget,
    progress: row.progress,
  };
}
