// npm run eval:posts: the offline draft-post checker on the labelled set (dev and test), with the
// election period the set's README assumes. Prints, per split, the confusion matrix (label x
// verdict), the targets of issue 16 and primary-rule accuracy. `--misses dev` lists dev's
// disagreements for tuning; test's are never listed unless asked, so tuning stays on dev.
//   npx tsx bench/eval/posts/run.ts [--json] [--misses dev|test] [--only dev] [--file other.jsonl]

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { checkPost, compileEntities } from '../../../src/posts/check-post.js';
import { assumedPeriod } from './assumed-period.js';
import { loadPostRules, type Verdict } from '../../../src/posts/post-rules.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const knowledgeDir = fileURLToPath(new URL('../../../knowledge', import.meta.url));

interface Item {
  text: string;
  verdict: Verdict;
  category: string;
  rules?: { regulation: string; section: string }[];
}

const verdicts: Verdict[] = ['melanggar', 'hati-hati', 'aman'];

/** Article level: "Pasal 5 huruf n" matches "Pasal 5 huruf n angka 6"; SE/BKN/SKB on the regulation alone (README). */
function sameRule(expected: { regulation: string; section: string }, got: { regulation: string; section: string }): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const reg = (s: string) => {
    const n = norm(s);
    if (n.startsWith('skb')) return 'skb';
    if (n.startsWith('se menpanrb')) return 'se';
    if (n.includes('bkn')) return 'bkn';
    return n;
  };
  if (reg(expected.regulation) !== reg(got.regulation)) return false;
  if (!/^pasal/i.test(expected.section)) return true;
  const a = norm(expected.section);
  const b = norm(got.section);
  return a === b || a.startsWith(`${b} `) || b.startsWith(`${a} `);
}

async function evaluate(split: string, showMisses: boolean, file = `${here}/${split}.jsonl`) {
  const rules = await loadPostRules(knowledgeDir);
  const entities = compileEntities([assumedPeriod], rules.normalize);
  const items = (await readFile(file, 'utf8'))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Item);
  const matrix: Record<string, Record<string, number>> = {};
  for (const v of verdicts) matrix[v] = { melanggar: 0, 'hati-hati': 0, aman: 0 };
  let violationsCited = 0;
  let primaryRight = 0;
  let primaryAsked = 0;
  let categoryRight = 0;
  const misses: string[] = [];
  for (const item of items) {
    const result = checkPost(item.text, rules, entities, true);
    matrix[item.verdict]![result.verdict]! += 1;
    if (item.verdict === 'melanggar' && result.verdict === 'melanggar' && result.rules.length > 0) violationsCited += 1;
    if (item.verdict !== 'aman') {
      primaryAsked += 1;
      if (item.rules?.[0] && result.rules[0] && sameRule(item.rules[0], result.rules[0])) primaryRight += 1;
      if (result.findings[0]?.code === item.category) categoryRight += 1;
    }
    if (showMisses && (result.verdict !== item.verdict || (item.verdict !== 'aman' && result.findings[0]?.code !== item.category)))
      misses.push(
        `  [${item.verdict} ${item.category} -> ${result.verdict} ${result.findings.map((f) => `${f.code}:${f.verdict}`).join(',')}] ${item.text.replace(/\n/g, ' / ')}`,
      );
  }
  const count = (v: Verdict) => items.filter((i) => i.verdict === v).length;
  return {
    split,
    items: items.length,
    matrix,
    violationsCalledMelanggar: matrix.melanggar!.melanggar! / count('melanggar'),
    violationsCalledMelanggarWithRule: violationsCited / count('melanggar'),
    safeCalledMelanggar: matrix.aman!.melanggar!,
    safeCalledHatiHati: matrix.aman!['hati-hati']! / count('aman'),
    primaryRuleAccuracy: primaryRight / primaryAsked,
    categoryAccuracy: categoryRight / primaryAsked,
    misses,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function format(r: Awaited<ReturnType<typeof evaluate>>): string {
  const lines = [`## ${r.split} (${r.items} drafts)`, '', '| label \\ verdict | melanggar | hati-hati | aman |', '|---|---|---|---|'];
  for (const v of verdicts) lines.push(`| ${v} | ${r.matrix[v]!.melanggar} | ${r.matrix[v]!['hati-hati']} | ${r.matrix[v]!.aman} |`);
  lines.push(
    '',
    `- violations called melanggar: ${pct(r.violationsCalledMelanggar)} (with a cited rule: ${pct(r.violationsCalledMelanggarWithRule)}; target >= 90%)`,
    `- safe posts called melanggar: ${r.safeCalledMelanggar} (target 0)`,
    `- safe posts called hati-hati: ${pct(r.safeCalledHatiHati)} (target <= 10%)`,
    `- primary rule right (melanggar + hati-hati items): ${pct(r.primaryRuleAccuracy)}; category right: ${pct(r.categoryAccuracy)}`,
  );
  if (r.misses.length > 0) lines.push('', 'Disagreements:', ...r.misses);
  return lines.join('\n');
}

const args = process.argv.slice(2);
const missesOf = args.includes('--misses') ? args[args.indexOf('--misses') + 1] : undefined;
// --only dev (while tuning), --file <jsonl> (another labelled set in the same format).
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const file = args.includes('--file') ? args[args.indexOf('--file') + 1] : undefined;
const splits = file ? ['file'] : only ? [only] : ['dev', 'test'];
const results = [];
for (const split of splits) results.push(await evaluate(split, missesOf === split || file !== undefined, file));
if (args.includes('--json')) console.log(JSON.stringify(results, null, 2));
else console.log(`# Draft-post checker, offline\n\n${results.map(format).join('\n\n')}`);
