import type { Database } from '../db/database.js';
import { toCitation } from './compose-extractive.js';
import type { RetrievedForEval } from './evaluate-retrieval.js';
import type { LexiconCache } from './lexicon.js';
import { normalizeQuestion } from './normalize-question.js';
import { defaultSearchOptions, searchPassages, type Embedder } from './search-passages.js';

/**
 * The product's retrieval as `asn eval` and `npm run eval` measure it: the question normalised,
 * the default search options, the top `depth` passages as citations, grounded when the relevance
 * gate passed and something was found. One home, so that both tools measure the same thing.
 */
export function productRetriever(
  db: Database,
  lexicons: LexiconCache,
  options: { depth: number; embedder?: Embedder },
): (question: string) => Promise<RetrievedForEval> {
  return async (question) => {
    const result = await searchPassages(db, lexicons, normalizeQuestion(question), {
      ...defaultSearchOptions,
      k: options.depth,
      embedder: options.embedder,
    });
    return {
      grounded: result.grounded && result.hits.length > 0,
      citations: result.hits.map(toCitation),
      ...(result.gate ? { gate: result.gate } : {}),
      ...(result.amountMissing ? { ruledOut: true } : {}),
    };
  };
}
