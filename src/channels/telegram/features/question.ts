import { Composer, InlineKeyboard } from 'grammy';
import { answerQuestion } from '../../../answering/answer-question.js';
import { callbackData } from '../callback-data.js';
import { saveChatState } from '../chat-state.js';
import type { BotContext, BotDeps } from '../context.js';
import { formatAnswerHtml } from '../format-answer.js';
import { textWithoutMention } from '../middleware/group-filter.js';

/** Any text that is not a command is a question: typing indicator, cited answer, rating buttons. */
export function questionFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/')) return next();
    await askAndReply(ctx, deps, textWithoutMention(ctx.message.text, ctx.me.username));
  });
  return composer;
}

/** Answers one question in this chat; also used by the example questions of /topik. */
export async function askAndReply(ctx: BotContext, deps: BotDeps, question: string): Promise<void> {
  if (!ctx.state.employee && !deps.allowUnlinked) {
    await ctx.reply(ctx.t('unlinked-questions-off'), { parse_mode: 'HTML' });
    return;
  }
  await ctx.replyWithChatAction('typing');
  const state = ctx.state.chat;
  const answer = await answerQuestion(deps.answering, {
    question,
    channel: 'telegram',
    history: state.turns,
    asker: `tg:${ctx.from?.id}`,
  });
  const chunks = formatAnswerHtml(answer);
  for (const [i, chunk] of chunks.entries()) {
    const last = i === chunks.length - 1;
    const rateable = last && answer.logId !== undefined && answer.reason === 'answered';
    await ctx.reply(chunk, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(rateable ? { reply_markup: ratingKeyboard(ctx, answer.logId!) } : {}),
    });
  }
  if (answer.grounded) {
    await saveChatState(deps.db, ctx.state.chatKey, { turns: [...state.turns, { question, answer: answer.answer }] });
  }
}

function ratingKeyboard(ctx: BotContext, logId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.t('rate-up'), callbackData('rate', logId, 1))
    .text(ctx.t('rate-down'), callbackData('rate', logId, -1));
}
