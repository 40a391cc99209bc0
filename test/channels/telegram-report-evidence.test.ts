/**
 * /lapor's kind "Netralitas / media sosial" end to end over the fake Bot API: after what happened,
 * the reporter gives the post's link and screenshots; the confirmation shows them, the report
 * keeps the link and the screenshots' bytes (downloaded from Telegram when "Kirim" is pressed),
 * and the flag to the supervisor carries the link and the number of files, not the reporter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/channels/telegram/create-bot.js';
import { startTelegram, type TelegramRunning } from '../../src/channels/telegram/start-telegram.js';
import type { Database } from '../../src/db/database.js';
import { evidenceFacts } from '../../src/flags/flag-evidence.js';
import { loadFlagView } from '../../src/flags/load-flag-view.js';
import { importPeople } from '../../src/people/import-people.js';
import { issueLinkCode } from '../../src/people/issue-link-code.js';
import { startFakeTelegram, type FakeTelegram, type SimulatedUser } from '../fakes/telegram-server.js';
import { botDeps } from '../helpers/bot-deps.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { buttonData, buttonFor, waitForText } from '../helpers/telegram.js';
import { openTestDatabase } from '../helpers/test-database.js';

const people = `nip,nama,unit_kode,unit_nama,jabatan,eselon,zona_waktu,nip_atasan
197003152000031001,Bambang Sutrisno,DKI,Dinas Kominfo,Kepala Dinas,II.b,WIB,
199002142015032001,Dewi Lestari,DKI,Dinas Kominfo,Pranata Humas,,WIB,197003152000031001
`;

describe('/lapor with a link and screenshots (netralitas / media sosial)', () => {
  let db: Database;
  let fake: FakeTelegram;
  let running: TelegramRunning | undefined;
  const dewi: SimulatedUser = { id: 3201, first_name: 'Dewi', language_code: 'id' };

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    expect((await importPeople(db, people)).ok).toBe(true);
    fake = await startFakeTelegram({ perChatPerSecond: 20 });
    running = await startTelegram(
      createBot(botDeps(db, { messagesPerMinute: 100 }), {
        token: fake.token,
        apiRoot: fake.url,
        throttle: { globalPerSecond: 100, perChatIntervalMs: 50 },
      }),
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

  it('takes the link and up to three screenshots, shows them before sending, and stores them with the report', async () => {
    let after = fake.messages(dewi.id).length;
    fake.sendCommand(dewi, '/lapor');
    const start = await waitForText(fake, dewi.id, 'Tentang apa laporan Anda?', { after });
    expect(start.reply_markup?.inline_keyboard.flat().map((b: { text: string }) => b.text)).toContain(
      'Netralitas / media sosial',
    );
    fake.pressButton(dewi, start, buttonFor(start, ':cat:medsos'));
    await waitForText(fake, dewi.id, 'Siapa atau apa yang dilaporkan?', { after });
    fake.sendText(dewi, 'Akun Instagram seorang pejabat kecamatan');
    await waitForText(fake, dewi.id, 'Ceritakan singkat kejadiannya', { after });
    fake.sendText(dewi, 'Mengunggah twibbon dukungan untuk paslon 2 pada 3 Desember.');
    await waitForText(fake, dewi.id, 'Kirim tautan (link)', { after });

    after = fake.messages(dewi.id).length;
    fake.sendText(dewi, 'instagram.com/p/abc');
    await waitForText(fake, dewi.id, 'Tautan harus diawali http', { after });
    fake.sendText(dewi, 'https://instagram.com/p/Cx123/');
    const ask = await waitForText(fake, dewi.id, 'Kirim tangkapan layar', { after });

    after = fake.messages(dewi.id).length;
    fake.sendPhoto(dewi, undefined, { content: 'screenshot-one-bytes' });
    await waitForText(fake, dewi.id, 'Tangkapan layar 1 dari 3 diterima', { after });
    fake.sendPhoto(dewi, undefined, { content: 'screenshot-two-bytes' });
    const second = await waitForText(fake, dewi.id, 'Tangkapan layar 2 dari 3 diterima', { after });
    // Every "Lanjut" of this step carries the step's token; pressing the latest one moves on once.
    expect(buttonData(second)).toEqual(buttonData(ask));
    fake.pressButton(dewi, second, buttonFor(second, ':ev:done'));
    const recipient = await waitForText(fake, dewi.id, 'Laporan dikirim ke siapa?', { after });
    fake.pressButton(dewi, recipient, buttonFor(recipient, ':to:atasan'));
    const reveal = await waitForText(fake, dewi.id, 'Bolehkah nama Anda', { after });
    fake.pressButton(dewi, reveal, buttonFor(reveal, ':reveal:no'));
    const confirm = await waitForText(fake, dewi.id, 'Periksa laporan Anda', { after });
    expect(confirm.text).toContain('Topik: Netralitas / media sosial');
    expect(confirm.text).toContain('Tautan: https://instagram.com/p/Cx123/');
    expect(confirm.text).toContain('Tangkapan layar: 2 berkas');
    fake.pressButton(dewi, confirm, buttonFor(confirm, ':send:yes'));
    const sent = await waitForText(fake, dewi.id, /^Laporan #\d+ tercatat/, { after });

    const reportId = Number(/#(\d+)/.exec(sent.text)![1]);
    const report = await db.prisma.report.findUniqueOrThrow({ where: { id: reportId }, include: { evidence: true, flag: true } });
    expect(report).toMatchObject({ category: 'medsos', link: 'https://instagram.com/p/Cx123/', revealReporter: false });
    expect(report.evidence.map((e) => Buffer.from(e.content).toString())).toEqual([
      'screenshot-one-bytes',
      'screenshot-two-bytes',
    ]);
    expect(report.evidence.map((e) => e.mimeType)).toEqual(['image/jpeg', 'image/jpeg']);

    // The supervisor's flag names the link and the files, and not who reported.
    const view = (await loadFlagView(db, report.flag!.id))!;
    expect(evidenceFacts(view)).toEqual(
      expect.arrayContaining([
        { label: 'Kategori', text: 'Netralitas / media sosial' },
        { label: 'Tautan', text: 'https://instagram.com/p/Cx123/' },
        { label: 'Tangkapan layar', text: '2 berkas' },
      ]),
    );
    expect(JSON.stringify(view)).not.toContain('Dewi');
  });

  it('skips the link with "-" and goes on without screenshots', async () => {
    let after = fake.messages(dewi.id).length;
    fake.sendCommand(dewi, '/lapor');
    const start = await waitForText(fake, dewi.id, 'Tentang apa laporan Anda?', { after });
    fake.pressButton(dewi, start, buttonFor(start, ':cat:medsos'));
    await waitForText(fake, dewi.id, 'Siapa atau apa', { after });
    fake.sendText(dewi, 'Grup WhatsApp kantor');
    await waitForText(fake, dewi.id, 'Ceritakan singkat', { after });
    fake.sendText(dewi, 'Pesan berantai ajakan memilih salah satu calon.');
    await waitForText(fake, dewi.id, 'Kirim tautan', { after });
    after = fake.messages(dewi.id).length;
    fake.sendText(dewi, '-');
    const ask = await waitForText(fake, dewi.id, 'Kirim tangkapan layar', { after });
    fake.pressButton(dewi, ask, buttonFor(ask, ':ev:done'));
    const recipient = await waitForText(fake, dewi.id, 'Laporan dikirim ke siapa?', { after });
    fake.pressButton(dewi, recipient, buttonFor(recipient, ':to:sdm'));
    const reveal = await waitForText(fake, dewi.id, 'Bolehkah nama Anda', { after });
    fake.pressButton(dewi, reveal, buttonFor(reveal, ':reveal:no'));
    const confirm = await waitForText(fake, dewi.id, 'Periksa laporan Anda', { after });
    expect(confirm.text).toContain('Tautan: -');
    expect(confirm.text).toContain('Tangkapan layar: 0 berkas');
    fake.pressButton(dewi, confirm, buttonFor(confirm, ':send:yes'));
    const sent = await waitForText(fake, dewi.id, /^Laporan #\d+ tercatat/, { after });
    const report = await db.prisma.report.findUniqueOrThrow({
      where: { id: Number(/#(\d+)/.exec(sent.text)![1]) },
      include: { evidence: true },
    });
    expect(report.link).toBeNull();
    expect(report.evidence).toEqual([]);
  });
});
