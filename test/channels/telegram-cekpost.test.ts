/**
 * /cekpost end to end: the real bot long-polls the fake Telegram Bot API; an employee checks a
 * draft typed after the command, a forwarded post, and a photo's caption, and sees the verdict,
 * the rules (regulation and article) and the words that triggered it. The election period HR
 * entered is applied. Nothing of the drafts is left in the database.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDeps } from '../../src/channels/telegram/context.js';
import { createBot } from '../../src/channels/telegram/create-bot.js';
import { startTelegram, type TelegramRunning } from '../../src/channels/telegram/start-telegram.js';
import type { Database } from '../../src/db/database.js';
import { importPeople } from '../../src/people/import-people.js';
import { issueLinkCode } from '../../src/people/issue-link-code.js';
import { createPostChecker } from '../../src/posts/create-post-checker.js';
import { saveElectionPeriod } from '../../src/posts/election-periods.js';
import { startFakeTelegram, type FakeTelegram, type SimulatedUser } from '../fakes/telegram-server.js';
import { botDeps } from '../helpers/bot-deps.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { waitForText } from '../helpers/telegram.js';
import { openTestDatabase } from '../helpers/test-database.js';
import { textsStoredAnywhere } from '../posts/stored-texts.js';

const knowledgeDir = fileURLToPath(new URL('../../knowledge/', import.meta.url));
const promptsDir = fileURLToPath(new URL('../../prompts/', import.meta.url));

const people = `nip,nama,unit_kode,unit_nama,jabatan,eselon,zona_waktu,nip_atasan
197003152000031001,Bambang Sutrisno,SKM,Pemerintah Kota Sukamaju,Sekretaris Daerah,II.a,WIB,
199002142015032001,Dewi Lestari,SKM-KOM,Dinas Kominfo Sukamaju,Pranata Humas,,WIB,197003152000031001
`;

describe('/cekpost on Telegram', () => {
  let db: Database;
  let deps: BotDeps;
  let fake: FakeTelegram;
  let running: TelegramRunning | undefined;
  const dewi: SimulatedUser = { id: 3101, first_name: 'Dewi', language_code: 'id' };
  const guest: SimulatedUser = { id: 3102, first_name: 'Tamu', language_code: 'id' };

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    expect((await importPeople(db, people)).ok).toBe(true);
    // A Pilkada of one unit's employees only: its candidates are known to Dewi's checks, not to a guest's.
    await saveElectionPeriod(db, {
      name: 'Pilkada Kota Sukamaju 2026',
      scope: 'SKM-KOM',
      startDate: '2026-01-01',
      endDate: '2099-12-31',
      region: 'Kota Sukamaju',
      candidates: [
        { number: 1, names: ['Budi Santoso', 'Rina Wulandari'] },
        { number: 2, names: ['Hendra Gunawan', 'Sari Dewi'] },
      ],
      slogans: ['Perubahan Nyata'],
      hashtags: ['#HendraSariMenang'],
    });
    const setup = await createPostChecker({ db, logger: silentLogger, knowledgeDir, promptsDir });
    expect(setup.error).toBeUndefined();
    deps = botDeps(db, { posts: setup });
    fake = await startFakeTelegram({ perChatPerSecond: 20 });
    running = await startTelegram(
      createBot(deps, { token: fake.token, apiRoot: fake.url, throttle: { globalPerSecond: 100, perChatIntervalMs: 50 } }),
      { db, log: silentLogger },
    );
    const { code } = await issueLinkCode(db, '199002142015032001', { now: new Date() });
    fake.sendCommand(dewi, `/daftar ${code}`);
    await waitForText(fake, dewi.id, 'Akun terhubung');
  });
  afterAll(async () => {
    await running?.stop();
    await fake?.close();
    await db?.close();
  });

  it('judges a draft written after the command: verdict, the rule and article, the words quoted, what to change', async () => {
    const before = fake.messages(dewi.id).length;
    fake.sendCommand(dewi, '/cekpost Jgn lupa tgl 27 cobloss no 1 ya gaes!! 💪🔥');
    const reply = await waitForText(fake, dewi.id, 'MELANGGAR', { after: before });
    expect(reply.text).toContain('PP 94/2021 Pasal 5 huruf n');
    expect(reply.text).toContain('"cobloss no 1"');
    expect(reply.text).toContain('Saran');
    expect(reply.text).toContain('teksnya tidak disimpan');
    expect(reply.entities).toContainEqual(expect.objectContaining({ type: 'bold' }));

    const safe = fake.messages(dewi.id).length;
    fake.sendCommand(dewi, '/cekpost Apel pagi hari Senin, semangat melayani! 💪 #ASNBerAKHLAK');
    const ok = await waitForText(fake, dewi.id, 'AMAN', { after: safe });
    expect(ok.text).not.toContain('Dasar');
  });

  it('checks a forwarded post against the period HR entered, after a bare /cekpost and on its own', async () => {
    const before = fake.messages(dewi.id).length;
    fake.sendCommand(dewi, '/cekpost');
    await waitForText(fake, dewi.id, 'Kirim teks draf postingan Anda', { after: before });
    // Only the step is kept while the draft is awaited, no text.
    expect((await db.prisma.chatState.findUniqueOrThrow({ where: { chatKey: `tg:${dewi.id}` } })).flow).toEqual({
      name: 'cekpost',
      step: 'draft',
      data: {},
    });
    const forward = (text: string) =>
      fake.sendRawUpdate({
        message: {
          message_id: 9000 + fake.messages(dewi.id).length,
          from: { id: dewi.id, is_bot: false, first_name: 'Dewi' },
          chat: { id: dewi.id, type: 'private', first_name: 'Dewi' },
          date: Math.floor(Date.now() / 1000),
          forward_origin: { type: 'hidden_user', sender_user_name: 'Grup Relawan', date: Math.floor(Date.now() / 1000) - 60 },
          text,
        },
      });
    const afterAsk = fake.messages(dewi.id).length;
    forward('Ayo dukung Pak Hendra! #HendraSariMenang');
    const reply = await waitForText(fake, dewi.id, 'MELANGGAR', { after: afterAsk });
    expect(reply.text).toContain('Masa pemilu yang diperhitungkan: Pilkada Kota Sukamaju 2026.');
    expect(reply.text).toContain('#HendraSariMenang');
    expect((await db.prisma.chatState.findUniqueOrThrow({ where: { chatKey: `tg:${dewi.id}` } })).flow).toBeNull();

    // A forwarded post without the command is a post to check, not a question.
    const again = fake.messages(dewi.id).length;
    forward('Pengen deh Sukamaju ada perubahan nyata, capek liat jalan rusak terus 😩');
    const doubtful = await waitForText(fake, dewi.id, /HATI-HATI|MELANGGAR/, { after: again });
    expect(doubtful.text).toContain('"perubahan nyata"');
  });

  it('reads a photo caption: "/cekpost" in the caption, or a photo sent while a draft is awaited', async () => {
    const before = fake.messages(dewi.id).length;
    fake.sendPhoto(dewi, undefined, { caption: '/cekpost Twibbon dukung paslon 2 udah kupasang, kalian udah belum?' });
    const reply = await waitForText(fake, dewi.id, 'MELANGGAR', { after: before });
    expect(reply.text).toContain('"Twibbon"');

    const ask = fake.messages(dewi.id).length;
    fake.sendCommand(dewi, '/cekpost');
    await waitForText(fake, dewi.id, 'Kirim teks draf', { after: ask });
    const photo = fake.messages(dewi.id).length;
    fake.sendPhoto(dewi);
    await waitForText(fake, dewi.id, 'Saya hanya dapat memeriksa teks', { after: photo });
    const captioned = fake.messages(dewi.id).length;
    fake.sendPhoto(dewi, undefined, { caption: 'Throwback 2015 foto bareng temen KKN, pose peace semua ✌️😂' });
    await waitForText(fake, dewi.id, 'AMAN', { after: captioned });
  });

  it("applies a unit's Pilkada only to that unit's employees; an unlinked guest gets the general check", async () => {
    const before = fake.messages(guest.id).length;
    // Without the period "Hendra" is just a name; the generic signals still count.
    fake.sendCommand(guest, '/cekpost Hendra keren');
    const reply = await waitForText(fake, guest.id, /AMAN|HATI-HATI|MELANGGAR/, { after: before });
    expect(reply.text).toContain('AMAN');
    expect(reply.text).not.toContain('Masa pemilu');
  });

  it('keeps no draft text anywhere, only counts per unit, verdict and category', async () => {
    const stored = await textsStoredAnywhere(db, [
      'cobloss no 1',
      'Ayo dukung Pak Hendra',
      'Twibbon dukung',
      'capek liat jalan rusak',
      'Hendra keren',
      'temen KKN',
    ]);
    expect(stored).toEqual([]);
    const counts = await db.prisma.postCheckCount.findMany({ orderBy: { id: 'asc' } });
    expect(counts.map((c) => [c.unitCode, c.channel, c.verdict, c.category])).toContainEqual([
      'SKM-KOM',
      'telegram',
      'melanggar',
      'netralitas',
    ]);
    expect(counts.some((c) => c.unitCode === '' && c.verdict === 'aman')).toBe(true);
    expect(counts.reduce((n, c) => n + c.count, 0)).toBe(7);
  });
});
