import { Composer, InlineKeyboard } from 'grammy';
import type { Prisma } from '../../../generated/prisma/client.js';
import { addDays, formatIndonesianDate, isoWeekday, localDateOf } from '../../../calendar/local-time.js';
import { callbackData } from '../callback-data.js';
import { advanceFlow, flowTokenPattern, newFlowToken, saveChatState } from '../chat-state.js';
import type { BotContext, BotDeps } from '../context.js';
import { escapeHtml } from '../html.js';
import { staleButton } from './unknown-button.js';

const maxActivityChars = 500;
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
    const logs = await deps.db.prisma.kpiLog.findMany({
      where: {
        employeeId: employee.id,
        localDate: { gte: new Date(`${monday}T00:00:00Z`), lte: new Date(`${today}T00:00:00Z`) },
      },
      orderBy: [{ localDate: 'asc' }, { id: 'asc' }],
    });
    if (logs.length === 0) return void (await ctx.reply(ctx.t('kpi-week-empty')));
    const lines: string[] = [ctx.t('kpi-week-title', { count: logs.length })];
    let current = '';
    for (const log of logs) {
      const date = log.localDate.toISOString().slice(0, 10);
      if (date !== current) lines.push('', `<b>${escapeHtml(formatIndonesianDate(date))}</b>`);
      current = date;
      const target = log.skpTarget ? ` — ${escapeHtml(log.skpTarget)}` : '';
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
      const saved = await deps.db.prisma.$transaction(async (tx) => {
        if (!(await advanceFlow(tx, chatKey, token, { ...flow, step: 'more', data: { date }, token: more }))) return false;
        await saveLog(tx, employee.id, flow.data, progress);
        return true;
      });
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
    if (text.length > maxActivityChars) return void (await ctx.reply(ctx.t('report-too-long', { max: maxActivityChars })));
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

async function saveLog(
  tx: Prisma.TransactionClient,
  employeeId: number,
  data: Record<string, string>,
  progress: number,
): Promise<void> {
  await tx.kpiLog.create({
    data: {
      employeeId,
      localDate: new Date(`${data.date}T00:00:00Z`),
      activity: data.activity ?? '',
      skpTarget: data.target || null,
      progress: Number.isFinite(progress) ? Math.max(0, Math.min(100, progress)) : null,
    },
  });
}
