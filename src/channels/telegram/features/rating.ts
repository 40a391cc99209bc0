import { Composer } from 'grammy';
import { rateAnswer } from '../../../answering/rate-answer.js';
import type { BotContext, BotDeps } from '../context.js';

/**
 * 👍/👎 under an answer. The callback data names the answer, so it is checked against who asked:
 * a forged or foreign callback cannot rate someone else's answer. The rule (the asker only, the
 * first rating stands) is rateAnswer's, the same for every channel.
 */
export function ratingFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(/^rate:(\d{1,12}):(-?1)$/, async (ctx) => {
    const logId = Number(ctx.match[1]);
    const rating = Number(ctx.match[2]) as 1 | -1;
    const outcome = await rateAnswer(deps.db, { logId, asker: `tg:${ctx.from.id}`, rating });
    if (outcome === 'recorded') {
      await ctx.answerCallbackQuery({ text: ctx.t(rating > 0 ? 'rate-thanks-up' : 'rate-thanks-down') });
    } else if (outcome === 'not_asker') {
      // Someone else's answer (a group member) or a forged id: the buttons stay for the asker.
      ctx.state.log.warn({ logId }, 'rating refused: not the asker');
      await ctx.answerCallbackQuery({ text: ctx.t('rate-refused') });
      return;
    } else {
      ctx.state.log.info({ logId }, 'rating already recorded');
      await ctx.answerCallbackQuery({ text: ctx.t('rate-already') });
    }
    // The buttons go, so the answer is not rated twice by accident.
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
  });
  return composer;
}
