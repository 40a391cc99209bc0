/**
 * The employees' bot end to end: the real grammY bot (runner, throttler, auto-retry, i18n, every
 * feature) long-polls the fake Telegram Bot API, and each test checks what the simulated user
 * actually sees in the chat, plus what the database keeps.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { botDeps } from '../helpers/bot-deps.js';
import { loadPrompts } from '../../src/answering/prompts.js';
import type { BotDeps } from '../../src/channels/telegram/context.js';
import { createBot } from '../../src/channels/telegram/create-bot.js';
import { startTelegram, type TelegramRunning } from '../../src/channels/telegram/start-telegram.js';
import type { ThrottleOptions } from '../../src/channels/telegram/throttle.js';
import type { Database } from '../../src/db/database.js';
import { createChatModel } from '../../src/llm/openai-models.js';
import { importPeople } from '../../src/people/import-people.js';
import { loadFlagView } from '../../src/flags/load-flag-view.js';
import { issueLinkCode } from '../../src/people/issue-link-code.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.js';
import { startFakeTelegram, type FakeTelegram, type SimulatedChat, type SimulatedUser } from '../fakes/telegram-server.js';
import { loadKnowledge } from '../helpers/knowledge.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { buttonData, buttonFor, buttonLabels, sleep, textsIn, waitForText, waitUntil } from '../helpers/telegram.js';
import { openTestDatabase } from '../helpers/test-database.js';

const promptsDir = fileURLToPath(new URL('../../prompts/', import.meta.url));

const nip = {
  bambang: '197003152000031001',
  dewi: '199002142015032001',
  andi: '198505082010011003',
  rizky: '199207302019031002',
  nurhayati: '198812122014022003',
  sri: '197811202005012002',
  agus: '199101012016011001',
};

const people = `nip,nama,unit_kode,unit_nama,jabatan,eselon,zona_waktu,nip_atasan
${nip.bambang},Bambang Sutrisno,DKI,Dinas Komunikasi dan Informatika,Kepala Dinas,II.b,WITA,
${nip.dewi},Dewi Lestari,DKI,Dinas Komunikasi dan Informatika,Pranata Komputer,,WITA,${nip.bambang}
${nip.andi},Andi Pratama,DKI,Dinas Komunikasi dan Informatika,Kepala Seksi Sistem Informasi,IV.a,WITA,${nip.bambang}
${nip.rizky},Rizky Ramadhan,DKI,Dinas Komunikasi dan Informatika,Pengelola Sistem Informasi,,WITA,${nip.andi}
${nip.nurhayati},Nurhayati,DKI,Dinas Komunikasi dan Informatika,Analis Data,,WITA,${nip.andi}
${nip.sri},Sri Wahyuni,DKI,Dinas Komunikasi dan Informatika,Kepala Bidang Aplikasi Informatika,III.b,WITA,${nip.bambang}
${nip.agus},Agus Salim,DKI,Dinas Komunikasi dan Informatika,Pranata Komputer,,WITA,${nip.andi}
`;

/** A question the default knowledge base answers from PP 94/2021 (discipline). */
const truancyQuestion = 'kalo sy bolos 5 hari dlm setahun kena hukuman apa?';
const articleInBold = /<b>PP 94\/2021 Pasal \d+/;

/** Fast limits for most tests: the fake allows 20 messages per chat per second. */
const fastThrottle: ThrottleOptions = { globalPerSecond: 100, perChatIntervalMs: 50 };

const user = (id: number, first_name: string): SimulatedUser => ({ id, first_name, language_code: 'id' });

describe('the employees bot over the Telegram Bot API (long polling)', () => {
  let db: Database;
  let deps: BotDeps;

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    await loadKnowledge(db);
    const imported = await importPeople(db, people);
    expect(imported.ok).toBe(true);
    deps = botDeps(db);
  });
  afterAll(() => db?.close());

  const startBot = (fake: FakeTelegram, throttle: ThrottleOptions, botDeps: BotDeps = deps) =>
    startTelegram(createBot(botDeps, { token: fake.token, apiRoot: fake.url, throttle }), { db, log: silentLogger });

  const employeeId = async (n: string) => (await db.prisma.employee.findUniqueOrThrow({ where: { nip: n } })).id;
  const accountOf = (telegramUserId: number) =>
    db.prisma.telegramAccount.findUnique({ where: { telegramUserId: BigInt(telegramUserId) } });
  const logIdOf = (data: string) => Number(/^rate:(\d+):/.exec(data)![1]);

  describe('with generous flood limits', () => {
    let fake: FakeTelegram;
    let running: TelegramRunning | undefined;

    beforeAll(async () => {
      fake = await startFakeTelegram({ perChatPerSecond: 20 });
      running = await startBot(fake, fastThrottle);
    });
    afterAll(async () => {
      await running?.stop();
      await fake?.close();
    });

    /** Links a simulated user to an employee through the bot, as HR's code would. */
    const link = async (from: SimulatedUser, employeeNip: string) => {
      const { code } = await issueLinkCode(db, employeeNip, { now: new Date() });
      const before = fake.messages(from.id).length;
      fake.sendCommand(from, `/daftar ${code}`);
      await waitForText(fake, from.id, 'Akun terhubung', { after: before });
    };

    it('registers the command menu in Indonesian and in English', () => {
      const lists = fake.commands();
      const names = ['start', 'bantuan', 'topik', 'lapor', 'saya', 'daftar', 'keluar', 'bahasa', 'batal'];
      const indonesian = lists.find((l) => l.language_code === undefined && l.scope === undefined);
      const english = lists.find((l) => l.language_code === 'en' && l.scope === undefined);
      // Later features may add commands; these must be there, in this order.
      const ordered = (list: typeof indonesian) => list?.commands.map((c) => c.command).filter((c) => names.includes(c));
      expect(ordered(indonesian)).toEqual(names);
      expect(ordered(english)).toEqual(names);
      const description = (list: typeof indonesian, command: string) =>
        list?.commands.find((c) => c.command === command)?.description;
      expect(description(indonesian, 'lapor')).toBe('Laporkan masalah ke atasan atau SDM');
      expect(description(indonesian, 'saya')).toBe('Profil saya');
      expect(description(english, 'lapor')).toBe('Report a problem to your supervisor or HR');
      expect(description(english, 'saya')).toBe('My profile');
      // Four calls of setMyCommands: the default list and the English one, for all chats and for groups.
      expect(
        fake.calls.filter((c) => c.method === 'setMyCommands').map((c) => [c.body.scope?.type, c.body.language_code]),
      ).toEqual([
        [undefined, undefined],
        [undefined, 'en'],
        ['all_group_chats', undefined],
        ['all_group_chats', 'en'],
      ]);
      // Groups are offered only the commands that work there: nothing about one person.
      const inGroups = lists.find((l) => l.language_code === undefined && l.scope?.type === 'all_group_chats');
      expect(inGroups?.commands.map((c) => c.command)).toEqual(['bantuan', 'topik', 'bahasa']);
    });

    it('links an account by deep link and shows the profile; refuses wrong, expired and used codes; locks out guessing', async () => {
      // Dewi taps HR's deep link: t.me/<bot>?start=<code> arrives as "/start <code>".
      const dewi = user(2001, 'Dewi');
      const { code: dewiCode } = await issueLinkCode(db, nip.dewi, { now: new Date() });
      fake.sendCommand(dewi, `/start ${dewiCode}`);
      const linked = await waitForText(fake, dewi.id, 'Akun terhubung');
      expect(linked.text).toBe(
        `Akun terhubung. Halo, Dewi Lestari (${nip.dewi}). Sekarang Anda dapat menerima pengingat dan mengirim laporan.`,
      );
      expect((await accountOf(dewi.id))?.employeeId).toBe(await employeeId(nip.dewi));

      fake.sendCommand(dewi, '/saya');
      const profile = await waitForText(fake, dewi.id, 'NIP:');
      expect(profile.text.split('\n')).toEqual([
        'Dewi Lestari',
        `NIP: ${nip.dewi}`,
        'Unit: Dinas Komunikasi dan Informatika',
        'Jabatan: Pranata Komputer',
        'Atasan langsung: Bambang Sutrisno',
      ]);
      expect(profile.entities).toContainEqual({ type: 'bold', offset: 0, length: 'Dewi Lestari'.length });

      // A linked account presenting another employee's code is told to /keluar first.
      const { code: sriCode } = await issueLinkCode(db, nip.sri, { now: new Date() });
      fake.sendCommand(dewi, `/daftar ${sriCode}`);
      await waitForText(fake, dewi.id, 'sudah terhubung ke pegawai lain');
      expect((await accountOf(dewi.id))?.employeeId).toBe(await employeeId(nip.dewi));

      // Budi: a wrong code, an expired one, and Dewi's code, already used.
      const budi = user(2002, 'Budi');
      fake.sendCommand(budi, '/daftar ABCD-EFGH');
      await waitForText(fake, budi.id, 'Kode tidak dikenal');
      const expired = await issueLinkCode(db, nip.andi, { now: new Date(Date.now() - 8 * 86400e3) });
      fake.sendCommand(budi, `/daftar ${expired.code.toLowerCase()}`);
      await waitForText(fake, budi.id, 'kedaluwarsa');
      fake.sendCommand(budi, `/daftar ${dewiCode}`);
      await waitForText(fake, budi.id, 'sudah pernah dipakai');
      // Dewi keeps her account; Budi took nothing.
      expect(await accountOf(budi.id)).toBeNull();
      expect((await accountOf(dewi.id))?.employeeId).toBe(await employeeId(nip.dewi));
      expect(textsIn(fake, budi.id)).toHaveLength(3);
      // Only a new code from HR moves the employee to another Telegram account (a new phone): one account each.
      const { code: newDewiCode } = await issueLinkCode(db, nip.dewi, { now: new Date() });
      fake.sendCommand(budi, `/daftar ${newDewiCode}`);
      await waitForText(fake, budi.id, `Akun terhubung. Halo, Dewi Lestari (${nip.dewi})`);
      expect(await accountOf(dewi.id)).toBeNull();
      fake.sendCommand(dewi, '/saya');
      await waitForText(fake, dewi.id, 'belum terhubung');

      // Citra guesses: the 5th wrong code locks her out, and then even a right code is refused.
      const citra = user(2003, 'Citra');
      for (const guess of ['2345-6789', 'ABCD-EFGH', 'HJKM-NPQR', 'STUV-WXYZ', '9876-5432'])
        fake.sendCommand(citra, `/daftar ${guess}`);
      await waitUntil(() => fake.messages(citra.id).length === 5, 'five answers to five guesses');
      const guesses = textsIn(fake, citra.id);
      expect(guesses.slice(0, 4).every((t) => t.startsWith('Kode tidak dikenal'))).toBe(true);
      expect(guesses[4]).toBe('Terlalu banyak kode salah. Coba lagi dalam 30 menit.');
      const { code: rizkyCode } = await issueLinkCode(db, nip.rizky, { now: new Date() });
      fake.sendCommand(citra, `/daftar ${rizkyCode}`);
      await waitUntil(() => fake.messages(citra.id).length === 6, 'the answer to the right code');
      expect(textsIn(fake, citra.id)[5]).toMatch(/^Terlalu banyak kode salah/);
      expect(await accountOf(citra.id)).toBeNull();
    });

    it('answers a question with "typing", the article in bold and rating buttons; 👎 is stored and the buttons go', async () => {
      const eko = user(3001, 'Eko');
      fake.sendText(eko, truancyQuestion);
      const answer = await waitForText(fake, eko.id, 'PP 94/2021');
      expect(answer.parse_mode).toBe('HTML');
      expect(answer.raw_text).toMatch(articleInBold);
      expect(answer.entities?.some((e: { type: string }) => e.type === 'bold')).toBe(true);
      expect(buttonLabels(answer)).toEqual(['👍 Membantu', '👎 Kurang tepat']);

      // "typing..." came first.
      expect(fake.chatActions).toContainEqual({ chat_id: eko.id, action: 'typing' });
      const typingAt = fake.calls.findIndex((c) => c.method === 'sendChatAction' && Number(c.body.chat_id) === eko.id);
      const replyAt = fake.calls.findIndex((c) => c.method === 'sendMessage' && Number(c.body.chat_id) === eko.id);
      expect(typingAt).toBeGreaterThanOrEqual(0);
      expect(typingAt).toBeLessThan(replyAt);

      const down = buttonData(answer).find((d) => d.endsWith(':-1'))!;
      const logId = logIdOf(down);
      expect((await db.prisma.questionLog.findUniqueOrThrow({ where: { id: logId } })).asker).toBe(`tg:${eko.id}`);
      const answersBefore = fake.callbackAnswers.length;
      fake.pressButton(eko, answer, down);
      await waitUntil(() => answer.reply_markup === undefined, 'the rating buttons to go');
      const notice = fake.callbackAnswers.slice(answersBefore);
      expect(notice).toEqual([expect.objectContaining({ text: 'Terima kasih. Jawaban ini akan ditinjau tim SDM 👎' })]);
      expect(answer.edited).toBe(true);
      expect((await db.prisma.questionLog.findUniqueOrThrow({ where: { id: logId } })).rating).toBe(-1);
      // No new message: only the buttons changed.
      expect(fake.messages(eko.id)).toHaveLength(1);
    });

    it("refuses a forged rating callback for someone else's answer", async () => {
      const eko = (await db.prisma.questionLog.findFirstOrThrow({ where: { asker: 'tg:3001' }, orderBy: { id: 'desc' } })).id;
      const fajar = user(3002, 'Fajar');
      // Fajar's chat must exist: he writes first.
      fake.sendCommand(fajar, '/start');
      const welcome = await waitForText(fake, fajar.id, 'Selamat datang');

      const forged = fake.sendRawUpdate({
        callback_query: {
          id: '990001',
          from: { id: fajar.id, is_bot: false, first_name: 'Fajar' },
          message: {
            message_id: welcome.message_id,
            from: { id: 123456, is_bot: true, first_name: 'Test Bot', username: 'test_bot' },
            chat: { id: fajar.id, type: 'private', first_name: 'Fajar' },
            date: welcome.date,
            text: welcome.text,
          },
          chat_instance: '42',
          data: `rate:${eko}:1`,
        },
      });
      expect(forged.update_id).toBeGreaterThan(0);
      await waitUntil(
        () => fake.calls.some((c) => c.method === 'answerCallbackQuery' && c.body.callback_query_id === '990001'),
        'the forged callback to be answered',
      );
      const answered = fake.calls.find((c) => c.method === 'answerCallbackQuery' && c.body.callback_query_id === '990001')!;
      expect(answered.body.text).toBe('Penilaian ini tidak dapat diterima.');
      expect((await db.prisma.questionLog.findUniqueOrThrow({ where: { id: eko } })).rating).toBe(-1);
      // Nothing was edited in Eko's chat.
      expect(fake.calls.filter((c) => c.method === 'editMessageReplyMarkup' && Number(c.body.chat_id) !== 3001)).toEqual([]);
    });

    it('lets an unlinked user ask, but not report or see a profile', async () => {
      const gita = user(3003, 'Gita');
      fake.sendText(gita, 'apa sanksi jika tidak masuk kerja 5 hari tanpa alasan?');
      const answer = await waitForText(fake, gita.id, 'PP 94/2021');
      expect(answer.raw_text).toMatch(articleInBold);
      fake.sendCommand(gita, '/lapor');
      const refused = await waitForText(fake, gita.id, 'hanya untuk pegawai yang akunnya sudah terhubung');
      expect(refused.reply_markup).toBeUndefined();
      fake.sendCommand(gita, '/saya');
      await waitForText(fake, gita.id, 'belum terhubung');
      expect(await db.prisma.chatState.findUnique({ where: { chatKey: `tg:${gita.id}` } })).toMatchObject({ flow: null });
    });

    it('walks /lapor through buttons and texts to a stored, confidential report', async () => {
      const hadi = user(3004, 'Hadi');
      await link(hadi, nip.nurhayati);
      const seen = () => fake.messages(hadi.id).length;

      let after = seen();
      fake.sendCommand(hadi, '/lapor');
      const start = await waitForText(fake, hadi.id, 'Tentang apa laporan Anda?', { after });
      // Each button names the step it was shown for (a token), then its choice.
      const token = /^lapor:([0-9a-f]{8}):/.exec(buttonData(start)[0]!)![1];
      expect(buttonData(start)).toEqual(
        ['disiplin', 'netralitas', 'medsos', 'pungli', 'lainnya'].map((c) => `lapor:${token}:cat:${c}`),
      );
      after = seen();
      fake.pressButton(hadi, start, buttonFor(start, ':cat:pungli'));
      await waitForText(fake, hadi.id, 'Siapa atau apa yang dilaporkan?', { after });

      after = seen();
      fake.sendText(hadi, 'Petugas loket perizinan');
      await waitForText(fake, hadi.id, 'Ceritakan singkat kejadiannya', { after });

      after = seen();
      const description = 'Meminta "uang rokok" Rp50.000 & <amplop> agar izin cepat, Senin 3 Juni di loket 2.';
      fake.sendText(hadi, description);
      const recipient = await waitForText(fake, hadi.id, 'Laporan dikirim ke siapa?', { after });
      expect(buttonLabels(recipient)).toEqual(['Atasan saya', 'Tim SDM']);

      after = seen();
      fake.pressButton(hadi, recipient, buttonFor(recipient, ':to:atasan'));
      const reveal = await waitForText(fake, hadi.id, 'Bolehkah nama Anda', { after });

      after = seen();
      fake.pressButton(hadi, reveal, buttonFor(reveal, ':reveal:no'));
      const confirm = await waitForText(fake, hadi.id, 'Periksa laporan Anda', { after });
      expect(confirm.text.split('\n')).toEqual([
        'Periksa laporan Anda',
        'Topik: Pungli / gratifikasi',
        'Terlapor: Petugas loket perizinan',
        `Kejadian: ${description}`,
        'Dikirim ke: Atasan saya',
        'Identitas pelapor: dirahasiakan',
      ]);
      expect(buttonData(confirm).map((d) => d.replace(/^lapor:[0-9a-f]{8}:/, ''))).toEqual(['send:yes', 'send:no']);

      after = seen();
      fake.pressButton(hadi, confirm, buttonFor(confirm, ':send:yes'));
      const sent = await waitForText(fake, hadi.id, /^Laporan #\d+ tercatat/, { after });
      const id = Number(/#(\d+)/.exec(sent.text)![1]);
      const report = await db.prisma.report.findUniqueOrThrow({ where: { id } });
      expect(report).toMatchObject({
        reporterId: await employeeId(nip.nurhayati),
        category: 'pungli',
        subject: 'Petugas loket perizinan',
        description,
        recipient: 'atasan',
        revealReporter: false,
        status: 'baru',
      });
      // The report is a flag for the reporter's supervisor, which names no reporter (they did not agree).
      const flag = await loadFlagView(db, (await db.prisma.flag.findUniqueOrThrow({ where: { reportId: id } })).id);
      const supervisor = await db.prisma.employee.findUniqueOrThrow({ where: { id: await employeeId(nip.nurhayati) } });
      expect(flag).toMatchObject({ kind: 'report', status: 'open', assignee: { id: supervisor.supervisorId } });
      expect(flag!.report).toMatchObject({ subject: 'Petugas loket perizinan', reporter: null });
      expect(await db.prisma.notification.count({ where: { flagId: flag!.id, channel: 'telegram' } })).toBe(0);
      // The flow is over: the next text is a question again.
      expect((await db.prisma.chatState.findUniqueOrThrow({ where: { chatKey: `tg:${hadi.id}` } })).flow).toBeNull();
    });

    it('in a group, answers only commands addressed to it and mentions of its name', async () => {
      const group: SimulatedChat = { id: -1001000000001, type: 'supergroup', title: 'Diskominfo' };
      const ika = user(4001, 'Ika');
      const joko = user(4002, 'Joko');
      fake.sendText(ika, 'Selamat pagi semua, rapat jam 9 ya. Apa sanksi bolos kerja?', group);
      fake.sendCommand(ika, '/bantuan@test_bot', group);
      // Updates of one chat are handled in order: once /bantuan is answered, the chatter was seen and ignored.
      const help = await waitForText(fake, group.id, 'Yang bisa saya bantu');
      expect(textsIn(fake, group.id)).toHaveLength(1);
      expect(help.parse_mode).toBe('HTML');

      // The fake marks only commands in users' texts; Telegram also marks @mentions, so this one is built by hand.
      const question = '@test_bot apa sanksi jika tidak masuk kerja 5 hari tanpa alasan?';
      fake.sendRawUpdate({
        message: {
          message_id: 9001,
          from: { id: ika.id, is_bot: false, first_name: 'Ika', language_code: 'id' },
          chat: { id: group.id, type: 'supergroup', title: 'Diskominfo' },
          date: Math.floor(Date.now() / 1000),
          text: question,
          entities: [{ type: 'mention', offset: 0, length: '@test_bot'.length }],
        },
      });
      const answer = await waitForText(fake, group.id, 'PP 94/2021');
      expect(answer.raw_text).toMatch(articleInBold);
      const log = await db.prisma.questionLog.findFirstOrThrow({ where: { asker: `tg:${ika.id}` } });
      expect(log.question).toBe('apa sanksi jika tidak masuk kerja 5 hari tanpa alasan?');

      // In a group everyone sees the buttons: another member cannot rate Ika's answer.
      const up = buttonData(answer).find((d) => d.endsWith(':1'))!;
      const answersBefore = fake.callbackAnswers.length;
      fake.pressButton(joko, answer, up);
      await waitUntil(() => fake.callbackAnswers.length > answersBefore, 'the callback answer');
      expect(fake.callbackAnswers.at(-1)?.text).toBe('Penilaian ini tidak dapat diterima.');
      expect((await db.prisma.questionLog.findUniqueOrThrow({ where: { id: log.id } })).rating).toBeNull();
      expect(buttonData(answer)).toHaveLength(2);
      expect(textsIn(fake, group.id)).toHaveLength(2);
    });

    it('answers photos and stickers in private with a polite word about text', async () => {
      const kiki = user(5001, 'Kiki');
      fake.sendPhoto(kiki, undefined, { caption: 'surat teguran saya' });
      fake.sendSticker(kiki);
      await waitUntil(() => fake.messages(kiki.id).length === 2, 'two replies');
      expect(textsIn(fake, kiki.id)).toEqual([
        'Saya hanya dapat membaca pesan teks. Tulis pertanyaan Anda, atau ketik /bantuan.',
        'Saya hanya dapat membaca pesan teks. Tulis pertanyaan Anda, atau ketik /bantuan.',
      ]);
    });

    it('refuses a 20,000-character message politely, not with an error', async () => {
      const lina = user(5002, 'Lina');
      const long = 'Mohon penjelasan aturan disiplin PNS tentang jam kerja dan cuti tahunan. '.repeat(300).slice(0, 20_000);
      expect(long).toHaveLength(20_000);
      fake.sendText(lina, long);
      const reply = await waitForText(fake, lina.id, 'terlalu panjang');
      expect(reply.text).toBe(
        'Pertanyaan terlalu panjang (lebih dari 2000 karakter). Ringkas pertanyaan Anda menjadi satu atau dua kalimat, lalu kirim lagi.',
      );
      expect(reply.reply_markup).toBeUndefined();
      expect(textsIn(fake, lina.id)).toHaveLength(1);
    });

    it('warns once and answers at most 10 of a burst of 15 messages', async () => {
      const mira = user(6001, 'Mira');
      const flood = 'Pesan Anda terlalu banyak dalam waktu singkat. Tunggu sebentar, lalu kirim lagi satu pertanyaan.';
      const questions = [truancyQuestion, 'apa sanksi jika tidak masuk kerja 5 hari tanpa alasan?'];
      for (let i = 0; i < 15; i++) fake.sendText(mira, questions[i % 2]!);
      await waitForText(fake, mira.id, flood, { timeoutMs: 20_000 });
      // A button press takes the same per-chat queue but is not a message: once it is answered, all 15 were handled.
      const rated = fake.messages(mira.id).find((m) => buttonData(m).length > 0)!;
      const answersBefore = fake.callbackAnswers.length;
      fake.pressButton(mira, rated, buttonData(rated)[0]!);
      await waitUntil(() => fake.callbackAnswers.length > answersBefore, 'the rating after the burst');

      const texts = textsIn(fake, mira.id);
      expect(texts.filter((t) => t === flood)).toHaveLength(1);
      expect(texts.filter((t) => t !== flood).length).toBeLessThanOrEqual(10);
      expect(await db.prisma.questionLog.count({ where: { asker: `tg:${mira.id}` } })).toBe(10);
      // The warning came after the tenth answer.
      expect(texts.indexOf(flood)).toBe(texts.length - 1);
    });

    it('survives a restart in the middle of /lapor: the update sent while down is handled once, and the flow goes on', async () => {
      const nina = user(7001, 'Nina');
      await link(nina, nip.sri);
      let after = fake.messages(nina.id).length;
      fake.sendCommand(nina, '/lapor');
      const start = await waitForText(fake, nina.id, 'Tentang apa laporan Anda?', { after });
      after = fake.messages(nina.id).length;
      fake.pressButton(nina, start, buttonFor(start, ':cat:netralitas'));
      await waitForText(fake, nina.id, 'Siapa atau apa yang dilaporkan?', { after });
      const stored = await db.prisma.chatState.findUniqueOrThrow({ where: { chatKey: `tg:${nina.id}` } });
      expect(stored.flow).toMatchObject({ name: 'lapor', step: 'subject', data: { category: 'netralitas' } });

      await running!.stop();
      running = undefined;
      after = fake.messages(nina.id).length;
      const pending = fake.sendText(nina, 'Camat Sungai Kunjang');
      await sleep(300);
      expect(fake.messages(nina.id)).toHaveLength(after);
      expect(fake.pendingUpdates().map((u) => u.update_id)).toContain(pending.update_id);

      // A new process: a new bot instance on the same database and the same Telegram.
      running = await startBot(fake, fastThrottle);
      const description = await waitForText(fake, nina.id, 'Ceritakan singkat kejadiannya', { after });
      fake.sendText(nina, 'Memasang spanduk salah satu calon di kantor kecamatan pada 10 Oktober.');
      const recipient = await waitForText(fake, nina.id, 'Laporan dikirim ke siapa?', { after });
      fake.pressButton(nina, recipient, buttonFor(recipient, ':to:sdm'));
      const reveal = await waitForText(fake, nina.id, 'Bolehkah nama Anda', { after });
      fake.pressButton(nina, reveal, buttonFor(reveal, ':reveal:yes'));
      const confirm = await waitForText(fake, nina.id, 'Periksa laporan Anda', { after });
      expect(confirm.text).toContain('Identitas pelapor: boleh diberitahukan ke atasan terlapor');
      fake.pressButton(nina, confirm, buttonFor(confirm, ':send:yes'));
      const sent = await waitForText(fake, nina.id, /^Laporan #\d+ tercatat/, { after });

      // The step answered while the bot was down was handled exactly once.
      expect(textsIn(fake, nina.id).filter((t) => t === description.text)).toHaveLength(1);
      expect(fake.pendingUpdates()).toEqual([]);
      const report = await db.prisma.report.findUniqueOrThrow({ where: { id: Number(/#(\d+)/.exec(sent.text)![1]) } });
      expect(report).toMatchObject({
        reporterId: await employeeId(nip.sri),
        category: 'netralitas',
        subject: 'Camat Sungai Kunjang',
        recipient: 'sdm',
        revealReporter: true,
      });
      expect(await db.prisma.report.count({ where: { reporterId: await employeeId(nip.sri) } })).toBe(1);
    });

    it('switches to English with /bahasa', async () => {
      const omar = user(8001, 'Omar');
      fake.sendCommand(omar, '/bahasa');
      const choose = await waitForText(fake, omar.id, 'Pilih bahasa');
      expect(buttonLabels(choose)).toEqual(['Bahasa Indonesia', 'English']);
      fake.pressButton(omar, choose, 'lang:en');
      await waitForText(fake, omar.id, 'Language set to English.');
      fake.sendCommand(omar, '/bantuan');
      const help = await waitForText(fake, omar.id, 'What I can do');
      expect(help.text).toContain('/lapor — report a problem to your supervisor or HR');
      fake.sendCommand(omar, '/saya');
      await waitForText(fake, omar.id, 'This Telegram account is not linked yet.');
    });
  });

  describe("with Telegram's real flood limits (1 message per chat per second, 30 per second overall)", () => {
    let fake: FakeTelegram;
    let openai: FakeOpenAI;
    let running: TelegramRunning | undefined;

    beforeAll(async () => {
      [fake, openai] = await Promise.all([startFakeTelegram(), startFakeOpenAI()]);
      // A long model answer citing passage 1: the bot must split it over several messages.
      const paragraph = (i: number) =>
        `${i}. Menurut [1], PNS yang tidak masuk kerja tanpa alasan yang sah dijatuhi hukuman disiplin sesuai jumlah hari. `.repeat(
          16,
        );
      openai.onChat(() => [1, 2, 3, 4, 5].map(paragraph).join('\n\n'));
      const timeoutMs = 10_000;
      const llmDeps: BotDeps = {
        ...deps,
        answering: {
          ...deps.answering,
          llm: {
            model: createChatModel({ apiKey: 'test', baseURL: `${openai.url}/v1`, chatModel: 'gpt-test', timeoutMs }),
            prompts: await loadPrompts(promptsDir),
            timeoutMs,
          },
        },
      };
      // The shipped defaults (TELEGRAM_GLOBAL_PER_SECOND, TELEGRAM_CHAT_INTERVAL_MS): 1.1 s per chat
      // leaves a margin, so timer jitter cannot bring two messages under Telegram's one second.
      const defaults = loadConfig({}).bot.throttle;
      running = await startBot(fake, defaults, llmDeps);
    });
    afterAll(async () => {
      await running?.stop();
      await Promise.all([fake?.close(), openai?.close()]);
    });

    it('delivers a long multi-part answer and its rating edit without a 429 left undelivered', async () => {
      const rina = user(9001, 'Rina');
      fake.sendText(rina, truancyQuestion);
      await waitUntil(() => fake.messages(rina.id).some((m) => m.reply_markup !== undefined), 'the rated last part', 15_000);
      const last = fake.messages(rina.id).at(-1)!;
      expect(fake.messages(rina.id).length).toBeGreaterThanOrEqual(3);
      expect(fake.messages(rina.id).every((m) => m.text.length <= 4096)).toBe(true);
      expect(last.text).toContain('Sumber:');
      expect(last.raw_text).toMatch(articleInBold);
      // Only the last part carries the buttons.
      expect(fake.messages(rina.id).filter((m) => m.reply_markup !== undefined)).toEqual([last]);
      const all = fake
        .messages(rina.id)
        .map((m) => m.text)
        .join('\n\n');
      for (const i of [1, 2, 3, 4, 5]) expect(all).toContain(`${i}. Menurut [1]`);

      const up = buttonData(last).find((d) => d.endsWith(':1'))!;
      fake.pressButton(rina, last, up);
      await waitUntil(() => last.reply_markup === undefined, 'the buttons to go', 5_000);
      expect((await db.prisma.questionLog.findUniqueOrThrow({ where: { id: logIdOf(up) } })).rating).toBe(1);

      // Every message reached the chat. Where the fake answered 429 (the throttler spaces the sends a
      // second apart when they leave; they may arrive a few ms closer), auto-retry waited and sent it again.
      const sends = fake.calls.filter(
        (c) => ['sendMessage', 'editMessageReplyMarkup'].includes(c.method) && Number(c.body.chat_id) === rina.id,
      );
      const accepted = sends.filter((c) => c.status === 200);
      expect(accepted).toHaveLength(fake.messages(rina.id).length + 1);
      const refused = sends.filter((c) => c.status === 429);
      expect(refused).toHaveLength(fake.stats().tooManyRequests);
      for (const call of refused) {
        const retried = accepted.find((c) => c.at > call.at && c.method === call.method && c.body.text === call.body.text);
        expect(retried, `a retry of the ${call.method} refused at ${call.at}`).toBeDefined();
      }
      expect(fake.stats().errors).toBe(0);
      for (let i = 1; i < accepted.length; i++) expect(accepted[i]!.at - accepted[i - 1]!.at).toBeGreaterThanOrEqual(1000);
    });
  });
});
