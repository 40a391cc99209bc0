import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { toCitation } from '../../src/answering/compose-extractive.js';
import { evaluateRetrieval, parseEvalSet, sameArticle } from '../../src/answering/evaluate-retrieval.js';
import { LexiconCache } from '../../src/answering/lexicon.js';
import { normalizeQuestion } from '../../src/answering/normalize-question.js';
import { defaultSearchOptions, searchPassages } from '../../src/answering/search-passages.js';
import { loadKnowledge } from '../helpers/knowledge.js';
import { openTestDatabase } from '../helpers/test-database.js';

const evalSet = parseEvalSet(readFileSync(fileURLToPath(new URL('../../bench/eval/dev.jsonl', import.meta.url)), 'utf8'));

describe('the eval contract', () => {
  it('matches an article with its ayat, never a longer number', () => {
    expect(sameArticle('Pasal 1 ayat (2)', 'Pasal 1')).toBe(true);
    expect(sameArticle('pasal 1', 'Pasal 1')).toBe(true);
    expect(sameArticle('Pasal 10', 'Pasal 1')).toBe(false);
    expect(sameArticle('Pasal 5 huruf n', 'Pasal 5')).toBe(true);
    expect(sameArticle('Angka 4', 'Angka 4')).toBe(true);
  });
});

describe('retrieval quality on the development set (offline, PGlite)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    await loadKnowledge(db);
  });
  afterAll(() => db?.close());

  it('has enough questions, as the issue asks: >= 80 in scope, >= 15 out of scope', () => {
    expect(evalSet.filter((c) => c.expect.length > 0).length).toBeGreaterThanOrEqual(80);
    expect(evalSet.filter((c) => c.expect.length === 0).length).toBeGreaterThanOrEqual(15);
  });

  it('finds the right article in the top 5 for >= 90% and refuses >= 90% of out-of-scope questions', async () => {
    const lexicons = new LexiconCache(db);
    const report = await evaluateRetrieval(evalSet, 5, async (question) => {
      const r = await searchPassages(db, lexicons, normalizeQuestion(question), defaultSearchOptions);
      return { grounded: r.grounded && r.hits.length > 0, citations: r.hits.map(toCitation) };
    });
    expect(report.recallAtK).toBeGreaterThanOrEqual(0.9);
    expect(report.refusalRate).toBeGreaterThanOrEqual(0.9);
  });
});
