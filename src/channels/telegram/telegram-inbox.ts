import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import type { BotContext } from './context.js';

/** An update claimed this long ago without being finished belongs to a crashed instance. */
const reclaimAfterSeconds = 120;
const maxAttempts = 5;

/** Stores a webhook update before Telegram is answered, so that a crash after the answer loses nothing. */
export async function receiveUpdate(db: Database, update: Update): Promise<void> {
  const chatId =
    update.message?.chat.id ??
    update.callback_query?.message?.chat.id ??
    update.callback_query?.from.id ??
    update.edited_message?.chat.id;
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO telegram_inbox (update_id, chat_key, payload) VALUES ($1, $2, $3::jsonb) ON CONFLICT (update_id) DO NOTHING`,
    BigInt(update.update_id),
    chatId === undefined ? null : `tg:${chatId}`,
    JSON.stringify(update),
  );
}

/**
 * Claims the oldest stored update whose chat has no earlier update still waiting, so every
 * instance may work the inbox: updates of one chat stay in order, different chats run in parallel.
 */
async function claimNext(db: Database): Promise<{ update_id: bigint; payload: Update; attempts: number } | undefined> {
  const rows = await db.prisma.$queryRawUnsafe<{ update_id: bigint; payload: Update; attempts: number }[]>(
    `UPDATE telegram_inbox SET claimed_at = now(), attempts = attempts + 1
     WHERE update_id = (
       SELECT i.update_id FROM telegram_inbox i
       WHERE i.handled_at IS NULL
         AND (i.claimed_at IS NULL OR i.claimed_at < now() - make_interval(secs => ${reclaimAfterSeconds}))
         AND NOT EXISTS (SELECT 1 FROM telegram_inbox j WHERE j.chat_key = i.chat_key AND j.update_id < i.update_id AND j.handled_at IS NULL)
       ORDER BY i.update_id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING update_id, payload, attempts`,
  );
  return rows[0];
}

/** How long handled updates are remembered: Telegram gives up redelivering well within a day. */
const rememberHandledHours = 48;

/** Marks an update done (and forgets those done long ago), so a redelivery is not answered again. */
async function markHandled(db: Database, updateId: bigint): Promise<void> {
  await db.prisma.$executeRawUnsafe(
    `UPDATE telegram_inbox SET handled_at = now(), payload = '{}'::jsonb WHERE update_id = $1`,
    updateId,
  );
  await db.prisma.$executeRawUnsafe(
    `DELETE FROM telegram_inbox WHERE handled_at < now() - make_interval(hours => ${rememberHandledHours})`,
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
      const row = await claimNext(db).catch((error: Error) => {
        log.error({ err: { message: error.message } }, 'inbox claim failed');
        return undefined;
      });
      if (!row) {
        await sleep(1_000);
        continue;
      }
      try {
        await bot.handleUpdate(row.payload);
        await markHandled(db, row.update_id);
      } catch (error) {
        log.error(
          { updateId: Number(row.update_id), attempts: row.attempts, err: { message: (error as Error).message } },
          'update failed',
        );
        if (row.attempts >= maxAttempts) await markHandled(db, row.update_id);
        else await db.prisma.$executeRawUnsafe(`UPDATE telegram_inbox SET claimed_at = NULL WHERE update_id = $1`, row.update_id);
      }
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
