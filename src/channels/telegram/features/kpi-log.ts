import { Composer, InlineKeyboard } from 'grammy';
import { AttendanceError } from '../../../attendance/attendance-error.js';
import { checkKpiText, kpiLimits, listKpiLogs, recordKpiLog } from '../../../attendance/record-kpi-log.js';
import { addDays, formatIndonesianDate, isoWeekday, localDateOf } from '../../../calendar/local-time.js';
import { callbackData } from '../callback-data.js';
import { advanceFlow, flowTokenPattern, newFlowToken, saveChatState } from '../chat-state.js';
import type { BotContext, BotDeps } from '../context.js';
import { escapeHtml } from '../html.js';
import { staleButton } from './unknown-button.js';

/** The progress buttons, in percent. */
const progressSteps = [25, 50, 75, 100];

/** Starts the short /kinerja conversation: activity, SKP target, progress; repeatable. */
export async function startKpiFlow(ctx: BotContext, deps: BotDeps, localDate: string): Promise<void> {
  await saveChatState(deps.db, ctx.state.chatKey, { flow: { name: 'kinerja', step: 'activity', data: { date: localDate } } });
  await ctx.reply(ctx.t('kpi-start', { date: escapeHtml(formatIndonesianDate(localDate)) }), { parse_mode: 'HTML' });
}

/**
 * /kinerja logs today's work towards SKP targets; /kinerja minggu shows this week. Each activity is
 * stored as soon as it is complete, so stopping half-way keeps what was entered.
 */
export function kpiLogFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command('kinerja', async (ctx) => {
    const employee = ctx.state.employee;
    if (!employee) return void (await ctx.reply(ctx.t('need-link'), { parse_mode: 'HTML' }));
    // The employee's own date: just after midnight in Jayapura it is still yesterday in Jakarta.
    const today = localDateOf(deps.now(), employee.zone);
    if (ctx.match.trim().toLowerCase() !== 'minggu') return startKpiFlow(ctx, deps, today);
    const monday = addDays(today, 1 - isoWeekday(today));
    const logs = await listKpiLogs(deps.db, { employeeId: employee.id, from: monday, to: today });
    if (logs.length === 0) return void (await ctx.reply(ctx.t('kpi-week-empty')));
    const lines: string[] = [ctx.t('kpi-week-title', { count: logs.length })];
    let current = '';
    for (const log of logs) {
      const date = log.date;
      if (date !== current) lines.push('', `<b>${escapeHtml(formatIndonesianDate(date))}</b>`);
      current = date;
      const target = log.target ? ` — ${escapeHtml(log.target)}` : '';
      const progress = log.progress !== null ? ` (${log.progress}%)` : '';
      lines.push(`• ${escapeHtml(log.activity)}${target}${progress}`);
    }
    await ctx.reply(lines.join('\n'), { parse_mode: 'HTML' });
  });

  // The buttons carry the token of the step that showed them: see Flow.token and advanceFlow.
  composer.callbackQuery(new RegExp(`^kpi:(${flowTokenPattern}):(progress|more):(\\w{1,8})$`), async (ctx) => {
    const [, token, kind, value] = ctx.match as unknown as [string, string, 'progress' | 'more', string];
    const flow = ctx.state.chat.flow;
    const employee = ctx.state.employee;
    // The step is named like the button kind: progress buttons act at 'progress', more buttons at 'more'.
    if (!flow || flow.name !== 'kinerja' || flow.token !== token || flow.step !== kind || !employee) return staleButton(ctx);
    const chatKey = ctx.state.chatKey;
    const date = flow.data.date!;
    if (kind === 'progress') {
      const progress = Number(value);
      if (!progressSteps.includes(progress)) return staleButton(ctx);
      const more = newFlowToken();
      // The step moves and the activity is stored together, once, whatever the number of presses.
      let saved: boolean;
      try {
        saved = await deps.db.prisma.$transaction(async (tx) => {
          if (!(await advanceFlow(tx, chatKey, token, { ...flow, step: 'more', data: { date }, token: more }))) return false;
          const { activity = '', target = '' } = flow.data;
          const today = localDateOf(deps.now(), employee.zone);
          await recordKpiLog(tx, { employeeId: employee.id, today, date, activity, target, progress });
          return true;
        });
      } catch (error) {
        if (!(error instanceof AttendanceError)) throw error;
        await ctx.answerCallbackQuery();
        return void (await ctx.reply(error.userMessage));
      }
      if (!saved) return staleButton(ctx);
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t('kpi-saved-more'), {
        reply_markup: new InlineKeyboard()
          .text(ctx.t('kpi-add'), callbackData('kpi', more, 'more', 'yes'))
          .text(ctx.t('kpi-done'), callbackData('kpi', more, 'more', 'no')),
      });
    } else {
      const next = value === 'yes' ? { ...flow, step: 'activity', data: { date }, token: undefined } : undefined;
      if (!(await advanceFlow(deps.db.prisma, chatKey, token, next))) return staleButton(ctx);
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t(next ? 'kpi-next' : 'kpi-finished'));
    }
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
  });

  composer.on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/') || ctx.chat.type !== 'private') return next();
    const state = ctx.state.chat;
    const flow = state.flow;
    if (!flow || flow.name !== 'kinerja') return next();
    const text = ctx.message.text.trim();
    // Each answer is checked as it comes, by the attendance service's rules ('-' is no target).
    const field = flow.step === 'activity' ? 'activity' : 'target';
    const problem =
      flow.step === 'activity' || flow.step === 'target' ? checkKpiText(field, text === '-' ? '' : text) : undefined;
    if (problem?.code === 'kpi_text_too_long')
      return void (await ctx.reply(ctx.t('report-too-long', { max: kpiLimits.maxChars })));
    if (problem) return void (await ctx.reply(problem.message));
    if (flow.step === 'activity') {
      await saveChatState(deps.db, ctx.state.chatKey, {
        flow: { ...flow, step: 'target', data: { ...flow.data, activity: text } },
      });
      await ctx.reply(ctx.t('kpi-target'));
    } else if (flow.step === 'target') {
      const token = newFlowToken();
      await saveChatState(deps.db, ctx.state.chatKey, {
        flow: { ...flow, step: 'progress', data: { ...flow.data, target: text === '-' ? '' : text }, token },
      });
      const keyboard = new InlineKeyboard();
      for (const p of progressSteps) keyboard.text(`${p}%`, callbackData('kpi', token, 'progress', p));
      await ctx.reply(ctx.t('kpi-progress'), { reply_markup: keyboard });
    } else {
      await ctx.reply(ctx.t('report-use-buttons'));
    }
  });
  return composer;
}
