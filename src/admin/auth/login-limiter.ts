import type { Database } from '../../db/database.js';

/**
 * Five wrong passwords within the window lock the account for 15 minutes; twenty from one address
 * lock the address. The address allows more because an office's staff often share one NAT
 * address: one person's typos must not lock out their colleagues.
 */
export const loginLimits = { maxFailures: 5, maxFailuresPerAddress: 20, windowMinutes: 15, lockMinutes: 15 };

const maxFailuresOf = (key: string) => (key.startsWith('ip:') ? loginLimits.maxFailuresPerAddress : loginLimits.maxFailures);

/** The counters a login attempt touches: the account named and the address it came from. */
export const attemptKeys = (email: string, ip: string): string[] => [`akun:${email.trim().toLowerCase()}`, `ip:${ip}`];

/**
 * `locked`: a key is locked; the password must not be checked at all. `counted`: the attempt is
 * counted as a failure until `clearFailures` says otherwise; `lockedUntil` is set when this very
 * attempt used up the last try, so a wrong password here ends in the lock.
 */
export type AttemptVerdict = { status: 'locked'; lockedUntil: Date } | { status: 'counted'; lockedUntil?: Date };

/**
 * Counts a login attempt before its password is checked, each key under a row lock (stored, so
 * restarts do not unlock). Counting first is what makes the limit hold for parallel guesses: ten
 * sent at once must not all read "no failures yet" and all get the slow password check.
 */
export async function countAttempt(db: Database, keys: string[], now: Date): Promise<AttemptVerdict> {
  const windowStartedAfter = new Date(now.getTime() - loginLimits.windowMinutes * 60_000);
  // One lock order for every attempt: two attempts sharing both keys cannot deadlock.
  const ordered = [...new Set(keys)].sort();
  return db.prisma.$transaction(async (tx) => {
    const rows = [];
    for (const key of ordered) {
      await tx.$executeRaw`INSERT INTO admin_login_attempt (key, failures, window_start)
        VALUES (${key}, 0, ${now}) ON CONFLICT (key) DO NOTHING`;
      await tx.$queryRaw`SELECT 1 FROM admin_login_attempt WHERE key = ${key} FOR UPDATE`;
      rows.push((await tx.adminLoginAttempt.findUnique({ where: { key } }))!);
    }
    const locks = rows.flatMap((r) => (r.lockedUntil && r.lockedUntil > now ? [r.lockedUntil.getTime()] : []));
    if (locks.length) return { status: 'locked', lockedUntil: new Date(Math.max(...locks)) };

    let lockedUntil: Date | undefined;
    for (const row of rows) {
      const fresh = row.failures === 0 || row.windowStart < windowStartedAfter || row.lockedUntil !== null;
      const failures = fresh ? 1 : row.failures + 1;
      const lock = failures >= maxFailuresOf(row.key) ? new Date(now.getTime() + loginLimits.lockMinutes * 60_000) : null;
      await tx.adminLoginAttempt.update({
        where: { key: row.key },
        data: { failures: lock ? 0 : failures, windowStart: fresh ? now : row.windowStart, lockedUntil: lock },
      });
      if (lock) lockedUntil = lock;
    }
    return { status: 'counted', lockedUntil };
  });
}

/** A successful login forgets the failures of its account and address, this attempt's included. */
export async function clearFailures(db: Database, keys: string[]): Promise<void> {
  await db.prisma.adminLoginAttempt.deleteMany({ where: { key: { in: keys } } });
}
