/**
 * Reminder delivery bugs of issue 15, through the real bot and the fake Telegram Bot API, on both
 * backends: a reminder HR moves later the same day reaches those already marked missed; one set
 * in the evening to an hour already gone is not sent at once (22:46 WITA, 23:46 WIT); one set
 * a few minutes ahead goes out at its time, not at the next 10-minute planning round; and
 * sent_at is when Telegram accepted the message, not when the round began.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LexiconCache } from '../../src/answering/lexicon.js';
import { instantOf } from '../../src/calendar/local-time.js';
import type { BotDeps } from '../../src/channels/telegram/context.js';
import { createBot } from '../../src/channels/telegram/create-bot.js';
import { telegramReminderSender } from '../../src/channels/telegram/reminder-sender.js';
import type { Database } from '../../src/db/database.js';
import { dispatchReminders, type ReminderSender } from '../../src/outbox/dispatch-reminders.js';
import { startOutboxDispatcher } from '../../src/outbox/start-outbox-dispatcher.js';
import { importPeople } from '../../src/people/import-people.js';
import { planOutbox } from '../../src/reminders/plan-outbox.js';
import { previewReminders } from '../../src/reminders/preview-reminders.js';
import { saveReminderSchedule } from '../../src/reminders/reminder-schedules.js';
import { startReminderScheduler } from '../../src/reminders/start-reminder-scheduler.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-server.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

const nip = { wib: '199002142015032001', wita: '198505082010011003', wit: '198001012005011001' };
const chat = { wib: 4101, wita: 4102, wit: 4103 } as const;
const people = `nip,nama,unit_kode,unit_nama,jabatan,eselon,zona_waktu,nip_atasan
${nip.wib},Dewi Lestari,DKI,Dinas Kominfo,Pranata Komputer,,WIB,
${nip.wita},Andi Pratama,MKS,Dinas Kominfo Makassar,Pranata Komputer,,WITA,
${nip.wit},Yohanes Wenda,JYP,Dinas Kominfo Jayapura,Pranata Komputer,,WIT,
`;
const wib = (date: string, time: string) => instantOf(date, time, 'Asia/Jakarta');

describe.each(backends)('reminder delivery (%s)', (backend) => {
  let db: Database;
  let fake: FakeTelegram;
  let sender: ReminderSender;
  let clock = new Date('2026-12-14T00:00:00Z');
  const received = (who: keyof typeof chat, words: string) => fake.messages(chat[who]).filter((m) => m.text.includes(words));

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    expect((await importPeople(db, people)).ok).toBe(true);
    for (const [who, n] of Object.entries(nip)) {
      const employee = await db.prisma.employee.findUniqueOrThrow({ where: { nip: n } });
      const id = BigInt(chat[who as keyof typeof chat]);
      await db.prisma.telegramAccount.create({ data: { telegramUserId: id, chatId: id, employeeId: employee.id } });
    }
    const deps: BotDeps = {
      db,
      answering: { db, lexicons: new LexiconCache(db), logger: silentLogger, maxQuestionChars: 2_000 },
      logger: silentLogger,
      allowUnlinked: true,
      messagesPerMinute: 60,
      now: () => clock,
    };
    fake = await startFakeTelegram({ perChatPerSecond: 20 });
    const bot = createBot(deps, {
      token: fake.token,
      apiRoot: fake.url,
      throttle: { globalPerSecond: 100, perChatIntervalMs: 50 },
    });
    sender = telegramReminderSender(bot);
    // Telegram knows a private chat once its user wrote to the bot.
    for (const id of Object.values(chat)) fake.sendText({ id, first_name: `Pegawai ${id}` }, '/start');
  });
  afterAll(async () => {
    await fake?.close();
    await db?.close();
  });
  beforeEach(async () => {
    await saveReminderSchedule(db, 'disiplin', '*', { localTime: '07:15', active: true });
    await saveReminderSchedule(db, 'kinerja', '*', { localTime: '15:30', active: true });
  });

  it('sends a reminder HR moved later the same day to those whose reminder was already marked missed, as the preview says', async () => {
    // Monday 14 December 2026: planned after midnight, but nothing was sent before the window closed.
    await planOutbox(db, wib('2026-12-14', '00:10'));
    await dispatchReminders(db, sender, { now: wib('2026-12-14', '09:30'), log: silentLogger });
    const row = await db.prisma.reminderOutbox.findFirstOrThrow({
      where: { employee: { nip: nip.wib }, schedule: { kind: 'disiplin' }, localDate: new Date('2026-12-14T00:00:00Z') },
    });
    expect(row.status).toBe('missed');

    await saveReminderSchedule(db, 'disiplin', '*', { localTime: '14:00' });
    const preview = await previewReminders(db, { nip: nip.wib, now: wib('2026-12-14', '10:00') });
    expect(preview.plan.due.map((d) => d.kind)).toContain('disiplin');
    await planOutbox(db, wib('2026-12-14', '10:00'));
    await dispatchReminders(db, sender, { now: wib('2026-12-14', '14:01'), log: silentLogger });
    // 14:00 in WIB and WITA is still within its window at 14:01 WIB (15:01 WITA); in WIT it is gone.
    expect(received('wib', 'apel')).toHaveLength(1);
    expect(received('wita', 'apel')).toHaveLength(1);
    expect(received('wit', 'apel')).toHaveLength(0);
    expect(await db.prisma.reminderOutbox.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'sent' });
  });

  it('does not send at once a reminder set in the evening to an hour already gone in WITA and WIT', async () => {
    // Tuesday 15 December: the KPI reminder was off all day; at 21:46 WIB HR sets it on, at 22:00.
    await saveReminderSchedule(db, 'kinerja', '*', { active: false });
    await planOutbox(db, wib('2026-12-15', '00:10'));
    const before = {
      wib: fake.messages(chat.wib).length,
      wita: fake.messages(chat.wita).length,
      wit: fake.messages(chat.wit).length,
    };
    await saveReminderSchedule(db, 'kinerja', '*', { active: true, localTime: '22:00' });
    await planOutbox(db, wib('2026-12-15', '21:47'));
    for (const time of ['21:47', '22:00', '22:30', '23:59'])
      await dispatchReminders(db, sender, { now: wib('2026-12-15', time), log: silentLogger });
    const kpi = (who: keyof typeof chat) =>
      fake
        .messages(chat[who])
        .slice(before[who])
        .filter((m) => m.text.includes('target SKP'));
    // 22:46 WITA and 23:46 WIT: 22:00 was 46 minutes and 1 h 46 min ago there; nothing at once.
    expect(kpi('wita')).toEqual([]);
    expect(kpi('wit')).toEqual([]);
    // In WIB 22:00 was still ahead: it goes out at 22:00.
    expect(kpi('wib')).toHaveLength(1);
    const rows = await db.prisma.reminderOutbox.findMany({
      where: { schedule: { kind: 'kinerja' }, localDate: new Date('2026-12-15T00:00:00Z') },
      include: { employee: true },
    });
    expect(rows.find((r) => r.employee.nip === nip.wita)).toMatchObject({
      status: 'missed',
      error: 'dijadwalkan setelah waktunya',
    });
  });

  it('sends at its time a reminder HR sets three and a half minutes ahead, with sent_at the moment Telegram took it', async () => {
    // Wednesday 16 December: the scheduler planned at 13:22; at 13:26:30 HR sets the KPI reminder to 13:30.
    await saveReminderSchedule(db, 'kinerja', '*', { active: false });
    const outbox = startOutboxDispatcher({
      db,
      // Telegram takes 40 s to accept (a throttled queue): sent_at must say when it did.
      senders: {
        reminders: {
          send: async (r) => {
            const id = await sender.send(r);
            clock = new Date(clock.getTime() + 40_000);
            return id;
          },
        },
        notifications: {},
      },
      log: silentLogger,
      now: () => clock,
      cron: false,
    });
    const scheduler = startReminderScheduler({ db, outbox, log: silentLogger, now: () => clock, cron: false });
    const before = fake.messages(chat.wib).length;
    const kpi = () =>
      fake
        .messages(chat.wib)
        .slice(before)
        .filter((m) => m.text.includes('target SKP'));
    try {
      for (const time of ['13:22', '13:23', '13:24', '13:25', '13:26']) {
        clock = wib('2026-12-16', time);
        await scheduler.tick();
      }
      await saveReminderSchedule(db, 'kinerja', '*', { active: true, localTime: '13:30' });
      for (const time of ['13:27', '13:28', '13:29']) {
        clock = wib('2026-12-16', time);
        await scheduler.tick();
      }
      expect(kpi()).toEqual([]);
      clock = wib('2026-12-16', '13:30');
      await scheduler.tick();
      expect(kpi()).toHaveLength(1);
      const row = await db.prisma.reminderOutbox.findFirstOrThrow({
        where: { employee: { nip: nip.wib }, schedule: { kind: 'kinerja' }, localDate: new Date('2026-12-16T00:00:00Z') },
      });
      expect(row.status).toBe('sent');
      expect(row.sentAt!.getTime()).toBeGreaterThanOrEqual(wib('2026-12-16', '13:30').getTime() + 40_000);
    } finally {
      await scheduler.stop();
      await outbox.stop();
    }
  });
});
