import { describe, expect, it } from 'vitest';
import {
  evaluateRetrieval,
  judgeCase,
  sameArticle,
  summarizeOutcomes,
  type EvalCase,
} from '../../src/answering/evaluate-retrieval.js';

describe("the eval contract's article match", () => {
  it('matches on the article number, whichever side names a finer part', () => {
    expect(sameArticle('Pasal 1', 'Pasal 1 angka 5')).toBe(true);
    expect(sameArticle('Pasal 1 angka 5', 'Pasal 1')).toBe(true);
    expect(sameArticle('Pasal 9 ayat (1)-(3)', 'Pasal 9 ayat (2)')).toBe(true);
    expect(sameArticle('Pasal 10', 'Pasal 1 angka 5')).toBe(false);
    expect(sameArticle('Pasal 1', 'Pasal 10')).toBe(false);
    expect(sameArticle('Pasal 5A', 'Pasal 5')).toBe(false);
  });

  it("counts an article's elucidation as that article", () => {
    expect(sameArticle('Penjelasan Pasal 5', 'Pasal 5')).toBe(true);
    expect(sameArticle('Penjelasan Pasal 50', 'Pasal 5')).toBe(false);
    expect(sameArticle('Penjelasan Umum', 'Pasal 5')).toBe(false);
  });

  it('matches sections that are not a Pasal by themselves and their parts', () => {
    expect(sameArticle('Angka 4', 'Angka 4')).toBe(true);
    expect(sameArticle('Angka 4 ayat (2)', 'Angka 4')).toBe(true);
    expect(sameArticle('Angka 40', 'Angka 4')).toBe(false);
    expect(sameArticle('Diktum KESATU', 'Diktum KEDUA')).toBe(false);
  });
});

describe('recall at 1, 3, 5 and 10 and MRR@10', () => {
  const at = (rank: number) => ({
    grounded: true,
    citations: Array.from({ length: 10 }, (_, i) => ({
      source: 'pp-94-2021.md',
      section: i + 1 === rank ? 'Pasal 9' : 'Pasal 50',
    })),
  });
  const asked: EvalCase = { question: 'bolos', expect: [{ source: 'pp-94-2021', section: 'Pasal 9' }] };

  it('ranks the first right citation, and a refused answer finds nothing though its rank is kept apart', () => {
    expect(judgeCase(asked, at(4))).toMatchObject({ grounded: true, rank: 4, rankUngated: 4 });
    const refused = judgeCase(asked, { ...at(2), grounded: false });
    expect(refused.rank).toBeUndefined();
    expect(refused.rankUngated).toBe(2);
    expect(judgeCase(asked, at(11)).rankUngated).toBeUndefined();
  });

  it('summarises four questions found at ranks 1, 4 and 7 and one refused', () => {
    const outcomes = [
      judgeCase(asked, at(1)),
      judgeCase(asked, at(4)),
      judgeCase(asked, at(7)),
      judgeCase(asked, { ...at(2), grounded: false }),
      judgeCase({ question: 'resep soto', expect: [] }, { grounded: false, citations: [] }),
    ];
    const f = summarizeOutcomes(outcomes);
    expect(f.recallAt).toEqual({ 1: 0.25, 3: 0.25, 5: 0.5, 10: 0.75 });
    expect(f.mrrAt10).toBeCloseTo((1 + 1 / 4 + 1 / 7) / 4, 10);
    expect(f.recallAt5Ungated).toBe(0.75);
    expect(f).toMatchObject({ questions: 5, inScope: 4, outOfScope: 1, answeredRate: 0.75, refusalRate: 1 });
  });

  it('keeps the headline k of asn eval and reports the other depths beside it', async () => {
    const ranks = [1, 4, 7];
    let i = 0;
    const report = await evaluateRetrieval([asked, asked, asked], 3, async () => at(ranks[i++]!));
    expect(report.recallAtK).toBeCloseTo(1 / 3, 10);
    expect(report.mrr).toBeCloseTo(1 / 3, 10);
    expect(report.recallAt[10]).toBe(1);
    expect(report.misses).toHaveLength(2);
  });
});
