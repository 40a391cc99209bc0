import type { Hono } from 'hono';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { localChatRoutes } from '../../web/local-chat.js';
import type { BotDeps } from './context.js';
import { createBot } from './create-bot.js';
import { createLocalChatBot } from './local-chat-bot.js';
import { startTelegram, type TelegramRunning } from './start-telegram.js';
import { telegramWebhookRoute } from './telegram-webhook.js';
import { startReminderScheduler } from '../../reminders/start-reminder-scheduler.js';
import { telegramReminderSender } from './reminder-sender.js';
import { telegramNoticeSender } from './notice-sender.js';
import type { NotificationSender } from '../../notifications/notification-outbox.js';

/**
 * Mounts what the employees' bot needs on the web server (webhook, local chat page) and returns
 * how to start it once the server listens. Routes must exist before the first request.
 */
export function setupTelegram(
  app: Hono,
  options: { config: Config; deps: BotDeps; db: Database; logger: Logger },
): { start(): Promise<TelegramRunning | undefined>; noticeSender?: NotificationSender } {
  const { config, deps } = options;
  if (config.localChat) {
    const { bot: localBot, transport } = createLocalChatBot(deps);
    app.route('/chat', localChatRoutes(localBot, transport));
  }
  if (!config.telegram) return { start: async () => undefined };
  const telegram = config.telegram;
  const bot = createBot(deps, { token: telegram.token, apiRoot: telegram.apiRoot, throttle: config.bot.throttle });
  let running: TelegramRunning | undefined;
  if (telegram.webhook) {
    app.route(
      '/telegram/webhook',
      telegramWebhookRoute({
        db: options.db,
        secret: telegram.webhook.secret,
        log: options.logger,
        onReceived: () => running?.wake(),
      }),
    );
  }
  return {
    noticeSender: telegramNoticeSender(bot, options.db),
    start: async () => {
      const telegramRunning = await startTelegram(bot, { db: options.db, log: options.logger, webhook: telegram.webhook });
      const reminders = config.reminders
        ? startReminderScheduler({ db: options.db, sender: telegramReminderSender(bot), log: options.logger, now: deps.now })
        : undefined;
      running = {
        ...telegramRunning,
        stop: async () => {
          await reminders?.stop();
          await telegramRunning.stop();
        },
      };
      return running;
    },
  };
}
