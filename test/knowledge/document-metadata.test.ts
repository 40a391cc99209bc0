import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metadataFromFileName, metadataFromText } from '../../src/knowledge/document-metadata.js';
import { corpusDir, hasCorpus } from '../helpers/knowledge.js';

describe('metadataFromText', () => {
  it("reads a PP from its OCR'd opening words", () => {
    const opening =
      'PERATURAN PEMERINTAH REPUBLIK INDONESIA PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 94 TAHUN 2021 TENTANG DISIPLIN PEGAWAI NEGERI SIPIL\n' +
      'DENGAN RAHMAT TUHAN YANG MAHA ESA Menimbang bahwa untuk melaksanakan ketentuan Pasal 86 ayat (4)';
    expect(metadataFromText(opening)).toEqual({
      regulation: 'PP 94/2021',
      year: 2021,
      title: 'Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil',
    });
  });

  it('reads a UU whose year OCR wrote as `2Ol4`', () => {
    const opening =
      'UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 5 TAHUN 2Ol4 TENTANG APARATUR SIPIL NEGARA DENGAN RAHMAT TUHAN YANG MAHA ESA PRESIDEN REPUBLIK INDONESIA, Menimbang';
    expect(metadataFromText(opening)).toEqual({
      regulation: 'UU 5/2014',
      year: 2014,
      title: 'Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara',
    });
  });

  it('keeps abbreviations upper-case in the title', () => {
    const meta = metadataFromText(
      'PERATURAN BADAN KEPEGAWAIAN NEGARA REPUBLIK INDONESIA NOMOR 6 TAHUN 2022 TENTANG PERATURAN PELAKSANAAN DISIPLIN PNS Menimbang',
    );
    expect(meta.regulation).toBe('Peraturan BKN 6/2022');
    expect(meta.title).toBe('Peraturan Badan Kepegawaian Negara Nomor 6 Tahun 2022 tentang Peraturan Pelaksanaan Disiplin PNS');
  });

  it('knows a Perpres from a PP', () => {
    expect(
      metadataFromText('PERATURAN PRESIDEN REPUBLIK INDONESIA NOMOR 21 TAHUN 2023 TENTANG HARI KERJA DAN JAM KERJA Menimbang')
        .regulation,
    ).toBe('Perpres 21/2023');
  });

  // Today a Perppu is named `UU 2/2022` and titled "Undang-Undang Nomor 2 ...": UNDANG-UNDANG is tested first.
  it('knows a Perppu from a UU', () => {
    expect(
      metadataFromText(
        'PERATURAN PEMERINTAH PENGGANTI UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 2 TAHUN 2022 TENTANG CIPTA KERJA Menimbang',
      ).regulation,
    ).toBe('Perppu 2/2022');
  });

  it('reads nothing from a text that is not a regulation', () => {
    expect(metadataFromText('Undangan rapat koordinasi kepegawaian hari Senin.')).toEqual({});
    expect(metadataFromText('')).toEqual({});
  });

  // PP 30/2019 as scanned: "TAHUN 2OL9" (capital L for 1). Today nothing is read at all.
  it('reads a year OCR wrote with a capital L (`2OL9`)', () => {
    const opening =
      'Menimbang Menimbang Mengingat Menetapkan PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 30 TAHUN 2OL9 TENTANG PENILAIAN KINERJA PEGAWAI NEGERI SIPIL\nDENGAN RAHMAT TUHAN YANG MAHA ESA bahwa';
    expect(metadataFromText(opening)).toMatchObject({ regulation: 'PP 30/2019', year: 2019 });
  });

  // PP 42/2004 as scanned: the whole heading printed twice; today the title ends in "... Sipil Peraturan".
  it('does not run the title into a repeated heading', () => {
    const opening =
      'PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 42 TAHUN 2004 TENTANG PEMBINAAN JIWA KORPS DAN KODE ETIK PEGAWAI NEGERI SIPIL ' +
      'PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 42 TAHUN 2004 TENTANG PEMBINAAN JIWA KORPS DAN KODE ETIK PEGAWAI NEGERI SIPIL\nMenimbang :';
    expect(metadataFromText(opening).title).toBe(
      'Peraturan Pemerintah Nomor 42 Tahun 2004 tentang Pembinaan Jiwa Korps dan Kode Etik Pegawai Negeri Sipil',
    );
  });
});

describe('metadataFromFileName', () => {
  it('reads a revoked regulation from its file name', () => {
    expect(metadataFromFileName('pp-53-2010-disiplin-pns-dicabut.txt')).toEqual({
      status: 'dicabut',
      regulation: 'PP 53/2010',
      year: 2010,
    });
  });

  it('reads the kind, number and year', () => {
    expect(metadataFromFileName('pp-94-2021-disiplin-pns.pdf')).toEqual({ regulation: 'PP 94/2021', year: 2021 });
    expect(metadataFromFileName('UU_5_2014_ASN.docx')).toEqual({ regulation: 'UU 5/2014', year: 2014 });
    expect(metadataFromFileName('perban-6-2022.md')).toEqual({ regulation: 'Peraturan BKN 6/2022', year: 2022 });
  });

  it('does not take a word that merely contains "dicabut" for the status', () => {
    expect(metadataFromFileName('pp-94-2021-pencabutan.txt').status).toBeUndefined();
    expect(metadataFromFileName('pp-94-2021-tidakdicabutkan.txt').status).toBeUndefined();
  });

  it('reads nothing from an ordinary file name', () => {
    expect(metadataFromFileName('catatan-rapat-2024.md')).toEqual({});
  });
});

describe.skipIf(!hasCorpus)('metadataFromText on the published regulations', () => {
  const read = (file: string) => metadataFromText(readFileSync(join(corpusDir, file), 'utf8'));

  it('names PP 94/2021, PP 11/2017 and UU 5/2014', () => {
    expect(read('pp-94-2021-disiplin-pns.txt').regulation).toBe('PP 94/2021');
    expect(read('pp-11-2017-manajemen-pns.txt').title).toBe(
      'Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil',
    );
    expect(read('uu-5-2014-asn-dicabut.txt').regulation).toBe('UU 5/2014');
  });

  it("names PP 30/2019 despite its OCR'd year `2OL9`", () => {
    expect(read('pp-30-2019-penilaian-kinerja-pns.txt').regulation).toBe('PP 30/2019');
  });
});
