import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatIndonesianDate,
  instantOf,
  isoWeekday,
  isZone,
  localDateOf,
  localTimeOf,
  zoneLabel,
  type Zone,
} from '../../src/calendar/local-time.js';

const zones: Zone[] = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'];

describe('zones', () => {
  it('names the three zones as people say them', () => {
    expect(zones.map(zoneLabel)).toEqual(['WIB', 'WITA', 'WIT']);
  });

  it('knows only the three zones used for Indonesian units', () => {
    for (const zone of zones) expect(isZone(zone)).toBe(true);
    for (const other of ['UTC', 'Asia/Singapore', 'asia/jakarta', 'WIB', '', 'toString', '__proto__'])
      expect(isZone(other)).toBe(false);
  });

  it('refuses a zone that slipped past the type, rather than reminding at the wrong hour', () => {
    expect(() => localDateOf(new Date(), 'Asia/Singapore' as Zone)).toThrow(/Zona waktu tidak dikenal/);
    expect(() => instantOf('2026-11-23', '07:15', 'UTC' as Zone)).toThrow(/Zona waktu tidak dikenal/);
  });
});

describe('local date and time of an instant', () => {
  it('gives each zone its own wall clock (fixed offsets: no daylight saving in Indonesia)', () => {
    const instant = new Date('2026-11-22T16:30:00Z');
    expect(zones.map((zone) => [localDateOf(instant, zone), localTimeOf(instant, zone)])).toEqual([
      ['2026-11-22', '23:30'],
      ['2026-11-23', '00:30'],
      ['2026-11-23', '01:30'],
    ]);
  });

  it('drops the seconds', () => {
    expect(localTimeOf(new Date('2026-11-23T00:15:59.999Z'), 'Asia/Jakarta')).toBe('07:15');
  });

  it('crosses the new year in the east first', () => {
    const instant = new Date('2026-12-31T15:30:00Z');
    expect(localDateOf(instant, 'Asia/Jakarta')).toBe('2026-12-31');
    expect(localDateOf(instant, 'Asia/Jayapura')).toBe('2027-01-01');
  });

  it('refuses an invalid Date', () => {
    expect(() => localDateOf(new Date('nonsense'), 'Asia/Jakarta')).toThrow(/Waktu tidak valid/);
  });
});

describe('instantOf', () => {
  it('puts 07:15 at three different UTC instants in WIB, WITA and WIT', () => {
    expect(zones.map((zone) => instantOf('2026-11-23', '07:15', zone).toISOString())).toEqual([
      '2026-11-23T00:15:00.000Z',
      '2026-11-22T23:15:00.000Z',
      '2026-11-22T22:15:00.000Z',
    ]);
  });

  it('is the inverse of localDateOf and localTimeOf', () => {
    for (const zone of zones)
      for (const [date, time] of [
        ['2026-12-31', '23:59'],
        ['2027-01-01', '00:00'],
        ['2028-02-29', '12:30'],
      ] as const) {
        const instant = instantOf(date, time, zone);
        expect([localDateOf(instant, zone), localTimeOf(instant, zone)]).toEqual([date, time]);
      }
  });

  it.each(['25:00', '24:00', '07:60', '7:15', '07.15', '07:15:00', '', ' 07:15'])('refuses the time "%s"', (time) => {
    expect(() => instantOf('2026-11-23', time, 'Asia/Jakarta')).toThrow(/Jam tidak valid/);
  });

  it.each([
    '2026-02-30',
    '2026-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-11-31',
    '26-11-23',
    '2026-11-23T00:00',
    '23-11-2026',
    '',
  ])('refuses the date "%s"', (date) => {
    expect(() => instantOf(date, '07:15', 'Asia/Jakarta')).toThrow(/Tanggal tidak valid/);
  });
});

describe('calendar arithmetic', () => {
  it('numbers weekdays as ISO does: 1 Monday ... 7 Sunday', () => {
    const week = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'];
    expect(week.map(isoWeekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-01', -1)).toBe('2026-11-30');
    expect(addDays('2026-11-23', 0)).toBe('2026-11-23');
    expect(addDays('2026-11-23', 365)).toBe('2027-11-23');
  });

  it('refuses a fractional number of days and an invalid date', () => {
    expect(() => addDays('2026-11-23', 0.5)).toThrow(/bilangan bulat/);
    expect(() => addDays('2026-02-30', 1)).toThrow(/Tanggal tidak valid/);
  });
});

describe('formatIndonesianDate', () => {
  it('writes the date as in an Indonesian letter', () => {
    expect(formatIndonesianDate('2026-11-23')).toBe('Senin, 23 November 2026');
    expect(formatIndonesianDate('2026-12-25')).toBe('Jumat, 25 Desember 2026');
    expect(formatIndonesianDate('2027-01-01')).toBe('Jumat, 1 Januari 2027');
    expect(formatIndonesianDate('2026-11-29')).toBe('Minggu, 29 November 2026');
    expect(formatIndonesianDate('2026-08-17')).toBe('Senin, 17 Agustus 2026');
  });

  it('refuses a date that does not exist', () => {
    expect(() => formatIndonesianDate('2026-02-30')).toThrow(/Tanggal tidak valid/);
  });
});
