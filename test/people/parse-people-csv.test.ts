import { describe, expect, it } from 'vitest';
import { findCycles } from '../../src/people/find-cycles.js';
import { parsePeopleCsv } from '../../src/people/parse-people-csv.js';

const header = 'nip,nama,unit_kode,unit_nama,unit_induk,jabatan,eselon,zona_waktu';
const messages = (csv: string) => parsePeopleCsv(csv).errors.map((e) => `baris ${e.line}: ${e.message}`);

describe('reading the employee CSV', () => {
  it('numbers lines as an editor does, across blank lines, CRLF and a cell spanning two lines', () => {
    const csv = [
      header,
      '198505082010011003,Andi,U1,Unit Satu,,Staf,,',
      '',
      '198505082010011004,"Budi',
      'Santoso",U1,Unit Satu,,Staf,,',
      '198505082010011005,,U1,Unit Satu,,Staf,,',
    ].join('\r\n');
    const parsed = parsePeopleCsv(csv);
    expect(parsed.rows.map((r) => [r.line, r.name])).toEqual([
      [2, 'Andi'],
      // Line breaks inside a name are folded: nobody means them.
      [4, 'Budi Santoso'],
    ]);
    expect(parsed.errors).toEqual([{ line: 6, message: 'nama kosong' }]);
  });

  it('names missing, unknown and repeated columns on the header line', () => {
    expect(messages('nip;nama;unit_kode;nip_atsan;nama\n198505082010011003;Andi;U1;;Andi\n')).toEqual([
      'baris 1: kolom wajib tidak ada: unit_nama, jabatan, eselon',
      expect.stringMatching(/^baris 1: kolom tidak dikenal: nip_atsan \(kolom yang dikenal: nip, nama, /),
      'baris 1: kolom ganda: nama',
    ]);
  });

  it('accepts header names in any case, with spaces for underscores', () => {
    const parsed = parsePeopleCsv('NIP,Nama,Unit Kode,UNIT_NAMA,Jabatan,Eselon\n198505082010011003,Andi,U1,Unit Satu,Staf,\n');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]).toMatchObject({ nip: '198505082010011003', unitCode: 'U1', grade: null });
  });

  it('refuses an empty file, a header without rows, a row with the wrong number of cells and a broken quote', () => {
    expect(messages('')).toEqual(['baris 1: berkas kosong; baris pertama harus berisi nama kolom']);
    expect(messages(`${header}\n`)).toEqual(['baris 1: tidak ada data pegawai di bawah baris judul']);
    expect(messages(`${header}\n198505082010011003,Andi,U1\n`)).toEqual(['baris 2: jumlah kolom 3, seharusnya 8']);
    expect(messages(`${header}\n198505082010011003,"Andi,U1,Unit,,Staf,,\n`)).toEqual([
      expect.stringMatching(/^baris \d: format CSV rusak: /),
    ]);
  });

  it('needs the rows of one unit to agree on its name, parent and time zone', () => {
    const csv = [
      header,
      '198505082010011003,Andi,U2,Unit Dua,U1,Staf,,WIB',
      '198505082010011004,Budi,U2,Unit Dua Baru,U9,Staf,,WITA',
      '198505082010011005,Cici,U3,Unit Tiga,U3,Staf,,',
    ].join('\n');
    expect(messages(csv)).toEqual([
      'baris 3: unit U2 bernama "Unit Dua" di baris 2, di sini "Unit Dua Baru"',
      'baris 3: unit U2 berinduk U1 di baris 2, di sini U9',
      'baris 3: unit U2 berzona WIB di baris 2, di sini WITA',
      'baris 4: unit U3 tidak boleh menjadi induknya sendiri',
    ]);
  });

  it('takes a unit zone and parent from whichever of its rows gives them', () => {
    const csv = [header, '198505082010011003,Andi,U2,Unit Dua,,Staf,,', '198505082010011004,Budi,U2,Unit Dua,U1,Staf,,wit'].join(
      '\n',
    );
    const parsed = parsePeopleCsv(csv);
    expect(parsed.errors).toEqual([]);
    expect(parsed.units.get('U2')).toMatchObject({ parentCode: 'U1', parentLine: 3, timeZone: 'Asia/Jayapura' });
  });

  it('leaves fields of absent optional columns undefined, and clears them for empty cells', () => {
    const without = parsePeopleCsv('nip,nama,unit_kode,unit_nama,jabatan,eselon\n198505082010011003,Andi,U1,Unit,,\n');
    expect(without.rows[0]).toMatchObject({ supervisorNip: undefined, email: undefined, active: undefined, position: null });
    const empty = parsePeopleCsv(
      'nip,nama,unit_kode,unit_nama,jabatan,eselon,nip_atasan,email,slack_id,aktif\n198505082010011003,Andi,U1,Unit,,,,,,\n',
    );
    expect(empty.rows[0]).toMatchObject({ supervisorNip: null, email: null, slackUserId: null, active: true });
    const inactive = parsePeopleCsv(
      'nip,nama,unit_kode,unit_nama,jabatan,eselon,aktif\n198505082010011003,Andi,U1,Unit,,,Tidak\n',
    );
    expect(inactive.rows[0]!.active).toBe(false);
  });
});

describe('finding cycles', () => {
  it('finds each cycle once and ignores chains that end', () => {
    const next: Record<string, string> = { a: 'b', b: 'c', c: 'a', d: 'a', e: 'f', x: 'y', y: 'x' };
    expect(findCycles((n) => next[n], ['d', 'a', 'b', 'e', 'x', 'y'])).toEqual([
      ['a', 'b', 'c'],
      ['x', 'y'],
    ]);
  });
});
