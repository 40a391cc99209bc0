import { z } from 'zod';
import type { GateFeatures } from './relevance-gate.js';

export const evalLineSchema = z.object({
  question: z.string().min(1),
  expect: z.array(z.object({ source: z.string().min(1), section: z.string().optional() })),
  /** `revoked`, `about-revoked`: the answer lies in (or is about) a revoked regulation (bench/eval/corpus/README.md). */
  note: z.string().optional(),
  /** `slang`, `formal`, `english`, `oos`: how the question is worded, for splitting the figures. */
  kind: z.string().optional(),
});
export type EvalCase = z.infer<typeof evalLineSchema>;

export interface RetrievedForEval {
  grounded: boolean;
  citations: { source: string; section: string }[];
  /** What the relevance gate saw (the product only), for fitting it on a development split. */
  gate?: GateFeatures;
  /** Refused by a rule before the gate (an amount asked for, none stated): no point for fitting it. */
  ruledOut?: boolean;
}

export interface EvalMiss {
  question: string;
  expected: EvalCase['expect'];
  got: string[];
  grounded: boolean;
}

/** The depths every evaluation reports, whatever its headline k. */
export const reportedDepths = [1, 3, 5, 10] as const;
/** MRR is computed over this many citations. */
export const mrrDepth = 10;

/** Recall at each reported depth, MRR@10 and the refusal figures of a set of judged questions. */
export interface RetrievalFigures {
  questions: number;
  inScope: number;
  outOfScope: number;
  /** Share of in-scope questions with a right citation in the top k, for k in `reportedDepths`; a refusal finds nothing. */
  recallAt: Record<number, number>;
  mrrAt10: number;
  /** recall@5 had the retriever never refused: how much of the loss is the gate, how much the ranking. */
  recallAt5Ungated: number;
  /** Share of in-scope questions that came back grounded (not refused). */
  answeredRate: number;
  /** Share of out-of-scope questions correctly refused. */
  refusalRate: number;
}

export interface EvalReport extends RetrievalFigures {
  k: number;
  recallAtK: number;
  /** Mean reciprocal rank within the top k. */
  mrr: number;
  misses: EvalMiss[];
}

/** What one question got: whether it was answered, and where its first right citation ranked. */
export interface CaseOutcome {
  case: EvalCase;
  grounded: boolean;
  /** 1-based rank of the first right citation when the answer was grounded; undefined when none or refused. */
  rank?: number;
  /** The same rank had the retriever not refused. */
  rankUngated?: number;
  /** The top citations as `source section`. */
  got: string[];
}

/**
 * The eval contract's article match: the same article number. `Pasal 1` matches `Pasal 1 ayat (2)`,
 * `pasal 1` and `Pasal 1 angka 5` (either way round: a label may name a definition the product
 * cites as the whole article), never `Pasal 10`. The elucidation of an article names that article:
 * `Penjelasan Pasal 5` matches `Pasal 5` (bench/eval/corpus labels an answer found only in the
 * Penjelasan with the article it explains). Sections that are not a Pasal (`Angka 4`, `Diktum
 * KESATU`) match themselves and their parts.
 */
export function sameArticle(citationSection: string, expectedSection: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const c = norm(citationSection);
  const e = norm(expectedSection);
  const article = (s: string) => /^(?:penjelasan )?(pasal \d+)(?![0-9a-z])/.exec(s)?.[1];
  const [ca, ea] = [article(c), article(e)];
  if (ca && ea) return ca === ea;
  return c === e || (c.startsWith(e) && !/[0-9a-z]/.test(c.charAt(e.length)));
}

/** The eval contract's match: the citation's source contains the expected one, and the article is the same. */
export function matchesExpected(citation: { source: string; section: string }, expected: EvalCase['expect'][number]): boolean {
  return citation.source.includes(expected.source) && (!expected.section || sameArticle(citation.section, expected.section));
}

/** Parses a JSONL evaluation set; a bad line is an error naming its line number. */
export function parseEvalSet(jsonl: string): EvalCase[] {
  return jsonl.split('\n').flatMap((line, i) => {
    if (!line.trim()) return [];
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`baris ${i + 1}: bukan JSON yang valid`);
    }
    const parsed = evalLineSchema.safeParse(value);
    if (!parsed.success)
      throw new Error(`baris ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
    return [parsed.data];
  });
}

/** Judges one question's retrieval over its top `depth` citations. */
export function judgeCase(c: EvalCase, r: RetrievedForEval, depth: number = mrrDepth): CaseOutcome {
  const top = r.citations.slice(0, depth);
  const index = c.expect.length ? top.findIndex((x) => c.expect.some((e) => matchesExpected(x, e))) : -1;
  const rankUngated = index >= 0 ? index + 1 : undefined;
  return {
    case: c,
    grounded: r.grounded,
    ...(r.grounded && rankUngated ? { rank: rankUngated } : {}),
    ...(rankUngated ? { rankUngated } : {}),
    got: top.map((x) => `${x.source} ${x.section}`),
  };
}

/** Aggregates judged questions; a share of nothing counts as 1, as `asn eval` always reported it. */
export function summarizeOutcomes(outcomes: CaseOutcome[]): RetrievalFigures {
  const inScope = outcomes.filter((o) => o.case.expect.length > 0);
  const outOfScope = outcomes.filter((o) => o.case.expect.length === 0);
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  const within = (rank: number | undefined, k: number) => rank !== undefined && rank <= k;
  const recallAt: Record<number, number> = {};
  for (const k of reportedDepths) recallAt[k] = ratio(inScope.filter((o) => within(o.rank, k)).length, inScope.length);
  const reciprocal = inScope.reduce((sum, o) => sum + (within(o.rank, mrrDepth) ? 1 / o.rank! : 0), 0);
  return {
    questions: outcomes.length,
    inScope: inScope.length,
    outOfScope: outOfScope.length,
    recallAt,
    mrrAt10: ratio(reciprocal, inScope.length),
    recallAt5Ungated: ratio(inScope.filter((o) => within(o.rankUngated, 5)).length, inScope.length),
    answeredRate: ratio(inScope.filter((o) => o.grounded).length, inScope.length),
    refusalRate: ratio(outOfScope.filter((o) => !o.grounded).length, outOfScope.length),
  };
}

/**
 * Runs every case through `retrieve` and scores the top-k citations (DESIGN.md's eval contract),
 * plus recall at 1, 3, 5 and 10 and MRR@10 whatever k is; `retrieve` should return at least
 * max(k, 10) citations when it has them.
 */
export async function evaluateRetrieval(
  cases: EvalCase[],
  k: number,
  retrieve: (question: string) => Promise<RetrievedForEval>,
  onProgress?: (done: number, total: number) => void,
): Promise<EvalReport> {
  const outcomes: CaseOutcome[] = [];
  const atK: CaseOutcome[] = [];
  for (const [i, c] of cases.entries()) {
    const r = await retrieve(c.question);
    outcomes.push(judgeCase(c, r, Math.max(k, mrrDepth)));
    atK.push(judgeCase(c, r, k));
    onProgress?.(i + 1, cases.length);
  }
  const figures = summarizeOutcomes(outcomes);
  const inScopeAtK = atK.filter((o) => o.case.expect.length > 0);
  const ratio = (a: number) => (inScopeAtK.length === 0 ? 1 : a / inScopeAtK.length);
  const misses = atK
    .filter((o) => (o.case.expect.length === 0 ? o.grounded : o.rank === undefined))
    .map((o) => ({ question: o.case.question, expected: o.case.expect, got: o.got, grounded: o.grounded }));
  return {
    k,
    ...figures,
    recallAtK: ratio(inScopeAtK.filter((o) => o.rank !== undefined).length),
    mrr: ratio(inScopeAtK.reduce((sum, o) => sum + (o.rank ? 1 / o.rank : 0), 0)),
    misses,
  };
}
