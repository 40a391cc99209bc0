import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { importPeople } from '../../src/people/import-people.js';
import { formatPreview, previewReminders } from '../../src/reminders/preview-reminders.js';
import { AdminBrowser, adminDeps, signIn, startAdminServer } from '../helpers/admin-browser.js';
import { openTestDatabase } from '../helpers/test-database.js';

const budi = '198001012005011001';
const dewi = '199002142015032001';
const people = `nip,nama,unit_kode,unit_nama,jabatan,eselon,zona_waktu,nip_atasan
${budi},Budi Santoso,BDG,Dinas Komunikasi dan Informatika Kota Bandung,Pranata Komputer,,WIB,
${dewi},Dewi Lestari,SMD,Dinas Komunikasi dan Informatika Kota Samarinda,Pranata Komputer,,WITA,
`;
const disiplinText =
  'Selamat pagi, {nama}. Sudah hadir dan mengikuti apel hari ini ({tanggal})? Ketuk salah satu tombol di bawah.';

describe('admin UI: Pengingat and Hari libur', () => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let hr: AdminBrowser;
  let viewer: AdminBrowser;

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    expect((await importPeople(db, people)).ok).toBe(true);
    for (const [nip, id] of [
      [budi, 9101n],
      [dewi, 9102n],
    ] as const) {
      const employee = await db.prisma.employee.findUniqueOrThrow({ where: { nip } });
      await db.prisma.telegramAccount.create({ data: { telegramUserId: id, chatId: id, employeeId: employee.id } });
    }
    server = await startAdminServer(adminDeps(db, { now: () => new Date('2026-11-23T03:00:00Z') }));
    hr = await signIn(db, server.url, 'sdm@pemkot.go.id', 'hr');
    viewer = await signIn(db, server.url, 'pemantau@pemkot.go.id', 'viewer');
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const preview = (nip: string, tanggal: string, browser = hr) => browser.post('/admin/pengingat/pratinjau', { nip, tanggal });
  const disiplinDefault = () =>
    db.prisma.reminderSchedule.findUniqueOrThrow({ where: { kind_scope: { kind: 'disiplin', scope: '*' } } });
  const editFields = (o: { jam: string; jendela?: string }) => {
    const form = new URLSearchParams({
      _csrf: hr.csrf,
      jam: o.jam,
      teks: disiplinText,
      jendela: o.jendela ?? '120',
      aktif: 'ya',
    });
    for (const d of ['1', '2', '3', '4', '5']) form.append('hari', d);
    return form;
  };

  it('lists the schedules, and the preview shows exactly what `asn reminders preview` shows', async () => {
    const page = await hr.get('/admin/pengingat');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/disiplin semua unit \(bawaan\) 07:15 Sen,Sel,Rab,Kam,Jum 120 menit aktif Selamat pagi, \{nama\}/);
    expect(page.text).toMatch(/netralitas semua unit \(bawaan\) 08:00 Sen 240 menit nonaktif/);
    expect(page.html).toMatch(/<label for="pratinjau-nip">NIP pegawai<\/label>/);

    const shown = await preview(budi, '2026-12-22');
    expect(shown.status).toBe(200);
    const lines = formatPreview(await previewReminders(db, { nip: budi, date: '2026-12-22', now: new Date() }));
    expect(lines[0]).toBe(`Budi Santoso (NIP ${budi}), Selasa, 22 Desember 2026, zona WIB:`);
    expect(shown.html).toContain(lines.map((l) => l.replace(/"/g, '&quot;')).join('\n'));
    expect(shown.text).toContain('✓ disiplin pukul 07:15 WIB: "Selamat pagi, Budi Santoso.');
    expect(shown.text).toContain('✗ netralitas: tidak dikirim (jadwal tidak aktif)');

    const unknown = await preview('199912312020121001', '2026-12-22');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Pegawai dengan NIP 199912312020121001 tidak ditemukan');
    const badDate = await preview(budi, '2026-02-30');
    expect(badDate.status).toBe(422);
    expect(badDate.text).toContain('Tanggal "2026-02-30" tidak valid');
  });

  it('creates a unit override; editing its disiplin time changes the preview for that unit only', async () => {
    const created = await hr.post('/admin/pengingat/unit', { jenis: 'disiplin', unit: 'BDG' });
    expect(created.url).toMatch(/\/admin\/pengingat\/\d+$/);
    expect(created.text).toContain('Jadwal disiplin untuk unit BDG dibuat');
    expect(created.html).toMatch(/<label for="jam">Jam/);
    const id = Number(/pengingat\/(\d+)$/.exec(created.url)![1]);

    const saved = await hr.request(`/admin/pengingat/${id}`, { method: 'POST', body: editFields({ jam: '07:00' }) });
    expect(saved.url).toMatch(/\/admin\/pengingat$/);
    expect(saved.text).toContain('Jadwal disiplin untuk unit BDG disimpan');
    expect(saved.text).toMatch(/disiplin unit BDG 07:00 Sen,Sel,Rab,Kam,Jum 120 menit aktif/);

    expect((await preview(budi, '2026-12-22')).text).toContain('✓ disiplin pukul 07:00 WIB');
    // Samarinda keeps the default, at its own local time.
    expect((await preview(dewi, '2026-12-22')).text).toContain('✓ disiplin pukul 07:15 WITA');

    const unknownUnit = await hr.post('/admin/pengingat/unit', { jenis: 'disiplin', unit: 'XYZ' });
    expect(unknownUnit.status).toBe(422);
    expect(unknownUnit.text).toContain('Unit XYZ tidak ditemukan');
  });

  it('refuses a time 25:00 and a bad window with messages, and changes nothing', async () => {
    const before = await disiplinDefault();
    const page = await hr.request(`/admin/pengingat/${before.id}`, {
      method: 'POST',
      body: editFields({ jam: '25:00', jendela: '3' }),
    });
    expect(page.status).toBe(422);
    expect(page.text).toContain('Jadwal belum disimpan: 2 isian perlu diperbaiki');
    expect(page.text).toContain('Jam "25:00" tidak valid: tulis JJ:MM antara 00:00 dan 23:59');
    expect(page.text).toContain('Jendela kirim harus bilangan bulat 5 sampai 720 menit');
    expect(page.html).toMatch(/id="jam"[^>]*value="25:00"[^>]*aria-invalid="true"/);
    expect(await disiplinDefault()).toEqual(before);

    const form = editFields({ jam: '07:30' });
    form.set('teks', 'Halo {nama}, {hari} ini apel.');
    const placeholder = await hr.request(`/admin/pengingat/${before.id}`, { method: 'POST', body: form });
    expect(placeholder.status).toBe(422);
    expect(placeholder.text).toContain('Isian {hari} tidak dikenal');
    expect(await disiplinDefault()).toEqual(before);
  });

  it('lists the national holidays of a year; a cuti bersama day added by HR stops the reminders that day', async () => {
    const year = await hr.get('/admin/hari-libur?tahun=2026');
    expect(year.status).toBe(200);
    expect(year.text).toContain('Jumat, 25 Desember 2026 Hari Raya Natal Libur nasional (dihitung) semua unit');
    expect(year.html).toMatch(/<option value="2026" selected>/);

    expect((await preview(budi, '2026-12-24')).text).toContain('✓ disiplin pukul 07:00 WIB');
    const added = await hr.post('/admin/hari-libur', {
      tanggal: '2026-12-24',
      nama: 'Cuti bersama Natal',
      jenis: 'cuti_bersama',
      unit: '',
    });
    expect(added.url).toMatch(/\/admin\/hari-libur\?tahun=2026$/);
    expect(added.text).toContain('Hari libur disimpan: 2026-12-24, Cuti bersama Natal');
    expect(added.text).toContain('Kamis, 24 Desember 2026 Cuti bersama Natal Cuti bersama semua unit');
    const off = await preview(budi, '2026-12-24');
    expect(off.text).toContain('✗ disiplin: tidak dikirim (hari libur: Cuti bersama Natal)');
    expect(off.text).toContain('✗ kinerja: tidak dikirim (hari libur: Cuti bersama Natal)');
    expect(off.text).not.toContain('✓');

    // A regional holiday for Samarinda only.
    await hr.post('/admin/hari-libur', { tanggal: '2026-12-22', nama: 'HUT Kota Samarinda', jenis: 'daerah', unit: 'SMD' });
    expect((await preview(dewi, '2026-12-22')).text).toContain('hari libur: HUT Kota Samarinda');
    expect((await preview(budi, '2026-12-22')).text).toContain('✓ disiplin pukul 07:00 WIB');
  });

  it('refuses a wrong holiday with every reason, and changes nothing', async () => {
    const count = await db.prisma.holiday.count();
    const page = await hr.post('/admin/hari-libur', { tanggal: '2026-02-30', nama: '', jenis: 'daerah', unit: '' });
    expect(page.status).toBe(422);
    expect(page.text).toContain('Tanggal "2026-02-30" tidak ada di kalender');
    expect(page.text).toContain('Nama hari libur tidak boleh kosong');
    expect(page.text).toContain('Libur daerah berlaku untuk satu unit: isi kode unitnya');
    const unit = await hr.post('/admin/hari-libur', { tanggal: '2026-12-28', nama: 'Libur', jenis: 'daerah', unit: 'XYZ' });
    expect(unit.text).toContain('Unit XYZ tidak ditemukan');
    expect(await db.prisma.holiday.count()).toBe(count);
  });

  it('deletes an HR holiday: the reminders come back', async () => {
    const row = await db.prisma.holiday.findFirstOrThrow({ where: { name: 'Cuti bersama Natal' } });
    const page = await hr.post(`/admin/hari-libur/${row.id}/hapus`);
    expect(page.text).toContain('Hari libur 2026-12-24 (Cuti bersama Natal) dihapus');
    expect((await preview(budi, '2026-12-24')).text).toContain('✓ disiplin pukul 07:00 WIB');
  });

  it('lets a viewer read and preview, but not edit schedules or holidays (403)', async () => {
    const schedule = await disiplinDefault();
    const holiday = await db.prisma.holiday.findFirstOrThrow();
    expect((await viewer.get('/admin/pengingat')).status).toBe(200);
    const edit = await viewer.get(`/admin/pengingat/${schedule.id}`);
    expect(edit.status).toBe(200);
    expect(edit.html).not.toContain('>Simpan</button>');
    expect((await viewer.get('/admin/hari-libur')).html).not.toContain('method="post" action="/admin/hari-libur"');
    expect((await preview(budi, '2026-12-22', viewer)).text).toContain('✓ disiplin pukul 07:00 WIB');

    const form = editFields({ jam: '06:00' });
    form.set('_csrf', viewer.csrf);
    expect((await viewer.request(`/admin/pengingat/${schedule.id}`, { method: 'POST', body: form })).status).toBe(403);
    expect((await viewer.post('/admin/pengingat/unit', { jenis: 'kinerja', unit: 'SMD' })).status).toBe(403);
    const add = await viewer.post('/admin/hari-libur', { tanggal: '2026-12-31', nama: 'Libur', jenis: 'cuti_bersama', unit: '' });
    expect(add.status).toBe(403);
    expect(add.text).toContain('hanya dapat melihat');
    expect((await viewer.post(`/admin/hari-libur/${holiday.id}/hapus`)).status).toBe(403);
    expect(await disiplinDefault()).toEqual(schedule);
    expect(await db.prisma.reminderSchedule.count({ where: { scope: 'SMD' } })).toBe(0);
    expect(await db.prisma.holiday.count({ where: { id: holiday.id } })).toBe(1);
  });

  it('records every change in the audit log', async () => {
    const rows = await db.prisma.auditLog.findMany({ where: { action: { not: 'admin.login' } }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.action)).toEqual([
      'reminder_schedule.create',
      'reminder_schedule.update',
      'holiday.add',
      'holiday.add',
      'holiday.delete',
    ]);
    expect(rows.every((r) => /^admin:\d+$/.test(r.actor))).toBe(true);
    expect(rows[1]!.detail).toMatchObject({
      kind: 'disiplin',
      scope: 'BDG',
      before: { localTime: '07:15' },
      after: { localTime: '07:00' },
    });
    expect(rows[2]!.detail).toEqual({ date: '2026-12-24', name: 'Cuti bersama Natal', kind: 'cuti_bersama', scope: '*' });
  });

  it("removes a unit's own schedule: the unit is back on the default, and the history stays", async () => {
    const override = await db.prisma.reminderSchedule.findUniqueOrThrow({
      where: { kind_scope: { kind: 'disiplin', scope: 'BDG' } },
    });
    await db.prisma.reminderOutbox.create({
      data: {
        employeeId: (await db.prisma.employee.findUniqueOrThrow({ where: { nip: budi } })).id,
        scheduleId: override.id,
        localDate: new Date('2026-11-23T00:00:00Z'),
        dueAt: new Date('2026-11-23T00:00:00Z'),
        expiresAt: new Date('2026-11-23T02:00:00Z'),
        status: 'sent',
      },
    });
    expect((await viewer.get(`/admin/pengingat/${override.id}`)).text).not.toContain('Hapus jadwal khusus unit');
    expect((await viewer.post(`/admin/pengingat/${override.id}/hapus`)).status).toBe(403);
    expect((await hr.get(`/admin/pengingat/${(await disiplinDefault()).id}`)).text).not.toContain('Hapus jadwal khusus');
    const refused = await hr.post(`/admin/pengingat/${(await disiplinDefault()).id}/hapus`);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Jadwal bawaan tidak dapat dihapus');

    expect((await hr.get(`/admin/pengingat/${override.id}`)).text).toContain('Hapus jadwal khusus unit');
    const removed = await hr.post(`/admin/pengingat/${override.id}/hapus`);
    expect(removed.url).toMatch(/\/admin\/pengingat$/);
    expect(removed.text).toContain('Jadwal disiplin khusus unit BDG dihapus');
    expect(removed.text).not.toContain('disiplin unit BDG');
    expect((await preview(budi, '2026-12-22')).text).toContain('✓ disiplin pukul 07:15 WIB');
    expect((await hr.get(`/admin/pengingat/${override.id}`)).status).toBe(404);
    // The reminder sent under it is still there, with its schedule.
    expect(await db.prisma.reminderOutbox.count({ where: { scheduleId: override.id } })).toBe(1);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'reminder_schedule.remove' } });
    expect(audit.detail).toEqual({ kind: 'disiplin', scope: 'BDG' });

    // Made again, it starts as a copy of the default (07:15), not with the 07:00 it had.
    const again = await hr.post('/admin/pengingat/unit', { jenis: 'disiplin', unit: 'BDG' });
    expect(again.text).toContain('Jadwal disiplin untuk unit BDG dibuat');
    expect(again.html).toMatch(/id="jam"[^>]*value="07:15"/);
  });
});
