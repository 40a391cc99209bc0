import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { hashLinkCode } from '../../src/people/link-code.js';
import { linkTelegramAccount } from '../../src/people/link-telegram-account.js';
import { AdminBrowser, adminDeps, signIn, startAdminServer } from '../helpers/admin-browser.js';
import { openTestDatabase } from '../helpers/test-database.js';

const kepala = '197503032000031002';
const budi = '198001012005011001';
const dewi = '199002142015032001';
const sari = '198505102010012003';

const header = 'nip,nama,unit_kode,unit_nama,unit_induk,jabatan,eselon,zona_waktu,nip_atasan,email,slack_id';
const goodCsv = `${header}
${kepala},Hendra Wijaya,DISKOMINFO,Dinas Komunikasi dan Informatika,,Kepala Dinas,II.b,WIB,,hendra@pemkot.go.id,U0KEPALA
${budi},Budi Santoso,APTIKA,Bidang Aplikasi Informatika,DISKOMINFO,Kepala Bidang,III.a,WIB,${kepala},budi@pemkot.go.id,
${dewi},Dewi Lestari,APTIKA,Bidang Aplikasi Informatika,DISKOMINFO,Pranata Komputer,,WIB,${budi},,
${sari},Sari Rahayu,APTIKA,Bidang Aplikasi Informatika,DISKOMINFO,Analis,,WIB,${dewi},,
`;
// Line 3 (the header is line 1) has a NIP with a birth month 13.
const badCsv = `${header}
${kepala},Hendra Wijaya,DISKOMINFO,Dinas Komunikasi dan Informatika,,Kepala Dinas,II.b,WIB,,,
198013012005011001,Budi Santoso,APTIKA,Bidang Aplikasi Informatika,DISKOMINFO,Kepala Bidang,III.a,WIB,${kepala},,
`;

describe('admin UI: Pegawai', () => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let hr: AdminBrowser;
  let viewer: AdminBrowser;
  const limit = 64 * 1024;

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    server = await startAdminServer(
      adminDeps(db, { settings: { uploadMaxBytes: limit, telegramBotUsername: 'asisten_asn_pemkot_bot' } }),
    );
    hr = await signIn(db, server.url, 'sdm@pemkot.go.id', 'hr');
    viewer = await signIn(db, server.url, 'pemantau@pemkot.go.id', 'viewer');
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('offers the import form with a labelled file input', async () => {
    const page = await hr.get('/admin/pegawai/impor');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<label for="form-impor-berkas">Berkas CSV<\/label>/);
    expect(page.html).toMatch(/<button type="submit">Impor<\/button>/);
    expect(page.html).toMatch(/name="_csrf"/);
  });

  it('refuses a file with one bad row, listing it by line, and changes nothing', async () => {
    const page = await hr.upload('/admin/pegawai/impor', { name: 'pegawai.csv', content: badCsv });
    expect(page.status).toBe(422);
    expect(page.text).toContain('Baris 3: NIP 198013012005011001 tidak valid: tanggal lahir tidak ada');
    expect(page.text).toContain('Tidak ada yang diubah');
    expect(await db.prisma.employee.count()).toBe(0);
    expect(await db.prisma.orgUnit.count()).toBe(0);
  });

  it('refuses a file of the wrong type or over the size limit', async () => {
    const xlsx = await hr.upload('/admin/pegawai/impor', { name: 'pegawai.xlsx', content: 'PK\u0003\u0004' });
    expect(xlsx.status).toBe(415);
    expect(xlsx.text).toContain('Jenis berkas .xlsx tidak didukung');
    const renamed = await hr.upload('/admin/pegawai/impor', { name: 'pegawai.csv', content: 'PK\u0003\u0004xxxx' });
    expect(renamed.status).toBe(415);
    expect(renamed.text).toContain('berkas Excel');
    const big = await hr.upload('/admin/pegawai/impor', { name: 'besar.csv', content: `${header}\n${'x'.repeat(limit + 10)}` });
    expect(big.status).toBe(413);
    expect(big.text).toContain('terlalu besar');
    expect(await db.prisma.employee.count()).toBe(0);
  });

  it('imports a good file and shows the counts; the same file again changes nothing', async () => {
    const first = await hr.upload('/admin/pegawai/impor', { name: 'pegawai.csv', content: goodCsv });
    expect(first.status).toBe(200);
    expect(first.text).toContain('Impor berhasil: 4 pegawai baru, 0 diperbarui, 0 tidak berubah; unit: 2 baru');
    const snapshot = await db.prisma.employee.findMany({ orderBy: { id: 'asc' } });
    expect(snapshot).toHaveLength(4);
    const again = await hr.upload('/admin/pegawai/impor', { name: 'pegawai.csv', content: goodCsv });
    expect(again.text).toContain('Tidak ada perubahan: 0 pegawai baru, 0 diperbarui, 4 tidak berubah');
    expect(await db.prisma.employee.findMany({ orderBy: { id: 'asc' } })).toEqual(snapshot);
    const audits = await db.prisma.auditLog.findMany({ where: { action: 'people.import' } });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.detail).toMatchObject({ created: 4, updated: 0 });
  });

  it('lists employees with their unit, supervisor, zone, Telegram and Slack', async () => {
    const page = await hr.get('/admin/pegawai');
    expect(page.text).toContain('4 pegawai terdaftar');
    expect(page.text).toMatch(
      new RegExp(
        `Dewi Lestari ${dewi} Bidang Aplikasi Informatika \\(APTIKA\\) Pranata Komputer Budi Santoso ${budi} WIB belum belum ada: tanda dikirim ke kanal SDM ya`,
      ),
    );
    expect(page.text).toMatch(/Hendra Wijaya .* Slack U0KEPALA ya/);
  });

  it('finds by NIP, by the beginning of a NIP, by name and by unit', async () => {
    const byNip = await hr.get(`/admin/pegawai?q=${budi}`);
    expect(byNip.text).toContain('Budi Santoso');
    expect(byNip.text).not.toContain('Sari Rahayu');
    expect(byNip.text).toContain('Menampilkan 1–1');
    // NIPs are written in groups: the spaces do not matter.
    const grouped = await hr.get(`/admin/pegawai?q=${encodeURIComponent('19850510 201001')}`);
    expect(grouped.text).toContain('Sari Rahayu');
    expect(grouped.text).toContain('Menampilkan 1–1');
    const byName = await hr.get('/admin/pegawai?q=lestari');
    expect(byName.text).toContain('Dewi Lestari');
    expect(byName.text).toContain('Menampilkan 1–1');
    const byUnit = await hr.get('/admin/pegawai?q=aptika');
    expect(byUnit.text).toContain('Menampilkan 1–3');
    const wildcard = await hr.get('/admin/pegawai?q=%25');
    expect(wildcard.text).toContain('Tidak ada pegawai yang cocok');
  });

  it('pages through many employees, 50 at a time', async () => {
    const unit = await db.prisma.orgUnit.findUniqueOrThrow({ where: { code: 'APTIKA' } });
    await db.prisma.employee.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        nip: `199001012020011${String(i).padStart(3, '0')}`,
        name: `Zaki Pegawai ${String(i).padStart(3, '0')}`,
        unitId: unit.id,
      })),
    });
    const first = await hr.get('/admin/pegawai?q=zaki');
    expect(first.text).toContain('Menampilkan 1–50');
    expect(first.text).toContain('Zaki Pegawai 049');
    expect(first.text).not.toContain('Zaki Pegawai 050');
    expect(first.html).toContain('rel="next"');
    const third = await hr.get('/admin/pegawai?q=zaki&halaman=3');
    expect(third.text).toContain('Menampilkan 101–120');
    expect(third.html).not.toContain('rel="next"');
    await db.prisma.employee.deleteMany({ where: { name: { startsWith: 'Zaki' } } });
  });

  it('issues a linking code shown once, stored hashed, that links Telegram', async () => {
    const page = await hr.post(`/admin/pegawai/${dewi}/kode`);
    expect(page.status).toBe(200);
    const code = /\/daftar ([A-Z0-9-]+)/.exec(page.text)![1]!;
    expect(page.text).toContain('hanya ditampilkan sekali');
    // On a phone, the link opens the bot with the code filled in (/start CODE).
    expect(page.html).toContain(`<a href="https://t.me/asisten_asn_pemkot_bot?start=${code}">`);
    const stored = await db.prisma.linkCode.findMany();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.codeHash).not.toContain(code);
    expect(stored[0]!.codeHash).toBe(hashLinkCode(code));
    const linked = await linkTelegramAccount(db, { code, telegramUserId: 4242n, chatId: 4242n, now: new Date() });
    expect(linked.status).toBe('linked');
    const list = await hr.get(`/admin/pegawai?q=${dewi}`);
    expect(list.text).toMatch(/WIB ya, .* WIB/);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'link_code.issue' } });
    expect(JSON.stringify(audit)).not.toContain(code);
    const unknown = await hr.post('/admin/pegawai/199912312020121001/kode');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('tidak ditemukan');
  });

  it('shows the org chart: units nested, supervisors with their subordinates and Slack mapping', async () => {
    const page = await viewer.get('/admin/pegawai/struktur');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/Dinas Komunikasi dan Informatika[\s\S]*<ul[^>]*>[\s\S]*Bidang Aplikasi Informatika/);
    expect(page.text).toContain(`Hendra Wijaya (NIP ${kepala}, Kepala Dinas) · 1 bawahan · Slack U0KEPALA`);
    expect(page.text).toContain(`Budi Santoso (NIP ${budi}, Kepala Bidang) · 1 bawahan · lewat email budi@pemkot.go.id`);
    expect(page.text).toContain(
      `Dewi Lestari (NIP ${dewi}, Pranata Komputer) · 1 bawahan · belum ada: tanda dikirim ke kanal SDM`,
    );
    // Employees without subordinates are not listed one by one.
    expect(page.text).not.toContain('Sari Rahayu');
    const one = await viewer.get('/admin/pegawai/struktur?unit=APTIKA');
    expect(one.text).not.toContain('Hendra Wijaya');
    expect(one.text).toContain('Budi Santoso');
  });

  it('lets a viewer read but not import or issue codes', async () => {
    expect((await viewer.get('/admin/pegawai')).status).toBe(200);
    const form = await viewer.get('/admin/pegawai/impor');
    expect(form.html).not.toContain('form-impor');
    expect(form.text).toContain('hanya dapat melihat');
    expect((await viewer.get('/admin/pegawai')).html).not.toContain('/kode"');
    const upload = await viewer.upload('/admin/pegawai/impor', { name: 'pegawai.csv', content: goodCsv.replace('Sari', 'Sri') });
    expect(upload.status).toBe(403);
    const code = await viewer.post(`/admin/pegawai/${sari}/kode`);
    expect(code.status).toBe(403);
    expect(await db.prisma.employee.count({ where: { name: 'Sri Rahayu' } })).toBe(0);
    expect(await db.prisma.linkCode.count()).toBe(1);
  });
});
