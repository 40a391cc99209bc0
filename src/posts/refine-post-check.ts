// With a language model, the reasons and advice of a draft check are written better and a safer
// rewrite is suggested. The verdict and the cited rules stay the offline checker's: the model only
// explains them, and a reply that is not the JSON asked for is dropped (the offline text stands).

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { z } from 'zod';
import { askChatModel } from '../llm/ask-chat-model.js';
import { cleanText } from '../text/clean-text.js';
import type { PostCheck } from './check-post.js';

export interface PostPrompts {
  system: string;
  user: string;
}

/** The two prompt files of `prompts/`, read at start so that a missing one stops start-up. */
export function loadPostPrompts(dir: string): PostPrompts {
  return {
    system: readFileSync(join(dir, 'post-check-system.md'), 'utf8'),
    user: readFileSync(join(dir, 'post-check-user.md'), 'utf8'),
  };
}

const reply = z.object({
  reasons: z.array(z.string().min(1).max(600)).min(1).max(4),
  advice: z.string().min(1).max(800),
  rewrite: z.string().min(1).max(5_000),
});

export type Refinement = z.infer<typeof reply>;

/**
 * Asks the model to explain the verdict and rewrite the draft. Returns undefined when the model
 * fails, times out or answers anything but the JSON asked for; the caller keeps the offline text.
 */
export async function refinePostCheck(options: {
  model: BaseChatModel;
  prompts: PostPrompts;
  draft: string;
  check: PostCheck;
  timeoutMs: number;
}): Promise<Refinement | undefined> {
  const { check } = options;
  // A boundary drawn per request, which the draft cannot know and so cannot close.
  const fence = randomBytes(6).toString('hex');
  const values: Record<string, string> = {
    verdict: check.verdict,
    categories: check.findings.map((f) => `${f.name} (${f.verdict})`).join('; ') || 'tidak ada',
    rules: check.rules.map((r) => `- ${r.regulation} ${r.section}`).join('\n') || '- (tidak ada)',
    reasons: check.reasons.map((r) => `- ${r}`).join('\n') || '- (tidak ada)',
    fence,
    draft: options.draft.replaceAll(fence, ''),
  };
  const user = options.prompts.user.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
  let content: string;
  try {
    content = await askChatModel(
      options.model,
      [
        ['system', options.prompts.system],
        ['human', user],
      ],
      options.timeoutMs,
    );
  } catch {
    return undefined;
  }
  const json = /\{[\s\S]*\}/.exec(content)?.[0];
  if (!json) return undefined;
  try {
    const parsed = reply.safeParse(JSON.parse(json));
    if (!parsed.success) return undefined;
    return {
      reasons: parsed.data.reasons.map((r) => cleanText(r).trim()),
      advice: cleanText(parsed.data.advice).trim(),
      rewrite: cleanText(parsed.data.rewrite).trim(),
    };
  } catch {
    return undefined;
  }
}
