import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

/**
 * A press no feature took: a button of a step that is over, of a flow cancelled or replaced, or
 * of an older version of the bot. Said so, and its keyboard removed, rather than a spinner that
 * never stops.
 */
export async function staleButton(ctx: BotContext): Promise<void> {
  ctx.state.log.info('stale button');
  await ctx.answerCallbackQuery({ text: ctx.t('button-stale') });
  await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
}

/** The catch-all for buttons, registered after every feature that has some. */
export function unknownButtonFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('callback_query', staleButton);
  return composer;
}
