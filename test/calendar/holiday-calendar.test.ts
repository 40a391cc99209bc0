import { describe, expect, it } from 'vitest';
import { HolidayCalendar, type HolidayRow } from '../../src/calendar/holiday-calendar.js';

// Units: DISDIK (education office) with its child DISDIK-SD; BAPPEDA elsewhere.
const disdikSd = ['DISDIK-SD', 'DISDIK'];
const bappeda = ['BAPPEDA'];

const rows: HolidayRow[] = [
  { date: '2026-12-24', name: 'Cuti Bersama Hari Raya Natal', kind: 'cuti_bersama', scope: '*' },
  { date: '2026-11-25', name: 'Hari Jadi Kota', kind: 'daerah', scope: 'DISDIK' },
  { date: '2026-03-22', name: 'Hari Raya Idul Fitri 1447 H (hari kedua menurut SKB)', kind: 'nasional', scope: '*' },
];

describe('HolidayCalendar', () => {
  const calendar = new HolidayCalendar(rows);

  it('knows the national public holidays without any row from HR', () => {
    const empty = new HolidayCalendar([]);
    expect(empty.holidayOn('2026-12-25', bappeda)).toEqual({ name: 'Hari Raya Natal', kind: 'nasional' });
    expect(empty.holidayOn('2026-08-17', [])).toEqual({
      name: 'Hari Ulang Tahun Kemerdekaan Republik Indonesia',
      kind: 'nasional',
    });
    expect(empty.holidayOn('2027-01-01', bappeda)?.kind).toBe('nasional');
  });

  it('treats an ordinary working day as no holiday', () => {
    expect(calendar.holidayOn('2026-11-23', bappeda)).toBeUndefined();
    expect(calendar.holidayOn('2026-12-23', disdikSd)).toBeUndefined();
  });

  it("adds HR's cuti bersama for everyone", () => {
    const cutiBersama = { name: 'Cuti Bersama Hari Raya Natal', kind: 'cuti_bersama' };
    expect(calendar.holidayOn('2026-12-24', bappeda)).toEqual(cutiBersama);
    expect(calendar.holidayOn('2026-12-24', disdikSd)).toEqual(cutiBersama);
    expect(calendar.holidayOn('2026-12-24', [])).toEqual(cutiBersama);
  });

  it('gives a regional holiday to the unit and its descendants only', () => {
    expect(calendar.holidayOn('2026-11-25', ['DISDIK'])).toEqual({ name: 'Hari Jadi Kota', kind: 'daerah' });
    expect(calendar.holidayOn('2026-11-25', disdikSd)).toEqual({ name: 'Hari Jadi Kota', kind: 'daerah' });
    expect(calendar.holidayOn('2026-11-25', bappeda)).toBeUndefined();
  });

  it("lets HR's nasional rows add what the computed calendar misses, and keeps the computed days", () => {
    expect(calendar.holidayOn('2026-03-22', bappeda)).toEqual({
      name: 'Hari Raya Idul Fitri 1447 H (hari kedua menurut SKB)',
      kind: 'nasional',
    });
    expect(calendar.holidayOn('2026-03-21', bappeda)?.name).toBe('Hari Raya Idul Fitri');
  });

  it("names the day after HR's row when HR and the computed calendar agree on it", () => {
    const corrected = new HolidayCalendar([{ date: '2026-12-25', name: 'Natal (SKB 2026)', kind: 'nasional', scope: '*' }]);
    expect(corrected.holidayOn('2026-12-25', bappeda)).toEqual({ name: 'Natal (SKB 2026)', kind: 'nasional' });
  });

  it('prefers the most specific row: own unit, then ancestor, then everyone', () => {
    const layered = new HolidayCalendar([
      { date: '2026-11-26', name: 'Untuk semua', kind: 'cuti_bersama', scope: '*' },
      { date: '2026-11-26', name: 'Dinas', kind: 'daerah', scope: 'DISDIK' },
      { date: '2026-11-26', name: 'Sekolah', kind: 'daerah', scope: 'DISDIK-SD' },
    ]);
    expect(layered.holidayOn('2026-11-26', disdikSd)?.name).toBe('Sekolah');
    expect(layered.holidayOn('2026-11-26', ['DISDIK-SMP', 'DISDIK'])?.name).toBe('Dinas');
    expect(layered.holidayOn('2026-11-26', bappeda)?.name).toBe('Untuk semua');
  });

  it('names 27 Rajab Isra Mikraj, which date-holidays calls Maulid in Indonesian', () => {
    const empty = new HolidayCalendar([]);
    expect(empty.holidayOn('2026-01-16', bappeda)).toEqual({ name: 'Isra Mikraj Nabi Muhammad', kind: 'nasional' });
    expect(empty.holidayOn('2026-08-25', bappeda)?.name).toBe('Maulid Nabi Muhammad');
  });

  it('returns a copy, so a caller cannot change the calendar', () => {
    const first = calendar.holidayOn('2026-12-24', bappeda)!;
    first.name = 'diubah';
    expect(calendar.holidayOn('2026-12-24', bappeda)?.name).toBe('Cuti Bersama Hari Raya Natal');
  });

  it('refuses rows it cannot use', () => {
    const row: HolidayRow = { date: '2026-12-24', name: 'Cuti Bersama', kind: 'cuti_bersama', scope: '*' };
    expect(() => new HolidayCalendar([{ ...row, date: '2026-02-30' }])).toThrow(/Tanggal tidak valid/);
    expect(() => new HolidayCalendar([{ ...row, kind: 'libur' as HolidayRow['kind'] }])).toThrow(
      /Jenis hari libur tidak dikenal/,
    );
    expect(() => new HolidayCalendar([{ ...row, scope: ' ' }])).toThrow(/tanpa cakupan/);
    expect(() => new HolidayCalendar([{ ...row, name: '' }])).toThrow(/tanpa nama/);
    expect(() => new HolidayCalendar([row, { ...row, name: 'Lagi' }])).toThrow(/Hari libur ganda/);
  });

  it('refuses a date that does not exist', () => {
    expect(() => calendar.holidayOn('2026-11-31', bappeda)).toThrow(/Tanggal tidak valid/);
  });
});
