import { Cron } from 'croner';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { dispatchReminders, type ReminderSender } from './dispatch-reminders.js';
import { planOutbox } from './plan-outbox.js';

/** Planning all employees is the heavy part; it runs this often, dispatching every minute. */
const planEveryMs = 10 * 60_000;

/**
 * The in-process scheduler, safe on every instance: planning is idempotent and dispatching claims
 * rows, so several schedulers never send a reminder twice. Croner's `protect` keeps a slow tick
 * from overlapping the next.
 */
export function startReminderScheduler(options: { db: Database; sender: ReminderSender; log: Logger; now: () => Date }): {
  tick(): Promise<void>;
  stop(): Promise<void>;
} {
  let lastPlan = 0;
  let running: Promise<void> | undefined;
  const tick = async () => {
    const now = options.now();
    if (now.getTime() - lastPlan >= planEveryMs) {
      const { planned } = await planOutbox(options.db, now);
      lastPlan = now.getTime();
      options.log.info({ planned }, 'reminders planned');
    }
    // Drain what is due, a batch at a time, within this minute.
    for (let round = 0; round < 50; round++) {
      const result = await dispatchReminders(options.db, options.sender, { now: options.now(), log: options.log });
      if (result.sent + result.blocked + result.failed + result.missed + result.skipped > 0)
        options.log.info(result, 'reminders dispatched');
      if (result.sent + result.blocked + result.failed + result.retried + result.skipped === 0) break;
    }
  };
  const job = new Cron('* * * * *', { protect: true }, async () => {
    running = tick().catch((error: Error) => options.log.error({ err: { message: error.message } }, 'reminder tick failed'));
    await running;
  });
  return {
    tick,
    stop: async () => {
      job.stop();
      await running;
    },
  };
}
