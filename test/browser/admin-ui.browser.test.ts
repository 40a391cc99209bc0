// The admin UI in a real browser (Debian's Chromium, driven by playwright-core), walked as HR staff
// would: log in, upload a regulation and publish it, try a question, review a gap, import people,
// read a flag and resolve it. One browser, one page, one login; every step waits for what the user
// would see, never for a fixed time. Screenshots of the main pages go to test-artifacts/screenshots/
// (not committed). Without /usr/bin/chromium (a developer machine) the file is skipped; CI installs it.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminDeps } from '../../src/admin/admin-app.js';
import { answerQuestion } from '../../src/answering/answer-question.js';
import type { Database } from '../../src/db/database.js';
import { evaluateFlags } from '../../src/flags/evaluate-flags.js';
import { importPeople } from '../../src/people/import-people.js';
import { instantOf } from '../../src/calendar/local-time.js';
import { adminDeps, createAdmin, startAdminServer } from '../helpers/admin-browser.js';
import { apelPagiPdf, fixturesDir } from '../helpers/knowledge.js';
import { openTestDatabase } from '../helpers/test-database.js';

const chromiumPath = '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
const skipNote = hasChromium ? '' : ` (SKIPPED: ${chromiumPath} not found; install it with "apt-get install chromium")`;
if (!hasChromium) console.warn(`Browser tests skipped: ${chromiumPath} not found. Install it with "apt-get install chromium".`);

const screenshotDir = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));
const gap = 'berapa tarif parkir mobil di halaman balai kota?';

describe.skipIf(!hasChromium)(`admin UI in Chromium${skipNote}`, () => {
  let db: Database;
  let deps: AdminDeps;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  let flagId: number;
  /** Script errors and CSP refusals the pages caused; none is expected. */
  const consoleErrors: string[] = [];

  const shot = (name: string) => page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
  /** Waits until the page shows this text (the first match), as a person would look for it. */
  const see = (text: string | RegExp) => page.getByText(text).first().waitFor();
  const go = (path: string) => page.goto(`${server.url}${path}`);

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    db = await openTestDatabase('pglite');
    // People and an absence flag, as the hourly rules would raise it (Nurhayati, four unexcused days).
    expect((await importPeople(db, readFileSync(`${fixturesDir}/people.csv`, 'utf8'))).ok).toBe(true);
    const nurhayati = await db.prisma.employee.findUniqueOrThrow({ where: { nip: '198812122014022003' } });
    await db.prisma.absence.createMany({
      data: ['2026-11-02', '2026-11-04', '2026-11-10', '2026-11-12'].map((d) => ({
        employeeId: nurhayati.id,
        localDate: new Date(`${d}T00:00:00Z`),
        recordedBy: 'cli',
      })),
    });
    await evaluateFlags(db, { now: instantOf('2026-11-27', '09:00', 'Asia/Makassar') });
    flagId = (await db.prisma.flag.findFirstOrThrow({ where: { employeeId: nurhayati.id } })).id;

    deps = adminDeps(db, { settings: { uploadMaxBytes: 1024 * 1024 } });
    server = await startAdminServer(deps);
    await createAdmin(db, 'sdm@pemkot.go.id', 'hr');
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    page.setDefaultTimeout(20_000);
    page.on('console', (message) => {
      // An error status (the 422 of a refused import, the favicon's 404) is asserted where it matters.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        consoleErrors.push(message.text());
      }
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  it('logs in', async () => {
    await go('/admin');
    await page.getByLabel('Email').waitFor();
    await shot('01-login');
    await page.getByLabel('Email').fill('sdm@pemkot.go.id');
    await page.getByLabel('Kata sandi').fill('kata-sandi-rahasia');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { name: 'Basis pengetahuan', level: 1 }).waitFor();
    await see('sdm@pemkot.go.id');
    await shot('02-knowledge-list');
  });

  it('refuses a file over the limit in the page, before sending it', async () => {
    await page.getByLabel('Berkas peraturan').setInputFiles({
      name: 'terlalu-besar.md',
      mimeType: 'text/markdown',
      buffer: Buffer.alloc(1024 * 1024 + 1, 'a'),
    });
    await page.getByRole('button', { name: 'Unggah dan pratinjau' }).click();
    await see('Berkas terlalu besar: paling besar 1 MB.');
    expect(await db.prisma.auditLog.count({ where: { action: { startsWith: 'knowledge.' } } })).toBe(0);
  });

  it('uploads a PDF, sees its articles in the preview, and publishes it', async () => {
    await page.getByLabel('Berkas peraturan').setInputFiles({
      name: 'perwali-3-2026-apel-pagi.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await apelPagiPdf('PERATURAN WALIKOTA CONTOH NOMOR 3 TAHUN 2026')),
    });
    await page.getByRole('button', { name: 'Unggah dan pratinjau' }).click();
    await see('Berkas diterima');
    await page.getByRole('heading', { name: 'Pasal 1', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Pasal 2', exact: true }).waitFor();
    await see('apel pagi pada hari Senin');
    await shot('03-preview');
    await page.getByRole('button', { name: /^Terbitkan versi 1/ }).click();
    await see('Versi 1 diterbitkan');
  });

  it('asks on the try page and sees the citation', async () => {
    await page.getByRole('link', { name: 'Coba pertanyaan' }).click();
    await page.getByLabel('Pertanyaan').fill('kapan apel pagi hari senin?');
    await page.getByRole('button', { name: 'Coba', exact: true }).click();
    await see('Dijawab dengan kutipan');
    const answer = await page.locator('section[aria-labelledby="jawaban"]').innerText();
    expect(answer).toMatch(/Kutipan\s+.*Pasal 1/);
    await shot('04-try');
  });

  it("shows an employee's unanswered question in the quality review", async () => {
    const answer = await answerQuestion(deps.answering, { question: gap, channel: 'telegram', asker: 'tg:42' });
    expect(answer.grounded).toBe(false);
    await page.getByRole('link', { name: 'Tinjauan kualitas' }).click();
    await see(`“${gap}”`);
    await see('tidak terjawab');
    // The question HR tried above is not an employee's gap.
    expect(await page.getByText('kapan apel pagi hari senin?').count()).toBe(0);
    await shot('05-review');
  });

  it('imports a people CSV with one bad row and sees which row', async () => {
    const csv = [
      'nip,nama,unit_kode,unit_nama,jabatan,eselon',
      '199501012020011001,Budi Santoso,DKI,Dinas Komunikasi dan Informatika,Analis,',
      '12345,Nomor Salah,DKI,Dinas Komunikasi dan Informatika,Analis,',
    ].join('\n');
    const response = await go('/admin/pegawai/impor');
    expect(response?.status(), 'the people import page /admin/pegawai/impor should exist').toBe(200);
    await page.getByLabel('Berkas CSV').setInputFiles({ name: 'pegawai.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Impor', exact: true }).click();
    await see(/Baris 3\b/);
    await shot('06-people-import');
    expect(await db.prisma.employee.count({ where: { name: 'Budi Santoso' } })).toBe(0);
  });

  it('filters the flags, opens one, and resolves it with a note', async () => {
    await page.getByRole('link', { name: 'Tanda', exact: true }).click();
    await page.getByLabel('Jenis').selectOption({ label: 'Ketidakhadiran tanpa keterangan' });
    await page.getByRole('button', { name: 'Saring' }).click();
    await page.waitForURL(/jenis=absence_threshold/);
    await see('Menampilkan 1–1 dari 1 tanda');
    await shot('07-flags-list');
    await page.getByRole('link', { name: `#${flagId}`, exact: true }).click();
    await page.getByRole('heading', { name: `Tanda #${flagId}`, level: 1 }).waitFor();
    await see('PP 94/2021 Pasal 9 ayat (2) huruf b angka 2');
    await see('Senin, 2 November 2026');
    await shot('08-flag-detail');
    await page.getByLabel('Catatan penyelesaian').fill('Sudah dibina; surat keterangan sakit menyusul.');
    await page.getByRole('button', { name: 'Selesaikan' }).click();
    await see('Tanda diselesaikan.');
    await see(/admin sdm@pemkot\.go\.id/);
    expect((await db.prisma.flag.findUniqueOrThrow({ where: { id: flagId } })).status).toBe('resolved');
  });

  it("met no script error and no refusal by the pages' Content Security Policy on the way", () => {
    expect(consoleErrors).toEqual([]);
  });
});
