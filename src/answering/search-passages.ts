import type { Database } from '../db/database.js';
import { citablePassagesSql, correctSpelling, type Lexicon, type LexiconCache } from './lexicon.js';
import { colloquialVariants, type NormalizedQuestion } from './normalize-question.js';
import { fuseRankings } from './fuse-rankings.js';
import { gateProbability, type GateFeatures, type GateModel } from './relevance-gate.js';
import { relevanceGateModel } from './relevance-gate-model.js';
import type { Reranker } from './rerank.js';

export interface PassageHit {
  id: number;
  source: string;
  title: string;
  regulation: string | null;
  section: string;
  path: string;
  text: string;
  /** The article's official elucidation, when the document has one. */
  elucidation?: string;
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
  /** What the relevance gate saw, and its probability that the passages answer the question. */
  gate?: GateFeatures & { probability: number };
  /** An amount of money was asked for and no passage found states one (refused for that). */
  amountMissing?: boolean;
  /** Whether the reranker (when configured) reordered the passages, or failed and left them. */
  reranked?: 'reordered' | { failed: string };
}

/** Turns a text into an embedding vector (an OpenAI-compatible model). */
export interface Embedder {
  model: string;
  embedQuery(text: string): Promise<number[]>;
}

export interface SearchOptions {
  k: number;
  /** The relevance gate (fitted on the development splits; see relevance-gate.ts). */
  gate: GateModel;
  /** Cosine similarity above which a passage counts as relevant even without shared words. */
  minSimilarity: number;
  /** How much a word the knowledge base never uses weighs, as a share of the rarest word's weight. */
  unknownWeight: number;
  embedder?: Embedder;
  /** A second opinion on the order of the best passages (RERANK); off by default. */
  reranker?: Reranker;
}

export const defaultSearchOptions: SearchOptions = {
  k: 5,
  gate: relevanceGateModel,
  minSimilarity: 0.8,
  unknownWeight: 0.5,
};

interface WeightedAlternative {
  lexemes: string[];
  /** BM25 idf of the alternative (its rarest word's). */
  idf: number;
  /** 1 for the question's own word; less for an expansion (a synonym, the regulations' phrase). */
  factor: number;
  /** Found only by correcting a word's spelling. */
  guessed: boolean;
  frequency: number;
}

interface WeightedConcept {
  tsquery?: string;
  alternatives: WeightedAlternative[];
  /** The concept's weight in the question: the asked word's idf (an expansion's, discounted, if it is unknown). */
  weight: number;
  frequency: number;
  /** Found only by correcting its spelling. */
  corrected: boolean;
}

/**
 * The ranking's parameters, chosen on the development splits (corpus/dev.jsonl, dev.jsonl) and
 * reported on the test splits; one object, so that a tuning run can try others.
 */
export const ranking = {
  /** BM25's term-frequency saturation. */
  k1: 1.2,
  /**
   * BM25F per field (weight A: heading and path, B: body, C: elucidation): how much an occurrence
   * counts and how strongly a long field is discounted.
   */
  fields: {
    a: { weight: 2.5, b: 0.4 },
    b: { weight: 1, b: 0.5 },
    c: { weight: 1, b: 0.75 },
  },
  /** How much an expansion counts beside the word the employee typed (weighted, never a replacement). */
  expansionFactor: 0.7,
  /** How much a word found only by correcting its spelling counts. */
  correctionFactor: 0.6,
  /** How much a definition (`Pasal 1 angka N`) is preferred when the question asks what something is. */
  definitionBonus: 1.5,
  /** How much a passage whose day range holds the question's number of days is preferred. */
  dayRangeBonus: 1.15,
  /** How much a passage naming a time (a month, "paling lambat") is preferred for "kapan". */
  timeBonus: 1.15,
};

/**
 * Finds the passages that answer a question: BM25F over the article's fields (heading and path,
 * body, elucidation) from PostgreSQL's `indonesian` full-text index, fused with pgvector
 * similarity when an embeddings model is configured and the database has pgvector.
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
  const lexical = preferTimes(
    preferDefinitions(preferDayRanges(await lexicalSearch(db, lexicon, concepts), question.days), question),
    question,
  );
  const vector = options.embedder && db.hasVector ? await vectorSearch(db, options.embedder, question.text) : [];

  const byId = new Map<number, PassageHit>();
  for (const hit of [...lexical, ...vector]) {
    const known = byId.get(hit.id);
    byId.set(hit.id, known ? { ...known, similarity: hit.similarity ?? known.similarity } : hit);
  }
  // Fused scores replace both scales (BM25F, cosine) so that later comparisons stay fair.
  const ranked =
    vector.length > 0
      ? fuseRankings([lexical.map((h) => h.id), vector.map((h) => h.id)]).map(({ item, score }) => ({
          ...byId.get(item)!,
          score,
        }))
      : lexical;
  const { hits: reordered, reranked } = await rerank(options.reranker, question.asked ?? question.text, ranked);
  const hits = reordered.slice(0, options.k);
  const bestCoverage = Math.max(0, ...lexical.slice(0, 10).map((h) => h.coverage));
  const bestSimilarity = Math.max(0, ...vector.map((h) => h.similarity ?? 0));
  const features = gateFeatures(lexical, concepts);
  const probability = features ? gateProbability(features, options.gate) : 0;
  const relevant = probability >= options.gate.threshold;
  // An amount asked for and none stated: the passages are about the subject, not the answer.
  const amountMissing = question.asksAmount === true && !hits.some((h) => statesAmount(`${h.text} ${h.elucidation ?? ''}`));
  return {
    hits,
    grounded: (relevant || bestSimilarity >= options.minSimilarity) && !amountMissing,
    ...(amountMissing ? { amountMissing } : {}),
    bestCoverage,
    ...(reranked ? { reranked } : {}),
    ...(features ? { gate: { ...features, probability } } : {}),
  };
}

/** The relevance gate's view of a search: how much of the question its best passages hold. */
function gateFeatures(lexical: PassageHit[], concepts: WeightedConcept[]): GateFeatures | undefined {
  const top = lexical[0];
  if (!top) return undefined;
  const total = concepts.reduce((sum, c) => sum + c.weight, 0) || 1;
  // A word found only by guessing its spelling is half unknown.
  const unknown = concepts.reduce((sum, c) => sum + (!c.tsquery ? c.weight : c.corrected ? c.weight / 2 : 0), 0);
  return {
    coverage: top.coverage,
    knownCoverage: Math.min(1, (top.matchedWeight ?? 0) / (total - unknown || 1)),
    distinctive: Math.min(4, top.distinctive ?? 0) / 4,
    unknownShare: unknown / total,
    brevity: 1 / Math.max(1, concepts.length),
  };
}

/**
 * The reranker's order for the best `depth` passages, the scores handed down so that passages
 * quoted together stay close; on failure the order stays as it was. Reranked passages carry the
 * best scores in their new order, so that "within 85% of the best" keeps its meaning.
 */
async function rerank(
  reranker: Reranker | undefined,
  question: string,
  ranked: PassageHit[],
): Promise<{ hits: PassageHit[]; reranked?: SearchResult['reranked'] }> {
  if (!reranker || ranked.length < 2) return { hits: ranked };
  const head = ranked.slice(0, reranker.depth);
  try {
    const order = await reranker.rerank(
      question,
      head.map((h) => ({
        label: `${h.regulation ?? h.title} ${h.section}`,
        text: h.elucidation ? `${h.text}\n${h.elucidation}` : h.text,
      })),
    );
    const scores = head.map((h) => h.score).sort((a, b) => b - a);
    const reordered = order.map((i, rank) => ({ ...head[i]!, score: scores[rank]! }));
    return { hits: [...reordered, ...ranked.slice(head.length)], reranked: 'reordered' };
  } catch (error) {
    return { hits: ranked, reranked: { failed: (error as Error).name } };
  }
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
  const resolve = (word: string): { lexemes: string[]; corrected: boolean } | undefined => {
    const own = stemOf.get(word) ?? [];
    // The stem first, as the index stems text: the word as typed may be a rare unstemmed token
    // ("disiplin" twice, in OCR debris) where its stem ("siplin") is in every discipline article.
    const direct =
      known(own) ??
      (lexicon.documentFrequency.has(word) ? [word] : undefined) ??
      variants
        .get(word)
        ?.map((v) => known(stemOf.get(v)))
        .find(Boolean);
    if (direct) return { lexemes: direct, corrected: false };
    const corrected = own.map((l) => (lexicon.documentFrequency.has(l) ? l : correctSpelling(lexicon, l)));
    return corrected.length > 0 && corrected.every(Boolean) ? { lexemes: corrected as string[], corrected: true } : undefined;
  };
  const n = lexicon.passages;
  const idf = (frequency: number) => Math.max(0.05, Math.log(1 + (n - frequency + 0.5) / (frequency + 0.5)));
  return question.concepts.map((concept) => {
    const alternatives: WeightedAlternative[] = [];
    const seen = new Set<string>();
    let ownWeight: number | undefined;
    let corrected = false;
    for (const [i, alternative] of expandNumberPrefixes(lexicon, concept.alternatives).entries()) {
      const resolved = alternative.map(resolve);
      if (resolved.some((r) => !r)) continue;
      const lexemes = [...new Set(resolved.flatMap((r) => r!.lexemes))];
      const key = lexemes.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      const frequency = Math.min(...lexemes.map((l) => lexicon.documentFrequency.get(l) ?? 0));
      const asked = i === 0 || concept.term.endsWith('/');
      // A guessed spelling ("piala" read as "pala") may be a word the knowledge base simply lacks.
      const guessed = resolved.some((r) => r!.corrected);
      const factor = (asked ? 1 : (concept.factor ?? ranking.expansionFactor)) * (guessed ? ranking.correctionFactor : 1);
      const alternativeIdf = idf(frequency);
      if (asked) {
        ownWeight = Math.max(ownWeight ?? 0, alternativeIdf * factor);
        corrected ||= guessed;
      }
      alternatives.push({ lexemes, frequency, idf: alternativeIdf, factor, guessed });
    }
    if (alternatives.length === 0) {
      // A regulation the knowledge base does not hold (or no longer cites: "menurut PP 53") names
      // where the question looks, not what it asks: it weighs nothing, and the answer's status
      // note says what became of it.
      if (/^\d+\/(\d{4})?$/.test(concept.term)) return { alternatives: [], weight: 0, frequency: 0, corrected: false };
      // A word the knowledge base never uses still counts, a little: it hints the question is elsewhere.
      return { alternatives: [], weight: idf(0) * unknownWeight, frequency: 0, corrected: false };
    }
    // The asked word is not in the knowledge base ("cltn", "bolos"): its expansion is what it
    // stands for, and counts as the word itself would.
    if (ownWeight === undefined) for (const a of alternatives) a.factor = a.guessed ? ranking.correctionFactor : 1;
    const frequency = Math.max(...alternatives.map((a) => a.frequency));
    const tsquery = alternatives.map((a) => `(${a.lexemes.map(quoteLexeme).join(' & ')})`).join(' | ');
    // The concept weighs what the asked word weighs; expansions add ways to match, not weight.
    const weight = ownWeight ?? Math.max(...alternatives.map((a) => a.idf * a.factor));
    return { tsquery, alternatives, weight, frequency, corrected };
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

type Field = keyof typeof ranking.fields;

/** A shortlisted passage as read for ranking: its citation fields, field lengths and the question's terms in it. */
type ShortlistRow = Pick<PassageHit, 'id' | 'source' | 'title' | 'regulation' | 'section' | 'path' | 'text'> & {
  elucidation: string;
  lengths: number[];
  terms: [string, string[]][] | null;
};

/**
 * Two stages, so that cost follows the shortlist and not the size of the knowledge base:
 * 1. the GIN index lists the passages holding each selective word; summing the words' weights
 *    per passage gives a shortlist;
 * 2. the shortlist's occurrences of the question's words are read per field from the stored
 *    tsvector and ranked with BM25F (saturated term frequency, length-normalised per field).
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

  const lexemes = [...new Set(searchable.flatMap((c) => c.alternatives.flatMap((a) => a.lexemes)))];
  const rows = await db.prisma.$queryRawUnsafe<ShortlistRow[]>(
    `SELECT p.id, d.source, d.title, d.regulation, p.section, p.path, p.text, p.elucidation,
            ARRAY[length(ts_filter(p.tsv, '{a}')), length(ts_filter(p.tsv, '{b}')), length(ts_filter(p.tsv, '{c}'))] AS lengths,
            (SELECT json_agg(json_build_array(t.lexeme, t.weights)) FROM unnest(p.tsv) AS t WHERE t.lexeme = ANY($2::text[])) AS terms
     FROM ${citablePassagesSql} WHERE p.id = ANY($1::int[])`,
    shortlist,
    lexemes,
  );
  const totalWeight = concepts.reduce((sum, c) => sum + c.weight, 0);
  // Distinctive: in at most a quarter of the passages (at least one, for a tiny knowledge base).
  const distinctiveLimit = Math.max(1, lexicon.passages * 0.25);
  const fields: Field[] = ['a', 'b', 'c'];
  return rows
    .map(({ lengths, terms, ...passage }) => {
      const norms = fields.map((f, i) => {
        const { b } = ranking.fields[f];
        const average = lexicon.averageLengths[f] || 1;
        return 1 - b + b * (Number(lengths[i] ?? 0) / average);
      });
      /** BM25F's pseudo term frequency: each field's occurrences, weighted and length-normalised. */
      const frequencyOf = new Map<string, number>();
      for (const [lexeme, weights] of terms ?? []) {
        let tf = 0;
        for (const [i, f] of fields.entries()) {
          const count = weights.filter((w) => w.toLowerCase() === f).length;
          if (count) tf += (ranking.fields[f].weight * count) / norms[i]!;
        }
        frequencyOf.set(lexeme, tf);
      }
      let score = 0;
      let matched = 0;
      let distinctive = 0;
      for (const c of searchable) {
        let best = 0;
        let present = false;
        for (const alt of c.alternatives) {
          // A phrase counts as often as its rarest word occurs (all its words must be there).
          const tf = Math.min(...alt.lexemes.map((l) => frequencyOf.get(l) ?? 0));
          if (tf <= 0) continue;
          present = true;
          best = Math.max(best, alt.factor * alt.idf * ((tf * (ranking.k1 + 1)) / (tf + ranking.k1)));
        }
        if (!present) continue;
        score += best;
        matched += c.weight;
        if (c.frequency <= distinctiveLimit) distinctive++;
      }
      return { ...passage, coverage: matched / totalWeight, matchedWeight: matched, distinctive, score };
    })
    .filter((h) => h.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 40);
}

/** An amount of money or a share stated: "Rp5.000.000", "5 juta rupiah", "80%", "7Oo/o" as OCR reads it. */
export function statesAmount(text: string): boolean {
  return /\brp\.?\s?\d|\brupiah\b|\d[o]*\s*(?:%|persen\b|o\/o)|\bper\s*seratus\b/i.test(text);
}

/** "apa itu SKP": the definitions article's entry for the term answers it, ahead of articles using it. */
export function preferDefinitions(hits: PassageHit[], question: Pick<NormalizedQuestion, 'asksDefinition'>): PassageHit[] {
  return question.asksDefinition ? boost(hits, (h) => /^Pasal 1 angka \d+$/.test(h.section), ranking.definitionBonus) : hits;
}

const timePattern =
  /\b(?:januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember|paling\s+lambat|setiap\s+tahun|akhir\s+tahun|awal\s+tahun|tanggal\s+\d)/i;

/** "SKP dinilai kapan?": among the articles about it, the one that names a time answers it. */
export function preferTimes(hits: PassageHit[], question: Pick<NormalizedQuestion, 'asksWhen'>): PassageHit[] {
  if (!question.asksWhen) return hits;
  return boost(hits, (h) => timePattern.test(`${h.path} ${h.text} ${h.elucidation ?? ''}`), ranking.timeBonus);
}

/**
 * "bolos 5 hari": among passages about absence, the one whose range holds 5 days ("4 sampai
 * dengan 6 hari") answers it, so it moves ahead of its neighbours with other ranges.
 */
export function preferDayRanges(hits: PassageHit[], days: number[]): PassageHit[] {
  if (days.length === 0) return hits;
  const holdsDay = (h: PassageHit) => daysInRanges(h.text).some(([lo, hi]) => days.some((d) => d >= lo && d <= hi));
  return boost(hits, holdsDay, ranking.dayRangeBonus);
}

/** The passages `answers` accepts weigh `factor` times more (relative: BM25F scores have no fixed scale), in order again. */
function boost(hits: PassageHit[], answers: (hit: PassageHit) => boolean, factor: number): PassageHit[] {
  return hits.map((h) => (answers(h) ? { ...h, score: h.score * factor } : h)).sort((a, b) => b.score - a.score);
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
    `SELECT p.id, d.source, d.title, d.regulation, p.section, p.path, p.text, p.elucidation,
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
