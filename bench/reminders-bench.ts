import { pino } from 'pino';
import { createBot } from '../src/channels/telegram/create-bot.js';
import { telegramReminderSender } from '../src/channels/telegram/reminder-sender.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { dispatchReminders } from '../src/outbox/dispatch-reminders.js';
import { computeDueReminders, loadPlanningInput, planOutbox } from '../src/reminders/plan-outbox.js';
import { startFakeTelegram } from '../test/fakes/telegram-server.js';
import { botDeps } from '../test/helpers/bot-deps.js';
import { printRow, time } from './measure.js';

const logger = pino({ level: 'silent' });

/** `count` employees in 30 units over the three zones, all linked to Telegram. */
async function addEmployees(db: Database, count: number): Promise<void> {
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO org_unit (code, name, time_zone)
     SELECT 'U' || i, 'Unit ' || i, (ARRAY['Asia/Jakarta','Asia/Makassar','Asia/Jayapura'])[1 + i % 3] FROM generate_series(1, 30) i`,
  );
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO employee (nip, name, unit_id, updated_at)
     SELECT '1980' || lpad(i::text, 14, '0'), 'Pegawai ' || i, (SELECT id FROM org_unit WHERE code = 'U' || (1 + i % 30)), now()
     FROM generate_series(1, ${count}) i`,
  );
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO telegram_account (telegram_user_id, employee_id, chat_id) SELECT 1000000 + id, id, 1000000 + id FROM employee`,
  );
  await db.prisma.$executeRawUnsafe('ANALYZE');
}

async function planningBench(): Promise<void> {
  const db = await openDatabase({ dataDir: 'memory://' });
  await addEmployees(db, 100_000);
  // Monday 23 Nov 2026, 06:00 WIB: the day's reminders of every zone are ahead.
  const now = new Date('2026-11-22T23:00:00Z');
  let dueCount = 0;
  const loadMs = await time(async () => {
    const input = await loadPlanningInput(db, now);
    const computeMs = await time(async () => {
      dueCount = computeDueReminders(input, now).length;
    });
    printRow(
      'computing the day’s due reminders, 100k employees',
      `${computeMs.toFixed(0)} ms`,
      `${dueCount} reminders; target < 2 s`,
    );
  });
  printRow('  … including reading them from PGlite', `${loadMs.toFixed(0)} ms`);
  const writeMs = await time(() => planOutbox(db, now));
  printRow('planning into the outbox (read + compute + write)', `${(writeMs / 1000).toFixed(1)} s`, `${dueCount} rows`);
  const againMs = await time(() => planOutbox(db, now));
  printRow('planning again (idempotent, nothing new)', `${(againMs / 1000).toFixed(1)} s`);
  await db.close();
}

async function dispatchBench(count: number, limitPerSecond: number): Promise<void> {
  const db = await openDatabase({ dataDir: 'memory://' });
  await addEmployees(db, count);
  // Only the morning reminder, with a window wide enough that every zone's is due at 07:20 WIB.
  await db.prisma.$executeRawUnsafe(`UPDATE reminder_schedule SET active = (kind = 'disiplin'), window_minutes = 300`);
  const fake = await startFakeTelegram({ globalPerSecond: limitPerSecond, perChatPerSecond: 1 });
  for (let i = 1; i <= count; i++) fake.sendText({ id: 1_000_000 + i, first_name: `P${i}` }, '/start'); // chats exist, as after /start
  const deps = botDeps(db, { logger });
  const bot = createBot(deps, {
    token: fake.token,
    apiRoot: fake.url,
    throttle: { globalPerSecond: limitPerSecond, perChatIntervalMs: 1_100 },
  });
  await bot.init();
  const sender = telegramReminderSender(bot);
  // Monday 07:20 WIB: every WIB employee's 07:15 reminder is due; plan for all zones at their
  // 07:20, in time order as the scheduler does (a reminder first planned long after its time is
  // recorded as missed, so planning the past after the present would lose WITA's and WIT's).
  const zones = [new Date('2026-11-22T22:20:00Z'), new Date('2026-11-22T23:20:00Z'), new Date('2026-11-23T00:20:00Z')];
  for (const z of zones) await planOutbox(db, z);
  const planned = await db.prisma.reminderOutbox.count({ where: { status: 'pending' } });
  const start = performance.now();
  let sent = 0;
  // Three dispatch loops, as three instances would run: claims never overlap.
  const loop = async () => {
    for (;;) {
      const r = await dispatchReminders(db, sender, { now: new Date('2026-11-23T00:21:00Z'), batchSize: 300 });
      sent += r.sent;
      if (r.sent + r.retried + r.blocked + r.failed === 0) break;
    }
  };
  await Promise.all([loop(), loop(), loop()]);
  const seconds = (performance.now() - start) / 1000;
  const delivered = fake.messages().filter((m) => m.reply_markup).length;
  const chats = new Set(
    fake
      .messages()
      .filter((m) => m.reply_markup)
      .map((m) => m.chat_id),
  ).size;
  const rate = delivered / seconds;
  printRow(
    `dispatching ${planned} reminders at ${limitPerSecond}/s`,
    `${rate.toFixed(0)}/s = ${((rate / limitPerSecond) * 100).toFixed(1)}% of the limit`,
    `${seconds.toFixed(1)} s; target >= 95%`,
  );
  printRow(
    '  lost / duplicated / 429 answered by the fake',
    `${planned - chats} / ${delivered - chats} / ${fake.stats().tooManyRequests}`,
    `${sent} recorded sent`,
  );
  await fake.close();
  await db.close();
}

export async function remindersBench(only?: string): Promise<void> {
  console.log('\n## Reminders (PGlite)');
  if (only !== 'dispatch') await planningBench();
  await dispatchBench(10_000, Number(process.env.BENCH_LIMIT ?? 150));
}
