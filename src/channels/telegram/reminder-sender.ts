import { InlineKeyboard, type Bot } from 'grammy';
import type { ReminderSender } from '../../outbox/outbox-senders.js';
import { callbackData } from './callback-data.js';
import type { BotContext } from './context.js';
import { escapeHtml } from './html.js';
import { telegramError } from './telegram-errors.js';
import { reminderAnswers } from '../../attendance/reminder-answers.js';

/** Sends reminders through the bot (and so through its throttler and 429 handling); errors as telegramError maps them. */
export function telegramReminderSender(bot: Bot<BotContext>): ReminderSender {
  return {
    async send(reminder) {
      const answers = reminderAnswers[reminder.kind] ?? [];
      const keyboard = new InlineKeyboard();
      answers.forEach((a, i) => {
        keyboard.text(a.label, callbackData('rem', reminder.outboxId, a.code));
        if (i % 3 === 2) keyboard.row();
      });
      try {
        const message = await bot.api.sendMessage(Number(reminder.chatId), escapeHtml(reminder.text), {
          parse_mode: 'HTML',
          ...(answers.length ? { reply_markup: keyboard } : {}),
        });
        return message.message_id;
      } catch (error) {
        throw telegramError(error);
      }
    },
  };
}
