import { describe, expect, it } from 'vitest';
import { Bm25Index, chunkText, tokenize } from '../../bench/eval/bm25-baseline.js';

describe('the BM25 peer baseline', () => {
  it('splits lowercase on anything that is not a letter or a digit, keeping every word (no stemming, no stop words)', () => {
    expect(tokenize('PNS yg bolos 3 hari—kena HUKDIS? (Pasal 9 ayat (2))')).toEqual([
      'pns',
      'yg',
      'bolos',
      '3',
      'hari',
      'kena',
      'hukdis',
      'pasal',
      '9',
      'ayat',
      '2',
    ]);
    expect(tokenize('dan yang dari dengan')).toEqual(['dan', 'yang', 'dari', 'dengan']);
  });

  it('cuts fixed 1,000-character chunks, each starting 800 after the last, so neighbours share 200 characters', () => {
    const text = Array.from({ length: 2_500 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
    const chunks = chunkText(text);
    expect(chunks.map((c) => [c.start, c.end])).toEqual([
      [0, 1_000],
      [800, 1_800],
      [1_600, 2_500],
    ]);
    expect(chunks[1]!.text.slice(0, 200)).toBe(chunks[0]!.text.slice(800));
    expect(chunks[2]!.text.slice(0, 200)).toBe(chunks[1]!.text.slice(800));
    expect(chunks.map((c) => c.text).join('').length).toBe(2_500 + 2 * 200);
    // No empty tail: a text that ends where a window ends is not given a sliver after it.
    expect(chunkText('x'.repeat(1_800)).map((c) => [c.start, c.end])).toEqual([
      [0, 1_000],
      [800, 1_800],
    ]);
    expect(chunkText('pendek')).toEqual([{ start: 0, end: 6, text: 'pendek' }]);
  });

  it('scores two documents for one query exactly as the BM25 arithmetic done by hand (k1 1.2, b 0.75)', () => {
    // D1 "cuti besar cuti" (3 words), D2 "cuti sakit" (2 words): N = 2, average length 2.5.
    const index = new Bm25Index([
      { tokens: tokenize('cuti besar cuti'), item: 'D1' },
      { tokens: tokenize('cuti sakit'), item: 'D2' },
    ]);
    // idf(cuti) = ln(1 + (2 - 2 + 0.5) / (2 + 0.5)) = ln 1.2 = 0.182322
    // idf(sakit) = ln(1 + (2 - 1 + 0.5) / (1 + 0.5)) = ln 2 = 0.693147
    expect(index.idf('cuti')).toBeCloseTo(0.182322, 6);
    expect(index.idf('sakit')).toBeCloseTo(0.693147, 6);
    // D1: cuti tf 2, K = 1.2 (0.25 + 0.75 * 3 / 2.5) = 1.38; 0.182322 * 2 * 2.2 / (2 + 1.38) = 0.237343
    // D2: K = 1.2 (0.25 + 0.75 * 2 / 2.5) = 1.02; cuti 0.182322 * 2.2 / 2.02 = 0.198569,
    //     sakit 0.693147 * 2.2 / 2.02 = 0.754911; together 0.953480
    const [d1, d2] = index.scores(tokenize('cuti sakit'));
    expect(d1).toBeCloseTo(0.237343, 5);
    expect(d2).toBeCloseTo(0.95348, 5);
    expect(index.search(tokenize('cuti sakit'), 10).map((h) => h.item)).toEqual(['D2', 'D1']);
    // A word asked twice counts twice; a word no document holds adds nothing.
    expect(index.scores(tokenize('sakit sakit rendang'))[1]).toBeCloseTo(2 * 0.754911, 5);
    // Only documents sharing a word come back.
    expect(index.search(tokenize('besar'), 10)).toEqual([{ item: 'D1', score: expect.any(Number) }]);
    expect(index.search(tokenize('rendang'), 10)).toEqual([]);
  });
});
