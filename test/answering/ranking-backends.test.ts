/**
 * The ranking is computed in SQL and JS from PostgreSQL's own full-text index, so a PostgreSQL
 * server ranks exactly as the embedded PGlite does: the same questions give the same citations in
 * the same order, and the same relevance decision, on both.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEvalSet } from '../../src/answering/evaluate-retrieval.js';
import { LexiconCache } from '../../src/answering/lexicon.js';
import { productRetriever } from '../../src/answering/search-for-eval.js';
import type { Database } from '../../src/db/database.js';
import { loadKnowledge } from '../helpers/knowledge.js';
import { openTestDatabase } from '../helpers/test-database.js';

const devSet = fileURLToPath(new URL('../../bench/eval/dev.jsonl', import.meta.url));
const questions = parseEvalSet(readFileSync(devSet, 'utf8'))
  .filter((_, i) => i % 4 === 0)
  .map((c) => c.question);

describe.skipIf(!process.env.TEST_DATABASE_URL)('BM25F on PGlite and on a PostgreSQL server', () => {
  const dbs: Database[] = [];
  beforeAll(async () => {
    dbs.push(await openTestDatabase('pglite'), await openTestDatabase('postgres'));
    for (const db of dbs) await loadKnowledge(db);
  });
  afterAll(async () => {
    for (const db of dbs) await db.close();
  });

  it(`cites the same articles in the same order for ${questions.length} questions`, async () => {
    const [embedded, server] = dbs.map((db) => productRetriever(db, new LexiconCache(db), { depth: 10 }));
    for (const q of questions) {
      const [a, b] = await Promise.all([embedded!(q), server!(q)]);
      const label = (r: typeof a) => r.citations.map((c) => `${c.source} ${c.section}`);
      expect(label(b), q).toEqual(label(a));
      expect(b.grounded, q).toBe(a.grounded);
      expect(b.gate?.coverage ?? 0).toBeCloseTo(a.gate?.coverage ?? 0, 6);
    }
  });
});
