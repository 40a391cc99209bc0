import type { Database } from '../db/database.js';
import { citablePassagesSql, correctSpelling, type Lexicon, type LexiconCache } from './lexicon.js';
import type { NormalizedQuestion } from './normalize-question.js';
import { fuseRankings } from './fuse-rankings.js';

export interface PassageHit {
  id: number;
  source: string;
  title: string;
  regulation: string | null;
  section: string;
  path: string;
  text: string;
  /** Share of the question's weight (rare words weigh more) that this passage contains, 0..1. */
  coverage: number;
  /** Cosine similarity to the question when embeddings are on. */
  similarity?: number;
  score: number;
}

export interface SearchResult {
  hits: PassageHit[];
  /** Whether the best passage is relevant enough to answer from. */
  grounded: boolean;
  bestCoverage: number;
}

/** Turns a text into an embedding vector (an OpenAI-compatible model). */
export interface Embedder {
  model: string;
  embedQuery(text: string): Promise<number[]>;
}

export interface SearchOptions {
  k: number;
  /** Below this coverage the knowledge base is taken not to cover the question. */
  minCoverage: number;
  /** Cosine similarity above which a passage counts as relevant even without shared words. */
  minSimilarity: number;
  embedder?: Embedder;
}

export const defaultSearchOptions: SearchOptions = { k: 5, minCoverage: 0.5, minSimilarity: 0.8 };

interface WeightedConcept {
  tsquery?: string;
  weight: number;
  frequency: number;
}

/**
 * Finds the passages that answer a question: PostgreSQL full-text search with the `indonesian`
 * configuration, weighted by how rare each matched word is, fused with pgvector similarity when
 * an embeddings model is configured and the database has pgvector.
 */
export async function searchPassages(
  db: Database,
  lexicons: LexiconCache,
  question: NormalizedQuestion,
  options: SearchOptions = defaultSearchOptions,
): Promise<SearchResult> {
  const lexicon = await lexicons.get();
  if (lexicon.passages === 0 || question.concepts.length === 0) return { hits: [], grounded: false, bestCoverage: 0 };
  const concepts = await weighConcepts(db, lexicon, question);
  const lexical = await lexicalSearch(db, lexicon, concepts);
  const vector = options.embedder && db.hasVector ? await vectorSearch(db, options.embedder, question.text) : [];

  const byId = new Map<number, PassageHit>();
  for (const hit of [...lexical, ...vector]) {
    const known = byId.get(hit.id);
    byId.set(hit.id, known ? { ...known, similarity: hit.similarity ?? known.similarity } : hit);
  }
  const order = vector.length > 0 ? fuseRankings([lexical.map((h) => h.id), vector.map((h) => h.id)]) : lexical.map((h) => h.id);
  const hits = order.slice(0, options.k).map((id) => byId.get(id)!);
  const bestCoverage = Math.max(0, ...lexical.map((h) => h.coverage));
  const bestSimilarity = Math.max(0, ...vector.map((h) => h.similarity ?? 0));
  return {
    hits,
    grounded: bestCoverage >= options.minCoverage || bestSimilarity >= options.minSimilarity,
    bestCoverage,
  };
}

/** Stems each concept's words as the index does, fixes typos, and weighs it by rarity (BM25 idf). */
async function weighConcepts(db: Database, lexicon: Lexicon, question: NormalizedQuestion): Promise<WeightedConcept[]> {
  const words = [...new Set(question.concepts.flatMap((c) => c.alternatives.flat()))];
  const stems = await db.prisma.$queryRawUnsafe<{ w: string; lexemes: string[] }[]>(
    `SELECT w, coalesce((SELECT array_agg(lexeme) FROM unnest(to_tsvector('indonesian', w))), '{}') AS lexemes
     FROM unnest($1::text[]) AS w`,
    words,
  );
  const stemOf = new Map(stems.map((s) => [s.w, s.lexemes]));
  const n = lexicon.passages;
  return question.concepts.map((concept) => {
    const alternatives: { lexemes: string[]; frequency: number }[] = [];
    for (const alternative of concept.alternatives) {
      const lexemes: string[] = [];
      for (const word of alternative) {
        for (const lexeme of stemOf.get(word) ?? []) {
          const known = lexicon.documentFrequency.has(lexeme) ? lexeme : correctSpelling(lexicon, lexeme);
          if (known) lexemes.push(known);
          else {
            lexemes.length = 0;
            break;
          }
        }
        if (lexemes.length === 0) break;
      }
      if (lexemes.length === 0) continue;
      const frequency = Math.min(...lexemes.map((l) => lexicon.documentFrequency.get(l) ?? 0));
      alternatives.push({ lexemes, frequency });
    }
    // A word the knowledge base never uses still counts: it is evidence the question is elsewhere.
    const frequency = alternatives.length ? Math.max(...alternatives.map((a) => a.frequency)) : 0;
    const weight = Math.max(0.05, Math.log(1 + (n - frequency + 0.5) / (frequency + 0.5)));
    const tsquery = alternatives.length
      ? alternatives.map((a) => `(${a.lexemes.map(quoteLexeme).join(' & ')})`).join(' | ')
      : undefined;
    return { tsquery, weight, frequency };
  });
}

function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

interface CandidateRow {
  id: number;
  source: string;
  title: string;
  regulation: string | null;
  section: string;
  path: string;
  text: string;
  matched: number;
  rank: number;
}

async function lexicalSearch(db: Database, lexicon: Lexicon, concepts: WeightedConcept[]): Promise<PassageHit[]> {
  const searchable = concepts.filter((c) => c.tsquery);
  if (searchable.length === 0) return [];
  // Words in a quarter of all passages select nearly everything; they still count in the coverage.
  const selective = searchable.filter((c) => c.frequency <= lexicon.passages * 0.25);
  const selectors = selective.length ? selective : [searchable.reduce((a, b) => (a.frequency <= b.frequency ? a : b))];
  const candidateQuery = selectors.map((c) => `(${c.tsquery})`).join(' | ');
  const totalWeight = concepts.reduce((sum, c) => sum + c.weight, 0);
  const rows = await db.prisma.$queryRawUnsafe<CandidateRow[]>(
    `SELECT p.id, d.source, d.title, d.regulation, p.section, p.path, p.text,
            (SELECT coalesce(sum(u.w), 0) FROM unnest($2::text[], $3::float8[]) AS u(q, w) WHERE p.tsv @@ u.q::tsquery)::float8 AS matched,
            ts_rank_cd(p.tsv, $1::tsquery)::float8 AS rank
     FROM ${citablePassagesSql}
     WHERE p.tsv @@ $1::tsquery
     ORDER BY matched DESC, rank DESC
     LIMIT 40`,
    candidateQuery,
    searchable.map((c) => c.tsquery),
    searchable.map((c) => c.weight),
  );
  const maxRank = Math.max(1e-9, ...rows.map((r) => r.rank));
  return rows
    .map((r) => {
      const coverage = r.matched / totalWeight;
      const { matched: _m, rank, ...passage } = r;
      return { ...passage, coverage, score: coverage + 0.05 * (rank / maxRank) };
    })
    .sort((a, b) => b.score - a.score);
}

async function vectorSearch(db: Database, embedder: Embedder, text: string): Promise<PassageHit[]> {
  const vector = await embedder.embedQuery(text);
  const rows = await db.prisma.$queryRawUnsafe<(Omit<PassageHit, 'coverage' | 'score'> & { similarity: number })[]>(
    `SELECT p.id, d.source, d.title, d.regulation, p.section, p.path, p.text,
            (1 - (e.vector::vector <=> $1::real[]::vector))::float8 AS similarity
     FROM ${citablePassagesSql}
     JOIN passage_embedding e ON e.passage_id = p.id AND e.model = $2
     ORDER BY e.vector::vector <=> $1::real[]::vector
     LIMIT 40`,
    vector,
    embedder.model,
  );
  return rows.map((r) => ({ ...r, coverage: 0, score: r.similarity }));
}
