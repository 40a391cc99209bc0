import { Composer } from 'grammy';
import type { BotContext, BotDeps } from '../context.js';

/**
 * 👍/👎 under an answer. The callback data names the answer, so it is checked against who asked:
 * a forged or foreign callback cannot rate someone else's answer.
 */
export function ratingFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(/^rate:(\d{1,12}):(-?1)$/, async (ctx) => {
    const logId = Number(ctx.match[1]);
    const rating = Number(ctx.match[2]);
    const updated = await deps.db.prisma.questionLog.updateMany({
      where: { id: logId, asker: `tg:${ctx.from.id}` },
      data: { rating },
    });
    if (updated.count === 0) {
      ctx.state.log.warn({ logId }, 'rating refused: not the asker');
      await ctx.answerCallbackQuery({ text: ctx.t('rate-refused') });
      return;
    }
    await ctx.answerCallbackQuery({ text: ctx.t(rating > 0 ? 'rate-thanks-up' : 'rate-thanks-down') });
    // The buttons go, so the answer cannot be rated twice by accident.
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
  });
  return composer;
}
