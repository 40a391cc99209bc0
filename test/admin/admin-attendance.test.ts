// Attendance ("Kehadiran") and the flag thresholds ("Tanda › Ambang") over real HTTP: HR finds an
// employee, records absences and leave, removes a wrong entry and changes a threshold; what is
// stored, listed, audited and used by the flag rules is checked; a viewer only sees.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { evaluateFlags } from '../../src/flags/evaluate-flags.js';
import { loadFlagSettings } from '../../src/flags/flag-settings.js';
import { importPeople } from '../../src/people/import-people.js';
import { instantOf } from '../../src/calendar/local-time.js';
import { AdminBrowser, adminDeps, signIn, startAdminServer } from '../helpers/admin-browser.js';
import { fixturesDir } from '../helpers/knowledge.js';
import { openTestDatabase } from '../helpers/test-database.js';

// From the fixture (people.csv); everyone works in Samarinda (WITA).
const nips = { nurhayati: '198812122014022003', rizky: '199207302019031002', dewi: '199002142015032001' } as const;
type Person = keyof typeof nips;
const wita = (date: string, time: string) => instantOf(date, time, 'Asia/Makassar');
const dateOf = (d: Date) => d.toISOString().slice(0, 10);

describe('admin UI: attendance (Kehadiran) and flag thresholds', () => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let hr: AdminBrowser;
  let viewer: AdminBrowser;
  let hrId: number;
  const id = {} as Record<Person, number>;
  // Wednesday 2 December 2026, mid-morning.
  const now = wita('2026-12-02', '10:00');

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    expect((await importPeople(db, readFileSync(`${fixturesDir}/people.csv`, 'utf8'))).ok).toBe(true);
    const people = await db.prisma.employee.findMany({ select: { id: true, nip: true } });
    for (const [name, nip] of Object.entries(nips)) id[name as Person] = people.find((p) => p.nip === nip)!.id;
    server = await startAdminServer(adminDeps(db, { now: () => now }));
    hr = await signIn(db, server.url, 'sdm@pemkot.go.id', 'hr');
    viewer = await signIn(db, server.url, 'pemantau@pemkot.go.id', 'viewer');
    hrId = (await db.prisma.adminUser.findUniqueOrThrow({ where: { email: 'sdm@pemkot.go.id' } })).id;
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const absencesOf = async (person: Person) =>
    (await db.prisma.absence.findMany({ where: { employeeId: id[person] }, orderBy: { localDate: 'asc' } })).map((a) => ({
      date: dateOf(a.localDate),
      note: a.note,
      recordedBy: a.recordedBy,
    }));

  it('finds an employee from the menu and opens their page with labelled forms', async () => {
    const search = await hr.get('/admin/kehadiran?q=Nurhayati');
    expect(search.status).toBe(200);
    expect(search.html).toContain('<a href="/admin/kehadiran" aria-current="page">Kehadiran</a>');
    expect(search.html).toContain('<label for="cari-kehadiran">Cari pegawai</label>');
    expect(search.html).toContain(`href="/admin/kehadiran/${id.nurhayati}"`);
    expect(search.html).not.toContain(`href="/admin/kehadiran/${id.rizky}"`);
    // A NIP's beginning finds too.
    expect((await hr.get('/admin/kehadiran?q=19920730')).html).toContain(`href="/admin/kehadiran/${id.rizky}"`);

    const page = await hr.get(`/admin/kehadiran/${id.nurhayati}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Kehadiran: Nurhayati');
    expect(page.text).toContain(`NIP ${nips.nurhayati}`);
    expect(page.text).toContain('Hari ini (WITA) Rabu, 2 Desember 2026');
    for (const [forId, label] of [
      ['tm-tanggal', 'Tanggal'],
      ['tm-catatan', 'Catatan (tidak wajib)'],
      ['cuti-jenis', 'Jenis'],
      ['cuti-mulai', 'Tanggal mulai'],
      ['cuti-selesai', 'Tanggal selesai'],
    ])
      expect(page.html).toContain(`<label for="${forId}">${label}</label>`);
    expect(page.html).toMatch(
      new RegExp(`action="/admin/kehadiran/${id.nurhayati}/tidak-masuk">\\s*<input type="hidden" name="_csrf"`),
    );
    expect(page.text).toContain('Belum ada hari tidak masuk tanpa keterangan yang tercatat.');
    expect((await hr.get('/admin/kehadiran/999999')).status).toBe(404);
  });

  it('records absence days: stored, listed, audited, counted by the absence rule; sending again adds nothing', async () => {
    const done = await hr.post(`/admin/kehadiran/${id.nurhayati}/tidak-masuk`, {
      tanggal: '2026-11-24, 25-11-2026 2026-11-26\n2026-11-27',
      catatan: 'Tidak ada kabar; surat panggilan 800/123',
    });
    expect(done.status).toBe(200);
    expect(done.url).toMatch(new RegExp(`/admin/kehadiran/${id.nurhayati}$`));
    expect(done.text).toContain('4 hari tidak masuk tanpa keterangan dicatat: Selasa, 24 November 2026;');
    expect(await absencesOf('nurhayati')).toEqual(
      ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'].map((date) => ({
        date,
        note: 'Tidak ada kabar; surat panggilan 800/123',
        recordedBy: `admin:${hrId}`,
      })),
    );
    expect(done.text).toContain('Tidak masuk tanpa keterangan (4)');
    expect(done.text).toContain('Jumat, 27 November 2026 Tidak ada kabar; surat panggilan 800/123 admin sdm@pemkot.go.id');
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'absence.add' } });
    expect(audit).toMatchObject({
      actor: `admin:${hrId}`,
      target: `employee:${id.nurhayati}`,
      detail: { dates: ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'], alreadyRecorded: 0 },
    });
    // The note stays out of the audit log.
    expect(JSON.stringify(audit.detail)).not.toContain('surat');

    // The absence rule counts what HR recorded here.
    await evaluateFlags(db, { now });
    const flag = await db.prisma.flag.findFirstOrThrow({ where: { employeeId: id.nurhayati, kind: 'absence_threshold' } });
    expect(flag.evidence).toMatchObject({ totalDays: 4 });

    const again = await hr.post(`/admin/kehadiran/${id.nurhayati}/tidak-masuk`, { tanggal: '2026-11-27', catatan: '' });
    expect(again.text).toContain('Tidak ada yang ditambahkan: Jumat, 27 November 2026 sudah tercatat sebelumnya.');
    expect(await absencesOf('nurhayati')).toHaveLength(4);
    expect(await db.prisma.auditLog.count({ where: { action: 'absence.add' } })).toBe(1);
  });

  it('refuses bad absence dates with the reasons beside the field, keeps what was typed, stores nothing', async () => {
    const refused = await hr.post(`/admin/kehadiran/${id.rizky}/tidak-masuk`, {
      tanggal: '2026-11-28, 2026-12-03, 2026-13-01',
      catatan: 'Salah ketik',
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Hari tidak masuk belum dicatat: 2 hal perlu diperbaiki. Tidak ada yang disimpan.');
    expect(refused.text).toContain('Tanggal "2026-13-01" tidak ada di kalender');
    expect(refused.text).toContain('Tanggal Kamis, 3 Desember 2026 belum lewat');
    expect(refused.html).toContain('value="2026-11-28, 2026-12-03, 2026-13-01"');
    expect(refused.html).toMatch(/<textarea\s+id="tm-catatan"[^>]*>\s*Salah ketik<\/textarea>/);
    expect(refused.html).toMatch(
      /id="tm-tanggal"[^>]*aria-invalid="true"\s+aria-describedby="tm-tanggal-petunjuk tm-tanggal-salah"/,
    );
    expect(refused.html).toContain('id="tm-tanggal-salah"');
    // Once the dates are real, the Saturday is refused as no working day.
    const weekend = await hr.post(`/admin/kehadiran/${id.rizky}/tidak-masuk`, { tanggal: '2026-11-28' });
    expect(weekend.status).toBe(422);
    expect(weekend.text).toContain('Sabtu, 28 November 2026 bukan hari kerja (akhir pekan).');
    expect(await absencesOf('rizky')).toEqual([]);
  });

  it('records leave: stored with source hr, listed, audited; a bad range is refused with the message and nothing stored', async () => {
    const done = await hr.post(`/admin/kehadiran/${id.rizky}/cuti`, {
      jenis: 'sakit',
      mulai: '2026-11-23',
      selesai: '2026-11-25',
    });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Tercatat Sakit 23-25 November 2026 (3 hari). Tidak ada pengingat pada hari-hari itu.');
    expect(done.text).toContain('Sakit 23-25 November 2026 3 hari tim SDM 2 Des 2026, 09.00 WIB');
    const leave = await db.prisma.leave.findFirstOrThrow({ where: { employeeId: id.rizky } });
    expect(leave).toMatchObject({
      kind: 'sakit',
      source: 'hr',
      startDate: new Date('2026-11-23T00:00:00Z'),
      endDate: new Date('2026-11-25T00:00:00Z'),
    });
    expect(await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'leave.add' } })).toMatchObject({
      target: `leave:${leave.id}`,
      detail: { employeeId: id.rizky, kind: 'sakit', start: '2026-11-23', end: '2026-11-25', days: 3 },
    });

    const backwards = await hr.post(`/admin/kehadiran/${id.rizky}/cuti`, {
      jenis: 'cuti',
      mulai: '2026-12-10',
      selesai: '2026-12-05',
    });
    expect(backwards.status).toBe(422);
    expect(backwards.text).toContain('Cuti belum dicatat: 1 hal perlu diperbaiki. Tidak ada yang disimpan.');
    expect(backwards.text).toContain(
      'Tanggal selesai (Sabtu, 5 Desember 2026) tidak boleh sebelum tanggal mulai (Kamis, 10 Desember 2026).',
    );
    expect(backwards.html).toMatch(/id="cuti-mulai"[^>]*value="2026-12-10"/);
    expect(backwards.html).toMatch(/id="cuti-selesai"[^>]*value="2026-12-05"[^>]*aria-invalid="true"/);
    expect(backwards.html).toContain('<option value="cuti" selected>Cuti</option>');
    const tooOld = await hr.post(`/admin/kehadiran/${id.rizky}/cuti`, { jenis: 'izin', mulai: '2025-11-01', selesai: '' });
    expect(tooOld.status).toBe(422);
    expect(tooOld.text).toContain('lebih dari 366 hari yang lalu: paling awal Senin, 1 Desember 2025.');
    expect(await db.prisma.leave.count({ where: { employeeId: id.rizky } })).toBe(1);

    // The same leave again is not recorded twice.
    const twice = await hr.post(`/admin/kehadiran/${id.rizky}/cuti`, { jenis: 'sakit', mulai: '2026-11-24', selesai: '' });
    expect(twice.text).toContain('Sudah tercatat: Sakit 23-25 November 2026; tidak ada yang ditambahkan.');
    expect(await db.prisma.leave.count({ where: { employeeId: id.rizky } })).toBe(1);
  });

  it('removes a wrong entry, audited, and only from the employee it belongs to', async () => {
    const [first] = await db.prisma.absence.findMany({ where: { employeeId: id.nurhayati }, orderBy: { localDate: 'asc' } });
    const page = await hr.get(`/admin/kehadiran/${id.nurhayati}`);
    expect(page.html).toContain(`action="/admin/kehadiran/${id.nurhayati}/tidak-masuk/${first!.id}/hapus"`);
    expect(page.html).toContain('aria-label="Hapus tidak masuk Selasa, 24 November 2026"');
    // Another employee's page address removes nothing.
    expect((await hr.post(`/admin/kehadiran/${id.rizky}/tidak-masuk/${first!.id}/hapus`)).status).toBe(404);
    const removed = await hr.post(`/admin/kehadiran/${id.nurhayati}/tidak-masuk/${first!.id}/hapus`);
    expect(removed.text).toContain('Catatan tidak masuk Selasa, 24 November 2026 dihapus.');
    expect((await absencesOf('nurhayati')).map((a) => a.date)).toEqual(['2026-11-25', '2026-11-26', '2026-11-27']);
    expect(await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'absence.delete' } })).toMatchObject({
      target: `absence:${first!.id}`,
      detail: { employeeId: id.nurhayati, date: '2026-11-24' },
    });

    const leave = await db.prisma.leave.findFirstOrThrow({ where: { employeeId: id.rizky } });
    const gone = await hr.post(`/admin/kehadiran/${id.rizky}/cuti/${leave.id}/hapus`);
    expect(gone.text).toContain('Sakit 23-25 November 2026 dihapus.');
    expect(await db.prisma.leave.count({ where: { employeeId: id.rizky } })).toBe(0);
    expect(await db.prisma.auditLog.count({ where: { action: 'leave.delete', target: `leave:${leave.id}` } })).toBe(1);
    expect((await hr.post(`/admin/kehadiran/${id.rizky}/cuti/${leave.id}/hapus`)).status).toBe(404);
  });

  it('shows a viewer the entries without forms, refuses their changes (403), and a POST without the CSRF token', async () => {
    const page = await viewer.get(`/admin/kehadiran/${id.nurhayati}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Akun pemantau hanya dapat melihat');
    expect(page.text).toContain('Rabu, 25 November 2026');
    expect(page.html).not.toMatch(/<form method="post" action="\/admin\/kehadiran/);
    const before = await absencesOf('nurhayati');
    const [entry] = await db.prisma.absence.findMany({ where: { employeeId: id.nurhayati } });
    for (const [path, fields] of [
      [`/admin/kehadiran/${id.nurhayati}/tidak-masuk`, { tanggal: '2026-12-01' }],
      [`/admin/kehadiran/${id.nurhayati}/cuti`, { jenis: 'cuti', mulai: '2026-12-07' }],
      [`/admin/kehadiran/${id.nurhayati}/tidak-masuk/${entry!.id}/hapus`, {}],
      ['/admin/tanda/ambang', { hari_kinerja: '5', pengingat_terlewat: '3', jam_eskalasi: '8' }],
    ] as const) {
      const refused = await viewer.post(path, fields);
      expect(refused.status, path).toBe(403);
      expect(refused.text).toContain('Tidak diizinkan');
    }
    expect((await hr.post(`/admin/kehadiran/${id.nurhayati}/tidak-masuk`, { _csrf: null, tanggal: '2026-12-01' })).status).toBe(
      403,
    );
    expect(await absencesOf('nurhayati')).toEqual(before);
    expect(await db.prisma.leave.count({ where: { employeeId: id.nurhayati } })).toBe(0);
    expect(await loadFlagSettings(db)).toMatchObject({ kpiMissingDays: 3 });
  });

  it('shows the thresholds from the flags page, refuses bad values beside their fields, and keeps the old ones', async () => {
    expect((await hr.get('/admin/tanda')).html).toContain('<a href="/admin/tanda/ambang">Ambang aturan tanda</a>');
    const page = await hr.get('/admin/tanda/ambang');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Tanpa catatan kinerja: 3 hari kerja berturut-turut');
    expect(page.text).toContain('Pengingat disiplin terlewat: 3 kali dalam satu pekan');
    expect(page.text).toContain('Eskalasi: 8 jam kerja');
    expect(page.html).toContain('<label for="ambang-hari-kinerja">Tanpa catatan kinerja (hari kerja berturut-turut)</label>');
    expect(page.html).toMatch(/id="ambang-hari-kinerja"[^>]*max="60"[^>]*value="3"/);

    const refused = await hr.post('/admin/tanda/ambang', { hari_kinerja: '0', pengingat_terlewat: 'tiga', jam_eskalasi: '500' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Ambang belum disimpan: 3 isian perlu diperbaiki.');
    expect(refused.text).toContain('Ambang hari kerja tanpa catatan kinerja harus bilangan bulat 1 sampai 60, tertulis 0.');
    expect(refused.text).toContain(
      'Ambang pengingat disiplin terlewat per pekan harus angka, bilangan bulat 1 sampai 7, tertulis "tiga".',
    );
    expect(refused.text).toContain('Ambang jam kerja sebelum eskalasi harus bilangan bulat 1 sampai 400, tertulis 500.');
    expect(refused.html).toMatch(/id="ambang-pengingat-terlewat"[^>]*value="tiga"[^>]*aria-invalid="true"/);
    expect(await loadFlagSettings(db)).toEqual({ kpiMissingDays: 3, disciplineMissesPerWeek: 3, escalationWorkingHours: 8 });
    expect(await db.prisma.auditLog.count({ where: { action: 'flag_settings.update' } })).toBe(0);

    const viewed = await viewer.get('/admin/tanda/ambang');
    expect(viewed.status).toBe(200);
    expect(viewed.html).toMatch(/id="ambang-hari-kinerja"[^>]*disabled/);
    expect(viewed.html).not.toContain('Simpan ambang');
  });

  it('stores a changed threshold, audits it, and the KPI rule then needs the new number of days', async () => {
    const saved = await hr.post('/admin/tanda/ambang', { hari_kinerja: '5', pengingat_terlewat: '3', jam_eskalasi: '8' });
    expect(saved.status).toBe(200);
    expect(saved.text).toContain('Ambang disimpan; berlaku mulai pemeriksaan berikutnya.');
    expect(saved.text).toContain('Tanpa catatan kinerja: 5 hari kerja berturut-turut');
    expect(await loadFlagSettings(db)).toEqual({ kpiMissingDays: 5, disciplineMissesPerWeek: 3, escalationWorkingHours: 8 });
    expect(await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'flag_settings.update' } })).toMatchObject({
      actor: `admin:${hrId}`,
      target: 'flag_settings:1',
      detail: { before: { kpiMissingDays: 3 }, after: { kpiMissingDays: 5 } },
    });
    const unchanged = await hr.post('/admin/tanda/ambang', { hari_kinerja: '5', pengingat_terlewat: '3', jam_eskalasi: '8' });
    expect(unchanged.text).toContain('Tidak ada ambang yang berubah.');
    expect(await db.prisma.auditLog.count({ where: { action: 'flag_settings.update' } })).toBe(1);

    // Dewi has used the bot since Tuesday 24 November and never logged her work.
    await db.prisma.telegramAccount.create({
      data: { telegramUserId: 7001n, chatId: 7001n, employeeId: id.dewi, linkedAt: wita('2026-11-24', '08:00') },
    });
    const kpiFlags = () => db.prisma.flag.findMany({ where: { employeeId: id.dewi, kind: 'kpi_missing' } });
    await evaluateFlags(db, { now: wita('2026-11-27', '09:00') }); // 3 working days: enough before, not now
    expect(await kpiFlags()).toHaveLength(0);
    await evaluateFlags(db, { now: wita('2026-12-01', '09:00') }); // 5 working days
    const flags = await kpiFlags();
    expect(flags).toHaveLength(1);
    expect(flags[0]!.evidence).toMatchObject({ days: 5, threshold: 5 });
  });

  it('lists every change in the audit log', async () => {
    const page = await hr.get('/admin/audit');
    for (const action of ['absence.add', 'absence.delete', 'leave.add', 'leave.delete', 'flag_settings.update'])
      expect(page.html).toContain(`<code>${action}</code>`);
  });
});
