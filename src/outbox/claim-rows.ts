import type { Database } from '../db/database.js';

/** The two outbox tables: reminders (one row per employee, reminder, date) and notifications. */
export type OutboxTable = 'reminder_outbox' | 'notification';

/**
 * How long a claim holds without renewal. The sender renews it while it works (see holdClaims),
 * so only an instance that died or hung loses its rows, and another takes them a minute later.
 */
export const claimLeaseSeconds = 60;
/** Renewal period: well inside the lease, so one slow database round trip does not lose it. */
const renewEveryMs = 20_000;

/**
 * Claims up to `limit` ready rows of `table` for this instance: `ready` is the SQL condition
 * (over the table's columns, `$1` is now), `order` the sending order. FOR UPDATE SKIP LOCKED
 * makes instances never claim the same row; a claim older than the lease is taken over. Works
 * the same on PGlite and PostgreSQL. Returns the claimed ids with their attempt count (this one included).
 */
export async function claimRows(
  db: Database,
  options: { table: OutboxTable; ready: string; order: string; now: Date; limit: number; params?: unknown[] },
): Promise<{ id: number; attempts: number }[]> {
  const { table } = options;
  const rows = await db.prisma.$queryRawUnsafe<{ id: number; attempts: number }[]>(
    `UPDATE ${table} SET claimed_at = $1, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM ${table}
       WHERE (${options.ready})
         AND (claimed_at IS NULL OR claimed_at < $1 - make_interval(secs => ${claimLeaseSeconds}))
       ORDER BY ${options.order} LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING id, attempts`,
    options.now,
    options.limit,
    ...(options.params ?? []),
  );
  return rows.sort((a, b) => a.id - b.id);
}

/** Gives claimed rows back untouched (not attempted), e.g. on shutdown before they were sent. */
export async function releaseClaims(db: Database, table: OutboxTable, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.prisma.$executeRawUnsafe(
    `UPDATE ${table} SET claimed_at = NULL, attempts = GREATEST(attempts - 1, 0) WHERE id = ANY($1::int[])`,
    ids,
  );
}

/**
 * Keeps the lease on the rows still in hand while they are being sent: every 20 s their
 * claimed_at is moved to now. `done(id)` drops a finished row; `stop()` ends the renewal.
 */
export function holdClaims(
  db: Database,
  table: OutboxTable,
  ids: number[],
  now: () => Date,
): { done(id: number): void; stop(): void } {
  const inHand = new Set(ids);
  const timer = setInterval(() => {
    if (inHand.size === 0) return;
    // A failed renewal only shortens the lease; the next one, or the send, carries on.
    db.prisma
      .$executeRawUnsafe(
        `UPDATE ${table} SET claimed_at = $2 WHERE id = ANY($1::int[]) AND claimed_at IS NOT NULL`,
        [...inHand],
        now(),
      )
      .catch(() => undefined);
  }, renewEveryMs);
  timer.unref();
  return { done: (id) => void inHand.delete(id), stop: () => clearInterval(timer) };
}
