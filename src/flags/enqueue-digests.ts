import type { Database } from '../db/database.js';
import { enqueueNotification } from '../outbox/notifications.js';

/**
 * Queues today's digest for every supervisor with flags waiting on them since before the last 12
 * hours (a flag from this morning has just arrived as its own message); the key makes it one per
 * supervisor per day however often this runs. What the digest says is decided when it is sent.
 */
export async function enqueueDigests(db: Database, options: { now: Date; date: string }): Promise<number> {
  const assignees = await db.prisma.flag.findMany({
    where: {
      status: { in: ['open', 'escalated', 'acknowledged'] },
      assigneeId: { not: null },
      assignedAt: { lt: new Date(options.now.getTime() - 12 * 3_600_000) },
    },
    select: { assigneeId: true },
    distinct: ['assigneeId'],
  });
  let queued = 0;
  for (const { assigneeId } of assignees) {
    const fresh = await enqueueNotification(db.prisma, {
      channel: 'slack',
      key: `digest:${assigneeId}:${options.date}`,
      kind: 'digest',
      recipient: `employee:${assigneeId}`,
      payload: { date: options.date },
      notBefore: options.now,
    });
    if (fresh) queued++;
  }
  return queued;
}
