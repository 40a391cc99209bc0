import type { Database } from '../../db/database.js';

/**
 * Wrong passwords are counted three ways within a 15-minute window:
 * - per account and address: five lock that account *from that address* for 15 minutes, so a
 *   guesser elsewhere cannot lock HR out of their own desks;
 * - per account, from every address together: twenty lock the account (guessing spread over
 *   many addresses);
 * - per address, across accounts: never a lock — an agency's staff often share one proxy or NAT
 *   address, and one person's typos (or one attacker behind the same proxy) must not lock out
 *   their colleagues. Past ten failures each further attempt from the address is slowed instead,
 *   by a quarter of a second more per failure, at most five seconds.
 */
export const loginLimits = {
  maxFailuresPerAccountAndAddress: 5,
  maxFailuresPerAccount: 20,
  slowAfterAddressFailures: 10,
  slowStepMs: 250,
  maxSlowMs: 5_000,
  windowMinutes: 15,
  lockMinutes: 15,
};

interface CounterKey {
  key: string;
  /** Failures that lock the key; none for the address, which is only slowed. */
  lockAt?: number;
}

/** The counters a login attempt touches. */
export function attemptKeys(email: string, ip: string): CounterKey[] {
  const account = email.trim().toLowerCase();
  return [
    { key: `akun:${account}`, lockAt: loginLimits.maxFailuresPerAccount },
    { key: `akun-ip:${account}|${ip}`, lockAt: loginLimits.maxFailuresPerAccountAndAddress },
    { key: `ip:${ip}` },
  ];
}

/**
 * `locked`: the account is locked (for this address or everywhere); the password must not be
 * checked at all. `counted`: the attempt is counted as a failure until `clearFailures` says
 * otherwise; `lockedUntil` is set when this very attempt used up the last try, so a wrong password
 * here ends in the lock; `delayMs` is how long to wait before checking the password.
 */
export type AttemptVerdict = { status: 'locked'; lockedUntil: Date } | { status: 'counted'; lockedUntil?: Date; delayMs: number };

/**
 * Counts a login attempt before its password is checked, each key under a row lock (stored, so
 * restarts do not unlock). Counting first is what makes the limit hold for parallel guesses: ten
 * sent at once must not all read "no failures yet" and all get the slow password check.
 */
export async function countAttempt(db: Database, keys: CounterKey[], now: Date): Promise<AttemptVerdict> {
  const windowStartedAfter = new Date(now.getTime() - loginLimits.windowMinutes * 60_000);
  // One lock order for every attempt: two attempts sharing keys cannot deadlock.
  const ordered = [...keys].sort((a, b) => a.key.localeCompare(b.key));
  return db.prisma.$transaction(async (tx) => {
    const rows = [];
    for (const { key, lockAt } of ordered) {
      await tx.$executeRaw`INSERT INTO admin_login_attempt (key, failures, window_start)
        VALUES (${key}, 0, ${now}) ON CONFLICT (key) DO NOTHING`;
      await tx.$queryRaw`SELECT 1 FROM admin_login_attempt WHERE key = ${key} FOR UPDATE`;
      rows.push({ row: (await tx.adminLoginAttempt.findUnique({ where: { key } }))!, lockAt });
    }
    const locks = rows.flatMap(({ row }) => (row.lockedUntil && row.lockedUntil > now ? [row.lockedUntil.getTime()] : []));
    if (locks.length) return { status: 'locked', lockedUntil: new Date(Math.max(...locks)) };

    let lockedUntil: Date | undefined;
    let delayMs = 0;
    for (const { row, lockAt } of rows) {
      const fresh = row.failures === 0 || row.windowStart < windowStartedAfter || row.lockedUntil !== null;
      const failures = fresh ? 1 : row.failures + 1;
      const lock = lockAt !== undefined && failures >= lockAt ? new Date(now.getTime() + loginLimits.lockMinutes * 60_000) : null;
      await tx.adminLoginAttempt.update({
        where: { key: row.key },
        data: { failures: lock ? 0 : failures, windowStart: fresh ? now : row.windowStart, lockedUntil: lock },
      });
      if (lock) lockedUntil = lock;
      if (lockAt === undefined) delayMs = slowDown(failures - 1);
    }
    return { status: 'counted', lockedUntil, delayMs };
  });
}

/** How long an attempt waits after `earlierFailures` from its address in the window. */
export function slowDown(earlierFailures: number): number {
  const over = earlierFailures - loginLimits.slowAfterAddressFailures;
  return over <= 0 ? 0 : Math.min(loginLimits.maxSlowMs, over * loginLimits.slowStepMs);
}

/**
 * A successful login forgets the failures of its account, this attempt's included. The address
 * keeps its count: logging in to an account of one's own must not reset a guesser's slow-down.
 */
export async function clearFailures(db: Database, keys: CounterKey[]): Promise<void> {
  const cleared = keys.filter((k) => k.lockAt !== undefined).map((k) => k.key);
  await db.prisma.adminLoginAttempt.deleteMany({ where: { key: { in: cleared } } });
}
