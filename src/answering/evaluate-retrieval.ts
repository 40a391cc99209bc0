import { z } from 'zod';

export const evalLineSchema = z.object({
  question: z.string().min(1),
  expect: z.array(z.object({ source: z.string().min(1), section: z.string().optional() })),
});
export type EvalCase = z.infer<typeof evalLineSchema>;

export interface RetrievedForEval {
  grounded: boolean;
  citations: { source: string; section: string }[];
}

export interface EvalMiss {
  question: string;
  expected: EvalCase['expect'];
  got: string[];
  grounded: boolean;
}

export interface EvalReport {
  k: number;
  questions: number;
  inScope: number;
  outOfScope: number;
  recallAtK: number;
  mrr: number;
  /** Share of in-scope questions that came back grounded (not refused). */
  answeredRate: number;
  /** Share of out-of-scope questions correctly refused. */
  refusalRate: number;
  misses: EvalMiss[];
}

/** `Pasal 1` matches `Pasal 1 ayat (2)` and `pasal 1`, never `Pasal 10`. */
export function sameArticle(citationSection: string, expectedSection: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const c = norm(citationSection);
  const e = norm(expectedSection);
  return c === e || (c.startsWith(e) && !/[0-9a-z]/.test(c.charAt(e.length)));
}

function matches(citation: { source: string; section: string }, expected: EvalCase['expect'][number]): boolean {
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

/** Runs every case through `retrieve` and scores the top-k citations (DESIGN.md's eval contract). */
export async function evaluateRetrieval(
  cases: EvalCase[],
  k: number,
  retrieve: (question: string) => Promise<RetrievedForEval>,
  onProgress?: (done: number, total: number) => void,
): Promise<EvalReport> {
  let found = 0;
  let reciprocal = 0;
  let answered = 0;
  let refused = 0;
  const misses: EvalMiss[] = [];
  for (const [i, c] of cases.entries()) {
    const r = await retrieve(c.question);
    const top = r.citations.slice(0, k);
    const got = top.map((x) => `${x.source} ${x.section}`);
    if (c.expect.length === 0) {
      if (!r.grounded) refused++;
      else misses.push({ question: c.question, expected: [], got, grounded: true });
    } else {
      if (r.grounded) answered++;
      const rank = r.grounded ? top.findIndex((x) => c.expect.some((e) => matches(x, e))) : -1;
      if (rank >= 0) {
        found++;
        reciprocal += 1 / (rank + 1);
      } else misses.push({ question: c.question, expected: c.expect, got, grounded: r.grounded });
    }
    onProgress?.(i + 1, cases.length);
  }
  const inScope = cases.filter((c) => c.expect.length > 0).length;
  const outOfScope = cases.length - inScope;
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    k,
    questions: cases.length,
    inScope,
    outOfScope,
    recallAtK: ratio(found, inScope),
    mrr: ratio(reciprocal, inScope),
    answeredRate: ratio(answered, inScope),
    refusalRate: ratio(refused, outOfScope),
    misses,
  };
}
