import { describe, expect, it } from 'vitest';
import { articleOf, citedArticle, locateArticles } from '../../bench/eval/article-spans.js';
import { buildBaseline, noArticle } from '../../bench/eval/baseline-retriever.js';

// An OCR'd text as it arrives: a preamble, broken headings, a page stamp inside an article.
const extracted = [
  'PERATURAN PEMERINTAH NOMOR 9 TAHUN 2099 TENTANG APEL. Menimbang bahwa apel perlu diatur.',
  'Pasal 1',
  'Apel pagi adalah kegiatan berkumpul pegawai sebelum jam kerja dimulai untuk menerima arahan pimpinan.',
  'Pasa] 2',
  '(1) Apel pagi dilaksanakan setiap hari Senin pukul 07.15 di halaman kantor. PRESIDEN REPUBLIK INDONESIA -2- l.lo',
  '(2) Pembina apel ditunjuk bergiliran dari para pejabat pimpinan tinggi pratama setiap bulan.',
  'PENJELASAN',
  'Pasal 2 Yang dimaksud dengan halaman kantor adalah halaman gedung utama.',
].join('\n');

// What the product stores for it: cleaned texts, the headings gone, a long article split by ayat.
const stored = [
  {
    section: 'Pasal 1',
    text: 'Apel pagi adalah kegiatan berkumpul pegawai sebelum jam kerja dimulai untuk menerima arahan pimpinan.',
  },
  { section: 'Pasal 2 ayat (1)', text: '(1) Apel pagi dilaksanakan setiap hari Senin pukul 07.15 di halaman kantor.' },
  {
    section: 'Pasal 2 ayat (2)',
    text: '(2) Pembina apel ditunjuk bergiliran dari para pejabat pimpinan tinggi pratama setiap bulan.',
  },
  { section: 'Penjelasan Pasal 2', text: 'Yang dimaksud dengan halaman kantor adalah halaman gedung utama.' },
];

describe('which article a baseline chunk cites', () => {
  it('names the article of a stored section: ayat and huruf belong to their Pasal, the elucidation is its own', () => {
    expect(articleOf('Pasal 9 ayat (1)-(3)')).toBe('Pasal 9');
    expect(articleOf('Pasal 5 huruf n')).toBe('Pasal 5');
    expect(articleOf('Penjelasan Pasal 5')).toBe('Penjelasan Pasal 5');
    expect(articleOf('Angka 4')).toBe('Angka 4');
    expect(articleOf('Diktum KESATU ayat (2)')).toBe('Diktum KESATU');
  });

  it("finds the product's own passages in the extracted text, in order, despite dropped headings and debris", () => {
    const located = locateArticles(extracted, stored);
    expect(located.unplaced).toBe(0);
    expect(located.alignedWords).toBe(located.passageWords);
    const text = (article: string) => {
      const span = located.spans.find((s) => s.article === article)!;
      return extracted.slice(span.start, span.end);
    };
    expect(located.spans.map((s) => s.article)).toEqual(['Pasal 1', 'Pasal 2', 'Penjelasan Pasal 2']);
    expect(text('Pasal 1')).toBe(stored[0]!.text.slice(0, -1));
    // The two ayat are one article; the page stamp inside it belongs to it, the heading `Pasa] 2` to none.
    expect(text('Pasal 2')).toMatch(/^1\) Apel pagi .* PRESIDEN REPUBLIK INDONESIA -2- l\.lo\n\(2\) Pembina .* setiap bulan$/s);
    expect(text('Penjelasan Pasal 2')).toBe('Yang dimaksud dengan halaman kantor adalah halaman gedung utama');
  });

  it('cites the article covering most of the chunk, none for a chunk outside every article', () => {
    const spans = [
      { article: 'Pasal 1', start: 100, end: 400 },
      { article: 'Pasal 2', start: 420, end: 700 },
      { article: 'Pasal 2', start: 750, end: 800 },
    ];
    expect(citedArticle(spans, 0, 90)).toBeUndefined();
    // The whole text: Pasal 1 covers 300 characters, Pasal 2 280 + 50 = 330.
    expect(citedArticle(spans, 0, 1_000)).toBe('Pasal 2');
    expect(citedArticle(spans, 0, 500)).toBe('Pasal 1');
    // 150 characters each: the earlier article.
    expect(citedArticle(spans, 250, 570)).toBe('Pasal 1');
  });
});

describe('the baseline retriever', () => {
  it('answers with the source file and the article of each chunk, best first', () => {
    const located = locateArticles(extracted, stored);
    const baseline = buildBaseline([{ source: 'pp-9-2099-apel.txt', text: extracted, spans: located.spans }]);
    expect(baseline.chunks).toBe(1);
    const result = baseline.search('pembina apel siapa', 10);
    expect(result.citations).toEqual([{ source: 'pp-9-2099-apel.txt', section: 'Pasal 2' }]);
    expect(result.topScore).toBeGreaterThan(0);
    expect(baseline.search('resep rendang', 10)).toEqual({ topScore: 0, citations: [] });
    expect(noArticle).toBe('(tanpa pasal)');
  });
});
