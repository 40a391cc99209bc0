// `npm run eval`: the product's retriever and a plain BM25 peer baseline, side by side, on the real
// regulations of ../shared/corpus (when present) and on the default knowledge base, offline, each
// on a fresh in-memory PGlite. `--json` prints the figures and every question's result for
// programs; `--write` also keeps the printed tables in bench/eval/last-run.md.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatReport } from './format-report.js';
import { runEval } from './run-eval.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const setsDir = join(root, 'bench', 'eval');

const args = process.argv.slice(2);
const unknown = args.filter((a) => !['--json', '--write', '--help'].includes(a));
if (unknown.length || args.includes('--help')) {
  const usage = 'usage: npm run eval -- [--json] [--write]';
  if (unknown.length) console.error(`unknown option ${unknown.join(' ')}; ${usage}`);
  else console.log(usage);
  process.exit(unknown.length ? 2 : 0);
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
