import { Cron } from 'croner';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { dispatchReminders } from './dispatch-reminders.js';
import { dispatchNotifications } from './notifications.js';
import type { NotificationChannel } from './outbox-payloads.js';
import type { NotificationSender, ReminderSender } from './outbox-senders.js';

/** The platforms' sender ports; a platform that is not configured has none and its rows wait. */
export interface OutboxSenders {
  /** Telegram's reminders (the reminder_outbox table). */
  reminders?: ReminderSender;
  /** Notifications by channel (the notification table). */
  notifications: Partial<Record<NotificationChannel, NotificationSender>>;
}

export interface OutboxDispatcher {
  /** One round: what is due in both tables, drained a batch at a time. */
  tick(): Promise<void>;
  /** Delivers now, e.g. right after a button press or a flag raised; runs after the current round. */
  kick(): void;
  /** Stops claiming, gives back what was claimed but not started, waits for the sends in flight. */
  stop(): Promise<void>;
}

/**
 * The one in-process dispatcher of the outbox, every minute and on kick, safe on every instance:
 * rows are claimed, so several dispatchers never send one twice. One round at a time per
 * instance (a kick during one runs another right after).
 */
export function startOutboxDispatcher(options: {
  db: Database;
  senders: OutboxSenders;
  log: Logger;
  now: () => Date;
  /** Tests drive tick() themselves. */
  cron?: boolean;
}): OutboxDispatcher {
  const { db, log, senders } = options;
  const shutdown = new AbortController();
  const signal = shutdown.signal;

  const round = async () => {
    if (senders.reminders) {
      for (let i = 0; i < 50 && !signal.aborted; i++) {
        const r = await dispatchReminders(db, senders.reminders, { now: options.now, log, signal });
        if (r.sent + r.blocked + r.failed + r.missed + r.skipped > 0) log.info(r, 'reminders dispatched');
        if (r.sent + r.blocked + r.failed + r.retried + r.skipped === 0) break;
      }
    }
    for (let i = 0; i < 20 && !signal.aborted; i++) {
      const r = await dispatchNotifications(db, senders.notifications, { now: options.now, log, signal });
      if (r.sent + r.failed > 0) log.info(r, 'notifications dispatched');
      // Retried means a platform is down or asked us to wait: the rows wait for their time.
      if (r.sent + r.failed + r.retried === 0 || r.retried > 0) break;
    }
  };
  let current: Promise<void> = Promise.resolve();
  const runSoon = (): Promise<void> => {
    current = current
      .then(() => (signal.aborted ? undefined : round()))
      .catch((error: Error) => log.error({ err: { message: error.message } }, 'outbox round failed'));
    return current;
  };
  const job = options.cron === false ? undefined : new Cron('* * * * *', { protect: true }, () => runSoon());
  return {
    tick: runSoon,
    kick: () => void runSoon(),
    stop: async () => {
      job?.stop();
      shutdown.abort();
      await current;
    },
  };
}
