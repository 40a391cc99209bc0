/**
 * The peer baseline of `npm run eval`: what a generic RAG tutorial retrieves with. Fixed
 * 1,000-character chunks with 200 characters of overlap, plain BM25 (k1 1.2, b 0.75) over
 * lowercase words split on anything that is not a letter or a digit: no stemming, no stop words,
 * no synonyms, no structure. Everything in memory, in TypeScript.
 */

/** A word of a text and where it sits (character offsets, end exclusive). */
export interface Word {
  word: string;
  start: number;
  end: number;
}

/** Lowercase runs of letters and digits, with their offsets: the baseline's only analysis. */
export function words(text: string): Word[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({
    word: m[0].toLowerCase(),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** The words of a text, lowercase, split on non-letters/digits. */
export function tokenize(text: string): string[] {
  return words(text).map((w) => w.word);
}

export interface Chunk {
  start: number;
  end: number;
  text: string;
}

/**
 * Fixed windows of `size` characters, each starting `size - overlap` after the previous one; the
 * last one ends at the end of the text. A word cut at a window's edge is whole in the next one,
 * since the overlap is longer than any word.
 */
export function chunkText(text: string, size = 1_000, overlap = 200): Chunk[] {
  if (overlap >= size) throw new Error('overlap must be smaller than the chunk size');
  const chunks: Chunk[] = [];
  for (let start = 0; start < text.length; start += size - overlap) {
    const end = Math.min(text.length, start + size);
    chunks.push({ start, end, text: text.slice(start, end) });
    if (end === text.length) break;
  }
  return chunks;
}

export interface Bm25Parameters {
  k1: number;
  b: number;
}

export const bm25Defaults: Bm25Parameters = { k1: 1.2, b: 0.75 };

/**
 * Okapi BM25 over token lists. The idf is Lucene's, ln(1 + (N - n + 0.5) / (n + 0.5)), which
 * never goes negative; each token of the query adds its term, so a word asked twice counts twice
 * (as rank_bm25 and a bag-of-words Lucene query do).
 */
export class Bm25Index<T> {
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();
  private readonly lengths: number[];
  private readonly averageLength: number;

  constructor(
    private readonly documents: { tokens: string[]; item: T }[],
    private readonly parameters: Bm25Parameters = bm25Defaults,
  ) {
    this.lengths = documents.map((d) => d.tokens.length);
    this.averageLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, documents.length);
    documents.forEach((d, doc) => {
      const counts = new Map<string, number>();
      for (const t of d.tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [term, tf] of counts) {
        const list = this.postings.get(term) ?? [];
        list.push({ doc, tf });
        this.postings.set(term, list);
      }
    });
  }

  get size(): number {
    return this.documents.length;
  }

  /** ln(1 + (N - n + 0.5) / (n + 0.5)) for a term in n of the N documents. */
  idf(term: string): number {
    const n = this.postings.get(term)?.length ?? 0;
    const total = this.documents.length;
    return Math.log(1 + (total - n + 0.5) / (n + 0.5));
  }

  /** Every document's score for the query (0 for a document holding none of its words). */
  scores(queryTokens: string[]): number[] {
    const { k1, b } = this.parameters;
    const scores = new Array<number>(this.documents.length).fill(0);
    for (const term of queryTokens) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (const { doc, tf } of list) {
        const norm = k1 * (1 - b + (b * this.lengths[doc]!) / this.averageLength);
        scores[doc]! += (idf * tf * (k1 + 1)) / (tf + norm);
      }
    }
    return scores;
  }

  /** The `depth` best documents with a score above 0, best first; ties keep the documents' order. */
  search(queryTokens: string[], depth: number): { item: T; score: number }[] {
    return this.scores(queryTokens)
      .map((score, doc) => ({ score, doc }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.doc - b.doc)
      .slice(0, depth)
      .map(({ score, doc }) => ({ item: this.documents[doc]!.item, score }));
  }
}
