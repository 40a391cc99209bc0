// The flags pages ("Tanda") over real HTTP: flags seeded through the flag services (the rules over
// absence rows, raiseFlag, reports), then listed, filtered, read and acted on as HR and a viewer.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { evaluateFlags } from '../../src/flags/evaluate-flags.js';
import { actOnFlag } from '../../src/flags/flag-actions.js';
import { raiseFlag } from '../../src/flags/raise-flag.js';
import { recordReport } from '../../src/flags/record-report.js';
import { importPeople } from '../../src/people/import-people.js';
import { instantOf } from '../../src/calendar/local-time.js';
import { AdminBrowser, adminDeps, signIn, startAdminServer } from '../helpers/admin-browser.js';
import { fixturesDir } from '../helpers/knowledge.js';
import { openTestDatabase } from '../helpers/test-database.js';

// The fixture's chain (people.csv): Dewi -> Andi -> Sri -> Bambang; Rizky reports to Andi,
// Nurhayati to Sri. Units: DKI > DKI-APTIKA > DKI-APTIKA-SI.
const nips = {
  dewi: '199002142015032001',
  sri: '197811202005012002',
  andi: '198505082010011003',
  rizky: '199207302019031002',
  nurhayati: '198812122014022003',
} as const;
type Person = keyof typeof nips;
/** An instant on Samarinda's clocks (WITA, UTC+8); the admin UI shows WIB, an hour earlier. */
const wita = (date: string, time: string) => instantOf(date, time, 'Asia/Makassar');
const day = (date: string) => new Date(`${date}T00:00:00Z`);

/** The flag ids a list page links to, in page order. */
const listedIds = (html: string) => [...html.matchAll(/<a href="\/admin\/tanda\/(\d+)">/g)].map((m) => Number(m[1]));

describe('admin UI: flags (Tanda)', () => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let hr: AdminBrowser;
  let viewer: AdminBrowser;
  const id = {} as Record<Person, number>;
  const unit = {} as Record<'dki' | 'aptika' | 'si', number>;
  const flag = {} as Record<'absence' | 'kpi' | 'hiddenReport' | 'namedReport', number>;

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    const imported = await importPeople(db, readFileSync(`${fixturesDir}/people.csv`, 'utf8'));
    expect(imported.ok).toBe(true);
    const people = await db.prisma.employee.findMany({ select: { id: true, nip: true } });
    for (const [name, nip] of Object.entries(nips)) id[name as Person] = people.find((p) => p.nip === nip)!.id;
    const units = await db.prisma.orgUnit.findMany();
    unit.dki = units.find((u) => u.code === 'DKI')!.id;
    unit.aptika = units.find((u) => u.code === 'DKI-APTIKA')!.id;
    unit.si = units.find((u) => u.code === 'DKI-APTIKA-SI')!.id;

    // Oldest first: four unexcused days for Nurhayati (DKI-APTIKA), found by the rules.
    await db.prisma.absence.createMany({
      data: ['2026-11-02', '2026-11-04', '2026-11-10', '2026-11-12'].map((d) => ({
        employeeId: id.nurhayati,
        localDate: day(d),
        recordedBy: 'cli',
      })),
    });
    expect(await evaluateFlags(db, { now: wita('2026-11-27', '09:00') })).toMatchObject({ raised: 1 });
    flag.absence = (await db.prisma.flag.findFirstOrThrow({ where: { employeeId: id.nurhayati } })).id;
    flag.kpi = (
      await raiseFlag(
        db,
        {
          candidate: {
            kind: 'kpi_missing',
            period: '2026-11-24',
            title: 'Tidak ada catatan kinerja 3 hari kerja berturut-turut',
            evidence: { dates: ['2026-11-24', '2026-11-25', '2026-11-26'], days: 3, lastLoggedWorkingDay: null, threshold: 3 },
            severity: 'info',
          },
          employeeId: id.rizky,
          routingBase: id.rizky,
          tellEmployee: true,
        },
        wita('2026-11-28', '09:00'),
      )
    ).flagId;
    flag.hiddenReport = (
      await recordReport(
        db,
        {
          reporterId: id.dewi,
          category: 'disiplin',
          subject: 'petugas loket pelayanan',
          description: 'Sering meninggalkan loket pada jam pelayanan.',
          recipient: 'sdm',
          revealReporter: false,
        },
        wita('2026-11-29', '10:00'),
      )
    ).flagId;
    flag.namedReport = (
      await recordReport(
        db,
        {
          reporterId: id.andi,
          category: 'pungli',
          subject: 'pungutan di layanan izin',
          description: 'Ada permintaan uang tambahan.',
          recipient: 'atasan',
          revealReporter: true,
        },
        wita('2026-11-30', '10:00'),
      )
    ).flagId;
    // Sri (known in Slack) acknowledges the absence flag from Slack.
    expect(
      await actOnFlag(db, {
        flagId: flag.absence,
        action: 'acknowledge',
        actor: 'slack:U01SRIWAHYU',
        now: wita('2026-11-27', '10:30'),
      }),
    ).toMatchObject({ ok: true });

    server = await startAdminServer(adminDeps(db));
    hr = await signIn(db, server.url, 'sdm@pemkot.go.id', 'hr');
    viewer = await signIn(db, server.url, 'pemantau@pemkot.go.id', 'viewer');
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('lists every flag newest first with its columns, and offers labelled filters', async () => {
    const page = await hr.get('/admin/tanda');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<a href="/admin/tanda" aria-current="page">Tanda</a>');
    expect(listedIds(page.html)).toEqual([flag.namedReport, flag.hiddenReport, flag.kpi, flag.absence]);
    expect(page.text).toContain('Menampilkan 1–4 dari 4 tanda');
    for (const header of ['No.', 'Jenis', 'Pegawai', 'Unit', 'Ditujukan kepada', 'Tingkat', 'Status', 'Dibuat'])
      expect(page.html).toContain(`<th scope="col">${header}</th>`);
    expect(page.text).toContain(
      `#${flag.absence} Ketidakhadiran tanpa keterangan Nurhayati NIP ${nips.nurhayati} Bidang Aplikasi Informatika Sri Wahyuni, S.Kom., M.T. Atasan langsung Ditindaklanjuti 27 Nov 2026, 08.00 WIB`,
    );
    expect(page.text).toContain(`#${flag.hiddenReport} Laporan pegawai laporan — Tim SDM Atasan langsung Terbuka`);
    for (const [forId, label] of [
      ['saring-unit', 'Unit kerja (termasuk sub-unit)'],
      ['saring-jenis', 'Jenis'],
      ['saring-status', 'Status'],
    ])
      expect(page.html).toContain(`<label for="${forId}">${label}</label>`);
    expect(page.html).toMatch(/<form class="card" method="get" action="\/admin\/tanda"/);
  });

  it('filters by unit (with its sub-units), kind and state, and keeps the filters selected', async () => {
    expect(listedIds((await hr.get(`/admin/tanda?unit=${unit.aptika}`)).html)).toEqual([flag.kpi, flag.absence]);
    expect(listedIds((await hr.get(`/admin/tanda?unit=${unit.dki}`)).html)).toEqual([flag.kpi, flag.absence]);
    expect(listedIds((await hr.get(`/admin/tanda?unit=${unit.si}`)).html)).toEqual([flag.kpi]);
    expect(listedIds((await hr.get('/admin/tanda?jenis=report')).html)).toEqual([flag.namedReport, flag.hiddenReport]);
    expect(listedIds((await hr.get('/admin/tanda?status=acknowledged')).html)).toEqual([flag.absence]);
    expect(listedIds((await hr.get('/admin/tanda?status=open&jenis=report')).html)).toEqual([
      flag.namedReport,
      flag.hiddenReport,
    ]);
    const none = await hr.get(`/admin/tanda?unit=${unit.si}&jenis=absence_threshold`);
    expect(listedIds(none.html)).toEqual([]);
    expect(none.text).toContain('Tidak ada tanda yang cocok');
    expect(none.html).toContain(`<option value="${unit.si}" selected>`);
    expect(none.html).toContain('<option value="absence_threshold" selected>');
    // A hand-made or stale link shows everything rather than failing.
    expect((await hr.get('/admin/tanda?status=apa&jenis=x&unit=abc&halaman=-1')).status).toBe(200);
  });

  it('pages through a long list', async () => {
    for (let i = 0; i < 26; i++)
      await recordReport(
        db,
        {
          reporterId: id.rizky,
          category: 'lainnya',
          subject: `hal ${i}`,
          description: '...',
          recipient: 'sdm',
          revealReporter: false,
        },
        wita('2026-12-01', `10:${String(i).padStart(2, '0')}`),
      );
    const first = await hr.get('/admin/tanda?jenis=report');
    expect(listedIds(first.html)).toHaveLength(25);
    expect(first.text).toContain('Halaman 1 dari 2');
    expect(first.html).toContain('href="/admin/tanda?jenis=report&amp;halaman=2"');
    const second = await hr.get('/admin/tanda?jenis=report&halaman=2');
    expect(listedIds(second.html)).toHaveLength(3);
    expect(listedIds(second.html).slice(1)).toEqual([flag.namedReport, flag.hiddenReport]);
    expect(second.text).toContain('Menampilkan 26–28 dari 28 tanda');
    await db.prisma.flag.deleteMany({ where: { report: { subject: { startsWith: 'hal ' } } } });
  });

  it('shows a flag: title, article, evidence in words, and the audit trail with who and when', async () => {
    const page = await hr.get(`/admin/tanda/${flag.absence}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Tanda #${flag.absence}`);
    expect(page.text).toContain('Tercatat 4 hari kerja tidak masuk tanpa keterangan pada tahun 2026');
    expect(page.text).toContain('Dasar: PP 94/2021 Pasal 9 ayat (2) huruf b angka 2');
    expect(page.text).toContain('Tingkat hukuman menurut PP 94/2021: ringan');
    expect(page.text).toContain('Tanpa keterangan tahun 2026 4 hari kerja');
    expect(page.text).toContain('Rentang 4-6 hari kerja (teguran tertulis)');
    expect(page.text).toContain('Senin, 2 November 2026');
    expect(page.text).toContain('Kamis, 12 November 2026');
    expect(page.text).toContain('Hukuman disiplin hanya dijatuhkan setelah pemeriksaan');
    // Evidence is never dumped as JSON.
    expect(page.html).not.toMatch(/totalDays|"dates"|\{&quot;|\[&quot;/);
    expect(page.text).toContain('Waktu Oleh Tindakan Keterangan');
    expect(page.text).toContain('27 Nov 2026, 08.00 WIB sistem Dibuat Ditujukan kepada Sri Wahyuni, S.Kom., M.T.');
    expect(page.text).toContain('27 Nov 2026, 09.30 WIB Sri Wahyuni, S.Kom., M.T. Ditindaklanjuti');

    const kpi = await hr.get(`/admin/tanda/${flag.kpi}`);
    expect(kpi.text).toContain('Hari kerja tanpa catatan kinerja (3 hari) Selasa, 24 November 2026');
    expect(kpi.text).toContain('Hari kerja terakhir dengan catatan kinerja tidak ditemukan');
    expect((await hr.get('/admin/tanda/99999')).status).toBe(404);
  });

  it('never names a reporter who did not agree, in the list or the detail; names one who did', async () => {
    const list = await hr.get('/admin/tanda');
    const hidden = await hr.get(`/admin/tanda/${flag.hiddenReport}`);
    for (const page of [list, hidden]) {
      expect(page.html).not.toContain('Dewi');
      expect(page.html).not.toContain(nips.dewi);
    }
    expect(hidden.text).toContain('Tentang petugas loket pelayanan');
    expect(hidden.text).toContain('Isi laporan Sering meninggalkan loket pada jam pelayanan.');
    expect(hidden.text).toContain('Pelapor dirahasiakan');
    expect(hidden.text).toContain('Kategori Disiplin');
    const named = await hr.get(`/admin/tanda/${flag.namedReport}`);
    expect(named.text).toContain(`Pelapor Andi Pratama, S.T. (NIP ${nips.andi})`);
    expect(named.text).toContain('Kategori Pungli / gratifikasi');
  });

  it('lets HR resolve with a note (a too-short one is refused with a message), and the step joins the trail', async () => {
    const page = await hr.get(`/admin/tanda/${flag.kpi}`);
    expect(page.html).toContain(`action="/admin/tanda/${flag.kpi}/selesaikan"`);
    expect(page.html).toContain('<label for="catatan">Catatan penyelesaian</label>');

    const short = await hr.post(`/admin/tanda/${flag.kpi}/selesaikan`, { catatan: ' ok ' });
    expect(short.status).toBe(422);
    expect(short.text).toContain('Catatan penyelesaian wajib diisi, paling sedikit 5 karakter');
    expect(short.html).toMatch(/<textarea id="catatan"[^>]*>\s* ok <\/textarea>/);
    expect((await db.prisma.flag.findUniqueOrThrow({ where: { id: flag.kpi } })).status).toBe('open');

    const done = await hr.post(`/admin/tanda/${flag.kpi}/selesaikan`, { catatan: 'Sudah dibina; catatan kinerja dilengkapi.' });
    expect(done.status).toBe(200);
    expect(done.url).toMatch(new RegExp(`/admin/tanda/${flag.kpi}$`));
    expect(done.text).toContain('Tanda diselesaikan.');
    expect(done.text).toContain('Catatan penyelesaian Sudah dibina; catatan kinerja dilengkapi.');
    expect(done.text).toMatch(/WIB admin sdm@pemkot\.go\.id Diselesaikan Catatan: Sudah dibina; catatan kinerja dilengkapi\./);
    expect(done.html).not.toContain('/selesaikan"');
    expect(await db.prisma.auditLog.findFirst({ where: { action: 'flag.resolve' } })).toMatchObject({
      target: `flag:${flag.kpi}`,
      actor: expect.stringMatching(/^admin:\d+$/),
    });
    expect(listedIds((await hr.get('/admin/tanda?status=resolved')).html)).toEqual([flag.kpi]);
    expect(listedIds((await hr.get('/admin/tanda?status=unresolved')).html)).toEqual([
      flag.namedReport,
      flag.hiddenReport,
      flag.absence,
    ]);

    const again = await hr.post(`/admin/tanda/${flag.kpi}/tindak-lanjut`);
    expect(again.text).toContain('sudah diselesaikan');
  });

  it('lets HR acknowledge and escalate, up the chain to HR', async () => {
    const acknowledged = await hr.post(`/admin/tanda/${flag.namedReport}/tindak-lanjut`);
    expect(acknowledged.text).toContain('Tanda ditindaklanjuti.');
    expect(acknowledged.text).toMatch(/admin sdm@pemkot\.go\.id Ditindaklanjuti/);
    const escalated = await hr.post(`/admin/tanda/${flag.namedReport}/eskalasi`);
    expect(escalated.text).toContain('Tanda dieskalasi satu tingkat.');
    expect(escalated.text).toContain('Diminta; diteruskan kepada Drs. Bambang Sutrisno, M.Si. (tingkat 1)');
    expect(escalated.text).toContain('Status Dieskalasi');
    expect(await db.prisma.auditLog.count({ where: { action: { in: ['flag.acknowledge', 'flag.escalate'] } } })).toBe(2);
  });

  it('shows a viewer no actions and refuses their POSTs (403); a POST without the CSRF token is refused', async () => {
    const page = await viewer.get(`/admin/tanda/${flag.absence}`);
    expect(page.status).toBe(200);
    expect(page.html).not.toMatch(/action="\/admin\/tanda\/\d+\//);
    expect(page.text).toContain('Akun pemantau hanya dapat melihat');
    for (const path of ['tindak-lanjut', 'eskalasi', 'selesaikan']) {
      const refused = await viewer.post(`/admin/tanda/${flag.absence}/${path}`, { catatan: 'Sudah ditangani dengan baik' });
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('Tidak diizinkan');
    }
    const forged = await hr.post(`/admin/tanda/${flag.absence}/eskalasi`, { _csrf: null });
    expect(forged.status).toBe(403);
    const after = await db.prisma.flag.findUniqueOrThrow({ where: { id: flag.absence } });
    expect(after).toMatchObject({ status: 'acknowledged', level: 0 });
  });
});
