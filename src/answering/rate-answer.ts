import type { Database } from '../db/database.js';

/** How a rating press ended: recorded, already rated before (the first one stands), or not the asker's. */
export type RatingOutcome = 'recorded' | 'already_rated' | 'not_asker';

/**
 * Records 👍 (1) or 👎 (-1) on a logged answer, for every channel alike: only the one who asked
 * (`asker`, the pseudonym the channel stored with the question) may rate it, and only once.
 *
 * The first rating stands: a second press is a double tap, a press that raced the removal of the
 * buttons, or a replay, not a change of mind; and HR's review of badly rated answers must not see a
 * rating change under it. The claim is one conditional UPDATE (`rating IS NULL`): of two presses
 * delivered at once, even on two instances, exactly one applies.
 */
export async function rateAnswer(db: Database, input: { logId: number; asker: string; rating: 1 | -1 }): Promise<RatingOutcome> {
  const { logId, asker, rating } = input;
  const claimed = await db.prisma.questionLog.updateMany({ where: { id: logId, asker, rating: null }, data: { rating } });
  if (claimed.count === 1) return 'recorded';
  const own = await db.prisma.questionLog.findFirst({ where: { id: logId, asker }, select: { id: true } });
  return own ? 'already_rated' : 'not_asker';
}
