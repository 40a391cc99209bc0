import { Composer } from 'grammy';
import type { BotContext, BotDeps } from '../context.js';

/**
 * 👍/👎 under an answer. The callback data names the answer, so it is checked against who asked:
 * a forged or foreign callback cannot rate someone else's answer.
 *
 * The first rating stands. The buttons go at once, so a second press is a double tap, a press
 * that raced the edit, or a replay, not a change of mind; and HR's review of badly rated answers
 * must not see a rating change under it. The claim is one conditional UPDATE (`rating IS NULL`):
 * of two presses delivered at once, even on two instances, exactly one applies.
 */
export function ratingFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(/^rate:(\d{1,12}):(-?1)$/, async (ctx) => {
    const logId = Number(ctx.match[1]);
    const rating = Number(ctx.match[2]);
    const asker = `tg:${ctx.from.id}`;
    const claimed = await deps.db.prisma.questionLog.updateMany({ where: { id: logId, asker, rating: null }, data: { rating } });
    if (claimed.count === 1) {
      await ctx.answerCallbackQuery({ text: ctx.t(rating > 0 ? 'rate-thanks-up' : 'rate-thanks-down') });
    } else {
      const own = await deps.db.prisma.questionLog.findFirst({ where: { id: logId, asker }, select: { id: true } });
      if (!own) {
        // Someone else's answer (a group member) or a forged id: the buttons stay for the asker.
        ctx.state.log.warn({ logId }, 'rating refused: not the asker');
        await ctx.answerCallbackQuery({ text: ctx.t('rate-refused') });
        return;
      }
      ctx.state.log.info({ logId }, 'rating already recorded');
      await ctx.answerCallbackQuery({ text: ctx.t('rate-already') });
    }
    // The buttons go, so the answer is not rated twice by accident.
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
  });
  return composer;
}
