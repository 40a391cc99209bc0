import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

/** /bantuan: what the bot can do. */
export function helpFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command(['bantuan', 'help'], (ctx) => ctx.reply(ctx.t('help'), { parse_mode: 'HTML' }));
  return composer;
}
