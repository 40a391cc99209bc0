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
import { telegramReminderSender } from './reminder-sender.js';
import { telegramNoticeSender } from './notice-sender.js';
import type { NotificationSender, ReminderSender } from '../../outbox/outbox-senders.js';

/**
 * Mounts what the employees' bot needs on the web server (webhook, local chat page) and returns
 * how to start it once the server listens, and the bot's outbox senders (main.ts starts the
 * schedulers that use them). Routes must exist before the first request.
 */
export function setupTelegram(
  app: Hono,
  options: { config: Config; deps: BotDeps; db: Database; logger: Logger },
): {
  start(): Promise<TelegramRunning | undefined>;
  noticeSender?: NotificationSender;
  reminderSender?: ReminderSender;
} {
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
    reminderSender: telegramReminderSender(bot),
    start: async () => {
      running = await startTelegram(bot, { db: options.db, log: options.logger, webhook: telegram.webhook });
      return running;
    },
  };
}
