/**
 * Long polling (the runner) with texts PostgreSQL refuses: U+0000 anywhere, and a lone UTF-16
 * surrogate inside JSON. Every update passes the bot's one cleaning edge before a feature reads
 * it, so the user gets an answer, not an error, and the database keeps the cleaned text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/channels/telegram/create-bot.js';
import { startTelegram, type TelegramRunning } from '../../src/channels/telegram/start-telegram.js';
import type { Database } from '../../src/db/database.js';
import { importPeople } from '../../src/people/import-people.js';
import { issueLinkCode } from '../../src/people/issue-link-code.js';
import { startFakeTelegram, type FakeTelegram, type SimulatedUser } from '../fakes/telegram-server.js';
import { botDeps } from '../helpers/bot-deps.js';
import { loadKnowledge } from '../helpers/knowledge.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { buttonFor, textsIn, waitForText, waitUntil } from '../helpers/telegram.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

const people = `nip,nama,unit_kode,unit_nama,jabatan,eselon,zona_waktu,nip_atasan
199002142015032001,Dewi Lestari,DKI,Dinas Komunikasi dan Informatika,Pranata Komputer,,WIB,
`;
const errorText = 'Maaf, terjadi kesalahan di sistem. Silakan coba lagi sebentar lagi.';

describe.each(backends)('texts with U+0000 or a lone surrogate over long polling, on %s', (backend) => {
  let db: Database;
  let fake: FakeTelegram;
  let running: TelegramRunning | undefined;

  beforeAll(async () => {
    [db, fake] = await Promise.all([openTestDatabase(backend), startFakeTelegram({ perChatPerSecond: 50 })]);
    await loadKnowledge(db);
    expect((await importPeople(db, people)).ok).toBe(true);
    const bot = createBot(botDeps(db, { messagesPerMinute: 100 }), {
      token: fake.token,
      apiRoot: fake.url,
      throttle: { globalPerSecond: 200, perChatIntervalMs: 10 },
    });
    running = await startTelegram(bot, { db, log: silentLogger });
  });
  afterAll(async () => {
    await running?.stop();
    await fake?.close();
    await db?.close();
  });

  it('answers a question holding them and keeps it cleaned, for the review queue and the follow-up', async () => {
    const ana: SimulatedUser = { id: 8101, first_name: 'Ana', language_code: 'id' };
    fake.sendText(ana, 'apa sanksi jika tidak masuk\u0000 kerja 5 hari tanpa alasan? \uDC00');
    const answer = await waitForText(fake, ana.id, 'PP 94/2021');
    expect(answer.raw_text).toMatch(/<b>PP 94\/2021 Pasal \d+/);
    const cleaned = 'apa sanksi jika tidak masuk kerja 5 hari tanpa alasan? \uFFFD';
    expect((await db.prisma.questionLog.findFirstOrThrow({ where: { asker: `tg:${ana.id}` } })).question).toBe(cleaned);
    // The turn kept for a follow-up question is stored too (jsonb refused the surrogate).
    await waitUntil(
      async () =>
        JSON.stringify((await db.prisma.chatState.findUnique({ where: { chatKey: `tg:${ana.id}` } }))?.turns ?? []).includes(
          '\uFFFD',
        ),
      'the stored turn',
    );
    expect(textsIn(fake, ana.id)).not.toContain(errorText);
  });

  it('stores a /kinerja entry typed with them, cleaned', async () => {
    const dewi: SimulatedUser = { id: 8102, first_name: 'Dewi', language_code: 'id' };
    const { code } = await issueLinkCode(db, '199002142015032001', { now: new Date() });
    fake.sendCommand(dewi, `/daftar ${code}`);
    await waitForText(fake, dewi.id, 'Akun terhubung');
    fake.sendCommand(dewi, '/kinerja');
    await waitForText(fake, dewi.id, 'Apa yang Anda kerjakan hari ini?');
    fake.sendText(dewi, 'Rekap\u0000 absensi\u0007 bulanan');
    await waitForText(fake, dewi.id, 'Untuk target SKP yang mana?');
    fake.sendText(dewi, 'Laporan \uD83D kehadiran');
    const progress = await waitForText(fake, dewi.id, 'Seberapa jauh kemajuannya?');
    fake.pressButton(dewi, progress, buttonFor(progress, ':progress:100'));
    await waitForText(fake, dewi.id, 'Tersimpan.');
    expect(await db.prisma.kpiLog.findMany({ select: { activity: true, skpTarget: true } })).toEqual([
      { activity: 'Rekap absensi bulanan', skpTarget: 'Laporan \uFFFD kehadiran' },
    ]);
    expect(textsIn(fake, dewi.id)).not.toContain(errorText);
  });
});
