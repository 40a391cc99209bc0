import { describe, expect, it } from 'vitest';
import { normalizeNip, validateNip } from '../../src/people/nip.js';

describe('NIP', () => {
  it('accepts a real NIP, also written in groups as on an ID card', () => {
    expect(validateNip('198505082010011003')).toBeUndefined();
    expect(validateNip('19900214 201503 2 001')).toBeUndefined();
    // A non-breaking space, as Excel sometimes leaves in a cell.
    expect(validateNip('19900214\u00a0201503 2 001')).toBeUndefined();
    expect(normalizeNip(' 19900214 201503 2 001 ')).toBe('199002142015032001');
  });

  it('accepts the edges of the allowed years and a leap day', () => {
    expect(validateNip('194001012000011001')).toBeUndefined();
    expect(validateNip('201012312035121001')).toBeUndefined();
    expect(validateNip('198802292010012001')).toBeUndefined();
    expect(validateNip('196001011960011001')).toBeUndefined();
  });

  it('says in Indonesian what is wrong', () => {
    expect(validateNip('')).toBe('kosong');
    expect(validateNip('19850508201001100')).toBe('harus 18 angka, tertulis 17 angka');
    expect(validateNip('19850508201001100A')).toBe('hanya boleh berisi angka');
    expect(validateNip('1.98505E+17')).toMatch(/notasi ilmiah/);
    expect(validateNip('198702312010011005')).toBe('tanggal lahir tidak ada (31-02-1987)');
    expect(validateNip('198713012010011005')).toBe('tanggal lahir tidak ada (01-13-1987)');
    expect(validateNip('198702292010011005')).toBe('tanggal lahir tidak ada (29-02-1987)');
    expect(validateNip('193912312000011001')).toBe('tahun lahir 1939 di luar 1940-2010');
    expect(validateNip('201101012035011001')).toBe('tahun lahir 2011 di luar 1940-2010');
    expect(validateNip('198505082010131003')).toBe('bulan pengangkatan 13 tidak ada');
    expect(validateNip('198505082010001003')).toBe('bulan pengangkatan 00 tidak ada');
    expect(validateNip('198505081959011003')).toBe('tahun pengangkatan 1959 di luar 1960-2035');
    expect(validateNip('198505082036011003')).toBe('tahun pengangkatan 2036 di luar 1960-2035');
    expect(validateNip('198505082010013003')).toBe('angka ke-15 (jenis kelamin) harus 1 atau 2, tertulis 3');
  });
});
