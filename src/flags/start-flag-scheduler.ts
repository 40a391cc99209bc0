import { Cron } from 'croner';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { OutboxDispatcher } from '../outbox/start-outbox-dispatcher.js';
import { localDateOf, localTimeOf } from '../calendar/local-time.js';
import { enqueueDigests } from './enqueue-digests.js';
import { escalateOverdueFlags } from './escalate-overdue.js';
import { evaluateFlags } from './evaluate-flags.js';
import { loadFlagSettings } from './flag-settings.js';
import { isStoredWorkingDay } from '../calendar/unit-days-off.js';

const evaluateEveryMs = 60 * 60_000;
const escalateEveryMs = 5 * 60_000;

export interface FlagScheduler {
  /** One round: rules (hourly), escalation (every 5 min), digests (once a day), then an outbox round. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The in-process scheduler of flags, safe on every instance: evaluation and digests are
 * idempotent, escalation re-checks each flag under a lock. It only queues: the outbox dispatcher
 * sends, and is asked for a round right after, so a flag raised now goes out now.
 */
export function startFlagScheduler(options: {
  db: Database;
  outbox: Pick<OutboxDispatcher, 'tick'>;
  log: Logger;
  now: () => Date;
  /** Local time (WIB) of the supervisors' daily digest. */
  digestTime?: string;
  /** Tests drive tick() themselves. */
  cron?: boolean;
}): FlagScheduler {
  const { db, log } = options;
  const digestTime = options.digestTime ?? '08:00';
  let lastEvaluated = -Infinity;
  let lastEscalated = -Infinity;
  let lastDigestDate = '';

  const tick = async () => {
    const now = options.now();
    if (now.getTime() - lastEvaluated >= evaluateEveryMs) {
      const summary = await evaluateFlags(db, { now });
      lastEvaluated = now.getTime();
      log.info(summary, 'flag rules evaluated');
    }
    if (now.getTime() - lastEscalated >= escalateEveryMs) {
      const { escalationWorkingHours } = await loadFlagSettings(db);
      const escalated = await escalateOverdueFlags(db, { now, workingHours: escalationWorkingHours });
      lastEscalated = now.getTime();
      if (escalated > 0) log.info({ escalated }, 'flags escalated');
    }
    const today = localDateOf(now, 'Asia/Jakarta');
    // Digests on working days only: nobody wants a work summary on a Sunday or a holiday.
    if (today !== lastDigestDate && localTimeOf(now, 'Asia/Jakarta') >= digestTime && (await isStoredWorkingDay(db, today))) {
      const queued = await enqueueDigests(db, { now, date: today });
      lastDigestDate = today;
      if (queued > 0) log.info({ queued }, 'digests queued');
    }
    await options.outbox.tick();
  };

  let running: Promise<void> | undefined;
  const job =
    options.cron === false
      ? undefined
      : new Cron('* * * * *', { protect: true }, async () => {
          running = tick().catch((error: Error) => log.error({ err: { message: error.message } }, 'flag tick failed'));
          await running;
        });
  return {
    tick,
    stop: async () => {
      job?.stop();
      await running;
    },
  };
}
