import { UnreachableError, UpstreamError } from '../errors.js';

/**
 * What to do with an outbox row after a send threw. One rule for every kind and platform, read
 * from the `UpstreamError` / `UnreachableError` split each platform's sender maps its errors to:
 * - `retry`: the platform is down, unreachable or rate limited; the row waits `afterMs` and the
 *   rest of that platform's batch waits with it (`pausePlatform`).
 * - `blocked`: the recipient shut us out (Telegram 403); trying again cannot help.
 * - `failed`: the platform refused this message for good (a 4xx), or our own code kept failing.
 * - `unexpected` errors (a bug, a row the code cannot render) are retried alone, a few times.
 */
export type DeliveryOutcome =
  { status: 'retry'; afterMs: number; pausePlatform: boolean; reason: string } | { status: 'blocked' | 'failed'; reason: string };

/** Unexpected errors are retried this many times, then the row fails: it must not hold the queue. */
export const maxUnexpectedAttempts = 10;

/** Back-off when nobody said how long to wait: 30 s doubling to 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(300_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/** Sorts a send's error into the outbox's outcomes; `attempts` counts this one. */
export function deliveryOutcome(error: unknown, attempts: number): DeliveryOutcome {
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof UnreachableError) return { status: 'retry', afterMs: backoffMs(attempts), pausePlatform: true, reason };
  if (error instanceof UpstreamError) {
    const status = error.status ?? 500;
    if (status === 429)
      return { status: 'retry', afterMs: error.retryAfterMs ?? backoffMs(attempts), pausePlatform: true, reason };
    if (status >= 500)
      return { status: 'retry', afterMs: error.retryAfterMs ?? backoffMs(attempts), pausePlatform: true, reason };
    if (status === 403) return { status: 'blocked', reason };
    return { status: 'failed', reason };
  }
  if (attempts >= maxUnexpectedAttempts) return { status: 'failed', reason };
  return { status: 'retry', afterMs: backoffMs(attempts), pausePlatform: false, reason };
}
