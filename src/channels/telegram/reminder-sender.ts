import { InlineKeyboard, type Bot } from 'grammy';
import type { ReminderSender } from '../../outbox/outbox-senders.js';
import { callbackData } from './callback-data.js';
import type { BotContext } from './context.js';
import { escapeHtml } from './html.js';
import { telegramError } from './telegram-errors.js';

/** The buttons under each kind of reminder; the callback names the outbox row and the answer. */
export const reminderAnswers: Record<string, { code: string; label: string }[]> = {
  disiplin: [
    { code: 'hadir', label: 'Hadir' },
    { code: 'izin', label: 'Izin' },
    { code: 'sakit', label: 'Sakit' },
    { code: 'cuti', label: 'Cuti' },
    { code: 'dl', label: 'Dinas luar' },
  ],
  kinerja: [
    { code: 'isi', label: 'Isi sekarang' },
    { code: 'nanti', label: 'Nanti' },
  ],
};

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
