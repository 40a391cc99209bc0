import type { Database } from '../db/database.js';
import { citablePassagesSql, correctSpelling, type Lexicon, type LexiconCache } from './lexicon.js';
import { colloquialVariants, type NormalizedQuestion } from './normalize-question.js';
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
  /** The weight of the question's words this passage contains (idf sum). */
  matchedWeight?: number;
  /** How many of the question's distinctive words (not found nearly everywhere) this passage contains. */
  distinctive?: number;
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
  /**
   * The relevance gate: the best passage must hold `minCoverage` of the question's weight and at
   * least `minDistinctive` distinctive words, or `strongCoverage` on its own (one-topic questions
   * such as "apa itu LHKPN"). Tuned on bench/eval/dev.jsonl; see the README for the figures.
   */
  minCoverage: number;
  minDistinctive: number;
  strongCoverage: number;
  /** Cosine similarity above which a passage counts as relevant even without shared words. */
  minSimilarity: number;
  /** How much a word the knowledge base never uses weighs, as a share of the rarest word's weight. */
  unknownWeight: number;
  embedder?: Embedder;
}

export const defaultSearchOptions: SearchOptions = {
  k: 5,
  minCoverage: 0.42,
  minDistinctive: 2,
  strongCoverage: 0.63,
  minSimilarity: 0.8,
  unknownWeight: 0.5,
};

interface WeightedConcept {
  tsquery?: string;
  /** The same alternatives as lexeme lists, for matching in JS. */
  alternatives: string[][];
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
  const concepts = await weighConcepts(db, lexicon, question, options.unknownWeight);
  const lexical = preferDayRanges(await lexicalSearch(db, lexicon, concepts), question.days);
  const vector = options.embedder && db.hasVector ? await vectorSearch(db, options.embedder, question.text) : [];

  const byId = new Map<number, PassageHit>();
  for (const hit of [...lexical, ...vector]) {
    const known = byId.get(hit.id);
    byId.set(hit.id, known ? { ...known, similarity: hit.similarity ?? known.similarity } : hit);
  }
  // Fused scores replace both scales (coverage, cosine) so that later comparisons stay fair.
  const hits =
    vector.length > 0
      ? fuseRankings([lexical.map((h) => h.id), vector.map((h) => h.id)])
          .slice(0, options.k)
          .map(({ item, score }) => ({ ...byId.get(item)!, score }))
      : lexical.slice(0, options.k);
  const bestCoverage = Math.max(0, ...lexical.map((h) => h.coverage));
  const bestSimilarity = Math.max(0, ...vector.map((h) => h.similarity ?? 0));
  const relevant = lexical.some(
    (h) =>
      h.coverage >= options.strongCoverage ||
      (h.coverage >= options.minCoverage && (h.distinctive ?? 0) >= options.minDistinctive),
  );
  return { hits, grounded: relevant || bestSimilarity >= options.minSimilarity, bestCoverage };
}

/** Stems each concept's words as the index does, fixes typos and slang, and weighs it by rarity (BM25 idf). */
async function weighConcepts(
  db: Database,
  lexicon: Lexicon,
  question: NormalizedQuestion,
  unknownWeight: number,
): Promise<WeightedConcept[]> {
  const words = [...new Set(question.concepts.flatMap((c) => c.alternatives.flat()))];
  const variants = new Map(words.map((w) => [w, colloquialVariants(w)]));
  const stems = await db.prisma.$queryRawUnsafe<{ w: string; lexemes: string[] }[]>(
    `SELECT w, coalesce((SELECT array_agg(lexeme) FROM unnest(to_tsvector('indonesian', w))), '{}') AS lexemes
     FROM unnest($1::text[]) AS w`,
    [...new Set([...words, ...[...variants.values()].flat()])],
  );
  const stemOf = new Map(stems.map((s) => [s.w, s.lexemes]));
  const known = (lexemes: string[] | undefined) =>
    lexemes && lexemes.length > 0 && lexemes.every((l) => lexicon.documentFrequency.has(l)) ? lexemes : undefined;
  /** The word's lexemes as the index knows them: as typed, as a colloquial variant, or corrected. */
  const resolve = (word: string): string[] | undefined => {
    if (lexicon.documentFrequency.has(word)) return [word];
    const own = stemOf.get(word) ?? [];
    const direct =
      known(own) ??
      variants
        .get(word)
        ?.map((v) => known(stemOf.get(v)))
        .find(Boolean);
    if (direct) return direct;
    const corrected = own.map((l) => (lexicon.documentFrequency.has(l) ? l : correctSpelling(lexicon, l)));
    return corrected.length > 0 && corrected.every(Boolean) ? (corrected as string[]) : undefined;
  };
  const n = lexicon.passages;
  const idf = (frequency: number) => Math.max(0.05, Math.log(1 + (n - frequency + 0.5) / (frequency + 0.5)));
  return question.concepts.map((concept) => {
    const alternatives: { lexemes: string[]; frequency: number }[] = [];
    for (const alternative of expandNumberPrefixes(lexicon, concept.alternatives)) {
      const resolved = alternative.map(resolve);
      if (resolved.some((r) => !r)) continue;
      const lexemes = resolved.flat() as string[];
      const frequency = Math.min(...lexemes.map((l) => lexicon.documentFrequency.get(l) ?? 0));
      alternatives.push({ lexemes, frequency });
    }
    if (alternatives.length === 0) {
      // A word the knowledge base never uses still counts, a little: it hints the question is elsewhere.
      return { alternatives: [], weight: idf(0) * unknownWeight, frequency: 0 };
    }
    const frequency = Math.max(...alternatives.map((a) => a.frequency));
    const tsquery = alternatives.map((a) => `(${a.lexemes.map(quoteLexeme).join(' & ')})`).join(' | ');
    return { tsquery, alternatives: alternatives.map((a) => a.lexemes), weight: idf(frequency), frequency };
  });
}

/** `94/*` (from "PP 94") -> one alternative per regulation number the index holds: 94/2021, ... */
function expandNumberPrefixes(lexicon: Lexicon, alternatives: string[][]): string[][] {
  return alternatives.flatMap((alternative) => {
    const prefix = alternative.length === 1 && alternative[0]!.endsWith('/*') ? alternative[0]!.slice(0, -1) : undefined;
    if (!prefix) return [alternative];
    return (lexicon.byInitial.get(prefix[0]!) ?? []).filter((w) => w.startsWith(prefix)).map((w) => [w]);
  });
}

function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** How many passages the cheap first stage hands to the precise second one. */
const shortlistSize = 150;
/** A bound on the first stage's work for any one word, whatever the size of the knowledge base. */
const maxPostingsPerWord = 2_000;

interface ShortlistRow {
  id: number;
  source: string;
  title: string;
  regulation: string | null;
  section: string;
  path: string;
  text: string;
  lexemes: string[];
  heading: string[];
}

/**
 * Two stages, so that cost follows the shortlist and not the size of the knowledge base:
 * 1. the GIN index lists the passages holding each selective word; summing the words' weights
 *    per passage gives a shortlist;
 * 2. the shortlist's lexemes are read once and every word of the question is weighed in JS.
 */
async function lexicalSearch(db: Database, lexicon: Lexicon, concepts: WeightedConcept[]): Promise<PassageHit[]> {
  const searchable = concepts.filter((c) => c.tsquery);
  if (searchable.length === 0) return [];
  // Words in many passages select nearly everything; they still count in the second stage.
  const selectiveLimit = Math.max(shortlistSize, lexicon.passages * 0.02);
  const selective = searchable.filter((c) => c.frequency <= selectiveLimit);
  // Only common words: the passages holding all of them (the index intersects cheaply).
  const selectors = selective.length
    ? selective
    : [{ ...searchable[0]!, tsquery: searchable.map((c) => `(${c.tsquery})`).join(' & '), weight: 1 }];
  // Unpublished and revoked passages are dropped in the second stage; here only the index works.
  const postings = await db.prisma.$queryRawUnsafe<{ i: number; id: number }[]>(
    `SELECT u.i::int AS i, c.id FROM unnest($1::text[]) WITH ORDINALITY AS u(q, i)
     CROSS JOIN LATERAL (SELECT p.id FROM passage p WHERE p.tsv @@ u.q::tsquery LIMIT $2) AS c`,
    selectors.map((c) => c.tsquery),
    maxPostingsPerWord,
  );
  const firstStage = new Map<number, number>();
  for (const { i, id } of postings) firstStage.set(id, (firstStage.get(id) ?? 0) + selectors[i - 1]!.weight);
  const shortlist = [...firstStage.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, shortlistSize)
    .map(([id]) => id);
  if (shortlist.length === 0) return [];

  const rows = await db.prisma.$queryRawUnsafe<ShortlistRow[]>(
    `SELECT p.id, d.source, d.title, d.regulation, p.section, p.path, p.text,
            tsvector_to_array(p.tsv) AS lexemes, tsvector_to_array(ts_filter(p.tsv, '{a}')) AS heading
     FROM ${citablePassagesSql} WHERE p.id = ANY($1::int[])`,
    shortlist,
  );
  const totalWeight = concepts.reduce((sum, c) => sum + c.weight, 0);
  // Distinctive: in at most a quarter of the passages (at least one, for a tiny knowledge base).
  const distinctiveLimit = Math.max(1, lexicon.passages * 0.25);
  return rows
    .map(({ lexemes, heading, ...passage }) => {
      const body = new Set(lexemes);
      const title = new Set(heading);
      let matched = 0;
      let distinctive = 0;
      let inHeading = 0;
      for (const c of searchable) {
        if (!c.alternatives.some((alt) => alt.every((l) => body.has(l)))) continue;
        matched += c.weight;
        if (c.frequency <= distinctiveLimit) distinctive++;
        if (c.alternatives.some((alt) => alt.every((l) => title.has(l)))) inHeading += c.weight;
      }
      const coverage = matched / totalWeight;
      // A word in the article's heading or title says more than one in its body.
      return { ...passage, coverage, matchedWeight: matched, distinctive, score: coverage + 0.05 * (inHeading / totalWeight) };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, 40);
}

/**
 * "bolos 5 hari": among passages about absence, the one whose range holds 5 days ("4 sampai
 * dengan 6 hari") answers it, so it moves ahead of its neighbours with other ranges.
 */
export function preferDayRanges(hits: PassageHit[], days: number[]): PassageHit[] {
  if (days.length === 0) return hits;
  const bonus = 0.1;
  return hits
    .map((h) =>
      daysInRanges(h.text).some(([lo, hi]) => days.some((d) => d >= lo && d <= hi)) ? { ...h, score: h.score + bonus } : h,
    )
    .sort((a, b) => b.score - a.score);
}

/** `3 hari`, `4-6 hari`, `7 sampai dengan 10 hari`, `28 hari atau lebih` as [from, to] ranges. */
export function daysInRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const pattern =
    /(\d{1,3})\s*(?:(?:-|–|sampai(?:\s+dengan)?|s\.?\s?d\.?|hingga)\s*(\d{1,3})\s*)?hari(\s+(?:kerja\s+)?(?:atau\s+lebih|lebih))?/gi;
  for (const m of text.matchAll(pattern)) {
    const lo = Number(m[1]);
    const hi = m[2] ? Number(m[2]) : m[3] ? Infinity : lo;
    ranges.push([lo, hi]);
  }
  return ranges;
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
