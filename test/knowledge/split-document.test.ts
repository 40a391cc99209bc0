import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  attachElucidations,
  maxPassageChars,
  splitDefinitions,
  splitDocument,
  splitMarkdown,
} from '../../src/knowledge/split-document.js';
import { corpusDir, hasCorpus } from '../helpers/knowledge.js';

const summary = `# PP 94/2021 ringkas

Pengantar singkat di bawah judul dokumen.

## BAB II Kewajiban dan Larangan

### Bagian Kedua Kewajiban

## Pasal 3 — Kewajiban dasar PNS

PNS wajib setia dan taat sepenuhnya kepada Pancasila.

## Pasal 4: Kewajiban masuk kerja

PNS wajib masuk kerja dan menaati ketentuan jam kerja.

## BAB III Hukuman Disiplin

## Pasal 8

Tingkat hukuman disiplin terdiri atas ringan, sedang, dan berat.

## Catatan

Ringkasan ini bukan pengganti teks resmi.
`;

/** An ayat of about 600 characters. */
const ayat = (n: number) =>
  `(${n}) ${`Ketentuan ayat ${n} mengatur hukuman disiplin bagi pegawai yang tidak masuk kerja tanpa alasan yang sah. `.repeat(24).trim()}`;

describe('splitMarkdown', () => {
  const sections = splitMarkdown(summary);

  it('names an article heading by its article and keeps its topic as the title', () => {
    expect(sections[0]).toMatchObject({ section: 'Pasal 3', title: 'Kewajiban dasar PNS' });
    expect(sections[0]?.text).toBe('PNS wajib setia dan taat sepenuhnya kepada Pancasila.');
    expect(sections[1]).toMatchObject({ section: 'Pasal 4', title: 'Kewajiban masuk kerja' });
  });

  it('uses non-article headings as the context of the articles under them', () => {
    expect(sections[0]?.context).toEqual(['BAB II Kewajiban dan Larangan', 'Bagian Kedua Kewajiban']);
    // A new level-2 heading replaces the old BAB and its Bagian.
    expect(sections.find((s) => s.section === 'Pasal 8')?.context).toEqual(['BAB III Hukuman Disiplin']);
  });

  it('does not make passages of headings without text, nor of the document title', () => {
    expect(sections.map((s) => s.section)).toEqual(['Pasal 3', 'Pasal 4', 'Pasal 8', 'Catatan']);
    expect(sections.map((s) => s.text).join(' ')).not.toContain('PP 94/2021 ringkas');
  });

  it('makes Markdown without headings one section `Isi`', () => {
    expect(splitMarkdown('Hanya teks tanpa judul.\n\nParagraf kedua.\n')).toEqual([
      { section: 'Isi', context: [], text: 'Hanya teks tanpa judul.\n\nParagraf kedua.' },
    ]);
    expect(splitMarkdown('   \n')).toEqual([]);
  });
});

describe('splitDocument', () => {
  it('builds a path from the label, the context and the article with its title', async () => {
    const drafts = await splitDocument({ text: summary, markdown: true, label: 'PP 94/2021' });
    expect(drafts.find((d) => d.section === 'Pasal 3')?.path).toBe(
      'PP 94/2021 > BAB II Kewajiban dan Larangan > Bagian Kedua Kewajiban > Pasal 3 — Kewajiban dasar PNS',
    );
    expect(drafts.find((d) => d.section === 'Pasal 8')?.path).toBe('PP 94/2021 > BAB III Hukuman Disiplin > Pasal 8');
    expect(drafts.find((d) => d.section === 'Catatan')?.path).toBe('PP 94/2021 > Catatan');
  });

  it('splits an overlong article by its ayat, each passage within the limit', async () => {
    const text = `## Pasal 8 — Hukuman\n\n${[1, 2, 3, 4, 5, 6].map(ayat).join(' ')}`;
    expect(text.length).toBeGreaterThan(maxPassageChars);
    const drafts = await splitDocument({ text, markdown: true, label: 'PP X' });
    expect(drafts.map((d) => d.section)).toEqual(['Pasal 8 ayat (1)-(2)', 'Pasal 8 ayat (3)-(4)', 'Pasal 8 ayat (5)-(6)']);
    expect(drafts[0]?.path).toBe('PP X > Pasal 8 ayat (1)-(2) — Hukuman');
    for (const d of drafts) expect(d.text.length).toBeLessThanOrEqual(maxPassageChars);
    expect(drafts[0]?.text.startsWith('(1) ')).toBe(true);
    expect(drafts[2]?.text).toContain('Ketentuan ayat 6');
    // Nothing lost: every ayat is in exactly one passage.
    for (const n of [1, 2, 3, 4, 5, 6]) expect(drafts.filter((d) => d.text.includes(`(${n}) `))).toHaveLength(1);
  });

  it('names a single ayat `ayat (n)` and reads the OCR `(21` as ayat (2)', async () => {
    const text = `## Pasal 9\n\n(1) ${'Hukuman ringan terdiri atas teguran lisan dan tertulis. '.repeat(64).trim()} (21 ${'Hukuman sedang terdiri atas pemotongan tunjangan kinerja. '.repeat(64).trim()}`;
    const drafts = await splitDocument({ text, markdown: true, label: 'PP X' });
    expect(drafts.map((d) => d.section)).toEqual(['Pasal 9 ayat (1)', 'Pasal 9 ayat (2)']);
    expect(drafts[1]?.text).toMatch(/^\(21 Hukuman sedang/);
  });

  it('cuts an overlong article without ayat into pieces within the limit, all named by the article', async () => {
    const text = `## Pasal 9\n\n${'Kalimat panjang tanpa ayat tentang hukuman disiplin pegawai negeri sipil. '.repeat(240)}`;
    const drafts = await splitDocument({ text, markdown: true, label: 'PP X' });
    expect(drafts.length).toBeGreaterThan(1);
    for (const d of drafts) {
      expect(d.section).toBe('Pasal 9');
      expect(d.text.length).toBeLessThanOrEqual(maxPassageChars);
    }
  });

  it('keeps a short article whole', async () => {
    const drafts = await splitDocument({ text: '## Pasal 2\n\n(1) Satu. (2) Dua.', markdown: true, label: 'PP X' });
    expect(drafts).toEqual([{ section: 'Pasal 2', path: 'PP X > Pasal 2', text: '(1) Satu. (2) Dua.' }]);
  });

  it('splits a legal plain text by its articles, with BAB context', async () => {
    const text =
      'BAB I KETENTUAN UMUM\nPasal 1\nPNS adalah pegawai tetap.\nBAB II CUTI\nPasal 2\nCuti terdiri atas cuti tahunan dan cuti besar.';
    const drafts = await splitDocument({ text, markdown: false, label: 'PP 11/2017' });
    expect(drafts).toEqual([
      { section: 'Pasal 1', path: 'PP 11/2017 > BAB I Ketentuan Umum > Pasal 1', text: 'PNS adalah pegawai tetap.' },
      { section: 'Pasal 2', path: 'PP 11/2017 > BAB II Cuti > Pasal 2', text: 'Cuti terdiri atas cuti tahunan dan cuti besar.' },
    ]);
  });

  it('splits a non-legal text into `Bagian N` passages within the limit', async () => {
    const text = Array.from(
      { length: 12 },
      (_, i) => `Paragraf ${i + 1}: ${'Apel pagi dilaksanakan setiap hari Senin di halaman kantor. '.repeat(5)}`,
    ).join('\n\n');
    const drafts = await splitDocument({ text, markdown: false, label: 'SE Apel' });
    expect(drafts.length).toBeGreaterThan(1);
    drafts.forEach((d, i) => {
      expect(d.section).toBe(`Bagian ${i + 1}`);
      expect(d.path).toBe(`SE Apel > Bagian ${i + 1}`);
      expect(d.text.length).toBeLessThanOrEqual(maxPassageChars);
    });
    expect(drafts.map((d) => d.text).join(' ')).toContain('Paragraf 12:');
  });

  it('makes nothing of an empty text', async () => {
    expect(await splitDocument({ text: '  \n ', markdown: false, label: 'X' })).toEqual([]);
  });
});

describe.skipIf(!hasCorpus)('splitDocument on PP 94/2021', () => {
  it('keeps every passage within the limit and cites articles and ayat', async () => {
    const text = readFileSync(join(corpusDir, 'pp-94-2021-disiplin-pns.txt'), 'utf8');
    const drafts = await splitDocument({ text, markdown: false, label: 'PP 94/2021' });
    for (const d of drafts) {
      expect(d.text.length, d.section).toBeLessThanOrEqual(maxPassageChars);
      expect(d.section, d.path).toMatch(/^(Pasal \d+( ayat \(\d+\)(-\(\d+\))?| angka \d+)?|Penjelasan (Umum|Pasal \d+))$/);
      expect(d.path.startsWith('PP 94/2021 > ')).toBe(true);
    }
    expect(drafts.find((d) => d.section === 'Pasal 8')?.path).toMatch(/^PP 94\/2021 > BAB III .* > Pasal 8$/);
    // One passage per article, its elucidation beside it: "Penjelasan Pasal 8" is no passage of its own.
    expect(drafts.filter((d) => d.section === 'Pasal 8')).toHaveLength(1);
    expect(drafts.find((d) => d.section === 'Pasal 8')?.elucidation).toMatch(/\S/);
    // Only an elucidation whose article the scan lost stays on its own.
    const articles = new Set(drafts.map((d) => d.section));
    for (const d of drafts.filter((d) => d.section.startsWith('Penjelasan Pasal')))
      expect(articles.has(d.section.replace('Penjelasan ', ''))).toBe(false);
    // Each defined term its own passage, headed by the term: "apa itu Hukuman Disiplin" finds it.
    expect(drafts.find((d) => d.section === 'Pasal 1 angka 7')?.path).toBe('PP 94/2021 > BAB I Ketentuan Umum > Pasal 1 angka 7 — Hukuman Disiplin');
  });
});

describe('splitDefinitions', () => {
  it('makes one passage per defined term, with the abbreviation in its title, and bridges lost numbers', () => {
    const text =
      'Dalam Peraturan Pemerintah ini yang dimaksud dengan: 1. Pegawai Negeri Sipil yang selanjutnya disingkat PNS adalah warga negara. ' +
      '3. Sasaran Kinerja Pegawai yang selanjutnya disingkat SKP adalah rencana kinerja yang dicapai setiap tahun, paling lambat 5. Januari. 4. Target adalah jumlah hasil kerja. ' +
      '1 1. Pejabat Pembina Kepegawaian adalah pejabat yang berwenang.';
    const units = splitDefinitions({ section: 'Pasal 1', context: ['BAB I Ketentuan Umum'], text });
    expect(units.map((u) => [u.section, u.title])).toEqual([
      ['Pasal 1 angka 1', 'Pegawai Negeri Sipil (PNS)'],
      ['Pasal 1 angka 3', 'Sasaran Kinerja Pegawai (SKP)'],
      ['Pasal 1 angka 4', 'Target'],
      // "1 1." is OCR's 11; 4 to 11 is more than a scan loses in a row, so it is no new term.
    ]);
    expect(units[1]!.text).toContain('paling lambat 5. Januari');
  });

  it('leaves other articles and a Pasal 1 without numbered terms whole', () => {
    const other = { section: 'Pasal 2', context: [], text: '1. Satu. 2. Dua.' };
    expect(splitDefinitions(other)).toEqual([other]);
    const plain = { section: 'Pasal 1', context: [], text: 'Dalam Peraturan ini yang dimaksud dengan PNS adalah pegawai tetap.' };
    expect(splitDefinitions(plain)).toEqual([plain]);
  });
});

describe('attachElucidations', () => {
  it('puts each article\'s elucidation beside it and keeps one without its article', () => {
    const units = attachElucidations([
      { section: 'Pasal 5', context: [], text: 'PNS dilarang menerima hadiah.' },
      { section: 'Penjelasan Umum', context: [], text: 'Umum.' },
      { section: 'Penjelasan Pasal 5', context: [], text: 'Yang dimaksud dengan hadiah adalah pemberian.' },
      { section: 'Penjelasan Pasal 7', context: [], text: 'Pasal yang hilang dalam pindaian.' },
    ]);
    expect(units.map((u) => [u.section, u.elucidation])).toEqual([
      ['Pasal 5', 'Yang dimaksud dengan hadiah adalah pemberian.'],
      ['Penjelasan Umum', undefined],
      ['Penjelasan Pasal 7', undefined],
    ]);
  });
});
