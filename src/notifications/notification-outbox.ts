import type { Database, PrismaClient } from '../db/database.js';
import type { Logger } from '../logger.js';

/** A Prisma client or an interactive transaction: enqueueing belongs in the transaction that caused it. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export type NotificationChannel = 'slack' | 'telegram';
export type NotificationKind = 'flag_alert' | 'flag_refresh' | 'digest' | 'employee_notice';

export interface NewNotification {
  channel: NotificationChannel;
  /** Unique: enqueueing the same key twice sends once. */
  key: string;
  kind: NotificationKind;
  flagId?: number;
  recipient: string;
  payload?: Record<string, unknown>;
  notBefore: Date;
}

export interface PendingNotification {
  id: number;
  channel: NotificationChannel;
  key: string;
  kind: NotificationKind;
  flagId: number | null;
  recipient: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * Why a send did not go through. `retry` leaves the row pending until `retryAfterMs` has passed
 * (Slack's Retry-After, or a back-off); `failed` stops it (the platform refused it for good).
 */
export class NotificationSendError extends Error {
  constructor(
    readonly outcome: 'retry' | 'failed',
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface NotificationSender {
  send(notification: PendingNotification): Promise<void>;
}

/** Returns true when the row is new, false when the key was already there. */
export async function enqueueNotification(tx: Tx, n: NewNotification): Promise<boolean> {
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO notification (channel, key, kind, flag_id, recipient, payload, not_before)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) ON CONFLICT (key) DO NOTHING`,
    n.channel,
    n.key,
    n.kind,
    n.flagId ?? null,
    n.recipient,
    JSON.stringify(n.payload ?? {}),
    n.notBefore,
  );
  return inserted > 0;
}

/**
 * An error that is not the platform's (a bug, a row the code cannot render) is retried this many
 * times, then the row is marked failed: it must not hold the queue forever.
 */
const maxUnexpectedAttempts = 10;

/** A claim older than this belongs to an instance that died while sending. */
const claimTimeoutSeconds = 300;
/** Back-off when the platform is down and said nothing about when to come back: 30 s doubling to 5 min. */
const backoffMs = (attempts: number) => Math.min(300_000, 30_000 * 2 ** Math.max(0, attempts - 1));

export interface NotificationDispatchResult {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Sends pending notifications of the channels that have a sender. Rows are claimed with FOR UPDATE
 * SKIP LOCKED, so instances never send one twice; a row is marked sent as soon as the platform
 * accepts it, and a platform that is down only delays it. Sent one after another, oldest first:
 * Slack allows about one message a second per channel, and order matters to a reader.
 */
export async function dispatchNotifications(
  db: Database,
  senders: Partial<Record<NotificationChannel, NotificationSender>>,
  options: { now: Date; batchSize?: number; log?: Logger },
): Promise<NotificationDispatchResult> {
  const result: NotificationDispatchResult = { sent: 0, retried: 0, failed: 0 };
  const channels = Object.keys(senders);
  if (channels.length === 0) return result;
  const { now } = options;
  const claimed = await db.prisma.$queryRawUnsafe<
    {
      id: number;
      channel: NotificationChannel;
      key: string;
      kind: NotificationKind;
      flag_id: number | null;
      recipient: string;
      payload: Record<string, unknown>;
      attempts: number;
    }[]
  >(
    `UPDATE notification SET claimed_at = $1, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM notification
       WHERE status = 'pending' AND not_before <= $1 AND channel = ANY($3::text[])
         AND (claimed_at IS NULL OR claimed_at < $1 - make_interval(secs => ${claimTimeoutSeconds}))
       ORDER BY not_before, id LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING id, channel, key, kind, flag_id, recipient, payload, attempts`,
    now,
    options.batchSize ?? 100,
    channels,
  );
  claimed.sort((a, b) => a.id - b.id);
  // One platform outage should not cost a round trip per row: after a retryable error on a
  // channel, the rest of that channel's batch is released untouched, with the same delay.
  const pausedUntil = new Map<string, { until: Date; reason: string }>();
  for (const row of claimed) {
    const paused = pausedUntil.get(row.channel);
    if (paused) {
      await release(db, row.id, paused.until, paused.reason);
      result.retried++;
      continue;
    }
    try {
      await senders[row.channel]!.send({
        id: row.id,
        channel: row.channel,
        key: row.key,
        kind: row.kind,
        flagId: row.flag_id,
        recipient: row.recipient,
        payload: row.payload,
        attempts: row.attempts,
      });
      await db.prisma.$executeRawUnsafe(
        `UPDATE notification SET status = 'sent', sent_at = $2, error = NULL WHERE id = $1`,
        row.id,
        now,
      );
      result.sent++;
    } catch (error) {
      if (!(error instanceof NotificationSendError)) {
        // Not the platform's answer: this row alone waits (the channel is not paused), a few times.
        const message = (error as Error).message;
        if (row.attempts >= maxUnexpectedAttempts) {
          await db.prisma.$executeRawUnsafe(
            `UPDATE notification SET status = 'failed', error = $2 WHERE id = $1`,
            row.id,
            message,
          );
          result.failed++;
        } else {
          await release(db, row.id, new Date(now.getTime() + backoffMs(row.attempts)), message);
          result.retried++;
        }
        options.log?.error(
          { notificationId: row.id, channel: row.channel, err: { message } },
          'notification failed unexpectedly',
        );
        continue;
      }
      const e = error;
      if (e.outcome === 'failed') {
        await db.prisma.$executeRawUnsafe(
          `UPDATE notification SET status = 'failed', error = $2 WHERE id = $1`,
          row.id,
          e.message,
        );
        result.failed++;
      } else {
        const until = new Date(now.getTime() + (e.retryAfterMs ?? backoffMs(row.attempts)));
        pausedUntil.set(row.channel, { until, reason: e.message });
        await release(db, row.id, until, e.message);
        result.retried++;
      }
      options.log?.warn({ notificationId: row.id, channel: row.channel, outcome: e.outcome }, 'notification not sent');
    }
  }
  return result;
}

function release(db: Database, id: number, notBefore: Date, reason: string) {
  return db.prisma.$executeRawUnsafe(
    `UPDATE notification SET claimed_at = NULL, not_before = $2, error = $3 WHERE id = $1`,
    id,
    notBefore,
    reason,
  );
}
