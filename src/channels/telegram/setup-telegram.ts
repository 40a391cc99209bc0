import type { Hono } from 'hono';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { localChatRoutes } from '../../web/local-chat.js';
import type { BotDeps } from './context.js';
import { createBot } from './create-bot.js';
import { createLocalTransport } from './local-transport.js';
import { startTelegram, type TelegramRunning } from './start-telegram.js';
import { telegramWebhookHandler } from './telegram-webhook.js';
import { startReminderScheduler } from '../../reminders/start-reminder-scheduler.js';
import { telegramReminderSender } from './reminder-sender.js';

/** The identity of the bot behind the local chat page, which has no Telegram to ask. */
const localBotInfo = {
  id: 1,
  is_bot: true as const,
  first_name: 'Asisten ASN',
  username: 'asisten_asn_lokal',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/**
 * Mounts what the employees' bot needs on the web server (webhook, local chat page) and returns
 * how to start it once the server listens. Routes must exist before the first request.
 */
export function setupTelegram(
  app: Hono,
  options: { config: Config; deps: BotDeps; db: Database; logger: Logger },
): { start(): Promise<TelegramRunning | undefined> } {
  const { config, deps } = options;
  if (config.localChat) {
    const transport = createLocalTransport();
    const localBot = createBot(deps, {
      token: '0:local',
      botInfo: localBotInfo,
      transformers: [transport.transformer],
      throttle: { globalPerSecond: 1_000, perChatIntervalMs: 0 },
    });
    app.route('/chat', localChatRoutes(localBot, transport));
  }
  if (!config.telegram) return { start: async () => undefined };
  const telegram = config.telegram;
  const bot = createBot(deps, { token: telegram.token, apiRoot: telegram.apiRoot, throttle: config.bot.throttle });
  let running: TelegramRunning | undefined;
  if (telegram.webhook) {
    app.post(
      '/telegram/webhook',
      telegramWebhookHandler({ db: options.db, secret: telegram.webhook.secret, onReceived: () => running?.wake() }),
    );
  }
  return {
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
