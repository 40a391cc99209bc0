import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateKnowledgeBase, type EvalSetSpec, type KnowledgeBaseSpec } from './evaluate-knowledge-base.js';
import type { KnowledgeBaseOutcome } from './format-report.js';

export interface EvalPlaces {
  /** The real regulations, `../shared/corpus` beside the project; absent in a plain clone. */
  corpusDir: string;
  /** The default knowledge base, `knowledge/`. */
  knowledgeDir: string;
  /** Where the question sets are: `dev.jsonl`, `heldout.jsonl`, `corpus/dev.jsonl`, `corpus/test.jsonl`. */
  setsDir: string;
}

/** The two knowledge bases of `npm run eval`, each with its development and test sets. */
export function evalPlan(places: EvalPlaces): KnowledgeBaseSpec[] {
  return [
    {
      id: 'corpus',
      title: 'Real corpus: ../shared/corpus/*.txt',
      paths: [places.corpusDir],
      sets: [
        { name: 'corpus/dev.jsonl', file: join(places.setsDir, 'corpus', 'dev.jsonl'), fitsThreshold: true },
        // A second development set, written blind later by another hand (its README section).
        ...optional({ name: 'corpus/dev-b.jsonl', file: join(places.setsDir, 'corpus', 'dev-b.jsonl'), fitsThreshold: false }),
        { name: 'corpus/test.jsonl', file: join(places.setsDir, 'corpus', 'test.jsonl') },
      ],
    },
    {
      id: 'knowledge',
      title: 'Default knowledge base: knowledge/*.md',
      paths: [places.knowledgeDir],
      sets: [
        { name: 'dev.jsonl', file: join(places.setsDir, 'dev.jsonl'), fitsThreshold: true },
        { name: 'heldout.jsonl', file: join(places.setsDir, 'heldout.jsonl') },
      ],
    },
  ];
}

function optional(set: EvalSetSpec): EvalSetSpec[] {
  return existsSync(set.file) ? [set] : [];
}

/**
 * Evaluates every knowledge base of the plan in turn, each on its own fresh database; a knowledge
 * base whose documents are not here (the real corpus outside this workplace) is skipped, saying so.
 */
export async function runEval(
  places: EvalPlaces,
  onProgress: (message: string) => void = () => {},
): Promise<KnowledgeBaseOutcome[]> {
  const outcomes: KnowledgeBaseOutcome[] = [];
  for (const spec of evalPlan(places)) {
    const missing = spec.paths.find((p) => !existsSync(p));
    if (missing) {
      const skipped = `${missing} is not here, so this part was not run (the real corpus lives in the workplace's ../shared/corpus).`;
      onProgress(`[${spec.id}] skipped: ${skipped}`);
      outcomes.push({ id: spec.id, title: spec.title, skipped });
    } else outcomes.push(await evaluateKnowledgeBase(spec, onProgress));
  }
  return outcomes;
}
