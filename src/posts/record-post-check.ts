import type { Database } from '../db/database.js';

export interface PostCheckTally {
  /** 'YYYY-MM-DD' local date of the check; counted in its month. */
  localDate: string;
  /** The unit's code, or '' when no employee is known. */
  unitCode: string;
  channel: string;
  verdict: string;
  category: string;
}

/**
 * Counts one draft check for HR's statistics: month, unit, channel, verdict and category, and
 * nothing else. The text and the person are never passed in, so they cannot be stored. A month
 * (not a day) so that a unit's count does not point at the one person who checked that day.
 */
export async function recordPostCheck(db: Database, tally: PostCheckTally): Promise<void> {
  const month = `${tally.localDate.slice(0, 7)}-01`;
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO post_check_count (month, unit_code, channel, verdict, category, count)
     VALUES ($1::date, $2, $3, $4, $5, 1)
     ON CONFLICT (month, unit_code, channel, verdict, category) DO UPDATE SET count = post_check_count.count + 1`,
    month,
    tally.unitCode,
    tally.channel,
    tally.verdict,
    tally.category,
  );
}

export interface PostCheckStat {
  month: string;
  unitCode: string;
  verdict: string;
  category: string;
  count: number;
}

/** The counts of the last `months` months, per unit, verdict and category (all channels together). */
export async function listPostCheckStats(db: Database, sinceLocalDate: string): Promise<PostCheckStat[]> {
  const rows = await db.prisma.$queryRawUnsafe<
    { month: Date; unit_code: string; verdict: string; category: string; count: bigint }[]
  >(
    `SELECT month, unit_code, verdict, category, SUM(count)::bigint AS count FROM post_check_count
     WHERE month >= date_trunc('month', $1::date) GROUP BY month, unit_code, verdict, category
     ORDER BY month DESC, unit_code, verdict, category`,
    sinceLocalDate,
  );
  return rows.map((r) => ({
    month: r.month.toISOString().slice(0, 7),
    unitCode: r.unit_code,
    verdict: r.verdict,
    category: r.category,
    count: Number(r.count),
  }));
}
