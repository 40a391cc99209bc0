import type { Bot } from 'grammy';
import type { Database } from '../../db/database.js';
import { UpstreamError } from '../../errors.js';
import type { NotificationSender } from '../../outbox/outbox-senders.js';
import type { BotContext } from './context.js';
import { telegramError } from './telegram-errors.js';

/**
 * Delivers the notification outbox's Telegram rows (an employee told about a flag on them) through
 * the bot, and so through its throttler; 429s are waited out by auto-retry, other trouble sorted by
 * telegramError and the outbox's one rule. Unlinked: nobody to tell, refused for good.
 */
export function telegramNoticeSender(bot: Bot<BotContext>, db: Database): NotificationSender {
  return {
    async send(notice) {
      if (notice.kind !== 'employee_notice')
        throw new UpstreamError('telegram', `jenis notifikasi Telegram tidak dikenal: ${notice.kind}`, 400);
      const employeeId = Number(notice.recipient.slice('employee:'.length));
      const account = await db.prisma.telegramAccount.findUnique({ where: { employeeId }, select: { chatId: true } });
      if (!account) throw new UpstreamError('telegram', 'akun Telegram tidak terhubung', 404);
      try {
        await bot.api.sendMessage(Number(account.chatId), notice.payload.text);
      } catch (error) {
        throw telegramError(error);
      }
    },
  };
}
