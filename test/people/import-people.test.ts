import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { importPeople } from '../../src/people/import-people.js';
import { fixturesDir } from '../helpers/knowledge.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

const fixture = (name: string) => readFileSync(join(fixturesDir, name), 'utf8');
const nip = {
  bambang: '197003152000031001',
  sri: '197811202005012002',
  andi: '198505082010011003',
  dewi: '199002142015032001',
  rizky: '199207302019031002',
  nurhayati: '198812122014022003',
};

describe.each(backends)('importing people (%s)', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
  });
  afterAll(() => db?.close());

  /** Everything an import may touch, to prove that a refused file changed nothing. */
  const everything = async () => ({
    units: await db.prisma.orgUnit.findMany({ orderBy: { id: 'asc' } }),
    employees: await db.prisma.employee.findMany({ orderBy: { id: 'asc' } }),
  });
  const person = (n: string) =>
    db.prisma.employee.findUniqueOrThrow({ where: { nip: n }, include: { unit: true, supervisor: true } });

  it('creates the units with their tree and zone, then the people with their supervisors', async () => {
    expect(await importPeople(db, fixture('people.csv'))).toEqual({
      ok: true,
      created: 6,
      updated: 0,
      unchanged: 0,
      units: { created: 3, updated: 0 },
    });
    const units = await db.prisma.orgUnit.findMany({ include: { parent: true }, orderBy: { code: 'asc' } });
    expect(units.map((u) => [u.code, u.name, u.parent?.code ?? null, u.timeZone])).toEqual([
      ['DKI', 'Dinas Komunikasi dan Informatika', null, 'Asia/Makassar'],
      ['DKI-APTIKA', 'Bidang Aplikasi Informatika', 'DKI', 'Asia/Makassar'],
      ['DKI-APTIKA-SI', 'Seksi Sistem Informasi', 'DKI-APTIKA', 'Asia/Makassar'],
    ]);

    // Dewi comes first in the file, before her supervisor and her unit's parent.
    const dewi = await person(nip.dewi);
    expect(dewi).toMatchObject({
      name: 'Dewi Lestari',
      position: 'Pranata Komputer Ahli Pertama',
      grade: null,
      email: 'dewi.lestari@samarindakota.go.id',
      slackUserId: null,
      active: true,
      timeZone: null,
    });
    expect(dewi.unit?.code).toBe('DKI-APTIKA-SI');
    expect(dewi.supervisor?.nip).toBe(nip.andi);
    expect(await person(nip.bambang)).toMatchObject({
      name: 'Drs. Bambang Sutrisno, M.Si.',
      slackUserId: 'U01BAMBANG',
      supervisorId: null,
    });
    // The chain up from Rizky: Andi, Sri, Bambang, then nobody.
    const chain: string[] = [];
    for (let e = await person(nip.rizky); e.supervisor; e = await person(e.supervisor.nip)) chain.push(e.supervisor.name);
    expect(chain).toEqual(['Andi Pratama, S.T.', 'Sri Wahyuni, S.Kom., M.T.', 'Drs. Bambang Sutrisno, M.Si.']);
  });

  it('changes nothing when the same file comes again', async () => {
    const before = await everything();
    expect(await importPeople(db, fixture('people.csv'))).toEqual({
      ok: true,
      created: 0,
      updated: 0,
      unchanged: 6,
      units: { created: 0, updated: 0 },
    });
    expect(await everything()).toEqual(before);
  });

  it('reads the same list as Excel saves it (BOM, `;`, CRLF, an empty row at the end) as the same list', async () => {
    const before = await everything();
    expect(await importPeople(db, fixture('people-excel.csv'))).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 6 });
    expect(await everything()).toEqual(before);
  });

  it('writes only what changed, and leaves optional columns the file lacks and people it omits alone', async () => {
    const bambang = await person(nip.bambang);
    const csv = [
      'nip,nama,unit_kode,unit_nama,jabatan,eselon,nip_atasan',
      `${nip.rizky},Rizky Ramadhan,DKI-APTIKA-SI,Seksi Sistem Informasi dan Persandian,Pranata Komputer Ahli Pertama,,${nip.andi}`,
      `${nip.nurhayati},Nurhayati,DKI-APTIKA,Bidang Aplikasi Informatika,Analis Data,,${nip.sri}`,
      `${nip.dewi},Dewi Lestari,DKI-APTIKA-SI,Seksi Sistem Informasi dan Persandian,Pranata Komputer Ahli Pertama,,${nip.sri}`,
    ].join('\n');
    expect(await importPeople(db, csv)).toEqual({
      ok: true,
      created: 0,
      updated: 2,
      unchanged: 1,
      units: { created: 0, updated: 1 },
    });
    expect(await person(nip.rizky)).toMatchObject({
      position: 'Pranata Komputer Ahli Pertama',
      email: 'rizky.ramadhan@samarindakota.go.id',
    });
    expect((await person(nip.dewi)).supervisor?.nip).toBe(nip.sri);
    expect((await person(nip.rizky)).unit).toMatchObject({
      name: 'Seksi Sistem Informasi dan Persandian',
      timeZone: 'Asia/Makassar',
    });
    // No zone and no parent in this file: the unit keeps both.
    expect((await person(nip.rizky)).unit?.parentId).not.toBeNull();
    expect(await person(nip.bambang)).toEqual(bambang);
  });

  it('clears a supervisor and deactivates when the cells say so', async () => {
    const csv = [
      'nip,nama,unit_kode,unit_nama,jabatan,eselon,nip_atasan,aktif',
      `${nip.dewi},Dewi Lestari,DKI-APTIKA-SI,Seksi Sistem Informasi dan Persandian,Pranata Komputer Ahli Pertama,,,tidak`,
    ].join('\n');
    expect(await importPeople(db, csv)).toMatchObject({ ok: true, updated: 1 });
    expect(await person(nip.dewi)).toMatchObject({ supervisorId: null, active: false });
  });

  it('accepts a supervisor and a parent unit that are only in the database', async () => {
    const csv = [
      'nip,nama,unit_kode,unit_nama,unit_induk,jabatan,eselon,zona_waktu,nip_atasan',
      `198903032015031004,Yoga Pratama,DKI-IKP,Bidang Informasi dan Komunikasi Publik,DKI,Kepala Bidang IKP,III.b,,${nip.bambang}`,
    ].join('\n');
    expect(await importPeople(db, csv)).toEqual({
      ok: true,
      created: 1,
      updated: 0,
      unchanged: 0,
      units: { created: 1, updated: 0 },
    });
    const yoga = await person('198903032015031004');
    expect(yoga.supervisor?.nip).toBe(nip.bambang);
    // A new unit without a zone gets the schema's default, not its parent's.
    expect(yoga.unit).toMatchObject({ code: 'DKI-IKP', timeZone: 'Asia/Jakarta' });
  });

  it('refuses a bad file with every error and its line, and changes nothing', async () => {
    const before = await everything();
    const report = await importPeople(db, fixture('people-bad.csv'));
    expect(report.ok).toBe(false);
    expect(!report.ok && report.errors.map((e) => `baris ${e.line}: ${e.message}`)).toEqual([
      'baris 3: NIP 198702312010011005 tidak valid: tanggal lahir tidak ada (31-02-1987)',
      'baris 4: NIP 196805101994031004 sudah ada di baris 2',
      'baris 5: nama kosong',
      'baris 6: zona_waktu "WITB" tidak dikenal; gunakan WIB, WITA, atau WIT',
      'baris 7: email "rina@" tidak valid',
      'baris 8: nip_atasan 199901012020011099 tidak ada di berkas maupun di basis data',
      'baris 9: pegawai tidak boleh menjadi atasannya sendiri',
      'baris 10: rantai atasan melingkar: Eko Purnomo (198006062005061011) → Fitri Handayani (198107072006072012) → Eko Purnomo (198006062005061011)',
      'baris 12: unit_induk TIDAK-ADA tidak ada di berkas maupun di basis data',
      'baris 13: NIP 198309092008131014 tidak valid: bulan pengangkatan 13 tidak ada',
      'baris 14: aktif "mungkin" tidak dikenal; gunakan ya atau tidak',
      'baris 14: unit BKPSDM bernama "Badan Kepegawaian dan Pengembangan SDM" di baris 2, di sini "Badan Kepegawaian Daerah"',
    ]);
    expect(await everything()).toEqual(before);
  });

  it('refuses a file without the required columns, changing nothing', async () => {
    const before = await everything();
    const report = await importPeople(db, `nip,nama\n${nip.andi},Andi Pratama\n`);
    expect(report).toEqual({
      ok: false,
      errors: [{ line: 1, message: 'kolom wajib tidak ada: unit_kode, unit_nama, jabatan, eselon' }],
    });
    expect(await everything()).toEqual(before);
  });

  it('finds a supervision cycle that runs through someone not in the file', async () => {
    // In the database Andi reports to Sri; this file makes Sri report to Andi.
    const csv = [
      'nip,nama,unit_kode,unit_nama,jabatan,eselon,nip_atasan',
      `${nip.sri},"Sri Wahyuni, S.Kom., M.T.",DKI-APTIKA,Bidang Aplikasi Informatika,Kepala Bidang,III.b,${nip.andi}`,
    ].join('\n');
    expect(await importPeople(db, csv)).toEqual({
      ok: false,
      errors: [
        {
          line: 2,
          message: `rantai atasan melingkar: Sri Wahyuni, S.Kom., M.T. (${nip.sri}) → ${nip.andi} → Sri Wahyuni, S.Kom., M.T. (${nip.sri})`,
        },
      ],
    });
  });

  it('finds a cycle of parent units, also through a unit only in the database', async () => {
    // DKI-APTIKA's parent is DKI in the database; this file puts DKI under DKI-APTIKA-SI.
    const csv = [
      'nip,nama,unit_kode,unit_nama,unit_induk,jabatan,eselon',
      `${nip.bambang},"Drs. Bambang Sutrisno, M.Si.",DKI,Dinas Komunikasi dan Informatika,DKI-APTIKA-SI,Kepala Dinas,II.b`,
    ].join('\n');
    expect(await importPeople(db, csv)).toEqual({
      ok: false,
      errors: [{ line: 2, message: 'unit_induk melingkar: DKI → DKI-APTIKA-SI → DKI-APTIKA → DKI' }],
    });
  });
});
