import { Cron } from 'croner';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import {
  dispatchNotifications,
  type NotificationChannel,
  type NotificationSender,
} from '../notifications/notification-outbox.js';
import { localDateOf, localTimeOf } from '../calendar/local-time.js';
import { enqueueDigests } from './enqueue-digests.js';
import { escalateOverdueFlags } from './escalate-overdue.js';
import { evaluateFlags } from './evaluate-flags.js';
import { loadFlagSettings } from './flag-settings.js';
import { isStoredWorkingDay } from '../calendar/unit-days-off.js';

const evaluateEveryMs = 60 * 60_000;
const escalateEveryMs = 5 * 60_000;

export interface FlagScheduler {
  /** One round: rules (hourly), escalation (every 5 min), digests (once a day), then delivery. */
  tick(): Promise<void>;
  /** Delivers pending notifications now, e.g. right after a button press. */
  kick(): void;
  stop(): Promise<void>;
}

/**
 * The in-process scheduler of flags, safe on every instance: evaluation and digests are
 * idempotent, escalation re-checks each flag under a lock, and delivery claims outbox rows.
 */
export function startFlagScheduler(options: {
  db: Database;
  senders: Partial<Record<NotificationChannel, NotificationSender>>;
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
  let delivering: Promise<void> | undefined;

  const deliver = async () => {
    for (let round = 0; round < 20; round++) {
      const result = await dispatchNotifications(db, options.senders, { now: options.now(), log });
      if (result.sent + result.failed > 0) log.info(result, 'notifications dispatched');
      if (result.sent + result.failed + result.retried === 0 || result.retried > 0) break;
    }
  };
  // One delivery at a time per instance; a kick during one runs another right after.
  const deliverSoon = (): Promise<void> => {
    const next = (delivering ?? Promise.resolve()).then(deliver, deliver);
    delivering = next.catch((error: Error) => log.error({ err: { message: error.message } }, 'notification delivery failed'));
    return delivering;
  };

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
    await deliverSoon();
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
    kick: () => void deliverSoon(),
    stop: async () => {
      job?.stop();
      await running;
      await delivering;
    },
  };
}
