import { Composer } from 'grammy';
import { addDays, formatIndonesianDate, localDateOf } from '../../../calendar/local-time.js';
import { AttendanceError, type AttendanceProblem } from '../../../attendance/attendance-error.js';
import { recordLeave, type RecordedLeave } from '../../../attendance/record-leave.js';
import type { BotContext, BotDeps } from '../context.js';
import { escapeHtml } from '../html.js';

/** The attendance service's reasons in the chat's language (its own Indonesian text as the fallback). */
function refusal(ctx: BotContext, problem: AttendanceProblem): string {
  switch (problem.code) {
    case 'end_before_start':
      return ctx.t('leave-end-before-start');
    case 'leave_past':
      return ctx.t('leave-past');
    case 'leave_too_long':
      return ctx.t('leave-too-long', { max: Number(problem.params?.max ?? 90) });
    case 'date_too_far':
      return ctx.t('leave-too-far', { max: Number(problem.params?.max ?? 366) });
    case 'absence_recorded':
      return ctx.t('leave-absence-recorded');
    default:
      return problem.message;
  }
}

/** "24-11-2026" or "2026-11-24" -> "2026-11-24"; "hari ini"/"besok" relative to today. */
export function parseLeaveDate(text: string, today: string): string | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'hari ini' || t === 'hariini') return today;
  if (t === 'besok') return addDays(today, 1);
  const dmy = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const [y, m, d] = dmy ? [dmy[3], dmy[2], dmy[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y) return undefined;
  const date = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date ? undefined : date;
}

/**
 * /cuti <mulai> [selesai]: the employee records leave; no reminders on those days. The dates are
 * read here (the chat's own words: "besok", "hari ini"); the rules are the attendance service's.
 */
export function leaveFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('cuti', async (ctx) => {
    const employee = ctx.state.employee;
    if (!employee) return void (await ctx.reply(ctx.t('need-link'), { parse_mode: 'HTML' }));
    const today = localDateOf(deps.now(), employee.zone);
    const parts = ctx.match
      .trim()
      .split(/\s+(?=\d)|\s+sampai\s+|\s+s\.?d\.?\s+/i)
      .filter(Boolean);
    const start = parts[0] ? parseLeaveDate(parts[0], today) : undefined;
    const end = parts[1] ? parseLeaveDate(parts[1], today) : start;
    const usage = ctx.t('leave-usage');
    if (!start || !end) return void (await ctx.reply(usage, { parse_mode: 'HTML' }));
    let recorded: RecordedLeave;
    try {
      recorded = await recordLeave(deps.db, {
        employee: { id: employee.id },
        kind: 'cuti',
        start,
        end,
        source: 'pegawai',
        now: deps.now(),
      });
    } catch (error) {
      if (!(error instanceof AttendanceError)) throw error;
      return void (await ctx.reply(refusal(ctx, error.problems[0]!)));
    }
    const range =
      start === end
        ? formatIndonesianDate(start)
        : ctx.t('leave-range', { start: formatIndonesianDate(start), end: formatIndonesianDate(end) });
    await ctx.reply(ctx.t(recorded.created ? 'leave-saved' : 'leave-already', { range: escapeHtml(range) }));
  });
  return composer;
}
