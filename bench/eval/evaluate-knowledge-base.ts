import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { LexiconCache } from '../../src/answering/lexicon.js';
import {
  judgeCase,
  mrrDepth,
  parseEvalSet,
  summarizeOutcomes,
  type CaseOutcome,
  type EvalCase,
  type RetrievalFigures,
  type RetrievedForEval,
} from '../../src/answering/evaluate-retrieval.js';
import type { GatePoint } from '../../src/answering/relevance-gate.js';
import { productRetriever } from '../../src/answering/search-for-eval.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { ingestPaths } from '../../src/knowledge/ingest-paths.js';
import { loadDocument } from '../../src/knowledge/load-document.js';
import { locateArticles } from './article-spans.js';
import { buildBaseline, type BaselineDocument, type BaselineResult } from './baseline-retriever.js';
import { answers, fitThreshold, type FittedThreshold } from './fit-threshold.js';

export interface EvalSetSpec {
  /** File name as printed, e.g. `dev.jsonl`. */
  name: string;
  file: string;
  /** A development split, on which the baseline's refusal threshold and the gate are fitted (at least one per knowledge base). */
  fitsThreshold?: boolean;
}

export interface KnowledgeBaseSpec {
  id: string;
  title: string;
  /** Files and folders to ingest, as HR would upload them. */
  paths: string[];
  sets: EvalSetSpec[];
}

export interface GroupFigures {
  /** `all` (every question without a note), a kind (`slang`, ...), or `note: revoked`. */
  group: string;
  product: RetrievalFigures;
  baseline: RetrievalFigures;
}

interface JudgedRetrieval {
  grounded: boolean;
  rank?: number;
  rankUngated?: number;
  got: string[];
}

export interface QuestionResult {
  question: string;
  expect: EvalCase['expect'];
  kind?: string;
  note?: string;
  product: JudgedRetrieval;
  baseline: JudgedRetrieval & { topScore: number };
}

export interface SetResult {
  name: string;
  questions: number;
  fitsThreshold: boolean;
  groups: GroupFigures[];
  results: QuestionResult[];
}

export interface KnowledgeBaseResult {
  id: string;
  title: string;
  durationMs: number;
  documents: { source: string; status: string; passages: number }[];
  failed: { path: string; message: string }[];
  chunks: number;
  /** How well the product's passages were found in the extracted text (the baseline's article rule). */
  alignment: { alignedWords: number; passageWords: number; unplaced: number };
  threshold: FittedThreshold & { fittedOn: string };
  sets: SetResult[];
  /** The development split's questions as the product's relevance gate sees them (`--fit-gate`). */
  gatePoints: GatePoint[];
}

/** The kinds reported apart, in this order; others follow sorted. */
const kindOrder = ['slang', 'formal', 'english'];

/**
 * Ingests a knowledge base into a fresh in-memory PGlite through the product's own ingestion, then
 * runs each question set through the product's retriever (as `asn eval` does) and through the BM25
 * peer baseline over the same extracted texts, and reports both side by side.
 */
export async function evaluateKnowledgeBase(
  spec: KnowledgeBaseSpec,
  onProgress: (message: string) => void = () => {},
): Promise<KnowledgeBaseResult> {
  const started = performance.now();
  const fitting = spec.sets.filter((s) => s.fitsThreshold);
  if (fitting.length === 0) throw new Error(`${spec.id}: at least one set must fit the baseline's threshold`);
  const sets = await Promise.all(spec.sets.map(async (s) => ({ ...s, cases: parseEvalSet(await readFile(s.file, 'utf8')) })));
  const db = await openDatabase({ dataDir: 'memory://' });
  try {
    onProgress(`[${spec.id}] ingesting ${spec.paths.join(', ')}`);
    const outcomes = await ingestPaths(db, spec.paths);
    const failed = outcomes.flatMap((o) => ('error' in o ? [{ path: o.path, message: o.error.userMessage }] : []));
    const baselineDocuments: BaselineDocument[] = [];
    const alignment = { alignedWords: 0, passageWords: 0, unplaced: 0 };
    for (const o of outcomes) {
      if (!('result' in o)) continue;
      const loaded = await loadDocument(basename(o.path), await readFile(o.path));
      const located = locateArticles(loaded.text, await storedPassages(db, o.result.documentId));
      alignment.alignedWords += located.alignedWords;
      alignment.passageWords += located.passageWords;
      alignment.unplaced += located.unplaced;
      baselineDocuments.push({ source: o.result.source, text: loaded.text, spans: located.spans });
    }
    const baseline = buildBaseline(baselineDocuments);
    const product = productRetriever(db, new LexiconCache(db), { depth: mrrDepth });

    const retrieved: { cases: EvalCase[]; product: RetrievedForEval[]; baseline: BaselineResult[] }[] = [];
    for (const set of sets) {
      const run = { cases: set.cases, product: [] as RetrievedForEval[], baseline: [] as BaselineResult[] };
      for (const [i, c] of set.cases.entries()) {
        run.product.push(await product(c.question));
        run.baseline.push(baseline.search(c.question, mrrDepth));
        if ((i + 1) % 50 === 0 || i + 1 === set.cases.length) onProgress(`[${spec.id}] ${set.name} ${i + 1}/${set.cases.length}`);
      }
      retrieved.push(run);
    }

    const fitted = sets.flatMap((s, i) => (s.fitsThreshold ? [{ cases: retrieved[i]!.cases, run: retrieved[i]! }] : []));
    const gatePoints = fitted.flatMap(({ cases, run }) =>
      cases.flatMap((c, i): GatePoint[] => {
        const r = run.product[i]!;
        if (c.note || !r.gate || r.ruledOut) return [];
        const judged = judgeCase(c, { grounded: true, citations: r.citations });
        return [{ features: r.gate, inScope: c.expect.length > 0, foundAt5: (judged.rank ?? Infinity) <= 5 }];
      }),
    );
    const threshold = fitBaselineThreshold(
      fitted.flatMap((f) => f.cases),
      fitted.flatMap((f) => f.run.baseline),
    );
    const fittedOn = sets
      .filter((s) => s.fitsThreshold)
      .map((s) => s.name)
      .join(' + ');
    return {
      id: spec.id,
      title: spec.title,
      durationMs: performance.now() - started,
      documents: await documentSummary(db),
      failed,
      chunks: baseline.chunks,
      alignment,
      threshold: { ...threshold, fittedOn },
      sets: sets.map((set, i) => judgeSet(set, retrieved[i]!, threshold.threshold)),
      gatePoints,
    };
  } finally {
    await db.close();
    onProgress(`[${spec.id}] done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

/** The stored passages of a document's published version, in their order. */
async function storedPassages(db: Database, documentId: number) {
  return db.prisma.passage.findMany({
    where: { version: { documentId, published: true } },
    orderBy: { ordinal: 'asc' },
    select: { section: true, text: true },
  });
}

async function documentSummary(db: Database) {
  const documents = await db.prisma.document.findMany({
    orderBy: { source: 'asc' },
    include: { versions: { where: { published: true }, include: { _count: { select: { passages: true } } } } },
  });
  return documents.map((d) => ({ source: d.source, status: d.status, passages: d.versions[0]?._count.passages ?? 0 }));
}

/** The dev questions that make the headline (no note): the threshold is fitted on what is reported. */
function fitBaselineThreshold(cases: EvalCase[], results: BaselineResult[]): FittedThreshold {
  const points = cases.flatMap((c, i) => {
    if (c.note) return [];
    const r = results[i]!;
    const judged = judgeCase(c, { grounded: true, citations: r.citations });
    return [{ topScore: r.topScore, inScope: c.expect.length > 0, foundAt5: (judged.rank ?? Infinity) <= 5 }];
  });
  return fitThreshold(points);
}

function judgeSet(
  set: EvalSetSpec & { cases: EvalCase[] },
  run: { product: RetrievedForEval[]; baseline: BaselineResult[] },
  threshold: number,
): SetResult {
  const product = set.cases.map((c, i) => judgeCase(c, run.product[i]!));
  const baseline = set.cases.map((c, i) => {
    const r = run.baseline[i]!;
    return judgeCase(c, { grounded: answers(r.topScore, threshold), citations: r.citations });
  });
  const groups = groupsOf(set.cases).map(({ group, member }) => {
    const pick = (outcomes: CaseOutcome[]) => outcomes.filter((o) => member(o.case));
    return { group, product: summarizeOutcomes(pick(product)), baseline: summarizeOutcomes(pick(baseline)) };
  });
  return {
    name: set.name,
    questions: set.cases.length,
    fitsThreshold: set.fitsThreshold ?? false,
    groups,
    results: set.cases.map((c, i) => ({
      question: c.question,
      expect: c.expect,
      ...(c.kind ? { kind: c.kind } : {}),
      ...(c.note ? { note: c.note } : {}),
      product: judged(product[i]!),
      baseline: { ...judged(baseline[i]!), topScore: run.baseline[i]!.topScore },
    })),
  };
}

function judged(o: CaseOutcome): JudgedRetrieval {
  return {
    grounded: o.grounded,
    ...(o.rank ? { rank: o.rank } : {}),
    ...(o.rankUngated ? { rankUngated: o.rankUngated } : {}),
    got: o.got,
  };
}

/**
 * `all`: every question without a note, in and out of scope (the headline); then the in-scope
 * questions without a note by kind, when the set has kinds; then each note on its own line
 * (revoked regulations are out of answers by design today: counted apart, not hidden).
 */
export function groupsOf(cases: EvalCase[]): { group: string; member: (c: EvalCase) => boolean }[] {
  const plain = cases.filter((c) => !c.note);
  const kinds = [...new Set(plain.filter((c) => c.expect.length > 0 && c.kind).map((c) => c.kind!))].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  const notes = [...new Set(cases.flatMap((c) => (c.note ? [c.note] : [])))].sort();
  return [
    { group: 'all', member: (c: EvalCase) => !c.note },
    ...kinds.map((kind) => ({ group: kind, member: (c: EvalCase) => !c.note && c.expect.length > 0 && c.kind === kind })),
    ...notes.map((note) => ({ group: `note: ${note}`, member: (c: EvalCase) => c.note === note })),
  ];
}

function rank(kind: string): number {
  const i = kindOrder.indexOf(kind);
  return i < 0 ? kindOrder.length : i;
}
