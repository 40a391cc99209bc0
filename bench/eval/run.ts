// `npm run eval`: the product's retriever and a plain BM25 peer baseline, side by side, on the real
// regulations of ../shared/corpus (when present) and on the default knowledge base, offline, each
// on a fresh in-memory PGlite. `--json` prints the figures and every question's result for
// programs; `--write` also keeps the printed tables in bench/eval/last-run.md; `--fit-gate` fits the
// product's relevance gate on the development splits (corpus/dev*.jsonl and dev.jsonl, never a test
// split), writes it to src/answering/relevance-gate-model.ts, and then reports with it.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatReport } from './format-report.js';
import { runEval } from './run-eval.js';
import { spawnSync } from 'node:child_process';
import { fitGate, type GatePoint } from '../../src/answering/relevance-gate.js';

/** Runs the development splits, fits the gate on their questions and writes the model file. */
async function fitGateOnDevelopment(): Promise<string> {
  const outcomes = await runEval(
    { corpusDir: join(root, '..', 'shared', 'corpus'), knowledgeDir: join(root, 'knowledge'), setsDir },
    (message) => void process.stderr.write(`${message}\n`),
  );
  const points: GatePoint[] = [];
  const fittedOn: string[] = [];
  for (const o of outcomes) {
    if ('skipped' in o) continue;
    points.push(...o.gatePoints);
    fittedOn.push(`${o.threshold.fittedOn} (${o.gatePoints.length})`);
  }
  const model = fitGate(points, fittedOn.join(' + '));
  const { objective, ...kept } = model;
  const file = join(root, 'src', 'answering', 'relevance-gate-model.ts');
  await writeFile(
    file,
    `// Written by \`npm run eval -- --fit-gate\` on ${new Date().toISOString().slice(0, 10)}; do not edit by hand (see relevance-gate.ts).\n` +
      `import type { GateModel } from './relevance-gate.js';\n\n` +
      `export const relevanceGateModel: GateModel = ${JSON.stringify(kept, null, 2)};\n`,
  );
  return `${kept.fittedOn}, recall@5 + refusal ${objective.toFixed(3)} in-sample, threshold ${kept.threshold}`;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const setsDir = join(root, 'bench', 'eval');

const args = process.argv.slice(2);
const unknown = args.filter((a) => !['--json', '--write', '--fit-gate', '--help'].includes(a));
if (unknown.length || args.includes('--help')) {
  const usage = 'usage: npm run eval -- [--json] [--write] [--fit-gate]';
  if (unknown.length) console.error(`unknown option ${unknown.join(' ')}; ${usage}`);
  else console.log(usage);
  process.exit(unknown.length ? 2 : 0);
}

if (args.includes('--fit-gate')) {
  const fitted = await fitGateOnDevelopment();
  process.stderr.write(`relevance gate fitted (${fitted}); evaluating with it\n`);
  // A fresh process, so that the report runs with the model just written.
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args.filter((a) => a !== '--fit-gate')], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}

const started = performance.now();
const outcomes = await runEval(
  { corpusDir: join(root, '..', 'shared', 'corpus'), knowledgeDir: join(root, 'knowledge'), setsDir },
  (message) => void process.stderr.write(`${message}\n`),
);
const seconds = (performance.now() - started) / 1000;
const report = formatReport(outcomes, [
  `Run ${new Date().toISOString()}, node ${process.version}, offline (no OpenAI key), ${seconds.toFixed(1)} s.`,
]);
if (args.includes('--json')) console.log(JSON.stringify({ seconds, knowledgeBases: outcomes }, null, 2));
else process.stdout.write(report);
if (args.includes('--write')) {
  await writeFile(join(setsDir, 'last-run.md'), report);
  process.stderr.write('written to bench/eval/last-run.md\n');
}
