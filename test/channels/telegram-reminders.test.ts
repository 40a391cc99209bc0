/**
 * Reminders end to end: the planner and dispatcher send through the real bot (throttler,
 * auto-retry, long polling with the runner) to the fake Telegram Bot API, the simulated employee
 * taps the buttons, and the database keeps the answers, the leave and the performance log. The
 * bot's clock is injected: the story runs on Monday 21 and Tuesday 22 December 2026.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LexiconCache } from '../../src/answering/lexicon.js';
import type { BotDeps } from '../../src/channels/telegram/context.js';
import { createBot } from '../../src/channels/telegram/create-bot.js';
import { telegramReminderSender } from '../../src/channels/telegram/reminder-sender.js';
import { startTelegram, type TelegramRunning } from '../../src/channels/telegram/start-telegram.js';
import type { Database } from '../../src/db/database.js';
import { importPeople } from '../../src/people/import-people.js';
import { issueLinkCode } from '../../src/people/issue-link-code.js';
import { dispatchReminders, type ReminderSender } from '../../src/outbox/dispatch-reminders.js';
import { planOutbox } from '../../src/reminders/plan-outbox.js';
import { startFakeTelegram, type FakeTelegram, type SentMessage, type SimulatedUser } from '../fakes/telegram-server.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { buttonData, buttonFor, buttonLabels, textsIn, waitForText, waitUntil } from '../helpers/telegram.js';
import { openTestDatabase } from '../helpers/test-database.js';

const nip = {
  dewi: '199002142015032001',
  andi: '198505082010011003',
  rizky: '199207302019031002',
  yohanes: '198001012005011001',
};

const people = `nip,nama,unit_kode,unit_nama,jabatan,eselon,zona_waktu,nip_atasan
${nip.andi},Andi Pratama,DKI,Dinas Komunikasi dan Informatika,Kepala Seksi Sistem Informasi,IV.a,WIB,
${nip.dewi},Dewi Lestari,DKI,Dinas Komunikasi dan Informatika,Pranata Komputer,,WIB,${nip.andi}
${nip.rizky},Rizky Ramadhan,DKI,Dinas Komunikasi dan Informatika,Pengelola Sistem Informasi,,WIB,${nip.andi}
${nip.yohanes},Yohanes Wenda,JYP,Dinas Komunikasi dan Informatika Kota Jayapura,Pranata Komputer,,WIT,
`;

const user = (id: number, first_name: string): SimulatedUser => ({ id, first_name, language_code: 'id' });
const dewi = user(3001, 'Dewi');
const andi = user(3002, 'Andi');
const rizky = user(3003, 'Rizky');
const yohanes = user(3004, 'Yohanes');

const day = (date: string) => new Date(`${date}T00:00:00Z`);

describe('reminders through the bot and the Telegram Bot API', () => {
  let db: Database;
  let fake: FakeTelegram;
  let running: TelegramRunning | undefined;
  let sender: ReminderSender;
  let clock = new Date('2026-12-21T00:00:00Z');

  const employeeId = async (n: string) => (await db.prisma.employee.findUniqueOrThrow({ where: { nip: n } })).id;

  /** Plans and dispatches at `at`, as one scheduler tick does. */
  const tick = async (at: string) => {
    clock = new Date(at);
    await planOutbox(db, clock);
    return dispatchReminders(db, sender, { now: clock, log: silentLogger });
  };

  /** Presses a button and waits for the bot's answer to that press. */
  const press = async (from: SimulatedUser, message: SentMessage, data: string) => {
    const id = fake.pressButton(from, message, data).callback_query!.id;
    await waitUntil(() => fake.callbackAnswers.some((a) => a.callback_query_id === id), `the answer to ${data}`);
    return fake.callbackAnswers.find((a) => a.callback_query_id === id)!;
  };

  const link = async (from: SimulatedUser, employeeNip: string) => {
    const { code } = await issueLinkCode(db, employeeNip, { now: clock });
    const before = fake.messages(from.id).length;
    fake.sendCommand(from, `/daftar ${code}`);
    await waitForText(fake, from.id, 'Akun terhubung', { after: before });
  };

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    expect((await importPeople(db, people)).ok).toBe(true);
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
    running = await startTelegram(bot, { db, log: silentLogger });
    sender = telegramReminderSender(bot);
    clock = new Date('2026-12-20T12:00:00Z');
    await link(dewi, nip.dewi);
    await link(andi, nip.andi);
    await link(rizky, nip.rizky);
  });
  afterAll(async () => {
    await running?.stop();
    await fake?.close();
    await db?.close();
  });

  let dewiMorning: SentMessage;
  let andiMorning: SentMessage;

  it('delivers the morning reminder with the five attendance buttons', async () => {
    // 07:20 WIB on Monday: the 07:15 reminder is due for the three linked employees.
    const result = await tick('2026-12-21T00:20:00Z');
    expect(result).toMatchObject({ sent: 3, blocked: 0, failed: 0, retried: 0 });

    dewiMorning = await waitForText(fake, dewi.id, 'Selamat pagi');
    expect(dewiMorning.text).toBe(
      'Selamat pagi, Dewi Lestari. Sudah hadir dan mengikuti apel hari ini (Senin, 21 Desember 2026)? Ketuk salah satu tombol di bawah.',
    );
    expect(buttonLabels(dewiMorning)).toEqual(['Hadir', 'Izin', 'Sakit', 'Cuti', 'Dinas luar']);
    const row = await db.prisma.reminderOutbox.findFirstOrThrow({
      where: { employeeId: await employeeId(nip.dewi), localDate: day('2026-12-21'), schedule: { kind: 'disiplin' } },
    });
    expect(buttonData(dewiMorning)).toEqual(['hadir', 'izin', 'sakit', 'cuti', 'dl'].map((a) => `rem:${row.id}:${a}`));
    expect(row).toMatchObject({ status: 'sent', messageId: BigInt(dewiMorning.message_id) });
    andiMorning = await waitForText(fake, andi.id, 'Selamat pagi, Andi Pratama');
  });

  it('records Hadir once, shows it in the message, refuses another user, and ignores a second tap', async () => {
    const reminderId = Number(buttonData(dewiMorning)[0]!.split(':')[1]);
    // Andi presses a button under Dewi's reminder: refused, nothing recorded, buttons stay.
    const refused = await press(andi, dewiMorning, `rem:${reminderId}:sakit`);
    expect(refused.text).toBe('Pengingat ini bukan untuk akun Anda.');
    expect(await db.prisma.reminderReply.count()).toBe(0);
    expect(buttonLabels(dewiMorning)).toHaveLength(5);

    clock = new Date('2026-12-21T00:22:00Z');
    // A double tap, then a tap on another button, all queued before the bot sees the first.
    const ids = [
      fake.pressButton(dewi, dewiMorning, `rem:${reminderId}:hadir`),
      fake.pressButton(dewi, dewiMorning, `rem:${reminderId}:hadir`),
      fake.pressButton(dewi, dewiMorning, `rem:${reminderId}:izin`),
    ].map((u) => u.callback_query!.id);
    await waitUntil(
      () => ids.every((id) => fake.callbackAnswers.some((a) => a.callback_query_id === id)),
      'the answers to three taps',
    );
    // The first tap counts; the others are told what stands, and change nothing.
    expect(ids.map((id) => fake.callbackAnswers.find((a) => a.callback_query_id === id)?.text)).toEqual([
      'Tercatat: Hadir',
      'Pengingat ini sudah dijawab: Hadir. Jawaban tidak diubah.',
      'Pengingat ini sudah dijawab: Hadir. Jawaban tidak diubah.',
    ]);

    const replies = await db.prisma.reminderReply.findMany();
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({
      outboxId: reminderId,
      employeeId: await employeeId(nip.dewi),
      localDate: day('2026-12-21'),
      answer: 'hadir',
      answeredAt: new Date('2026-12-21T00:22:00Z'),
    });
    expect(await db.prisma.leave.count()).toBe(0);
    // The buttons gave way to what was recorded.
    expect(dewiMorning.text).toBe(
      'Selamat pagi, Dewi Lestari. Sudah hadir dan mengikuti apel hari ini (Senin, 21 Desember 2026)? Ketuk salah satu tombol di bawah.\n\n✅ Hadir (07:22 WIB)',
    );
    expect(dewiMorning.reply_markup).toBeUndefined();
    expect(dewiMorning.edited).toBe(true);
    // No new message: everything happened in the reminder itself.
    expect(textsIn(fake, dewi.id).filter((t) => t.startsWith('Selamat pagi'))).toHaveLength(1);
  });

  it('records Sakit as leave for that day, so the afternoon reminder skips Andi', async () => {
    const answer = await press(andi, andiMorning, buttonData(andiMorning)[2]!);
    expect(answer.text).toBe('Tercatat: Sakit');
    // The answer to the tap comes first, then the edit.
    await waitUntil(() => andiMorning.reply_markup === undefined, "the edit of Andi's reminder");
    const andiId = await employeeId(nip.andi);
    expect(await db.prisma.leave.findMany({ where: { employeeId: andiId } })).toMatchObject([
      { startDate: day('2026-12-21'), endDate: day('2026-12-21'), kind: 'sakit', source: 'pegawai' },
    ]);
    expect(andiMorning.text).toMatch(/\n\n✅ Sakit \(\d\d:\d\d WIB\)$/);
    const kinerja = await db.prisma.reminderOutbox.findFirstOrThrow({
      where: { employeeId: andiId, localDate: day('2026-12-21'), schedule: { kind: 'kinerja' } },
    });
    expect(kinerja.status).toBe('pending');
  });

  it('starts /kinerja from the afternoon reminder, stores the entry and lists it with /kinerja minggu', async () => {
    // 15:30 WIB: Dewi and Rizky get the kinerja reminder; Andi, sick since this morning, is skipped.
    const result = await tick('2026-12-21T08:30:00Z');
    expect(result).toMatchObject({ sent: 2, skipped: 1 });
    const andiKinerja = await db.prisma.reminderOutbox.findFirstOrThrow({
      where: { employeeId: await employeeId(nip.andi), localDate: day('2026-12-21'), schedule: { kind: 'kinerja' } },
    });
    expect(andiKinerja).toMatchObject({ status: 'skipped', error: 'cuti/izin' });
    expect(textsIn(fake, andi.id).filter((t) => t.startsWith('Halo'))).toEqual([]);

    const reminder = await waitForText(fake, dewi.id, 'Halo Dewi Lestari');
    expect(reminder.text).toBe(
      'Halo Dewi Lestari, apa yang Anda kerjakan hari ini (Senin, 21 Desember 2026) untuk target SKP Anda? Catat sekarang supaya tidak lupa.',
    );
    expect(buttonLabels(reminder)).toEqual(['Isi sekarang', 'Nanti']);

    let after = fake.messages(dewi.id).length;
    clock = new Date('2026-12-21T08:35:00Z');
    expect((await press(dewi, reminder, buttonData(reminder)[0]!)).text).toBe('Tercatat: Isi sekarang');
    const start = await waitForText(fake, dewi.id, 'Catatan kinerja', { after });
    expect(start.text).toBe(
      'Catatan kinerja Senin, 21 Desember 2026 (ketik /batal untuk berhenti)\nApa yang Anda kerjakan hari ini?',
    );
    expect(reminder.text).toMatch(/\n\n✅ Isi sekarang \(15:35 WIB\)$/);

    fake.sendText(dewi, 'Memperbarui data aset TIK di aplikasi SIMDA');
    await waitForText(fake, dewi.id, 'Untuk target SKP yang mana?', { after });
    fake.sendText(dewi, 'Inventarisasi aset TIK 2026');
    const progress = await waitForText(fake, dewi.id, 'Seberapa jauh kemajuannya?', { after });
    expect(buttonLabels(progress)).toEqual(['25%', '50%', '75%', '100%']);
    await press(dewi, progress, buttonFor(progress, ':progress:50'));
    const more = await waitForText(fake, dewi.id, 'Tersimpan. Ada kegiatan lain hari ini?', { after });
    await press(dewi, more, buttonFor(more, ':more:no'));
    await waitForText(fake, dewi.id, 'Terima kasih, catatan kinerja hari ini tersimpan.', { after });

    expect(await db.prisma.kpiLog.findMany({ where: { employeeId: await employeeId(nip.dewi) } })).toMatchObject([
      {
        localDate: day('2026-12-21'),
        activity: 'Memperbarui data aset TIK di aplikasi SIMDA',
        skpTarget: 'Inventarisasi aset TIK 2026',
        progress: 50,
      },
    ]);

    after = fake.messages(dewi.id).length;
    fake.sendCommand(dewi, '/kinerja minggu');
    const week = await waitForText(fake, dewi.id, 'Kinerja minggu ini', { after });
    expect(week.text).toBe(
      'Kinerja minggu ini (1 kegiatan)\n\nSenin, 21 Desember 2026\n• Memperbarui data aset TIK di aplikasi SIMDA — Inventarisasi aset TIK 2026 (50%)',
    );
  });

  it('records /cuti besok, and the next morning plans nothing for Dewi', async () => {
    clock = new Date('2026-12-21T10:00:00Z'); // 17:00 WIB, Monday
    const after = fake.messages(dewi.id).length;
    fake.sendCommand(dewi, '/cuti besok');
    const saved = await waitForText(fake, dewi.id, 'Cuti tercatat', { after });
    expect(saved.text).toBe(
      'Cuti tercatat: Selasa, 22 Desember 2026. Tidak ada pengingat pada hari-hari itu. Pengajuan cuti resmi tetap melalui atasan/SDM.',
    );
    expect(await db.prisma.leave.findMany({ where: { employeeId: await employeeId(nip.dewi) } })).toMatchObject([
      { startDate: day('2026-12-22'), endDate: day('2026-12-22'), kind: 'cuti', source: 'pegawai' },
    ]);
    // Sent again (a double tap, or a forgotten earlier message): told so, recorded once.
    const again = fake.messages(dewi.id).length;
    fake.sendCommand(dewi, '/cuti besok');
    expect((await waitForText(fake, dewi.id, 'sudah tercatat', { after: again })).text).toBe(
      'Cuti Selasa, 22 Desember 2026 sudah tercatat sebelumnya; tidak dicatat dua kali.',
    );
    expect(await db.prisma.leave.count({ where: { employeeId: await employeeId(nip.dewi) } })).toBe(1);

    // Tuesday 07:20 WIB. Rizky blocked the bot overnight: his row is marked blocked, not retried.
    fake.blockBot(rizky.id);
    const result = await tick('2026-12-22T00:20:00Z');
    expect(result).toMatchObject({ sent: 1, blocked: 1, failed: 0, retried: 0 });
    const tuesday = await db.prisma.reminderOutbox.findMany({
      where: { localDate: day('2026-12-22') },
      include: { employee: true, schedule: true },
      orderBy: { id: 'asc' },
    });
    const byName = (name: string, kind: string) => tuesday.find((r) => r.employee.name === name && r.schedule.kind === kind);
    expect(byName('Dewi Lestari', 'disiplin')).toBeUndefined();
    expect(byName('Dewi Lestari', 'kinerja')).toBeUndefined();
    expect(byName('Andi Pratama', 'disiplin')?.status).toBe('sent');
    expect(byName('Rizky Ramadhan', 'disiplin')).toMatchObject({
      status: 'blocked',
      error: 'telegram: Forbidden: bot was blocked by the user',
      attempts: 1,
    });
    expect(textsIn(fake, dewi.id).filter((t) => t.includes('22 Desember') && t.startsWith('Selamat pagi'))).toEqual([]);

    // Later minutes do not try Rizky again.
    const sendsToRizky = () => fake.calls.filter((c) => c.method === 'sendMessage' && Number(c.body.chat_id) === rizky.id).length;
    const before = sendsToRizky();
    await tick('2026-12-22T00:21:00Z');
    await tick('2026-12-22T00:30:00Z');
    expect(sendsToRizky()).toBe(before);
    expect(byName('Rizky Ramadhan', 'kinerja')?.status).toBe('pending');
  });

  it("logs a WIT employee's /kinerja just after midnight on their own date", async () => {
    // 00:30 WIT on Wednesday 23 December is still 22:30 WIB on Tuesday. /cuti counts days in the
    // employee's zone; /kinerja should too.
    clock = new Date('2026-12-22T15:00:00Z');
    await link(yohanes, nip.yohanes);
    clock = new Date('2026-12-22T15:30:00Z');
    const after = fake.messages(yohanes.id).length;
    fake.sendCommand(yohanes, '/kinerja');
    const start = await waitForText(fake, yohanes.id, 'Catatan kinerja', { after });
    expect(start.text).toBe(
      'Catatan kinerja Rabu, 23 Desember 2026 (ketik /batal untuk berhenti)\nApa yang Anda kerjakan hari ini?',
    );
  });
});
