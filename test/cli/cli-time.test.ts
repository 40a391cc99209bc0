import { afterEach, describe, expect, it } from 'vitest';
import { employeeZone } from '../../src/calendar/local-time.js';
import { formatInstant, operatorZone } from '../../src/cli/cli-time.js';

describe('times in the CLI output', () => {
  it('writes an instant as Indonesians do, in the zone asked for, with its name', () => {
    const instant = new Date('2026-12-04T07:05:00Z');
    expect(formatInstant(instant, 'Asia/Jakarta')).toBe('Jumat, 4 Des 2026 14.05 WIB');
    expect(formatInstant(instant, 'Asia/Makassar')).toBe('Jumat, 4 Des 2026 15.05 WITA');
    expect(formatInstant(instant, 'Asia/Jayapura')).toBe('Jumat, 4 Des 2026 16.05 WIT');
    // Late evening in UTC is already the next morning in Papua.
    expect(formatInstant(new Date('2026-08-16T20:00:00Z'), 'Asia/Jayapura')).toBe('Senin, 17 Agu 2026 05.00 WIT');
    expect(formatInstant(new Date('2026-04-30T17:00:00Z'), 'Asia/Jakarta')).toBe('Jumat, 1 Mei 2026 00.00 WIB');
  });

  it("uses the employee's own zone, else the unit's, else WIB", () => {
    expect(employeeZone({ timeZone: 'Asia/Jayapura', unit: { timeZone: 'Asia/Makassar' } })).toBe('Asia/Jayapura');
    expect(employeeZone({ timeZone: null, unit: { timeZone: 'Asia/Makassar' } })).toBe('Asia/Makassar');
    expect(employeeZone({ timeZone: null, unit: null })).toBe('Asia/Jakarta');
    expect(employeeZone({ timeZone: 'Europe/Berlin', unit: null })).toBe('Asia/Jakarta');
  });

  describe("the operator's zone", () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });

    it("is this computer's when it is WIB, WITA or WIT, and WIB otherwise (a server's UTC)", () => {
      const cases: [string, string][] = [
        ['Asia/Makassar', 'Asia/Makassar'],
        ['Asia/Jayapura', 'Asia/Jayapura'],
        ['Asia/Pontianak', 'Asia/Jakarta'],
        ['UTC', 'Asia/Jakarta'],
        ['Europe/Amsterdam', 'Asia/Jakarta'],
      ];
      for (const [tz, zone] of cases) {
        // Node reads TZ again when it changes.
        process.env.TZ = tz;
        expect({ tz, zone: operatorZone(new Date('2026-12-04T07:05:00Z')) }).toEqual({ tz, zone });
      }
    });
  });
});
