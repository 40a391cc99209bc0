// The NIP (Nomor Induk Pegawai) is 18 digits: birth date YYYYMMDD, appointment month YYYYMM,
// sex (1 male, 2 female) and a 3-digit serial. Checking its parts catches the typos and Excel
// damage that a plain "18 digits" check lets through.

const birthYears = { min: 1940, max: 2010 };
const appointmentYears = { min: 1960, max: 2035 };

/** NIPs are often written in groups (`19870512 201001 1 001`); Excel adds non-breaking spaces. */
export function normalizeNip(input: string): string {
  return input.replace(/\s+/g, '');
}

/**
 * Checks a NIP (spaces allowed). Returns undefined when it is valid, otherwise why it is not, in
 * Indonesian, as a phrase to follow "NIP … tidak valid: ".
 */
export function validateNip(input: string): string | undefined {
  const nip = normalizeNip(input);
  if (nip === '') return 'kosong';
  // Excel turns a long number into 1.98705E+17 unless the column is text: say so, it is common.
  if (/^\d+([.,]\d+)?e\+?\d+$/i.test(nip)) return 'tertulis dalam notasi ilmiah; jadikan kolom NIP teks di Excel';
  if (!/^\d+$/.test(nip)) return 'hanya boleh berisi angka';
  if (nip.length !== 18) return `harus 18 angka, tertulis ${nip.length} angka`;

  const birthYear = Number(nip.slice(0, 4));
  const birthMonth = Number(nip.slice(4, 6));
  const birthDay = Number(nip.slice(6, 8));
  if (!isRealDate(birthYear, birthMonth, birthDay))
    return `tanggal lahir tidak ada (${nip.slice(6, 8)}-${nip.slice(4, 6)}-${nip.slice(0, 4)})`;
  if (birthYear < birthYears.min || birthYear > birthYears.max)
    return `tahun lahir ${birthYear} di luar ${birthYears.min}-${birthYears.max}`;

  const appointmentYear = Number(nip.slice(8, 12));
  const appointmentMonth = Number(nip.slice(12, 14));
  if (appointmentMonth < 1 || appointmentMonth > 12) return `bulan pengangkatan ${nip.slice(12, 14)} tidak ada`;
  if (appointmentYear < appointmentYears.min || appointmentYear > appointmentYears.max)
    return `tahun pengangkatan ${appointmentYear} di luar ${appointmentYears.min}-${appointmentYears.max}`;

  const sex = nip[14];
  if (sex !== '1' && sex !== '2') return `angka ke-15 (jenis kelamin) harus 1 atau 2, tertulis ${sex}`;
  return undefined;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
