/**
 * The bot in a group, end to end (the real grammY bot long-polling the fake Telegram Bot API):
 * whatever concerns one person is answered only with a pointer to the private chat, shows none
 * of their data and records nothing; general questions go on as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDeps } from '../../src/channels/telegram/context.js';
import { createBot } from '../../src/channels/telegram/create-bot.js';
import { groupCommands, personalCommands } from '../../src/channels/telegram/features/private-only.js';
import { startTelegram, type TelegramRunning } from '../../src/channels/telegram/start-telegram.js';
import type { Database } from '../../src/db/database.js';
import { importPeople } from '../../src/people/import-people.js';
import { issueLinkCode } from '../../src/people/issue-link-code.js';
import { localDateOf } from '../../src/calendar/local-time.js';
import {
  startFakeTelegram,
  type FakeTelegram,
  type SentMessage,
  type SimulatedChat,
  type SimulatedUser,
} from '../fakes/telegram-server.js';
import { botDeps } from '../helpers/bot-deps.js';
import { loadKnowledge } from '../helpers/knowledge.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { buttonData, waitForText, waitUntil } from '../helpers/telegram.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

const nip = { bambang: '197003152000031001', dewi: '199002142015032001' };
const people = `nip,nama,unit_kode,unit_nama,jabatan,eselon,zona_waktu,nip_atasan
${nip.bambang},Bambang Sutrisno,DKI,Dinas Komunikasi dan Informatika,Kepala Dinas,II.b,WITA,
${nip.dewi},Dewi Lestari,DKI,Dinas Komunikasi dan Informatika,Pranata Komputer,,WITA,${nip.bambang}
`;
/** What must never appear in a group: Dewi's profile and her work log. */
const secretActivity = 'Menyusun telaahan staf mutasi pegawai';
const personalData = [
  'Dewi Lestari',
  nip.dewi,
  'Dinas Komunikasi dan Informatika',
  'Pranata Komputer',
  'Bambang Sutrisno',
  secretActivity,
];

const pointer =
  'Perintah ini menyangkut data pribadi Anda, jadi hanya saya layani di chat pribadi: di grup, semua anggota ikut membaca. Ketuk tombol di bawah untuk membuka chat pribadi dengan saya. Pertanyaan umum tentang peraturan tetap bisa diajukan di grup ini dengan menyebut @test_bot.';
const codePointer =
  'Kode pendaftaran bersifat rahasia: kirimkan hanya di chat pribadi dengan saya, jangan di grup. Kode ini tidak dipakai. Karena sudah terlihat oleh anggota grup, minta kode baru ke tim SDM, lalu kirimkan di chat pribadi.';
const deepLink = 'https://t.me/test_bot?start=pribadi';

describe.each(backends)('the bot in a group keeps personal data private, on %s', (backend) => {
  let db: Database;
  let deps: BotDeps;
  let fake: FakeTelegram;
  let running: TelegramRunning | undefined;
  let dewiId: number;
  const dewi: SimulatedUser = { id: 6101, first_name: 'Dewi', language_code: 'id' };
  // A new group for each message: the bot spaces its messages to one group 3 s apart (Telegram's
  // 20 per minute), which would make this test slow, not more telling.
  let groups = 0;
  const newGroup = (): SimulatedChat => ({ id: -1002000000000 - ++groups, type: 'supergroup', title: `Diskominfo ${groups}` });

  beforeAll(async () => {
    [db, fake] = await Promise.all([openTestDatabase(backend), startFakeTelegram({ perChatPerSecond: 50 })]);
    await loadKnowledge(db);
    expect((await importPeople(db, people)).ok).toBe(true);
    deps = botDeps(db, { messagesPerMinute: 100 });
    const bot = createBot(deps, {
      token: fake.token,
      apiRoot: fake.url,
      throttle: { globalPerSecond: 200, perChatIntervalMs: 10 },
    });
    running = await startTelegram(bot, { db, log: silentLogger });
    // Dewi links her account in private, as she should, and has logged work this week.
    const { code } = await issueLinkCode(db, nip.dewi, { now: new Date() });
    fake.sendCommand(dewi, `/daftar ${code}`);
    await waitForText(fake, dewi.id, 'Akun terhubung');
    dewiId = (await db.prisma.employee.findUniqueOrThrow({ where: { nip: nip.dewi } })).id;
    const today = localDateOf(new Date(), 'Asia/Makassar');
    await db.prisma.kpiLog.create({
      data: { employeeId: dewiId, localDate: new Date(`${today}T00:00:00Z`), activity: secretActivity },
    });
  });
  afterAll(async () => {
    await running?.stop();
    await fake?.close();
    await db?.close();
  });

  /** Everything the database could have gained from a personal command. */
  const snapshot = async () => ({
    leave: await db.prisma.leave.count(),
    kpiLog: await db.prisma.kpiLog.count(),
    report: await db.prisma.report.count(),
    reminderReply: await db.prisma.reminderReply.count(),
    linkAttempt: await db.prisma.linkAttempt.count(),
    questionLog: await db.prisma.questionLog.count(),
    accounts: await db.prisma.telegramAccount.findMany({ select: { telegramUserId: true, employeeId: true } }),
    flows: (await db.prisma.chatState.findMany({ select: { chatKey: true, flow: true } })).filter((s) => s.flow !== null),
  });

  /** Everything the fake Telegram received for a group (negative chat ids) or a button press, since call `from`. */
  const groupTraffic = (from: number) =>
    JSON.stringify(fake.calls.slice(from).filter((c) => Number(c.body.chat_id) < 0 || c.method === 'answerCallbackQuery'));

  /** Sends `text` to a group as `from` and waits for the bot's answer there, which must be a reply to it. */
  const inGroup = async (text: string, from: SimulatedUser = dewi, group = newGroup()): Promise<SentMessage> => {
    const sent = fake.sendText(from, text, group);
    await waitUntil(() => fake.messages(group.id).length > 0, `an answer to "${text}" in the group`);
    // Said to the one who asked: a reply to the command's message.
    const call = fake.calls.find((c) => c.method === 'sendMessage' && Number(c.body.chat_id) === group.id);
    expect(call?.body.reply_parameters).toMatchObject({ message_id: sent.message!.message_id });
    return fake.messages(group.id)[0]!;
  };
  const expectPointer = (message: SentMessage, text = pointer) => {
    expect(message.text).toBe(text);
    expect(message.reply_markup?.inline_keyboard).toEqual([[{ text: 'Buka chat pribadi', url: deepLink }]]);
  };
  /**
   * A message for the bot by its @mention, which Telegram marks (the fake marks only commands),
   * after some chatter the bot ignores (through which the fake learns of the group).
   */
  const mention = (from: SimulatedUser, group: SimulatedChat, text: string) => {
    fake.sendText(from, 'Selamat pagi semua', group);
    return fake.sendRawUpdate({
      message: {
        message_id: 9_000 + groups,
        from: { id: from.id, is_bot: false, first_name: from.first_name, language_code: 'id' },
        chat: group,
        date: Math.floor(Date.now() / 1000),
        text: `@test_bot ${text}`,
        entities: [{ type: 'mention', offset: 0, length: '@test_bot'.length }],
      },
    });
  };

  it('answers /saya in a group with a pointer to the private chat and none of the profile', async () => {
    const before = await snapshot();
    const calls = fake.calls.length;
    expectPointer(await inGroup('/saya'));
    expectPointer(await inGroup('/saya@test_bot'));
    for (const item of personalData) expect(groupTraffic(calls)).not.toContain(item);
    expect(await snapshot()).toEqual(before);
    // In private the profile is still there.
    fake.sendCommand(dewi, '/saya');
    await waitForText(fake, dewi.id, `NIP: ${nip.dewi}`);
  });

  it('shows no work log for /kinerja minggu in a group, starts no /kinerja there, and /cuti besok records no leave', async () => {
    const before = await snapshot();
    const calls = fake.calls.length;
    expectPointer(await inGroup('/kinerja minggu'));
    expectPointer(await inGroup('/kinerja'));
    expectPointer(await inGroup('/cuti besok'));
    expectPointer(await inGroup('/cuti 24-12-2030 26-12-2030'));
    for (const item of personalData) expect(groupTraffic(calls)).not.toContain(item);
    expect(await snapshot()).toEqual(before);
    expect(before.leave).toBe(0);
  });

  it('answers /lapor, /keluar and /batal in a group with the pointer, and the account stays linked', async () => {
    const before = await snapshot();
    expectPointer(await inGroup('/lapor'));
    expectPointer(await inGroup('/keluar'));
    expectPointer(await inGroup('/batal'));
    expect(await snapshot()).toEqual(before);
    expect(before.accounts).toEqual([{ telegramUserId: BigInt(dewi.id), employeeId: dewiId }]);
  });

  it('never uses a linking code shown in a group: /start CODE, /daftar CODE or a bare code for the bot', async () => {
    const budi: SimulatedUser = { id: 6102, first_name: 'Budi', language_code: 'id' };
    const { code } = await issueLinkCode(db, nip.bambang, { now: new Date() });
    const before = await snapshot();
    const calls = fake.calls.length;
    expectPointer(await inGroup(`/start ${code}`, budi), codePointer);
    expectPointer(await inGroup(`/daftar ${code.toLowerCase()}`, budi), codePointer);
    // A pasted code addressed to the bot: not asked of the knowledge base either (which would log it).
    const group = newGroup();
    mention(budi, group, code);
    await waitUntil(() => fake.messages(group.id).length > 0, 'the answer to the pasted code');
    expect(fake.messages(group.id)).toHaveLength(1);
    expectPointer(fake.messages(group.id)[0]!, codePointer);
    // /start without a code is personal too: it greets a linked employee by name.
    expectPointer(await inGroup('/start'));

    expect(groupTraffic(calls)).not.toContain('Bambang Sutrisno');
    expect(await snapshot()).toEqual(before);
    expect(await db.prisma.linkCode.findFirst({ where: { employee: { nip: nip.bambang }, usedAt: null } })).not.toBeNull();
    expect(await db.prisma.telegramAccount.findUnique({ where: { telegramUserId: BigInt(budi.id) } })).toBeNull();
  });

  it('refuses personal buttons pressed in a group (a reminder, /kinerja, /lapor) and records nothing', async () => {
    // Only Telegram's own clients press buttons, on messages that carry them; these are forged the
    // way a modified client would send them, under a message of the group.
    const today = localDateOf(new Date(), 'Asia/Makassar');
    const schedule = await db.prisma.reminderSchedule.findFirstOrThrow({ where: { kind: 'disiplin', scope: '*' } });
    const outbox = await db.prisma.reminderOutbox.create({
      data: {
        employeeId: dewiId,
        scheduleId: schedule.id,
        localDate: new Date(`${today}T00:00:00Z`),
        dueAt: new Date(),
        expiresAt: new Date(Date.now() + 3_600_000),
        status: 'sent',
        sentAt: new Date(),
        messageId: 9_200n,
      },
    });
    const before = await snapshot();
    const group = newGroup();
    fake.sendText(dewi, 'Selamat pagi', group);
    const presses = [`rem:${outbox.id}:sakit`, 'kpi:0123abcd:progress:50', 'lapor:0123abcd:send:yes'].map((data, i) =>
      fake.sendRawUpdate({
        callback_query: {
          id: `77000${i}`,
          from: { id: dewi.id, is_bot: false, first_name: 'Dewi' },
          message: {
            message_id: 9_200,
            from: { id: 123456, is_bot: true, first_name: 'Test Bot', username: 'test_bot' },
            chat: group,
            date: Math.floor(Date.now() / 1000),
            text: 'Selamat pagi',
          },
          chat_instance: '77',
          data,
        },
      }),
    );
    const answerOf = (id: string) =>
      fake.calls.find((c) => c.method === 'answerCallbackQuery' && c.body.callback_query_id === id);
    await waitUntil(() => presses.every((p) => answerOf(p.callback_query!.id) !== undefined), 'the answers to three presses');
    for (const p of presses) {
      expect(answerOf(p.callback_query!.id)!.body).toMatchObject({
        text: 'Tombol ini hanya berlaku di chat pribadi dengan saya.',
        url: deepLink,
      });
    }
    expect(await snapshot()).toEqual(before);
    expect(await db.prisma.leave.count({ where: { employeeId: dewiId } })).toBe(0);
  });

  it('still answers a general question in a group, and gives the pointer in English in a group that chose English', async () => {
    const calls = fake.calls.length;
    const group = newGroup();
    mention(dewi, group, 'apa sanksi jika tidak masuk kerja 5 hari tanpa alasan?');
    const answer = await waitForText(fake, group.id, 'PP 94/2021');
    expect(buttonData(answer)).toHaveLength(2);
    for (const item of personalData) expect(groupTraffic(calls)).not.toContain(item);

    // As /bahasa there would have set it (telegram-bot.test.ts presses those buttons).
    const english = newGroup();
    await db.prisma.chatState.create({ data: { chatKey: `tg:${english.id}`, language: 'en' } });
    const reply = await inGroup('/saya', dewi, english);
    expect(reply.text).toMatch(/^This command concerns your personal data, so I only serve it in a private chat/);
    expect(reply.reply_markup?.inline_keyboard).toEqual([[{ text: 'Open a private chat', url: deepLink }]]);
  });

  it('opens the private chat from the deep link with a plain welcome, not a wrong code, and links a bare code there', async () => {
    const cici: SimulatedUser = { id: 6103, first_name: 'Cici', language_code: 'id' };
    fake.sendCommand(cici, '/start pribadi');
    const welcome = await waitForText(fake, cici.id, 'Selamat datang');
    expect(welcome.text).toMatch(/^Selamat datang di Asisten ASN/);
    expect(await db.prisma.linkAttempt.count({ where: { telegramUserId: BigInt(cici.id) } })).toBe(0);

    const { code } = await issueLinkCode(db, nip.bambang, { now: new Date() });
    const questions = await db.prisma.questionLog.count();
    fake.sendText(cici, code.toLowerCase());
    await waitForText(fake, cici.id, 'Akun terhubung. Halo, Bambang Sutrisno');
    expect(await db.prisma.questionLog.count()).toBe(questions);
  });

  it('names every command of the menu either general (works in groups) or personal (private only)', () => {
    const menu = fake.commands().flatMap((l) => l.commands.map((c) => c.command));
    expect(menu.length).toBeGreaterThan(0);
    for (const command of menu) expect([...groupCommands, ...personalCommands]).toContain(command);
    expect(groupCommands.filter((c) => personalCommands.includes(c))).toEqual([]);
  });
});
