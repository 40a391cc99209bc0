/**
 * HR's flag commands through the real `asn` binary on a PGlite data directory: absences recorded,
 * the rules run, the flag listed and shown with its article and history, thresholds changed and
 * nonsense refused. Spawns are slow (2.5-10 s), so they are few.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { importPeople } from '../../src/people/import-people.js';
import { asn } from '../helpers/run-asn.js';

const budi = '198001012005011001';
const people = `nip,nama,unit_kode,unit_nama,jabatan,eselon,zona_waktu,nip_atasan
197003152000031001,Siti Rahma,BDG,Dinas Komunikasi dan Informatika Kota Bandung,Kepala Dinas,II.b,WIB,
${budi},Budi Santoso,BDG,Dinas Komunikasi dan Informatika Kota Bandung,Pranata Komputer,,WIB,197003152000031001
`;

describe('asn flags and asn absence', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'asn-flags-'));
  const env = { DATA_DIR: dir, OPENAI_API_KEY: '', OPENAI_BASE_URL: '', DATABASE_URL: '' };

  beforeAll(async () => {
    const db = await openDatabase({ dataDir: dir });
    try {
      expect((await importPeople(db, people)).ok).toBe(true);
    } finally {
      await db.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('records four unexcused days, raises a flag that names PP 94/2021, and shows who it went to', async () => {
    const added = await asn(['absence', 'add', budi, '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-05'], env);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toBe('4 hari tidak masuk tanpa keterangan dicatat untuk Budi Santoso.\n');
    // The admin UI's rules hold here too: a Saturday is no working day, so nothing is recorded.
    const saturday = await asn(['absence', 'add', budi, '2026-11-06', '2026-11-07'], env);
    expect(saturday.code).toBe(1);
    expect(saturday.stderr).toMatch(/^Gagal: .*Sabtu, 7 November 2026/);

    const evaluated = await asn(['flags', 'evaluate', '--date', '2026-11-06'], env);
    expect(evaluated.stdout).toContain('1 tanda baru');
    // The flag was raised just now; put it on a known instant to read its times back.
    const db = await openDatabase({ dataDir: dir });
    try {
      const raisedAt = new Date('2026-11-06T02:05:00Z');
      await db.prisma.flag.update({ where: { id: 1 }, data: { raisedAt } });
      await db.prisma.flagEvent.updateMany({ where: { flagId: 1, action: 'raised' }, data: { at: raisedAt } });
    } finally {
      await db.close();
    }

    // The operator's computer is in WIT; Budi works in WIB, and his flag's times are his.
    const operator = { ...env, TZ: 'Asia/Jayapura' };
    const list = await asn(['flags', 'list'], operator);
    expect(list.stdout).toMatch(
      /^#1\tTerbuka\tKetidakhadiran tanpa keterangan\tBudi Santoso \(198001012005011001\)\t→ Siti Rahma\t.*\tJumat, 6 Nov 2026 09\.05 WIB\n$/,
    );
    expect(list.stdout).toContain('teguran tertulis');

    const show = await asn(['flags', 'show', '1'], operator);
    expect(show.stdout).toContain('Dasar: PP 94/2021 Pasal 9 ayat (2) huruf b angka 2');
    expect(show.stdout).toMatch(/^ {2}Jumat, 6 Nov 2026 09\.05 WIB\tDibuat\tsistem\t\{/m);
    const json = JSON.parse((await asn(['flags', 'show', '1', '--json'], operator)).stdout) as {
      id: number;
      raisedAt: string;
      events: { at: string }[];
    };
    expect(json).toMatchObject({ id: 1, raisedAt: '2026-11-06T02:05:00.000Z', events: [{ at: '2026-11-06T02:05:00.000Z' }] });
    expect((await asn(['flags', 'show', '99'], env)).stderr).toContain('Tanda #99 tidak ada.');
  });

  it('shows and changes the thresholds, and refuses a threshold that would flag everyone', async () => {
    const changed = await asn(['flags', 'settings', '--kpi-days', '5', '--escalation-hours', '16'], env);
    expect(changed.stdout).toBe(
      'Tanpa catatan kinerja: 5 hari kerja berturut-turut\nPengingat disiplin terlewat: 3 kali sepekan\nEskalasi bila tidak ditindaklanjuti: 16 jam kerja\n',
    );
    // The limits live with the settings, so this is found after the database is open: still exit 2.
    const refused = await asn(['flags', 'settings', '--kpi-days', '0'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/harus bilangan bulat 1 sampai 60.*\nPemakaian: asn flags settings \[--kpi-days 3\]/);
  });
});
