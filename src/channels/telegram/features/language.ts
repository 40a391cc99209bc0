import { Composer, InlineKeyboard } from 'grammy';
import { saveChatState } from '../chat-state.js';
import { callbackData } from '../callback-data.js';
import type { BotContext, BotDeps } from '../context.js';

/** /bahasa: Bahasa Indonesia (default) or English, remembered per chat. */
export function languageFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command(['bahasa', 'language'], (ctx) =>
    ctx.reply(ctx.t('language-choose'), {
      reply_markup: new InlineKeyboard()
        .text('Bahasa Indonesia', callbackData('lang', 'id'))
        .text('English', callbackData('lang', 'en')),
    }),
  );
  composer.callbackQuery(/^lang:(id|en)$/, async (ctx) => {
    const language = ctx.match[1]!;
    await saveChatState(deps.db, ctx.state.chatKey, { language });
    ctx.i18n.useLocale(language);
    await ctx.answerCallbackQuery();
    // Choosing twice changes nothing, but the choice is made: the buttons go.
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
    await ctx.reply(ctx.t('language-set'));
  });
  return composer;
}
