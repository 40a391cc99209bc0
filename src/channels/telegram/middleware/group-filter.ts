import type { MiddlewareFn } from 'grammy';
import type { BotContext } from '../context.js';

/**
 * In groups the bot speaks only when spoken to: commands, mentions of its name, and its own
 * buttons. Everything else in a group is ignored.
 */
export function groupFilter(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (!ctx.chat || ctx.chat.type === 'private' || ctx.callbackQuery) return next();
    const message = ctx.message;
    if (!message?.text) return;
    const entities = message.entities ?? [];
    const isCommand = entities.some((e) => e.type === 'bot_command' && e.offset === 0);
    const mention = `@${ctx.me.username}`.toLowerCase();
    const isMention = entities.some(
      (e) => e.type === 'mention' && message.text!.slice(e.offset, e.offset + e.length).toLowerCase() === mention,
    );
    if (isCommand || isMention) return next();
  };
}

/** The text of a message without the bot's @mention (group questions address it by name). */
export function textWithoutMention(text: string, username: string): string {
  return text.replace(new RegExp(`@${username}\\b`, 'gi'), '').trim();
}
