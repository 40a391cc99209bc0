import { GrammyError, HttpError, type Bot } from 'grammy';
import type { Database } from '../../db/database.js';
import { NotificationSendError, type NotificationSender } from '../../notifications/notification-outbox.js';
import type { BotContext } from './context.js';

/**
 * Delivers the notification outbox's Telegram rows (an employee told about a flag on them) through
 * the bot, and so through its throttler; 429s are waited out by auto-retry, other trouble retried
 * later by the outbox. Blocked or unlinked: nobody to tell, recorded as failed.
 */
export function telegramNoticeSender(bot: Bot<BotContext>, db: Database): NotificationSender {
  return {
    async send(notice) {
      const employeeId = Number(notice.recipient.slice('employee:'.length));
      const account = await db.prisma.telegramAccount.findUnique({ where: { employeeId }, select: { chatId: true } });
      if (!account) throw new NotificationSendError('failed', 'akun Telegram tidak terhubung');
      try {
        await bot.api.sendMessage(Number(account.chatId), String(notice.payload.text));
      } catch (error) {
        if (error instanceof GrammyError && (error.error_code === 403 || error.error_code === 400))
          throw new NotificationSendError('failed', error.description);
        if (error instanceof GrammyError && error.error_code === 429)
          throw new NotificationSendError('retry', error.description, (error.parameters.retry_after ?? 5) * 1000);
        if (error instanceof HttpError || error instanceof GrammyError) throw new NotificationSendError('retry', error.message);
        throw error;
      }
    },
  };
}
