/**
 * Buttons end to end (the real grammY bot and the fake Telegram Bot API): each acts once, and
 * only on the state it was shown with. Pressed twice, replayed, pressed on a stale message or by
 * two instances at once, a button records nothing new and says so.
 */
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackData, maxCallbackDataBytes } from '../../src/channels/telegram/callback-data.js';
import type { BotContext, BotDeps } from '../../src/channels/telegram/context.js';
import { createBot } from '../../src/channels/telegram/create-bot.js';
import { telegramReminderSender } from '../../src/channels/telegram/reminder-sender.js';
import { startTelegram, type TelegramRunning } from '../../src/channels/telegram/start-telegram.js';
import type { Database } from '../../src/db/database.js';
import { importPeople } from '../../src/people/import-people.js';
import { issueLinkCode } from '../../src/people/issue-link-code.js';
import { startFakeTelegram, type FakeTelegram, type SentMessage, type SimulatedUser } from '../fakes/telegram-server.js';
import { botDeps } from '../helpers/bot-deps.js';
import { loadKnowledge } from '../helpers/knowledge.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { buttonData, buttonFor, waitForText, waitUntil } from '../helpers/telegram.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';
import type { Bot } from 'grammy';

const nip = { andi: '198505082010011003', dewi: '199002142015032001', rizky: '199207302019031002' };
const people = `nip,nama,unit_kode,unit_nama,jabatan,eselon,zona_waktu,nip_atasan
${nip.andi},Andi Pratama,DKI,Dinas Komunikasi dan Informatika,Kepala Seksi Sistem Informasi,IV.a,WIB,
${nip.dewi},Dewi Lestari,DKI,Dinas Komunikasi dan Informatika,Pranata Komputer,,WIB,${nip.andi}
${nip.rizky},Rizky Ramadhan,DKI,Dinas Komunikasi dan Informatika,Pengelola Sistem Informasi,,WIB,${nip.andi}
`;
const question = 'apa sanksi jika tidak masuk kerja 5 hari tanpa alasan?';
const thanksUp = 'Terima kasih atas penilaiannya 👍';
const thanksDown = 'Terima kasih. Jawaban ini akan ditinjau tim SDM 👎';
const alreadyRated = 'Penilaian sudah tercatat; penilaian pertama yang berlaku.';
const stale = 'Tombol ini sudah tidak berlaku: langkahnya sudah lewat atau dibatalkan.';
const day = (date: string) => new Date(`${date}T00:00:00Z`);

describe.each(backends)('buttons act once, on the state they were shown with, on %s', (backend) => {
  let db: Database;
  let deps: BotDeps;
  // Monday 21 December 2026, 08:00 WIB.
  let clock = new Date('2026-12-21T01:00:00Z');

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await loadKnowledge(db);
    expect((await importPeople(db, people)).ok).toBe(true);
    deps = botDeps(db, { messagesPerMinute: 100, now: () => clock });
  });
  afterAll(() => db?.close());

  const employeeId = async (n: string) => (await db.prisma.employee.findUniqueOrThrow({ where: { nip: n } })).id;
  const logIdOf = (message: SentMessage) => Number(/^rate:(\d+):/.exec(buttonData(message)[0]!)![1]);
  /** A press the way a client holding an old copy of `message` would send it (the fake only presses buttons a message has now). */
  const forgedPress = (fake: FakeTelegram, id: string, from: SimulatedUser, message: SentMessage, data: string) =>
    fake.sendRawUpdate({
      callback_query: {
        id,
        from: { id: from.id, is_bot: false, first_name: from.first_name },
        message: {
          message_id: message.message_id,
          from: { id: 123456, is_bot: true, first_name: 'Test Bot', username: 'test_bot' },
          chat: { id: message.chat_id, type: 'private', first_name: from.first_name },
          date: message.date,
          text: message.text,
        },
        chat_instance: '1',
        data,
      },
    });

  /** Sends today's morning reminder to an employee's linked chat, as the dispatcher does. */
  const sendReminder = async (bot: Bot<BotContext>, fake: FakeTelegram, employeeNip: string, localDate: string) => {
    const employee = await db.prisma.employee.findUniqueOrThrow({ where: { nip: employeeNip }, include: { telegram: true } });
    const schedule = await db.prisma.reminderSchedule.findFirstOrThrow({ where: { kind: 'disiplin', scope: '*' } });
    const row = await db.prisma.reminderOutbox.create({
      data: { employeeId: employee.id, scheduleId: schedule.id, localDate: day(localDate), dueAt: clock, expiresAt: clock },
    });
    const chatId = employee.telegram!.chatId;
    const messageId = await telegramReminderSender(bot).send({
      outboxId: row.id,
      chatId,
      kind: 'disiplin',
      text: `Selamat pagi, ${employee.name}. Sudah hadir dan mengikuti apel hari ini?`,
    });
    await db.prisma.reminderOutbox.update({
      where: { id: row.id },
      data: { status: 'sent', sentAt: clock, messageId: BigInt(messageId) },
    });
    const message = fake.messages(Number(chatId)).find((m) => m.message_id === messageId)!;
    return { row, message };
  };

  describe('one instance, long polling', () => {
    let fake: FakeTelegram;
    let running: TelegramRunning | undefined;
    let bot: Bot<BotContext>;
    const dewi: SimulatedUser = { id: 7101, first_name: 'Dewi', language_code: 'id' };

    beforeAll(async () => {
      fake = await startFakeTelegram({ perChatPerSecond: 50 });
      bot = createBot(deps, { token: fake.token, apiRoot: fake.url, throttle: { globalPerSecond: 200, perChatIntervalMs: 10 } });
      running = await startTelegram(bot, { db, log: silentLogger });
      const { code } = await issueLinkCode(db, nip.dewi, { now: clock });
      fake.sendCommand(dewi, `/daftar ${code}`);
      await waitForText(fake, dewi.id, 'Akun terhubung');
    });
    afterAll(async () => {
      await running?.stop();
      await fake?.close();
    });

    /** Presses and waits for the bot's answer to that press (its text, as the user sees it). */
    const answerTo = async (update: Update) => {
      const id = update.callback_query!.id;
      await waitUntil(
        () => fake.callbackAnswers.some((a) => a.callback_query_id === id),
        `the answer to ${update.callback_query!.data}`,
      );
      return fake.callbackAnswers.find((a) => a.callback_query_id === id)!.text;
    };
    const ask = async (from: SimulatedUser) => {
      const after = fake.messages(from.id).length;
      fake.sendText(from, question);
      return waitForText(fake, from.id, 'PP 94/2021', { after });
    };

    it('takes the first rating of an answer: 👍 then 👎 pressed before the bot saw either leaves 👍', async () => {
      const answer = await ask(dewi);
      const logId = logIdOf(answer);
      const up = fake.pressButton(dewi, answer, buttonFor(answer, ':1'));
      const down = fake.pressButton(dewi, answer, buttonFor(answer, ':-1'));
      expect([await answerTo(up), await answerTo(down)]).toEqual([thanksUp, alreadyRated]);
      expect((await db.prisma.questionLog.findUniqueOrThrow({ where: { id: logId } })).rating).toBe(1);
      await waitUntil(() => answer.reply_markup === undefined, 'the rating buttons to go');
    });

    it('changes nothing when a rating press is replayed after its buttons went', async () => {
      const answer = await ask(dewi);
      const logId = logIdOf(answer);
      const down = buttonFor(answer, ':-1');
      expect(await answerTo(fake.pressButton(dewi, answer, down))).toBe(thanksDown);
      await waitUntil(() => answer.reply_markup === undefined, 'the rating buttons to go');
      // The same press again, as a client holding the old message would send it.
      const replay = forgedPress(fake, '880001', dewi, answer, `rate:${logId}:1`);
      expect(replay.update_id).toBeGreaterThan(0);
      const answered = () => fake.calls.find((c) => c.method === 'answerCallbackQuery' && c.body.callback_query_id === '880001');
      await waitUntil(() => answered() !== undefined, 'the answer to the replayed press');
      expect(answered()!.body.text).toBe(alreadyRated);
      expect((await db.prisma.questionLog.findUniqueOrThrow({ where: { id: logId } })).rating).toBe(-1);
    });

    it("refuses yesterday's reminder button, records nothing, and takes its buttons away", async () => {
      clock = new Date('2026-12-21T01:00:00Z');
      const { row, message } = await sendReminder(bot, fake, nip.dewi, '2026-12-21');
      // Tuesday 08:00 WIB: Dewi taps "Sakit" on Monday's reminder, which would record Monday's leave.
      clock = new Date('2026-12-22T01:00:00Z');
      const text = await answerTo(fake.pressButton(dewi, message, `rem:${row.id}:sakit`));
      expect(text).toBe(
        'Pengingat Senin, 21 Desember 2026 sudah lewat, jadi jawaban ini tidak dicatat. Untuk koreksi, hubungi atasan atau tim SDM.',
      );
      await waitUntil(() => message.reply_markup === undefined, 'the stale buttons to go');
      expect(message.text).toBe('Selamat pagi, Dewi Lestari. Sudah hadir dan mengikuti apel hari ini?');
      expect(await db.prisma.reminderReply.count({ where: { outboxId: row.id } })).toBe(0);
      expect(await db.prisma.leave.count({ where: { employeeId: await employeeId(nip.dewi) } })).toBe(0);
    });

    it('refuses a reminder button forged under another message of the chat', async () => {
      clock = new Date('2026-12-22T01:30:00Z');
      const { row } = await sendReminder(bot, fake, nip.dewi, '2026-12-22');
      const other = fake.messages(dewi.id)[0]!;
      forgedPress(fake, '880002', dewi, other, `rem:${row.id}:izin`);
      const answered = () => fake.calls.find((c) => c.method === 'answerCallbackQuery' && c.body.callback_query_id === '880002');
      await waitUntil(() => answered() !== undefined, 'the answer to the forged press');
      expect(answered()!.body.text).toBe(stale);
      expect(await db.prisma.reminderReply.count({ where: { outboxId: row.id } })).toBe(0);
    });

    it('ignores the progress buttons of an abandoned /kinerja entry, and stores one entry for a double tap', async () => {
      const seen = () => fake.messages(dewi.id).length;
      const entry = async (activity: string) => {
        const after = seen();
        fake.sendCommand(dewi, '/kinerja');
        await waitForText(fake, dewi.id, 'Catatan kinerja', { after });
        fake.sendText(dewi, activity);
        await waitForText(fake, dewi.id, 'Untuk target SKP yang mana?', { after });
        fake.sendText(dewi, '-');
        return waitForText(fake, dewi.id, 'Seberapa jauh kemajuannya?', { after });
      };
      const first = await entry('Rapat koordinasi yang dibatalkan');
      let after = seen();
      fake.sendCommand(dewi, '/batal');
      await waitForText(fake, dewi.id, 'Dibatalkan.', { after });
      const second = await entry('Menyusun laporan aset TIK');

      expect(await answerTo(fake.pressButton(dewi, first, buttonFor(first, ':progress:50')))).toBe(stale);
      await waitUntil(() => first.reply_markup === undefined, 'the stale buttons to go');
      after = seen();
      const presses = [
        fake.pressButton(dewi, second, buttonFor(second, ':progress:75')),
        fake.pressButton(dewi, second, buttonFor(second, ':progress:100')),
      ];
      expect([await answerTo(presses[0]!), await answerTo(presses[1]!)]).toEqual([undefined, stale]);
      const more = await waitForText(fake, dewi.id, 'Tersimpan. Ada kegiatan lain hari ini?', { after });
      expect(await db.prisma.kpiLog.findMany({ where: { employeeId: await employeeId(nip.dewi) } })).toMatchObject([
        { activity: 'Menyusun laporan aset TIK', progress: 75 },
      ]);
      expect(second.reply_markup).toBeUndefined();
      expect(fake.messages(dewi.id).filter((m) => m.text.startsWith('Tersimpan.'))).toEqual([more]);
    });

    it('sends one report when "Kirim" is tapped twice', async () => {
      const seen = () => fake.messages(dewi.id).length;
      const after = seen();
      fake.sendCommand(dewi, '/lapor');
      const start = await waitForText(fake, dewi.id, 'Tentang apa laporan Anda?', { after });
      fake.pressButton(dewi, start, buttonFor(start, ':cat:disiplin'));
      await waitForText(fake, dewi.id, 'Siapa atau apa yang dilaporkan?', { after });
      fake.sendText(dewi, 'Petugas piket');
      await waitForText(fake, dewi.id, 'Ceritakan singkat', { after });
      fake.sendText(dewi, 'Tidak hadir piket tiga kali bulan ini.');
      const recipient = await waitForText(fake, dewi.id, 'Laporan dikirim ke siapa?', { after });
      fake.pressButton(dewi, recipient, buttonFor(recipient, ':to:sdm'));
      const reveal = await waitForText(fake, dewi.id, 'Bolehkah nama Anda', { after });
      fake.pressButton(dewi, reveal, buttonFor(reveal, ':reveal:no'));
      const confirm = await waitForText(fake, dewi.id, 'Periksa laporan Anda', { after });
      const send = buttonFor(confirm, ':send:yes');
      const presses = [fake.pressButton(dewi, confirm, send), fake.pressButton(dewi, confirm, send)];
      expect([await answerTo(presses[0]!), await answerTo(presses[1]!)]).toEqual([undefined, stale]);
      await waitForText(fake, dewi.id, /^Laporan #\d+ tercatat/, { after });
      expect(await db.prisma.report.count({ where: { reporterId: await employeeId(nip.dewi) } })).toBe(1);
      expect(fake.messages(dewi.id).filter((m) => /^Laporan #\d+ tercatat/.test(m.text))).toHaveLength(1);
    });
  });

  describe('two instances handling two presses delivered at once', () => {
    // Two bots on one database, as two server instances behind one webhook would be; each is
    // handed one press directly, at the same moment, with no per-chat ordering between them.
    let fake: FakeTelegram;
    let bots: [Bot<BotContext>, Bot<BotContext>];
    const rizky: SimulatedUser = { id: 7201, first_name: 'Rizky', language_code: 'id' };

    beforeAll(async () => {
      fake = await startFakeTelegram({ perChatPerSecond: 50 });
      const make = () =>
        createBot(deps, { token: fake.token, apiRoot: fake.url, throttle: { globalPerSecond: 200, perChatIntervalMs: 0 } });
      bots = [make(), make()];
      await Promise.all(bots.map((b) => b.init()));
      const { code } = await issueLinkCode(db, nip.rizky, { now: clock });
      await bots[0].handleUpdate(fake.sendCommand(rizky, `/daftar ${code}`));
      expect(fake.messages(rizky.id).at(-1)?.text).toMatch(/^Akun terhubung/);
    });
    afterAll(() => fake?.close());

    const answersOf = (updates: Update[]) =>
      updates.map((u) => fake.callbackAnswers.find((a) => a.callback_query_id === u.callback_query!.id)?.text);

    it('applies one of two ratings pressed at once', async () => {
      await bots[0].handleUpdate(fake.sendText(rizky, question));
      const answer = fake.messages(rizky.id).at(-1)!;
      const logId = logIdOf(answer);
      const presses = [
        fake.pressButton(rizky, answer, buttonFor(answer, ':1')),
        fake.pressButton(rizky, answer, buttonFor(answer, ':-1')),
      ];
      await Promise.all([bots[0].handleUpdate(presses[0]!), bots[1].handleUpdate(presses[1]!)]);
      const answers = answersOf(presses);
      expect(answers.filter((a) => a === alreadyRated)).toHaveLength(1);
      const winner = answers.find((a) => a !== alreadyRated);
      expect([thanksUp, thanksDown]).toContain(winner);
      expect((await db.prisma.questionLog.findUniqueOrThrow({ where: { id: logId } })).rating).toBe(winner === thanksUp ? 1 : -1);
    });

    it('records one answer (and one leave) of two reminder buttons pressed at once', async () => {
      clock = new Date('2026-12-23T01:00:00Z');
      const { row, message } = await sendReminder(bots[0], fake, nip.rizky, '2026-12-23');
      const presses = [
        fake.pressButton(rizky, message, `rem:${row.id}:sakit`),
        fake.pressButton(rizky, message, `rem:${row.id}:izin`),
      ];
      await Promise.all([bots[0].handleUpdate(presses[0]!), bots[1].handleUpdate(presses[1]!)]);
      const replies = await db.prisma.reminderReply.findMany({ where: { outboxId: row.id } });
      expect(replies).toHaveLength(1);
      const label = replies[0]!.answer === 'sakit' ? 'Sakit' : 'Izin';
      expect(answersOf(presses).sort()).toEqual([
        `Pengingat ini sudah dijawab: ${label}. Jawaban tidak diubah.`,
        `Tercatat: ${label}`,
      ]);
      expect(await db.prisma.leave.findMany({ where: { employeeId: await employeeId(nip.rizky) } })).toMatchObject([
        { startDate: day('2026-12-23'), kind: replies[0]!.answer },
      ]);
      expect(message.text).toMatch(new RegExp(`\\n\\n✅ ${label} \\(08:00 WIB\\)$`));
      // No error in the chat: the press that lost was told what stands.
      expect(fake.messages(rizky.id).filter((m) => m.text.startsWith('Maaf'))).toEqual([]);
    });
  });

  it(`keeps every button's callback data within Telegram's ${maxCallbackDataBytes} bytes`, () => {
    // The longest the bot makes: a 12-digit reminder id with an 8-character answer code.
    expect(callbackData('rem', 999_999_999_999, 'abcdefgh')).toBe('rem:999999999999:abcdefgh');
    expect(() => callbackData('lapor', 'x'.repeat(60))).toThrow(/over 64 bytes/);
  });
});
