/**
 * The checker offline on the team's own labelled drafts (test/posts/own-examples.jsonl, written for
 * development, separate from bench/eval/posts): the targets hold, so a change to HR's data
 * or the matcher that breaks them fails here before the benchmark is run.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPost, compileEntities } from '../../src/posts/check-post.js';
import { loadPostRules, type PostRules, type Verdict } from '../../src/posts/post-rules.js';
import { assumedPeriod } from '../../bench/eval/posts/assumed-period.js';

const knowledgeDir = fileURLToPath(new URL('../../knowledge/', import.meta.url));
const file = fileURLToPath(new URL('./own-examples.jsonl', import.meta.url));

describe('the offline checker on our own labelled drafts', () => {
  let rules: PostRules;
  let items: { text: string; verdict: Verdict }[];
  beforeAll(async () => {
    rules = await loadPostRules(knowledgeDir);
    items = (await readFile(file, 'utf8'))
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l));
  });

  it('calls at least 90% of violations "melanggar" with a rule, no safe post "melanggar", at most 10% of safe posts "hati-hati"', () => {
    const entities = compileEntities([assumedPeriod], rules.normalize);
    const results = items.map((item) => ({ item, result: checkPost(item.text, rules, entities) }));
    const violations = results.filter((r) => r.item.verdict === 'melanggar');
    const caught = violations.filter((r) => r.result.verdict === 'melanggar' && r.result.rules.length > 0);
    const safe = results.filter((r) => r.item.verdict === 'aman');
    expect(caught.length / violations.length).toBeGreaterThanOrEqual(0.9);
    expect(safe.filter((r) => r.result.verdict === 'melanggar').map((r) => r.item.text)).toEqual([]);
    expect(safe.filter((r) => r.result.verdict === 'hati-hati').length / safe.length).toBeLessThanOrEqual(0.1);
    // Every verdict but aman rests on a rule; aman cites none.
    for (const { result } of results) expect(result.rules.length > 0).toBe(result.verdict !== 'aman');
  });
});
