import { citedArticle, type ArticleSpan } from './article-spans.js';
import { Bm25Index, chunkText, tokenize } from './bm25-baseline.js';

/** A document as the baseline gets it: the extracted text HR's file gave, and where its articles lie. */
export interface BaselineDocument {
  source: string;
  text: string;
  spans: ArticleSpan[];
}

export interface BaselineCitation {
  source: string;
  /** The article the chunk overlaps most, or `(tanpa pasal)` for a chunk outside every article. */
  section: string;
}

export interface BaselineResult {
  topScore: number;
  citations: BaselineCitation[];
}

/** What a chunk outside every article cites: it can never match a label. */
export const noArticle = '(tanpa pasal)';

/** The generic RAG retriever: every document cut into fixed chunks, one BM25 index over all of them. */
export interface BaselineRetriever {
  chunks: number;
  search(question: string, depth: number): BaselineResult;
}

/** Chunks every document, maps each chunk to its article once, and indexes the chunks with BM25. */
export function buildBaseline(documents: BaselineDocument[]): BaselineRetriever {
  const entries = documents.flatMap((d) =>
    chunkText(d.text).map((chunk) => ({
      tokens: tokenize(chunk.text),
      item: { source: d.source, section: citedArticle(d.spans, chunk.start, chunk.end) ?? noArticle },
    })),
  );
  const index = new Bm25Index(entries);
  return {
    chunks: index.size,
    search(question, depth) {
      const hits = index.search(tokenize(question), depth);
      return { topScore: hits[0]?.score ?? 0, citations: hits.map((h) => h.item) };
    },
  };
}
