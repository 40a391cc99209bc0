import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../logger.js';

/**
 * How long a seen key is kept. A signature can only be replayed while its timestamp is inside the
 * ±5-minute window (10 minutes at most), and Slack retries an event within about 5 minutes; an
 * hour leaves room for clocks that differ between instances.
 */
const keepMs = 60 * 60_000;
/** Old rows go at most once a minute per instance: one DELETE per request would be wasted work. */
const pruneEveryMs = 60_000;

/**
 * Slack requests already taken in, in the database so that every instance behind the same Slack
 * app shares them (slack_request_seen). `firstSighting` is the one question asked of it.
 */
export class SeenSlackRequests {
  private lastPruned = 0;

  constructor(private readonly db: Database) {}

  /**
   * True the first time `key` is offered, false on every later offer, from any instance: the insert
   * and its unique key decide, so two copies arriving at once cannot both be first.
   */
  async firstSighting(key: string, nowMs: number): Promise<boolean> {
    if (nowMs - this.lastPruned >= pruneEveryMs) {
      this.lastPruned = nowMs;
      await this.db.prisma.slackRequestSeen.deleteMany({ where: { seenAt: { lt: new Date(nowMs - keepMs) } } });
    }
    const inserted = await this.db.prisma.$queryRawUnsafe<{ key: string }[]>(
      `INSERT INTO slack_request_seen (key, seen_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key`,
      key,
      new Date(nowMs),
    );
    return inserted.length > 0;
  }
}

/**
 * Bolt global middleware: an Events API event whose `event_id` was seen before is Slack retrying
 * it (X-Slack-Retry-Num over HTTP, retry_attempt in Socket Mode) after a slow or lost answer. Bolt
 * has acknowledged it already (200) before this runs, so skipping the listeners here answers the
 * retry without handling the event twice. The id is recorded before handling: at most once.
 */
export function skipSeenEvents(seen: SeenSlackRequests, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && /^[A-Za-z0-9]{1,64}$/.test(eventId)) {
      if (!(await seen.firstSighting(`event:${eventId}`, Date.now()))) {
        log.info({ eventId }, 'slack event already handled: retry skipped');
        return;
      }
    }
    await next();
  };
}
