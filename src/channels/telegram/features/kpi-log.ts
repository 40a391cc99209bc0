import { Composer, InlineKeyboard } from 'grammy';
import { addDays, formatIndonesianDate, isoWeekday, localDateOf } from '../../../reminders/local-time.js';
import { saveChatState } from '../chat-state.js';
import type { BotContext, BotDeps } from '../context.js';
import { escapeHtml } from '../html.js';

const maxActivityChars = 500;

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

  composer.callbackQuery(/^kpi:(progress|more):(\w+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const state = ctx.state.chat;
    const flow = state.flow;
    const employee = ctx.state.employee;
    if (!flow || flow.name !== 'kinerja' || !employee) return;
    if (ctx.match[1] === 'progress' && flow.step === 'progress') {
      await saveLog(deps, employee.id, flow.data, Number(ctx.match[2]));
      await saveChatState(deps.db, ctx.state.chatKey, { flow: { ...flow, step: 'more', data: { date: flow.data.date! } } });
      await ctx.reply(ctx.t('kpi-saved-more'), {
        reply_markup: new InlineKeyboard().text(ctx.t('kpi-add'), 'kpi:more:yes').text(ctx.t('kpi-done'), 'kpi:more:no'),
      });
    } else if (ctx.match[1] === 'more' && flow.step === 'more') {
      if (ctx.match[2] === 'yes') {
        await saveChatState(deps.db, ctx.state.chatKey, { flow: { ...flow, step: 'activity' } });
        await ctx.reply(ctx.t('kpi-next'));
      } else {
        await saveChatState(deps.db, ctx.state.chatKey, { flow: undefined });
        await ctx.reply(ctx.t('kpi-finished'));
      }
    }
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
      await saveChatState(deps.db, ctx.state.chatKey, {
        flow: { ...flow, step: 'progress', data: { ...flow.data, target: text === '-' ? '' : text } },
      });
      await ctx.reply(ctx.t('kpi-progress'), {
        reply_markup: new InlineKeyboard()
          .text('25%', 'kpi:progress:25')
          .text('50%', 'kpi:progress:50')
          .text('75%', 'kpi:progress:75')
          .text('100%', 'kpi:progress:100'),
      });
    } else {
      await ctx.reply(ctx.t('report-use-buttons'));
    }
  });
  return composer;
}

async function saveLog(deps: BotDeps, employeeId: number, data: Record<string, string>, progress: number): Promise<void> {
  await deps.db.prisma.kpiLog.create({
    data: {
      employeeId,
      localDate: new Date(`${data.date}T00:00:00Z`),
      activity: data.activity ?? '',
      skpTarget: data.target || null,
      progress: Number.isFinite(progress) ? Math.max(0, Math.min(100, progress)) : null,
    },
  });
}
