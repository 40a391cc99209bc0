import type { Database, PrismaClient } from '../db/database.js';
import type { Logger } from '../logger.js';
import { claimRows, holdClaims, releaseClaims } from './claim-rows.js';
import { deliveryOutcome } from './delivery-outcome.js';
import {
  notificationKinds,
  parseNotificationPayload,
  type NotificationChannel,
  type NotificationKind,
  type NotificationPayload,
} from './outbox-payloads.js';
import type { NotificationSender, PendingNotification } from './outbox-senders.js';

export type { NotificationChannel, NotificationKind } from './outbox-payloads.js';
export type { NotificationSender, PendingNotification } from './outbox-senders.js';

/** A Prisma client or an interactive transaction: enqueueing belongs in the transaction that caused it. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/** A notification to queue; the payload's type follows the kind. */
export type NewNotification = {
  [K in NotificationKind]: {
    channel: (typeof notificationKinds)[K]['channel'];
    /** Unique: enqueueing the same key twice sends once. */
    key: string;
    kind: K;
    flagId?: number;
    recipient: string;
    notBefore: Date;
  } & (Record<string, never> extends NotificationPayload<K>
    ? { payload?: NotificationPayload<K> }
    : { payload: NotificationPayload<K> });
}[NotificationKind];

/**
 * Queues a notification, its payload checked against the kind's schema (throws ZodError).
 * Returns true when the row is new, false when the key was already there.
 */
export async function enqueueNotification(tx: Tx, n: NewNotification): Promise<boolean> {
  const payload = parseNotificationPayload(n.kind, n.payload);
  if (notificationKinds[n.kind].channel !== n.channel)
    throw new Error(`${n.kind} dikirim lewat ${notificationKinds[n.kind].channel}`);
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO notification (channel, key, kind, flag_id, recipient, payload, not_before)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) ON CONFLICT (key) DO NOTHING`,
    n.channel,
    n.key,
    n.kind,
    n.flagId ?? null,
    n.recipient,
    JSON.stringify(payload),
    n.notBefore,
  );
  return inserted > 0;
}

export interface NotificationDispatchResult {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Sends pending notifications of the channels that have a sender. Rows are claimed (claimRows:
 * FOR UPDATE SKIP LOCKED, a lease renewed while sending), so instances never send one twice; a
 * row is marked sent, at the moment the platform accepted it, and a platform that is down only
 * delays it (deliveryOutcome). Sent one after another, oldest first: Slack allows about one
 * message a second per channel, and order matters to a reader. After `signal` aborts (shutdown),
 * the rows not yet started are given back at once rather than waiting out the lease.
 */
export async function dispatchNotifications(
  db: Database,
  senders: Partial<Record<NotificationChannel, NotificationSender>>,
  options: { now: Date | (() => Date); batchSize?: number; log?: Logger; signal?: AbortSignal },
): Promise<NotificationDispatchResult> {
  const result: NotificationDispatchResult = { sent: 0, retried: 0, failed: 0 };
  const channels = Object.keys(senders);
  if (channels.length === 0 || options.signal?.aborted) return result;
  const clock = typeof options.now === 'function' ? options.now : () => options.now as Date;
  const now = clock();
  const ids = await claimRows(db, {
    table: 'notification',
    ready: `status = 'pending' AND not_before <= $1 AND channel = ANY($3::text[])`,
    order: 'not_before, id',
    now,
    limit: options.batchSize ?? 100,
    params: [channels],
  });
  if (ids.length === 0) return result;
  const claimed = await db.prisma.$queryRawUnsafe<
    {
      id: number;
      channel: NotificationChannel;
      key: string;
      kind: NotificationKind;
      flag_id: number | null;
      recipient: string;
      payload: unknown;
      attempts: number;
    }[]
  >(
    `SELECT id, channel, key, kind, flag_id, recipient, payload, attempts FROM notification WHERE id = ANY($1::int[]) ORDER BY id`,
    ids.map((r) => r.id),
  );
  const lease = holdClaims(
    db,
    'notification',
    ids.map((r) => r.id),
    clock,
  );
  // One platform outage should not cost a round trip per row: after a platform error on a
  // channel, the rest of that channel's batch is released untouched, with the same delay.
  const pausedUntil = new Map<string, { until: Date; reason: string }>();
  try {
    for (const [index, row] of claimed.entries()) {
      if (options.signal?.aborted) {
        await releaseClaims(
          db,
          'notification',
          claimed.slice(index).map((r) => r.id),
        );
        break;
      }
      const paused = pausedUntil.get(row.channel);
      if (paused) {
        await retryLater(db, row.id, paused.until, paused.reason);
        result.retried++;
        lease.done(row.id);
        continue;
      }
      try {
        const payload = parseNotificationPayload(row.kind, row.payload);
        await senders[row.channel]!.send({
          id: row.id,
          channel: row.channel,
          key: row.key,
          kind: row.kind,
          flagId: row.flag_id,
          recipient: row.recipient,
          payload,
          attempts: row.attempts,
        } as PendingNotification);
        await db.prisma.$executeRawUnsafe(
          `UPDATE notification SET status = 'sent', sent_at = $2, error = NULL, claimed_at = NULL WHERE id = $1`,
          row.id,
          clock(),
        );
        result.sent++;
      } catch (error) {
        const outcome = deliveryOutcome(error, row.attempts);
        if (outcome.status === 'retry') {
          const until = new Date(clock().getTime() + outcome.afterMs);
          if (outcome.pausePlatform) pausedUntil.set(row.channel, { until, reason: outcome.reason });
          await retryLater(db, row.id, until, outcome.reason);
          result.retried++;
        } else {
          // Nobody to block on Slack's side; for a notice, a blocked bot is as final as a refusal.
          await db.prisma.$executeRawUnsafe(
            `UPDATE notification SET status = 'failed', error = $2, claimed_at = NULL WHERE id = $1`,
            row.id,
            outcome.reason,
          );
          result.failed++;
        }
        options.log?.warn({ notificationId: row.id, channel: row.channel, outcome: outcome.status }, 'notification not sent');
      }
      lease.done(row.id);
    }
  } finally {
    lease.stop();
  }
  return result;
}

function retryLater(db: Database, id: number, notBefore: Date, reason: string) {
  return db.prisma.$executeRawUnsafe(
    `UPDATE notification SET claimed_at = NULL, not_before = $2, error = $3 WHERE id = $1`,
    id,
    notBefore,
    reason,
  );
}
