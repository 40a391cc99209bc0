/**
 * The admin page "Masa pemilu": HR enters a Pilkada with its candidates, edits and removes it, a
 * viewer only reads; wrong input is refused naming the field; every change is audited; the page
 * shows the draft-check counts and nothing of the drafts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { parseCandidateLines } from '../../src/admin/routes/election-routes.js';
import { listElectionPeriods } from '../../src/posts/election-periods.js';
import { recordPostCheck } from '../../src/posts/record-post-check.js';
import { AdminBrowser, adminDeps, signIn, startAdminServer } from '../helpers/admin-browser.js';
import { openTestDatabase } from '../helpers/test-database.js';

describe('admin UI: Masa pemilu', () => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let hr: AdminBrowser;
  let viewer: AdminBrowser;

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    await db.prisma.orgUnit.create({ data: { code: 'SKM', name: 'Pemkot Sukamaju' } });
    server = await startAdminServer(adminDeps(db, { now: () => new Date('2026-11-23T03:00:00Z') }));
    hr = await signIn(db, server.url, 'sdm@pemkot.go.id', 'hr');
    viewer = await signIn(db, server.url, 'pemantau@pemkot.go.id', 'viewer');
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const form = (o: Record<string, string>) => ({
    _csrf: hr.csrf,
    nama: 'Pilkada Kota Sukamaju 2026',
    unit: 'SKM',
    mulai: '2026-09-01',
    selesai: '2026-12-15',
    kampanye_mulai: '2026-09-25',
    kampanye_selesai: '2026-11-23',
    pemungutan: '2026-11-27',
    penetapan: '2026-09-22',
    wilayah: 'Kota Sukamaju',
    calon: '1: Budi Santoso, Rina Wulandari\n2: Hendra Gunawan – Sari Dewi',
    partai: 'Partai Cahaya Bangsa\nPartai Karya Rakyat',
    slogan: 'Sukamaju Maju Bersama\nPerubahan Nyata',
    tagar: '#BudiRinaJilid1\nHendraSariMenang',
    pengingat: 'ya',
    ...o,
  });

  it('adds a Pilkada with its candidates, shows it as running, and audits it', async () => {
    const saved = await hr.post('/admin/masa-pemilu', form({}));
    expect(saved.status).toBe(200);
    expect(saved.text).toContain('Masa pemilu disimpan: Pilkada Kota Sukamaju 2026 (2026-09-01 s.d. 2026-12-15).');
    expect(saved.text).toMatch(
      /Pilkada Kota Sukamaju 2026 unit SKM dan sub-unitnya .* 27 November 2026 1\. Budi Santoso – Rina Wulandari/,
    );
    expect(saved.text).toMatch(/aktif berlangsung/);
    const [period] = await listElectionPeriods(db);
    expect(period).toMatchObject({
      scope: 'SKM',
      candidates: [
        { number: 1, names: ['Budi Santoso', 'Rina Wulandari'] },
        { number: 2, names: ['Hendra Gunawan', 'Sari Dewi'] },
      ],
      hashtags: ['#BudiRinaJilid1', '#HendraSariMenang'],
      reminder: true,
    });
    expect(await db.prisma.auditLog.count({ where: { action: 'election_period.add' } })).toBe(1);
  });

  it('refuses wrong input naming the field, and keeps what HR typed', async () => {
    const refused = await hr.post(
      '/admin/masa-pemilu',
      form({ nama: 'Pemilu 2029', mulai: '2029-02-14', selesai: '2029-01-01', unit: '' }),
    );
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Masa pemilu belum disimpan:');
    expect(refused.text).toContain('Tanggal selesai: tanggal selesai tidak boleh sebelum tanggal mulai');
    expect(refused.html).toContain('value="Pemilu 2029"');
    const unknown = await hr.post('/admin/masa-pemilu', form({ unit: 'XYZ' }));
    expect(unknown.text).toContain('Unit XYZ tidak ditemukan');
    expect(await listElectionPeriods(db)).toHaveLength(1);
  });

  it('edits the period (reminder unticked) and removes it; a viewer can only read', async () => {
    const [period] = await listElectionPeriods(db);
    const edit = await hr.get(`/admin/masa-pemilu?ubah=${period!.id}`);
    expect(edit.text).toContain('Ubah masa pemilu');
    expect(edit.html).toContain('1: Budi Santoso, Rina Wulandari');
    const fields = form({});
    delete (fields as Record<string, string>).pengingat;
    await hr.post(`/admin/masa-pemilu/${period!.id}`, fields);
    expect((await listElectionPeriods(db))[0]).toMatchObject({ id: period!.id, reminder: false });

    const seen = await viewer.get('/admin/masa-pemilu');
    expect(seen.text).toContain('Pilkada Kota Sukamaju 2026');
    expect(seen.html).not.toContain('/hapus');
    const denied = await viewer.post(`/admin/masa-pemilu/${period!.id}/hapus`, { _csrf: viewer.csrf });
    expect(denied.status).toBe(403);

    const removed = await hr.post(`/admin/masa-pemilu/${period!.id}/hapus`, { _csrf: hr.csrf });
    expect(removed.text).toContain('Masa pemilu Pilkada Kota Sukamaju 2026 dihapus; pengingat netralitasnya berhenti.');
    expect(await listElectionPeriods(db)).toEqual([]);
  });

  it('shows the draft-check counts per month, verdict, category and unit', async () => {
    await recordPostCheck(db, {
      localDate: '2026-11-20',
      unitCode: 'SKM',
      channel: 'telegram',
      verdict: 'melanggar',
      category: 'netralitas',
    });
    await recordPostCheck(db, {
      localDate: '2026-11-21',
      unitCode: 'SKM',
      channel: 'slack',
      verdict: 'melanggar',
      category: 'netralitas',
    });
    const page = await hr.get('/admin/masa-pemilu');
    expect(page.text).toContain('2026-11 melanggar netralitas 2');
    expect(page.text).toContain('SKM 2');
    expect(page.text).toContain('Teks draf dan siapa yang memeriksa tidak pernah disimpan.');
  });

  it('reads candidate lines with or without a number, names split by comma, dash or "dan"', () => {
    expect(parseCandidateLines('1: A Satu, B Dua\n\n2) C Tiga - D Empat\nE Lima dan F Enam')).toEqual([
      { number: 1, names: ['A Satu', 'B Dua'] },
      { number: 2, names: ['C Tiga', 'D Empat'] },
      { names: ['E Lima', 'F Enam'] },
    ]);
  });
});
