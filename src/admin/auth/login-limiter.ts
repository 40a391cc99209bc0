import type { Database } from '../../db/database.js';

/** Five wrong passwords within the window lock the account and the address for 15 minutes. */
export const loginLimits = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 };

/** The counters a login attempt touches: the account named and the address it came from. */
export const attemptKeys = (email: string, ip: string): string[] => [`akun:${email.trim().toLowerCase()}`, `ip:${ip}`];

/** Until when any of the keys is locked, or undefined when none is. Stored, so restarts do not unlock. */
export async function lockedUntil(db: Database, keys: string[], now: Date): Promise<Date | undefined> {
  const rows = await db.prisma.adminLoginAttempt.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } } });
  const times = rows.map((r) => r.lockedUntil!.getTime());
  return times.length ? new Date(Math.max(...times)) : undefined;
}

/** Counts a wrong password on each key; the fifth within the window locks it. Returns the lock, if any. */
export async function recordFailure(db: Database, keys: string[], now: Date): Promise<Date | undefined> {
  const windowStartedAfter = new Date(now.getTime() - loginLimits.windowMinutes * 60_000);
  let locked: Date | undefined;
  for (const key of keys) {
    const row = await db.prisma.adminLoginAttempt.findUnique({ where: { key } });
    const fresh = !row || row.windowStart < windowStartedAfter || (row.lockedUntil !== null && row.lockedUntil <= now);
    const failures = fresh ? 1 : row.failures + 1;
    const lock = failures >= loginLimits.maxFailures ? new Date(now.getTime() + loginLimits.lockMinutes * 60_000) : null;
    const data = { failures: lock ? 0 : failures, windowStart: fresh ? now : row.windowStart, lockedUntil: lock };
    await db.prisma.adminLoginAttempt.upsert({ where: { key }, create: { key, ...data }, update: data });
    if (lock) locked = lock;
  }
  return locked;
}

/** A successful login forgets the failures of its account and address. */
export async function clearFailures(db: Database, keys: string[]): Promise<void> {
  await db.prisma.adminLoginAttempt.deleteMany({ where: { key: { in: keys } } });
}
