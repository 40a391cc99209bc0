import { serve, type ServerType } from '@hono/node-server';
import { type AppContext, createAppContext } from './app-context.js';
import { systemClock, type Clock } from './clock.js';
import { DataDirLockedError } from './db/database.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { loadDefaultKnowledge } from './knowledge/ingest-paths.js';
import { createLogger } from './logger.js';
import { setupTelegram } from './channels/telegram/setup-telegram.js';
import type { TelegramRunning } from './channels/telegram/start-telegram.js';
import { createWebServer } from './web/create-web-server.js';
import { createSlackApp } from './channels/slack/slack-app.js';
import { slackNotificationSender } from './channels/slack/slack-sender.js';
import { startFlagScheduler, type FlagScheduler } from './flags/start-flag-scheduler.js';
import type { NotificationChannel } from './outbox/outbox-payloads.js';
import type { NotificationSender } from './outbox/outbox-senders.js';
import { startOutboxDispatcher, type OutboxDispatcher } from './outbox/start-outbox-dispatcher.js';
import { startReminderScheduler } from './reminders/start-reminder-scheduler.js';

/** The composition root: config -> logger -> database and services -> channels. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel, 1, config.logFormat);
  // The one clock of the process: every channel, service and scheduler reads time from it.
  const clock: Clock = systemClock;
  let ready = false;
  const startedAt = performance.now();
  logger.info(
    config.database.url ? { database: 'postgres' } : { database: 'pglite', dataDir: config.database.dataDir },
    'starting: opening the database',
  );
  let ctx: AppContext;
  try {
    ctx = await createAppContext(config, logger, { serve: true, clock });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  logger.info({ ms: Math.round(performance.now() - startedAt) }, 'database ready');
  const app = createWebServer({
    db: ctx.db,
    logger,
    isReady: () => ready,
    admin: {
      db: ctx.db,
      answering: ctx.answering,
      logger,
      settings: { ...config.admin, localChat: config.localChat, telegramBotUsername: config.telegram?.username },
      now: clock.now,
    },
  });
  const telegram = setupTelegram(app, {
    config,
    db: ctx.db,
    logger,
    deps: {
      db: ctx.db,
      answering: ctx.answering,
      logger,
      allowUnlinked: config.bot.allowUnlinked,
      messagesPerMinute: config.bot.messagesPerMinute,
      now: clock.now,
      posts: ctx.postChecker,
    },
  });
  const slack = config.slack
    ? createSlackApp(app, {
        settings: config.slack,
        db: ctx.db,
        logger,
        now: clock.now,
        onChange: () => outbox?.kick(),
        answering: ctx.answering,
        posts: ctx.postChecker,
      })
    : undefined;
  // Every scheduler is started here, once the channels are up, and stopped first on shutdown.
  let outbox: OutboxDispatcher | undefined;
  let flags: FlagScheduler | undefined;
  let reminders: { stop(): Promise<void> } | undefined;
  const server = await listen(app.fetch, config.http.host, config.http.port);
  logger.info({ url: `http://${config.http.host}:${config.http.port}`, database: ctx.db.kind }, 'web server listening');
  let telegramRunning: TelegramRunning | undefined;

  const shutdown = once(async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    ready = false;
    // Stop planning and queueing, then the outbox (it gives back what it claimed but did not
    // start, finishes the sends in flight), then stop taking updates, before the database closes.
    await reminders?.stop();
    await flags?.stop();
    await outbox?.stop();
    await slack?.stop();
    await telegramRunning?.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await ctx.close();
    logger.info('stopped');
    logger.flush();
  });
  process.once('SIGINT', () => void shutdown('SIGINT').then(() => process.exit(0)));
  process.once('SIGTERM', () => void shutdown('SIGTERM').then(() => process.exit(0)));

  await loadDefaultKnowledge(ctx.db, config.knowledgeDir, (o, i, total) => {
    const progress = `${i + 1}/${total}`;
    if ('error' in o) logger.error({ progress, file: o.path, code: o.error.code }, o.error.userMessage);
    else logger.info({ progress, file: o.result.source, passages: o.result.passages }, 'default knowledge base: file loaded');
  });
  telegramRunning = await telegram.start();
  await slack?.start();
  const notificationSenders: Partial<Record<NotificationChannel, NotificationSender>> = {};
  // Notifications come from flags: without flags, none are sent (as before the outbox was one).
  if (config.flags.enabled && slack)
    notificationSenders.slack = slackNotificationSender({
      db: ctx.db,
      client: slack.client,
      directory: slack.directory,
      hrChannel: config.slack?.hrChannel,
      now: clock.now,
    });
  if (config.flags.enabled && telegram.noticeSender) notificationSenders.telegram = telegram.noticeSender;
  const reminderSender = config.reminders ? telegram.reminderSender : undefined;
  outbox = startOutboxDispatcher({
    db: ctx.db,
    senders: { reminders: reminderSender, notifications: notificationSenders },
    log: logger,
    now: clock.now,
  });
  if (reminderSender) reminders = startReminderScheduler({ db: ctx.db, outbox, log: logger, now: clock.now });
  if (config.flags.enabled)
    flags = startFlagScheduler({ db: ctx.db, outbox, log: logger, now: clock.now, digestTime: config.flags.digestTime });
  ready = true;
  const base = `http://${config.http.host}:${config.http.port}`;
  logger.info(
    {
      admin: `${base}/admin`,
      ...(config.localChat ? { chat: `${base}/chat` } : {}),
      ms: Math.round(performance.now() - startedAt),
    },
    'ready',
  );
  // Embeddings are an improvement, not a precondition: compute them after becoming ready.
  ctx
    .embedPassages((done, total) => logger.info({ done, total }, 'embedding passages'))
    .catch((error: Error) =>
      logger.warn({ err: { name: error.name, message: error.message } }, 'embedding passages failed; lexical search only'),
    );
}

function listen(fetch: Parameters<typeof serve>[0]['fetch'], hostname: string, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, () => resolve(server));
    server.once('error', reject);
  });
}

function once<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  let running: Promise<void> | undefined;
  return (...args) => (running ??= fn(...args));
}

await main();
