import type { Database } from '../db/database.js';
import type { Prisma } from '../generated/prisma/client.js';
import { hashLinkCode, isWellFormedLinkCode } from './link-code.js';

export interface LinkTelegramAccountInput {
  /** As the employee typed it: case, dash and spaces do not matter. */
  code: string;
  telegramUserId: bigint;
  chatId: bigint;
  now: Date;
}

export type LinkResult =
  | { status: 'linked'; employee: { id: number; nip: string; name: string } }
  /** A wrong code (counted against the user), or `locked` after too many of them. */
  | { status: 'invalid' | 'expired' | 'used' | 'locked'; retryAfterMinutes?: number }
  /** This Telegram account belongs to a different employee: /keluar first. */
  | { status: 'other_account' };

type Failure = { status: 'invalid' | 'expired' | 'used' };
/** What the code itself gives, before the lockout has its say. */
type CodeOutcome =
  | Extract<LinkResult, { status: 'linked' | 'other_account' }>
  | { status: 'already_linked'; employee: { id: number; nip: string; name: string } }
  | Failure;
type Tx = Prisma.TransactionClient;

// 31^8 codes against 5 tries per 15 minutes: guessing one would take longer than anyone lives.
const maxFailures = 5;
const failureWindowMs = 15 * 60_000;
const lockMs = 30 * 60_000;

/**
 * Links a Telegram account to the employee whose code it presents. One account, one employee:
 * the employee moves from an older account if any. Single use, even when used twice at once.
 */
export async function linkTelegramAccount(db: Database, input: LinkTelegramAccountInput): Promise<LinkResult> {
  const { telegramUserId, now } = input;
  return db.prisma.$transaction(async (tx) => {
    // One user's attempts run one at a time (the row stays locked until commit): parallel guesses
    // must not all read "4 failures" and slip past the lockout together.
    await tx.$executeRaw`INSERT INTO link_attempt (telegram_user_id, failures, window_start)
      VALUES (${telegramUserId}, 0, ${now}) ON CONFLICT (telegram_user_id) DO NOTHING`;
    await tx.$queryRaw`SELECT 1 FROM link_attempt WHERE telegram_user_id = ${telegramUserId} FOR UPDATE`;
    const attempt = await tx.linkAttempt.findUnique({ where: { telegramUserId } });
    if (attempt?.lockedUntil && attempt.lockedUntil > now)
      return { status: 'locked' as const, retryAfterMinutes: minutesUntil(attempt.lockedUntil, now) };

    const result = await tryCode(tx, input);
    if (result.status === 'linked') await tx.linkAttempt.deleteMany({ where: { telegramUserId } });
    if (result.status === 'linked' || result.status === 'other_account') return result;
    // Not a reset: resending one's own old code between guesses must not clear the count.
    if (result.status === 'already_linked') return { status: 'linked', employee: result.employee };
    return recordFailure(tx, telegramUserId, attempt, now, result);
  });
}

async function tryCode(tx: Tx, input: LinkTelegramAccountInput): Promise<CodeOutcome> {
  const { code, telegramUserId, chatId, now } = input;
  if (!isWellFormedLinkCode(code)) return { status: 'invalid' };
  const linkCode = await tx.linkCode.findUnique({
    where: { codeHash: hashLinkCode(code) },
    include: { employee: { select: { id: true, nip: true, name: true, active: true } } },
  });
  // Someone who has left keeps no access, whatever code they still hold.
  if (!linkCode || !linkCode.employee.active) return { status: 'invalid' };
  const { id, nip, name } = linkCode.employee;
  const current = await tx.telegramAccount.findUnique({ where: { telegramUserId } });
  // Tapping the deep link twice is not a wrong code: the account is already where it should be.
  if (current?.employeeId === id && linkCode.usedAt) return { status: 'already_linked', employee: { id, nip, name } };
  if (linkCode.usedAt) return { status: 'used' };
  if (linkCode.expiresAt <= now) return { status: 'expired' };
  if (current && current.employeeId !== id) return { status: 'other_account' };

  // The claim: of two uses at once, the second waits for the first to commit and then finds it used.
  const claimed = await tx.linkCode.updateMany({ where: { id: linkCode.id, usedAt: null }, data: { usedAt: now } });
  if (claimed.count === 0) return { status: 'used' };
  await tx.telegramAccount.deleteMany({ where: { employeeId: id, telegramUserId: { not: telegramUserId } } });
  await tx.telegramAccount.upsert({
    where: { telegramUserId },
    create: { telegramUserId, employeeId: id, chatId, linkedAt: now },
    update: { chatId, linkedAt: now },
  });
  return { status: 'linked', employee: { id, nip, name } };
}

async function recordFailure(
  tx: Tx,
  telegramUserId: bigint,
  attempt: { failures: number; windowStart: Date } | null,
  now: Date,
  result: Failure,
): Promise<LinkResult> {
  // A fixed window from the first failure: the table keeps a count, not every attempt's time.
  const fresh = !attempt || attempt.failures === 0 || now.getTime() - attempt.windowStart.getTime() >= failureWindowMs;
  const failures = fresh ? 1 : attempt.failures + 1;
  const windowStart = fresh ? now : attempt.windowStart;
  const lockedUntil = failures >= maxFailures ? new Date(now.getTime() + lockMs) : null;
  const data = { failures, windowStart, lockedUntil };
  await tx.linkAttempt.upsert({ where: { telegramUserId }, create: { telegramUserId, ...data }, update: data });
  return lockedUntil ? { status: 'locked', retryAfterMinutes: minutesUntil(lockedUntil, now) } : result;
}

function minutesUntil(until: Date, now: Date): number {
  return Math.ceil((until.getTime() - now.getTime()) / 60_000);
}

/** Unlinks a Telegram account (/keluar). False when it was not linked. */
export async function unlinkTelegramAccount(db: Database, telegramUserId: bigint): Promise<boolean> {
  const { count } = await db.prisma.telegramAccount.deleteMany({ where: { telegramUserId } });
  return count > 0;
}
