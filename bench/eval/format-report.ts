import { reportedDepths, type RetrievalFigures } from '../../src/answering/evaluate-retrieval.js';
import type { GroupFigures, KnowledgeBaseResult, SetResult } from './evaluate-knowledge-base.js';

/** A knowledge base that was not evaluated, and why. */
export interface SkippedKnowledgeBase {
  id: string;
  title: string;
  skipped: string;
}

export type KnowledgeBaseOutcome = KnowledgeBaseResult | SkippedKnowledgeBase;

/** The whole run as Markdown: readable on a terminal, and what `--write` keeps in bench/eval/last-run.md. */
export function formatReport(outcomes: KnowledgeBaseOutcome[], header: string[]): string {
  const parts = [`# Retrieval evaluation`, '', ...header, '', legend];
  for (const o of outcomes)
    parts.push('', ...('skipped' in o ? [`## ${o.title}`, '', `Skipped: ${o.skipped}`] : formatKnowledgeBase(o)));
  return `${parts.join('\n')}\n`;
}

const legend = [
  'R@k: share of in-scope questions with a right article among the top k citations (a refused question finds',
  'nothing); MRR@10: mean reciprocal rank of the first right citation; answered: in-scope questions answered',
  '(grounded); refused: out-of-scope questions refused; R@5 no gate: R@5 had the retriever never refused.',
  'Δ = product − BM25. Rows `note: …` are the questions about revoked regulations, counted apart from `all`.',
].join('\n');

function formatKnowledgeBase(kb: KnowledgeBaseResult): string[] {
  const revoked = kb.documents.filter((d) => d.status !== 'berlaku');
  const passages = kb.documents.reduce((sum, d) => sum + d.passages, 0);
  const located = kb.alignment.passageWords ? kb.alignment.alignedWords / kb.alignment.passageWords : 1;
  const fitted = kb.threshold;
  const lines = [
    `## ${kb.title}`,
    '',
    `${kb.documents.length} files ingested (${passages} passages)${revoked.length ? `; revoked by file name: ${revoked.map((d) => d.source).join(', ')}` : ''}.`,
    ...kb.failed.map((f) => `Not ingested: ${f.path}: ${f.message}`),
    'Product: searchPassages with defaultSearchOptions, as `asn eval` runs it (revoked documents are never cited).',
    `Baseline: BM25 (k1 1.2, b 0.75) over ${kb.chunks} chunks of 1,000 characters (200 overlap) of every file's extracted text,`,
    'revoked files included (a generic RAG has no status); a chunk cites the article whose stored passages cover most of',
    `its characters (${(located * 100).toFixed(1)}% of passage words located in the text, ${kb.alignment.unplaced} passages unplaced).`,
    `Baseline refusal: best chunk score below ${fitted.threshold.toFixed(3)}, fitted on ${fitted.fittedOn} ` +
      `(recall@5 ${fitted.recallAt5.toFixed(3)} + refusal ${fitted.refusalRate.toFixed(3)}), applied unchanged to the other sets.`,
  ];
  for (const set of kb.sets) lines.push('', ...formatSet(set, fitted.fittedOn));
  return lines;
}

function formatSet(set: SetResult, fittedOn: string): string[] {
  const noted = set.results.filter((r) => r.note).length;
  const title = `### ${set.name}: ${set.questions} questions${noted ? ` (${noted} with a note, reported apart)` : ''}`;
  const where = set.fitsThreshold
    ? `The baseline's threshold was fitted on this set: its baseline figures here are in-sample.`
    : `The baseline's threshold comes from ${fittedOn}, unchanged.`;
  const head = [
    'group',
    'n',
    'retriever',
    ...reportedDepths.map((k) => `R@${k}`),
    'MRR@10',
    'answered',
    'refused',
    'R@5 no gate',
  ];
  const rows = set.groups.flatMap(groupRows);
  return [title, '', where, '', ...table(head, rows, [1, 3, 4, 5, 6, 7, 8, 9, 10])];
}

function groupRows(g: GroupFigures): string[][] {
  const { product: p, baseline: b } = g;
  const n = g.group === 'all' ? `${p.inScope} + ${p.outOfScope} oos` : String(p.inScope + p.outOfScope);
  const hasIn = p.inScope > 0;
  const hasOut = p.outOfScope > 0;
  const cells = (f: RetrievalFigures) => [
    ...reportedDepths.map((k) => (hasIn ? fixed(f.recallAt[k]!) : '—')),
    hasIn ? fixed(f.mrrAt10) : '—',
    hasIn ? pct(f.answeredRate) : '—',
    hasOut ? pct(f.refusalRate) : '—',
    hasIn ? fixed(f.recallAt5Ungated) : '—',
  ];
  const delta = [
    ...reportedDepths.map((k) => (hasIn ? signed(p.recallAt[k]! - b.recallAt[k]!) : '—')),
    hasIn ? signed(p.mrrAt10 - b.mrrAt10) : '—',
    hasIn ? signedPoints(p.answeredRate - b.answeredRate) : '—',
    hasOut ? signedPoints(p.refusalRate - b.refusalRate) : '—',
    hasIn ? signed(p.recallAt5Ungated - b.recallAt5Ungated) : '—',
  ];
  return [
    [g.group, n, 'product', ...cells(p)],
    ['', '', 'BM25', ...cells(b)],
    ['', '', 'Δ', ...delta],
  ];
}

const fixed = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;
const signedPoints = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} pp`;

/** A Markdown table padded into columns; `right` lists the columns aligned right. */
export function table(head: string[], rows: string[][], right: number[]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (text: string, i: number) => (right.includes(i) ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (right.includes(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(head), rule, ...rows.map(line)];
}
