import { run } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import type { BotContext } from './context.js';
import { registerCommands } from './create-bot.js';
import { startInboxWorker, type InboxWorker } from './telegram-inbox.js';

const allowedUpdates = ['message', 'callback_query'] as const;

export interface TelegramRunning {
  mode: 'polling' | 'webhook';
  /** For webhook mode: a new update is waiting in the inbox. */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Long polling with @grammyjs/runner (sequential per chat, concurrent across chats) by default;
 * with a webhook URL, Telegram posts to the shared web server and the inbox worker handles updates.
 */
export async function startTelegram(
  bot: Bot<BotContext>,
  options: { db: Database; log: Logger; webhook?: { url: string; secret: string } },
): Promise<TelegramRunning> {
  await bot.init();
  await registerCommands(bot);
  if (options.webhook) {
    await bot.api.setWebhook(options.webhook.url, { secret_token: options.webhook.secret, allowed_updates: [...allowedUpdates] });
    const worker: InboxWorker = startInboxWorker(options.db, bot, options.log);
    options.log.info({ username: bot.botInfo.username }, 'telegram webhook set');
    return { mode: 'webhook', wake: worker.wake, stop: worker.stop };
  }
  await bot.api.deleteWebhook();
  const handle = run(bot, { runner: { fetch: { allowed_updates: [...allowedUpdates] } } });
  options.log.info({ username: bot.botInfo.username }, 'telegram long polling started');
  return {
    mode: 'polling',
    wake: () => undefined,
    // Stops fetching and waits for the updates being handled, so a restart loses none.
    stop: () => (handle.isRunning() ? handle.stop() : Promise.resolve()),
  };
}
