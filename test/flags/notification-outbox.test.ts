// The notification outbox: enqueued once per key, sent once whatever the number of dispatchers,
// and a platform that is down costs one failed call per round, not one per waiting message.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import {
  dispatchNotifications,
  enqueueNotification,
  type NotificationChannel,
  type NotificationSender,
  type PendingNotification,
} from '../../src/outbox/notifications.js';
import { UpstreamError } from '../../src/errors.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

const now = new Date('2026-11-30T01:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

/** Records every call; `fail` decides, per notification, whether the platform refuses it. */
function countingSender(fail?: (n: PendingNotification) => Error | undefined) {
  const calls: PendingNotification[] = [];
  const sender: NotificationSender = {
    async send(n) {
      calls.push(n);
      // Yield to the event loop, as a real HTTP call does, so that concurrent dispatchers interleave.
      await new Promise((resolve) => setImmediate(resolve));
      const error = fail?.(n);
      if (error) throw error;
    },
  };
  return { sender, calls };
}

describe.each(backends)('notification outbox (%s)', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.prisma.notification.deleteMany();
  });

  const enqueue = (channel: NotificationChannel, key: string, notBefore = now) =>
    enqueueNotification(
      db.prisma,
      channel === 'slack'
        ? { channel, key, kind: 'digest', recipient: 'employee:1', payload: { date: '2026-11-30' }, notBefore }
        : { channel, key, kind: 'employee_notice', recipient: 'employee:1', payload: { text: key }, notBefore },
    );
  const rows = (channel?: NotificationChannel) =>
    db.prisma.notification.findMany({ where: channel ? { channel } : {}, orderBy: { id: 'asc' } });

  it('enqueues a key once, however often it is asked', async () => {
    expect(await enqueue('slack', 'digest:4:2026-11-30')).toBe(true);
    expect(await enqueue('slack', 'digest:4:2026-11-30', later(3_600_000))).toBe(false);
    const [row, ...rest] = await rows();
    expect(rest).toHaveLength(0);
    expect(row).toMatchObject({ status: 'pending', attempts: 0, notBefore: now, payload: { date: '2026-11-30' } });

    const { sender, calls } = countingSender();
    expect(await dispatchNotifications(db, { slack: sender }, { now })).toEqual({ sent: 1, retried: 0, failed: 0 });
    // Enqueued again after it went out: still not a second message.
    expect(await enqueue('slack', 'digest:4:2026-11-30')).toBe(false);
    expect(await dispatchNotifications(db, { slack: sender }, { now: later(60_000) })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    expect(calls.map((c) => c.key)).toEqual(['digest:4:2026-11-30']);
  });

  it('sends each row exactly once when two dispatchers run at the same time', async () => {
    for (let i = 0; i < 30; i++) await enqueue(i % 3 === 0 ? 'telegram' : 'slack', `n:${i}`);
    const { sender, calls } = countingSender();
    const senders = { slack: sender, telegram: sender };
    // Each instance keeps dispatching small batches until nothing is left for it.
    const instance = async () => {
      let sent = 0;
      for (;;) {
        const round = await dispatchNotifications(db, senders, { now, batchSize: 4, log: silentLogger });
        sent += round.sent;
        if (round.sent + round.retried + round.failed === 0) return sent;
      }
    };
    const [a, b] = await Promise.all([instance(), instance()]);
    expect(a + b).toBe(30);
    const keys = calls.map((c) => c.key).sort();
    expect(keys).toEqual(Array.from({ length: 30 }, (_, i) => `n:${i}`).sort());
    expect(new Set(keys).size).toBe(30);
    const stored = await rows();
    expect(stored.every((r) => r.status === 'sent' && r.attempts === 1 && r.sentAt?.getTime() === now.getTime())).toBe(true);
  });

  it("pauses the rest of a channel's batch after a retryable error, while the other channel's rows go out", async () => {
    for (let i = 0; i < 5; i++) {
      await enqueue('slack', `slack:${i}`);
      if (i < 3) await enqueue('telegram', `telegram:${i}`);
    }
    let slackUp = false;
    const slack = countingSender(() =>
      slackUp ? undefined : new UpstreamError('slack', 'service_unavailable', 503, { retryAfterMs: 60_000 }),
    );
    const telegram = countingSender();
    const senders = { slack: slack.sender, telegram: telegram.sender };

    expect(await dispatchNotifications(db, senders, { now, log: silentLogger })).toEqual({ sent: 3, retried: 5, failed: 0 });
    expect(slack.calls).toHaveLength(1); // one failed call, not one per row
    expect(telegram.calls.map((c) => c.key)).toEqual(['telegram:0', 'telegram:1', 'telegram:2']);
    for (const row of await rows('slack'))
      expect(row).toMatchObject({
        status: 'pending',
        claimedAt: null,
        notBefore: later(60_000),
        error: 'slack: service_unavailable',
      });
    expect((await rows('telegram')).every((r) => r.status === 'sent')).toBe(true);

    // Before the pause is over nothing is tried; after it, one call again while Slack is still down.
    expect(await dispatchNotifications(db, senders, { now: later(59_000) })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(slack.calls).toHaveLength(1);
    expect(await dispatchNotifications(db, senders, { now: later(60_000) })).toEqual({ sent: 0, retried: 5, failed: 0 });
    expect(slack.calls).toHaveLength(2);

    // Slack is back: everything goes out, oldest first, once.
    slackUp = true;
    expect(await dispatchNotifications(db, senders, { now: later(120_000) })).toEqual({ sent: 5, retried: 0, failed: 0 });
    expect(slack.calls.slice(2).map((c) => c.key)).toEqual(['slack:0', 'slack:1', 'slack:2', 'slack:3', 'slack:4']);
    expect((await rows()).every((r) => r.status === 'sent' && r.error === null)).toBe(true);
  });

  it('stops for good on a refusal without pausing the channel, and backs off on an unexpected error', async () => {
    await enqueue('slack', 'refused');
    await enqueue('slack', 'crash');
    await enqueue('slack', 'fine', later(1_000));
    const { sender, calls } = countingSender((n) =>
      n.key === 'crash'
        ? new Error('socket hang up')
        : n.key === 'refused'
          ? new UpstreamError('slack', 'channel_not_found', 400)
          : undefined,
    );
    const dispatch = (at: Date) => dispatchNotifications(db, { slack: sender }, { now: at, log: silentLogger });

    expect(await dispatch(now)).toEqual({ sent: 0, retried: 1, failed: 1 });
    expect(calls.map((c) => c.key)).toEqual(['refused', 'crash']);
    const [refused, crash] = await rows();
    expect(refused).toMatchObject({ status: 'failed', error: 'slack: channel_not_found' });
    expect(crash).toMatchObject({ status: 'pending', attempts: 1, notBefore: later(30_000), error: 'socket hang up' });

    // The row due in between goes out; the failed one is never tried again.
    expect(await dispatch(later(1_000))).toEqual({ sent: 1, retried: 0, failed: 0 });
    // The second failure waits twice as long.
    expect(await dispatch(later(30_000))).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect((await rows())[1]).toMatchObject({ attempts: 2, notBefore: later(90_000) });
    expect(calls.map((c) => c.key)).toEqual(['refused', 'crash', 'fine', 'crash']);

    // An error that is not the platform's never holds the queue for good: after ten tries the row fails.
    let at = later(90_000);
    for (let attempt = 3; attempt <= 10; attempt++) {
      const result = await dispatch(at);
      expect(result.failed).toBe(attempt === 10 ? 1 : 0);
      at = new Date(at.getTime() + 300_000);
    }
    expect((await rows())[1]).toMatchObject({ status: 'failed', attempts: 10, error: 'socket hang up' });
  });
});
