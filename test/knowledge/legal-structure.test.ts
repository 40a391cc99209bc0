import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText, looksLegal, readOcrNumber, splitLegalText, type LegalSection } from '../../src/knowledge/legal-structure.js';
import { corpusDir, hasCorpus } from '../helpers/knowledge.js';

const find = (sections: LegalSection[], name: string) => sections.find((s) => s.section === name);
const names = (sections: LegalSection[]) => sections.map((s) => s.section);
const articleNumbers = (sections: LegalSection[]) =>
  sections.filter((s) => /^Pasal \d+$/.test(s.section)).map((s) => Number(s.section.slice('Pasal '.length)));

/** Pasal 1..n, one per line, as a cleanly OCR'd regulation lays them out. */
const articles = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `Pasal ${from + i}\nIsi ketentuan nomor ${from + i} berlaku bagi PNS.`).join(
    '\n',
  );

describe('readOcrNumber', () => {
  it('reads article numbers as OCR mangles them', () => {
    expect(readOcrNumber('30')).toBe(30);
    expect(readOcrNumber('3O')).toBe(30);
    expect(readOcrNumber('1 1')).toBe(11);
    expect(readOcrNumber('l2')).toBe(12);
    expect(readOcrNumber('I0')).toBe(10);
    expect(readOcrNumber('2o')).toBe(20);
  });

  it('rejects what is not a number of an article', () => {
    expect(readOcrNumber('abc')).toBeUndefined();
    expect(readOcrNumber('1234')).toBeUndefined();
    expect(readOcrNumber('')).toBeUndefined();
    expect(readOcrNumber('5a')).toBeUndefined();
  });
});

describe('looksLegal', () => {
  it('is true for a text with numbered articles', () => {
    expect(looksLegal('Pasal 1\nPNS wajib hadir.\nPasal 2\nPNS dilarang bolos.')).toBe(true);
  });

  it('is false for a letter that merely cites an article', () => {
    expect(looksLegal('Sehubungan dengan Pasal 5 PP 94/2021, mohon seluruh pegawai hadir tepat waktu.')).toBe(false);
    expect(looksLegal('Undangan rapat koordinasi hari Senin pukul 09.00 WIB di aula.')).toBe(false);
  });
});

describe('cleanText', () => {
  it('removes running headers and page numbers of the scans', () => {
    const cleaned = cleanText('PNS wajib masuk kerja. PRESIDEN REPUBLIK INDONESIA -3- dan menaati jam kerja.');
    expect(cleaned).toBe('PNS wajib masuk kerja. dan menaati jam kerja.');
  });

  it('removes the header even when OCR broke its letters apart', () => {
    expect(cleanText('awal PRES IDEN REPUBLIK INDONESIA akhir')).toBe('awal akhir');
  });

  it('removes a misread header, the stamp of an official copy and its sheet numbers', () => {
    expect(cleanText('membuat PFTESIDEN REPUBLIK INDONESIA keputusan')).toBe('membuat keputusan');
    expect(cleanText('1 2 SK No011001 A 3. Sasaran SALINAN Kinerja')).toBe('1 2 A 3. Sasaran Kinerja');
    // Not a header: another word before REPUBLIK INDONESIA stays.
    expect(cleanText('warga NEGARA REPUBLIK INDONESIA')).toBe('warga NEGARA REPUBLIK INDONESIA');
  });

  it("reads OCR's O and l in references ('Pasal 4O', 'PasaI 5') and leaves Roman 'Pasal I' alone", () => {
    expect(cleanText('sebagaimana dimaksud dalam Pasal 4O dan PasaI 5 ayat (2l)')).toBe(
      'sebagaimana dimaksud dalam Pasal 40 dan Pasal 5 ayat (2l)',
    );
    expect(cleanText('Pasal I angka 3')).toBe('Pasal I angka 3');
  });

  it('drops carets, collapses whitespace and a word repeated by the scan', () => {
    expect(cleanText('Cukup ^jelas.')).toBe('Cukup jelas.');
    expect(cleanText('PNS   wajib\n\nwajib  masuk')).toBe('PNS wajib masuk');
  });

  it('keeps the tokens a regulation really uses', () => {
    const legal = '(1) PNS wajib hadir 1O (sepuluh) hari; denda Rp5.000.000,00 atau 50% dan/atau "kode etik" a. b.';
    expect(cleanText(legal)).toBe(legal);
  });

  it('drops symbol debris such as `ll{` and `fltrr<`', () => {
    expect(cleanText('pemerintahan. ll{ fltrr< 2. Pejabat')).toBe('pemerintahan. 2. Pejabat');
  });

  // The debris of the real PP 94/2021 scan; the doc comment of isDebris names `l.lo` as debris.
  it("drops OCR debris made of stray letters and punctuation (`l.lo`, `.'ll(`, `l0(..'S7`)", () => {
    const cleaned = cleanText("jabatan pemerintahan. I'l( l.lo 2. Pejabat .'ll( l0(..'S7 Pembina");
    expect(cleaned).not.toContain('l.lo');
    expect(cleaned).not.toContain(".'ll(");
    expect(cleaned).not.toContain("l0(..'S7");
    expect(cleaned).toContain('jabatan pemerintahan.');
    expect(cleaned).toContain('2. Pejabat');
  });
});

describe('splitLegalText on OCR-like text', () => {
  const scan = `PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 9 TAHUN 2099 TENTANG CONTOH DISIPLIN
BAB I KETENTUAN UMUM
Pasal 1
Dalam Peraturan Pemerintah ini yang dimaksud dengan pegawai adalah orang yang bekerja.
BAB II
BAB II KEWAJIBAN DAN LARANGAN Bagian Kesatu Umum
Pasal 2
PNS wajib menaati kewajiban dan menghindari larangan. Bagian Kedua Kewajiban
Pasal 3
PNS wajib masuk kerja sebagaimana dimaksud dalam Pasal 8 dan menaati jam kerja.
PRESIDEN REPUBLIK INDONESIA -3- Ketentuan lebih lanjut diatur oleh instansi tersebut. Pasal 4 Atasan langsung wajib membina bawahannya sesuai Pasal 10 dan Pasal 11 peraturan ini.
Bagian Ketiga Larangan
Pasal 5
PNS dilarang menjadi anggota partai politik.
Pasal 6
PNS dilarang ikut kampanye.
Pasal 7
PNS dilarang menerima hadiah.
Pasal 8
Masuk kerja setiap hari kerja.
BAB III HUKUMAN DISIPLIN
Pasal 9
Hukuman disiplin ringan terdiri atas teguran lisan.
Pasal 10
Pasal 10 (1) Hukuman sedang terdiri atas pemotongan tunjangan kinerja. (2) Pemotongan berlaku enam bulan.
Pasal 1 1
Hukuman berat terdiri atas penurunan jabatan.
Pasal 12
Penjatuhan hukuman sebagaimana dimaksud pada Pasal 9, Pasal 10, dan Pasal 11 dilakukan oleh atasan.
BAB IV KETENTUAN PENUTUP
Pasal 13
Peraturan Pemerintah ini mulai berlaku pada tanggal diundangkan.
PENJELASAN ATAS PERATURAN PEMERINTAH NOMOR 9 TAHUN 2099 TENTANG CONTOH DISIPLIN I. UMUM Disiplin sangat penting bagi pelayanan publik. II. PASAL DEMI PASAL Pasal 1 Cukup ^jelas. Pasal 2 Cukup jelas. Pasal 3 Yang dimaksud dengan "masuk kerja" adalah hadir di kantor atau tempat tugas. Pasal 4 Cukup jelas. Pasal 5 Huruf a Cukup jelas. Pasal 6 Yang dimaksud dengan "kampanye" termasuk melalui media sosial. Pasal 7 Cukup jelas. Pasal 8 Cukup jelas. Pasal 9 Cukup jelas. Pasal 10 Cukup jelas. Pasal 11 Cukup jelas. Pasal 12 Cukup jelas. Pasal 13 Cukup jelas.`;
  const sections = splitLegalText(scan);

  it('finds every article once, in order, and nothing else in the body', () => {
    expect(names(sections).filter((n) => !n.startsWith('Penjelasan'))).toEqual(
      Array.from({ length: 13 }, (_, i) => `Pasal ${i + 1}`),
    );
  });

  it('takes a heading run into the previous line ("... tersebut. Pasal 4 Atasan ...")', () => {
    expect(find(sections, 'Pasal 4')?.text).toBe(
      'Atasan langsung wajib membina bawahannya sesuai Pasal 10 dan Pasal 11 peraturan ini.',
    );
    expect(find(sections, 'Pasal 3')?.text).not.toContain('Atasan langsung');
  });

  it('does not take cross-references for headings', () => {
    // "dalam Pasal 8" inside Pasal 3, "Pasal 10 dan Pasal 11" inside Pasal 4, "Pasal 9, Pasal 10, dan Pasal 11" in Pasal 12.
    expect(find(sections, 'Pasal 3')?.text).toContain('sebagaimana dimaksud dalam Pasal 8 dan menaati jam kerja.');
    expect(find(sections, 'Pasal 8')?.text).toBe('Masuk kerja setiap hari kerja.');
    expect(find(sections, 'Pasal 10')?.text).toContain('pemotongan tunjangan kinerja');
    expect(find(sections, 'Pasal 12')?.text).toBe(
      'Penjatuhan hukuman sebagaimana dimaksud pada Pasal 9, Pasal 10, dan Pasal 11 dilakukan oleh atasan.',
    );
  });

  it('removes the running header and page number from the article text', () => {
    const text = find(sections, 'Pasal 3')?.text ?? '';
    expect(text).not.toMatch(/PRESIDEN/);
    expect(text).not.toMatch(/-3-/);
    expect(text).toContain('Ketentuan lebih lanjut diatur oleh instansi tersebut.');
  });

  it('reads `Pasal 1 1` as Pasal 11', () => {
    expect(find(sections, 'Pasal 11')?.text).toBe('Hukuman berat terdiri atas penurunan jabatan.');
    expect(find(sections, 'Pasal 1')?.text).not.toContain('penurunan jabatan');
  });

  it('does not repeat a heading that the scan repeats at a page break', () => {
    expect(find(sections, 'Pasal 10')?.text).toBe(
      '(1) Hukuman sedang terdiri atas pemotongan tunjangan kinerja. (2) Pemotongan berlaku enam bulan.',
    );
  });

  it('gives each article its BAB, Bagian and Paragraf context', () => {
    expect(find(sections, 'Pasal 1')?.context).toEqual(['BAB I Ketentuan Umum']);
    expect(find(sections, 'Pasal 2')?.context).toEqual(['BAB II Kewajiban dan Larangan', 'Bagian Kesatu Umum']);
    expect(find(sections, 'Pasal 3')?.context).toEqual(['BAB II Kewajiban dan Larangan', 'Bagian Kedua Kewajiban']);
    expect(find(sections, 'Pasal 5')?.context).toEqual(['BAB II Kewajiban dan Larangan', 'Bagian Ketiga Larangan']);
    // A new BAB resets the Bagian of the previous one.
    expect(find(sections, 'Pasal 9')?.context).toEqual(['BAB III Hukuman Disiplin']);
    expect(find(sections, 'Pasal 13')?.context).toEqual(['BAB IV Ketentuan Penutup']);
  });

  it("keeps a heading that follows an article out of that article's text", () => {
    expect(find(sections, 'Pasal 2')?.text).toBe('PNS wajib menaati kewajiban dan menghindari larangan.');
    expect(find(sections, 'Pasal 8')?.text).not.toContain('BAB');
  });

  it('keeps the elucidation out of the last article', () => {
    expect(find(sections, 'Pasal 13')?.text).toBe('Peraturan Pemerintah ini mulai berlaku pada tanggal diundangkan.');
  });

  it('turns PASAL DEMI PASAL into `Penjelasan Pasal N` sections and drops the "Cukup jelas." ones', () => {
    const elucidation = sections.filter((s) => s.section.startsWith('Penjelasan'));
    expect(names(elucidation)).toEqual(['Penjelasan Umum', 'Penjelasan Pasal 3', 'Penjelasan Pasal 6']);
    expect(find(sections, 'Penjelasan Pasal 3')?.text).toBe(
      'Yang dimaksud dengan "masuk kerja" adalah hadir di kantor atau tempat tugas.',
    );
    expect(find(sections, 'Penjelasan Pasal 6')?.text).toContain('media sosial');
  });

  it('gives the general elucidation its own section', () => {
    const general = find(sections, 'Penjelasan Umum')?.text ?? '';
    expect(general).toContain('Disiplin sangat penting bagi pelayanan publik.');
    expect(general).not.toContain('PASAL DEMI PASAL');
    expect(general).not.toContain('Cukup jelas');
  });

  // The "II." numbering of "II. PASAL DEMI PASAL" is left at the end of the general elucidation.
  it('leaves the numbering of "II. PASAL DEMI PASAL" out of the general elucidation', () => {
    expect(find(sections, 'Penjelasan Umum')?.text).toBe('Disiplin sangat penting bagi pelayanan publik.');
  });

  it('reads `Pasal 3O` as Pasal 30 in a heading run into the line', () => {
    const s = splitLegalText(
      `${articles(1, 29)} Pasal 3O Atasan langsung wajib memeriksa. Pasal 31 Hukuman dijatuhkan sebagaimana dimaksud dalam Pasal 8. Pasal 32 Selesai.`,
    );
    expect(articleNumbers(s)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(find(s, 'Pasal 30')?.text).toBe('Atasan langsung wajib memeriksa.');
    expect(find(s, 'Pasal 29')?.text).not.toContain('Atasan');
    expect(find(s, 'Pasal 31')?.text).toBe('Hukuman dijatuhkan sebagaimana dimaksud dalam Pasal 8.');
  });

  it('tolerates an article whose heading the scan lost', () => {
    const s = splitLegalText('Pasal 1 Satu. Pasal 2 Dua. Pasal Tiga hilang nomornya. Pasal 4 Empat. Pasal 5 Lima.');
    expect(articleNumbers(s)).toEqual([1, 2, 4, 5]);
    expect(find(s, 'Pasal 4')?.text).toBe('Empat.');
  });

  it('does not read the first definition "1." of Pasal 1 as `Pasal 1 1`', () => {
    const s = splitLegalText(
      'BAB I KETENTUAN UMUM Pasal 1\n1. Pegawai adalah orang. 2. Atasan adalah pejabat. Pasal 2 PNS wajib hadir.',
    );
    expect(names(s)).toEqual(['Pasal 1', 'Pasal 2']);
    expect(find(s, 'Pasal 1')?.text).toBe('1. Pegawai adalah orang. 2. Atasan adalah pejabat.');
  });

  it('skips a reference to a later article that precedes it in the text', () => {
    const s = splitLegalText('Pasal 1 Satu. Pasal 2 Dua sesuai dengan Pasal 3 undang-undang. Pasal 3 Tiga.');
    expect(find(s, 'Pasal 2')?.text).toBe('Dua sesuai dengan Pasal 3 undang-undang.');
    expect(find(s, 'Pasal 3')?.text).toBe('Tiga.');
  });

  it('returns nothing for a text without articles', () => {
    expect(splitLegalText('Surat edaran tentang apel pagi setiap hari Senin.')).toEqual([]);
  });

  // When OCR loses more than two headings in a row, every later article must still be found: PP 94/2021's
  // elucidation lost "Pasal 12".."Pasal 15", and everything from Pasal 16 to 46 ended up in Penjelasan Pasal 11.
  it('finds the articles after a gap of several lost headings in the elucidation', () => {
    const s = splitLegalText(
      `${articles(1, 16)}\nPENJELASAN ATAS PERATURAN PEMERINTAH I. UMUM Cukup penting. II. PASAL DEMI PASAL ` +
        Array.from({ length: 9 }, (_, i) => `Pasal ${i + 1} Cukup jelas. `).join('') +
        'Pasal 10 Yang dimaksud dengan "tunjangan" adalah tunjangan kinerja. Pasal 11 Ayat (1) Cukup jelas. ' +
        'Pasal Pasal Huruf c Yang dimaksud dengan "pejabat" adalah pejabat struktural. L2 Cukup ^jelas. 13 Cukup ^jelas. l4 Cukup ^jelas. ' +
        'Pasal 15 Yang dimaksud dengan "kumulatif" adalah dijumlahkan dalam satu tahun. ' +
        'Pasal 16 Yang dimaksud dengan "lowong" adalah jabatan yang tidak terisi.',
    );
    expect(find(s, 'Penjelasan Pasal 16')?.text).toBe('Yang dimaksud dengan "lowong" adalah jabatan yang tidak terisi.');
    expect(find(s, 'Penjelasan Pasal 15')?.text).toBe('Yang dimaksud dengan "kumulatif" adalah dijumlahkan dalam satu tahun.');
    expect(find(s, 'Penjelasan Pasal 11')?.text).not.toContain('lowong');
  });

  it('finds the articles after a gap of several lost headings in the body', () => {
    const s = splitLegalText('Pasal 1 Satu. Pasal 2 Dua. Pasal 3 Tiga. Pasal 7 Tujuh. Pasal 8 Delapan. Pasal 9 Sembilan.');
    expect(articleNumbers(s)).toEqual([1, 2, 3, 7, 8, 9]);
    expect(find(s, 'Pasal 3')?.text).toBe('Tiga.');
  });

  it('drops an elucidation that only says "Cukup jelas" amid scan debris', () => {
    // As in PP 94/2021: "Pasal 2 Cukup ^jelas .'ll( l.lo l0(..'S7 A Pasal 3 ..."
    const s = splitLegalText(
      `${articles(1, 3)}\nPENJELASAN ATAS PERATURAN I. UMUM Umum. II. PASAL DEMI PASAL Pasal 1 Cukup ^jelas. ` +
        'Pasal 2 Cukup ^jelas .\'ll( l.lo l0(..\'S7 A Pasal 3 Yang dimaksud dengan "setia" adalah taat.',
    );
    expect(names(s).filter((n) => n.startsWith('Penjelasan Pasal'))).toEqual(['Penjelasan Pasal 3']);
  });
});

describe.skipIf(!hasCorpus)('splitLegalText on the published regulations', () => {
  // describe bodies run at collection even when skipped: without the corpus there is nothing to read.
  const read = (file: string) => (hasCorpus ? splitLegalText(readFileSync(join(corpusDir, file), 'utf8')) : []);

  describe('PP 94/2021 (disiplin PNS)', () => {
    const sections = read('pp-94-2021-disiplin-pns.txt');
    const numbers = articleNumbers(sections);

    it('yields Pasal 1..46 in order, with at most 2 missing', () => {
      expect(numbers[0]).toBe(1);
      expect(Math.max(...numbers)).toBe(46);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(new Set(numbers).size).toBe(numbers.length);
      expect(46 - numbers.length).toBeLessThanOrEqual(2);
    });

    it('has the ban on campaigning in Pasal 5', () => {
      expect(find(sections, 'Pasal 5')?.text).toMatch(/kampanye/i);
    });

    it('places Pasal 15 under its BAB', () => {
      expect(find(sections, 'Pasal 15')?.context.some((c) => /^BAB [IVX]+/.test(c))).toBe(true);
    });

    it('keeps running headers out of every passage', () => {
      for (const s of sections) expect(s.text, s.section).not.toMatch(/PRESIDEN\s+REPUBLIK\s+INDONESIA/);
    });

    it('has a general elucidation and explains Pasal 5', () => {
      expect(find(sections, 'Penjelasan Umum')?.text).toContain('Disiplin PNS');
      expect(find(sections, 'Penjelasan Pasal 5')?.text).toContain('menyalahgunakan wewenang');
    });

    it('has elucidations past the OCR gap after Pasal 11 (Pasal 25 explains "lowong")', () => {
      expect(find(sections, 'Penjelasan Pasal 25')?.text).toContain('lowong');
      expect(find(sections, 'Penjelasan Pasal 11')?.text ?? '').not.toContain('Pasal 46');
    });

    it('has no elucidation section that only says "Cukup jelas"', () => {
      const empty = sections.filter(
        (s) => s.section.startsWith('Penjelasan Pasal') && /^Cukup\s+jelas\b/.test(s.text) && s.text.length < 60,
      );
      expect(names(empty)).toEqual([]);
    });
  });

  it('PP 11/2017 yields at least 340 articles, Pasal 310 about cuti', () => {
    const sections = read('pp-11-2017-manajemen-pns.txt');
    const numbers = articleNumbers(sections);
    expect(numbers.length).toBeGreaterThanOrEqual(340);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    const cuti = find(sections, 'Pasal 310');
    expect(cuti?.text).toMatch(/cuti tahunan/);
    expect(cuti?.context.join(' ')).toMatch(/Cuti/);
  });

  it('UU 5/2014 and PP 53/2010 yield all their articles', () => {
    expect(articleNumbers(read('uu-5-2014-asn-dicabut.txt'))).toEqual(Array.from({ length: 141 }, (_, i) => i + 1));
    expect(articleNumbers(read('pp-53-2010-disiplin-pns-dicabut.txt'))).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
  });
});
