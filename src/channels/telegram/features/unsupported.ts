import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

/** Photos, voice notes, stickers, files...: a polite word on what the bot can read. */
export function unsupportedFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer
    .chatType('private')
    .on(
      [
        'message:photo',
        'message:voice',
        'message:sticker',
        'message:document',
        'message:video',
        'message:audio',
        'message:video_note',
        'message:location',
        'message:contact',
        'message:animation',
      ],
      (ctx) => ctx.reply(ctx.t('unsupported')),
    );
  return composer;
}
