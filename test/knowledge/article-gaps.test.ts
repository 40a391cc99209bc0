import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeArticleGaps, findArticleGaps } from '../../src/knowledge/article-gaps.js';
import { splitDocument } from '../../src/knowledge/split-document.js';
import { corpusDir, hasCorpus } from '../helpers/knowledge.js';

const lines = (sections: string[]) => describeArticleGaps(findArticleGaps(sections));

describe('findArticleGaps', () => {
  it('finds nothing in whole numbering, with an article split into several passages', () => {
    expect(lines(['Pasal 1', 'Pasal 2 ayat (1)', 'Pasal 2 ayat (2)', 'Pasal 3'])).toEqual([]);
    expect(lines([])).toEqual([]);
    expect(lines(['Umum', 'Bagian 1'])).toEqual([]);
  });

  it('names a missing article, and a run of missing articles as a range', () => {
    expect(lines(['Pasal 1', 'Pasal 2', 'Pasal 4', 'Pasal 5'])).toEqual(['Pasal 3 tidak ditemukan']);
    expect(lines(['Pasal 26', 'Pasal 30'])).toEqual([
      'Pasal 1–25 tidak ditemukan',
      'Pasal 27–29 tidak ditemukan',
    ]);
    expect(findArticleGaps(['Pasal 1', 'Pasal 3', 'Pasal 7']).missing).toEqual([
      { from: 2, to: 2 },
      { from: 4, to: 6 },
    ]);
  });

  it('does not count the elucidation of an article as the article', () => {
    expect(lines(['Pasal 1', 'Pasal 2', 'Pasal 4', 'Penjelasan Umum', 'Penjelasan Pasal 3'])).toEqual(['Pasal 3 tidak ditemukan']);
    // ...nor raise the highest article: an elucidation of Pasal 9 does not make 4-9 missing.
    expect(lines(['Pasal 1', 'Pasal 2', 'Penjelasan Pasal 9'])).toEqual([]);
  });

  it('reports an article that comes back after others, and one out of order', () => {
    expect(lines(['Pasal 1', 'Pasal 2', 'Pasal 3', 'Pasal 2', 'Pasal 4'])).toEqual(['Pasal 2 muncul lebih dari sekali']);
    expect(lines(['Pasal 1', 'Pasal 2', 'Pasal 4', 'Pasal 3', 'Pasal 5'])).toEqual([
      'Pasal 3 tidak berurutan (muncul setelah Pasal 4)',
    ]);
  });

  it('leaves inserted articles (Pasal 5A) and the roman articles of an amendment out of the sequence', () => {
    expect(lines(['Pasal I', 'Pasal 1', 'Pasal 2', 'Pasal 2A', 'Pasal 3', 'Pasal II'])).toEqual([]);
    expect(lines(['Pasal 1', 'Pasal 3A', 'Pasal 4'])).toEqual(['Pasal 2–3 tidak ditemukan']);
  });
});

describe.skipIf(!hasCorpus)('findArticleGaps on PP 94/2021', () => {
  it('finds the body of Pasal 39, which the extracted text loses, and nothing else', async () => {
    const text = readFileSync(join(corpusDir, 'pp-94-2021-disiplin-pns.txt'), 'utf8');
    const drafts = await splitDocument({ text, markdown: false, label: 'PP 94/2021' });
    // What the scan left of the elucidation of Pasal 39 is debris ("lll,.- irlo ()rr-lO I A"): no
    // passage of it; the lost article itself is still reported.
    expect(drafts.some((d) => d.section === 'Penjelasan Pasal 39')).toBe(false);
    expect(lines(drafts.map((d) => d.section))).toEqual(['Pasal 39 tidak ditemukan']);
  });
});
