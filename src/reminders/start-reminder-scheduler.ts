import { Cron } from 'croner';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { OutboxDispatcher } from '../outbox/start-outbox-dispatcher.js';
import { planOutbox } from './plan-outbox.js';

/** Planning all employees is the heavy part; it runs this often, and at once after HR changes a schedule. */
const planEveryMs = 10 * 60_000;

/**
 * The in-process planner of reminders, safe on every instance: planning is idempotent. Every
 * minute it checks whether a schedule changed since it last planned (a cheap look at the
 * schedules' count and last update) and plans then, so a reminder HR moves to a few minutes from
 * now is in the outbox before its time; otherwise every 10 minutes. Then it asks the outbox for a
 * round, which sends what is due. Croner's `protect` keeps a slow tick from overlapping the next.
 */
export function startReminderScheduler(options: {
  db: Database;
  outbox: Pick<OutboxDispatcher, 'tick'>;
  log: Logger;
  now: () => Date;
  /** Tests drive tick() themselves. */
  cron?: boolean;
}): { tick(): Promise<void>; stop(): Promise<void> } {
  let lastPlan = -Infinity;
  let lastVersion = '';
  let running: Promise<void> | undefined;
  const tick = async () => {
    const now = options.now();
    const version = await schedulesVersion(options.db);
    if (now.getTime() - lastPlan >= planEveryMs || version !== lastVersion) {
      const { planned } = await planOutbox(options.db, now);
      lastPlan = now.getTime();
      lastVersion = version;
      options.log.info({ planned }, 'reminders planned');
    }
    await options.outbox.tick();
  };
  const job =
    options.cron === false
      ? undefined
      : new Cron('* * * * *', { protect: true }, async () => {
          running = tick().catch((error: Error) =>
            options.log.error({ err: { message: error.message } }, 'reminder tick failed'),
          );
          await running;
        });
  return {
    tick,
    stop: async () => {
      job?.stop();
      await running;
    },
  };
}

/** Changes with any schedule saved, added or removed (Prisma stamps updated_at on each save). */
async function schedulesVersion(db: Database): Promise<string> {
  const [row] = await db.prisma.$queryRawUnsafe<{ n: number; u: Date | null }[]>(
    `SELECT count(*)::int AS n, max(updated_at) AS u FROM reminder_schedule`,
  );
  return `${row?.n ?? 0}:${row?.u?.getTime() ?? 0}`;
}
