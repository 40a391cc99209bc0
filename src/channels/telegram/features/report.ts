import { recordReport } from '../../../flags/record-report.js';
import { Composer, InlineKeyboard } from 'grammy';
import { saveChatState, type Flow } from '../chat-state.js';
import type { BotContext, BotDeps } from '../context.js';
import { escapeHtml } from '../html.js';

const categories = ['disiplin', 'netralitas', 'medsos', 'pungli', 'lainnya'] as const;
const maxSubjectChars = 200;
const maxDescriptionChars = 2_000;

/**
 * /lapor: a short guided conversation (topic, who, what happened, to whom, may the reporter be
 * named) stored as a report for the flags feature. Its state lives in the database, so a restart
 * in the middle loses nothing; /batal cancels it.
 */
export function reportFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const setFlow = (ctx: BotContext, flow: Flow | undefined) => saveChatState(deps.db, ctx.state.chatKey, { flow });

  composer.command('lapor', async (ctx) => {
    if (ctx.chat?.type !== 'private') return;
    if (!ctx.state.employee) return void (await ctx.reply(ctx.t('need-link'), { parse_mode: 'HTML' }));
    await setFlow(ctx, { name: 'lapor', step: 'category', data: {} });
    const keyboard = new InlineKeyboard();
    categories.forEach((c, i) => {
      keyboard.text(ctx.t(`report-category-${c}`), `lapor:cat:${c}`);
      if (i % 2 === 1) keyboard.row();
    });
    await ctx.reply(ctx.t('report-start'), { parse_mode: 'HTML', reply_markup: keyboard });
  });

  composer.command('batal', async (ctx) => {
    const state = ctx.state.chat;
    await setFlow(ctx, undefined);
    await ctx.reply(ctx.t(state.flow ? 'cancelled' : 'nothing-to-cancel'));
  });

  composer.callbackQuery(/^lapor:(\w+):(\w+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const state = ctx.state.chat;
    const flow = state.flow;
    const [, field, value] = ctx.match as unknown as [string, string, string];
    if (!flow || flow.name !== 'lapor' || !ctx.state.employee) return;
    if (field === 'cat' && flow.step === 'category' && (categories as readonly string[]).includes(value)) {
      await setFlow(ctx, { ...flow, step: 'subject', data: { ...flow.data, category: value } });
      await ctx.reply(ctx.t('report-subject'));
    } else if (field === 'to' && flow.step === 'recipient' && (value === 'atasan' || value === 'sdm')) {
      await setFlow(ctx, { ...flow, step: 'reveal', data: { ...flow.data, recipient: value } });
      await ctx.reply(ctx.t('report-reveal'), {
        reply_markup: new InlineKeyboard()
          .text(ctx.t('report-reveal-yes'), 'lapor:reveal:yes')
          .text(ctx.t('report-reveal-no'), 'lapor:reveal:no'),
      });
    } else if (field === 'reveal' && flow.step === 'reveal' && (value === 'yes' || value === 'no')) {
      const data: Record<string, string> = { ...flow.data, reveal: value };
      await setFlow(ctx, { ...flow, step: 'confirm', data });
      await ctx.reply(
        ctx.t('report-confirm', {
          category: ctx.t(`report-category-${data.category}`),
          subject: escapeHtml(data.subject ?? ''),
          description: escapeHtml(data.description ?? ''),
          recipient: ctx.t(`report-recipient-${data.recipient}`),
          reveal: ctx.t(value === 'yes' ? 'report-reveal-shown' : 'report-reveal-hidden'),
        }),
        {
          parse_mode: 'HTML',
          reply_markup: new InlineKeyboard()
            .text(ctx.t('report-send'), 'lapor:send:yes')
            .text(ctx.t('report-cancel'), 'lapor:send:no'),
        },
      );
    } else if (field === 'send' && flow.step === 'confirm') {
      await setFlow(ctx, undefined);
      if (value !== 'yes') return void (await ctx.reply(ctx.t('cancelled')));
      const report = await recordReport(
        deps.db,
        {
          reporterId: ctx.state.employee.id,
          category: flow.data.category!,
          subject: flow.data.subject!,
          description: flow.data.description!,
          recipient: flow.data.recipient === 'sdm' ? 'sdm' : 'atasan',
          revealReporter: flow.data.reveal === 'yes',
        },
        deps.now(),
      );
      ctx.state.log.info({ reportId: report.reportId, flagId: report.flagId }, 'report recorded');
      await ctx.reply(ctx.t('report-sent', { id: report.reportId }));
    }
  });

  // While a report is being written, text answers its questions instead of asking the knowledge base.
  composer.on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/') || ctx.chat.type !== 'private') return next();
    const state = ctx.state.chat;
    const flow = state.flow;
    if (!flow || flow.name !== 'lapor') return next();
    const text = ctx.message.text.trim();
    if (flow.step === 'subject') {
      if (text.length > maxSubjectChars) return void (await ctx.reply(ctx.t('report-too-long', { max: maxSubjectChars })));
      await setFlow(ctx, { ...flow, step: 'description', data: { ...flow.data, subject: text } });
      await ctx.reply(ctx.t('report-description'));
    } else if (flow.step === 'description') {
      if (text.length > maxDescriptionChars)
        return void (await ctx.reply(ctx.t('report-too-long', { max: maxDescriptionChars })));
      await setFlow(ctx, { ...flow, step: 'recipient', data: { ...flow.data, description: text } });
      await ctx.reply(ctx.t('report-recipient'), {
        reply_markup: new InlineKeyboard()
          .text(ctx.t('report-recipient-atasan'), 'lapor:to:atasan')
          .text(ctx.t('report-recipient-sdm'), 'lapor:to:sdm'),
      });
    } else {
      await ctx.reply(ctx.t('report-use-buttons'));
    }
  });
  return composer;
}
