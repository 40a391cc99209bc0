import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { cleanJson } from '../../text/clean-text.js';
import type { BotContext } from './context.js';
import { errorLabel } from './error-label.js';

/** An update claimed this long ago without being finished belongs to a crashed instance. */
const reclaimAfterSeconds = 120;
/** Tries before an update that keeps failing is set aside as failed (a poison update). */
export const maxAttempts = 5;
/** How long handled updates are remembered: Telegram gives up redelivering well within a day. */
const rememberHandledHours = 48;
/** Failed updates stay longer, so that someone can look at them after a weekend. */
const rememberFailedDays = 7;

/** What became of a webhook update: stored for the worker, or kept as failed (never handled). */
export type Received = 'stored' | 'failed';

/**
 * Stores a webhook update before Telegram is answered, so that a crash after the answer loses
 * nothing. Its texts are cleaned first (PostgreSQL refuses U+0000 and lone surrogates in jsonb).
 * An update that still cannot be stored (e.g. nested too deep to serialise) is kept as failed
 * under its id, so that Telegram gets its 200 and stops redelivering it. Throws only when the
 * database cannot take even that, when a redelivery later is what should happen.
 */
export async function receiveUpdate(db: Database, update: Update): Promise<Received> {
  const updateId = BigInt(update.update_id);
  try {
    const clean = cleanJson(update);
    const chatId =
      clean.message?.chat?.id ??
      clean.callback_query?.message?.chat?.id ??
      clean.callback_query?.from?.id ??
      clean.edited_message?.chat?.id;
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO telegram_inbox (update_id, chat_key, payload) VALUES ($1, $2, $3::jsonb) ON CONFLICT (update_id) DO NOTHING`,
      updateId,
      chatId === undefined || chatId === null ? null : `tg:${chatId}`,
      JSON.stringify(clean),
    );
    return 'stored';
  } catch (error) {
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO telegram_inbox (update_id, payload, failed_at, error) VALUES ($1, '{}'::jsonb, now(), $2)
       ON CONFLICT (update_id) DO NOTHING`,
      updateId,
      `store: ${errorLabel(error)}`,
    );
    return 'failed';
  }
}

interface Claimed {
  update_id: bigint;
  payload: Update;
  attempts: number;
}

/**
 * Claims the oldest stored update whose chat has no earlier update still waiting, so every
 * instance may work the inbox: updates of one chat stay in order, different chats run in parallel.
 * A failed update waits for nothing: it no longer holds its chat back.
 */
async function claimNext(db: Database): Promise<Claimed | undefined> {
  const rows = await db.prisma.$queryRawUnsafe<Claimed[]>(
    `UPDATE telegram_inbox SET claimed_at = now(), attempts = attempts + 1
     WHERE update_id = (
       SELECT i.update_id FROM telegram_inbox i
       WHERE i.handled_at IS NULL AND i.failed_at IS NULL
         AND (i.claimed_at IS NULL OR i.claimed_at < now() - make_interval(secs => ${reclaimAfterSeconds}))
         AND NOT EXISTS (SELECT 1 FROM telegram_inbox j WHERE j.chat_key = i.chat_key AND j.update_id < i.update_id
                         AND j.handled_at IS NULL AND j.failed_at IS NULL)
       ORDER BY i.update_id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING update_id, payload, attempts`,
  );
  return rows[0];
}

/** Marks an update done (and forgets those done long ago), so a redelivery is not answered again. */
async function markHandled(db: Database, updateId: bigint): Promise<void> {
  await db.prisma.$executeRawUnsafe(
    `UPDATE telegram_inbox SET handled_at = now(), payload = '{}'::jsonb WHERE update_id = $1`,
    updateId,
  );
  await db.prisma.$executeRawUnsafe(
    `DELETE FROM telegram_inbox WHERE handled_at < now() - make_interval(hours => ${rememberHandledHours})
       OR failed_at < now() - make_interval(days => ${rememberFailedDays})`,
  );
}

/**
 * Sets a poison update aside: no instance claims it again. Its payload is dropped, all but which
 * kind of update it was: it may hold a question or a draft post (`/cekpost`), which are never
 * kept; the update id, the kind and the error are what an operator needs to look.
 */
async function markFailed(db: Database, updateId: bigint, error: unknown): Promise<void> {
  await db.prisma.$executeRawUnsafe(
    `UPDATE telegram_inbox SET failed_at = now(), claimed_at = NULL, error = $2,
            payload = jsonb_build_object('kinds', (SELECT coalesce(jsonb_agg(k), '[]'::jsonb) FROM jsonb_object_keys(payload) AS k WHERE k <> 'update_id'))
     WHERE update_id = $1`,
    updateId,
    `handle: ${errorLabel(error)}`,
  );
}

export interface InboxWorker {
  /** Look again now (called when a webhook update arrives). */
  wake(): void;
  stop(): Promise<void>;
}

/** Handles stored updates with `concurrency` loops until stopped. */
export function startInboxWorker(db: Database, bot: Bot<BotContext>, log: Logger, concurrency = 4): InboxWorker {
  let running = true;
  let wakeUp: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const loop = async () => {
    while (running) {
      const row = await claimNext(db).catch((error: unknown) => {
        log.error({ err: { name: errorLabel(error) } }, 'inbox claim failed');
        return undefined;
      });
      if (!row) {
        await sleep(1_000);
        continue;
      }
      let failure: { error: unknown } | undefined;
      try {
        await bot.handleUpdate(row.payload);
      } catch (error) {
        failure = { error };
      }
      // Apart from the handling: an update handled but not marked is claimed again only after
      // reclaimAfterSeconds, not retried at once as if it had failed.
      if (!failure) {
        await markHandled(db, row.update_id).catch((error: unknown) =>
          log.error({ updateId: Number(row.update_id), err: { name: errorLabel(error) } }, 'inbox update not marked handled'),
        );
        continue;
      }
      const failed = row.attempts >= maxAttempts;
      log.error(
        { updateId: Number(row.update_id), attempts: row.attempts, failed, err: { name: errorLabel(failure.error) } },
        'update failed',
      );
      await (
        failed
          ? markFailed(db, row.update_id, failure.error)
          : db.prisma.$executeRawUnsafe(`UPDATE telegram_inbox SET claimed_at = NULL WHERE update_id = $1`, row.update_id)
      ).catch((error: unknown) => log.error({ err: { name: errorLabel(error) } }, 'inbox update not released'));
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  return {
    wake: () => wakeUp?.(),
    stop: async () => {
      running = false;
      wakeUp?.();
      await Promise.all(loops);
    },
  };
}
