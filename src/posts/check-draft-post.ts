// The draft-post check as every channel asks for it (/cekpost, Slack's /asn cekpost, asn post
// check): the election periods that apply today, the offline verdict, the count for HR's
// statistics, and with a language model a better explanation and a rewrite.

import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { localDateOf, type Zone } from '../calendar/local-time.js';
import { cleanText } from '../text/clean-text.js';
import { checkPost, compileEntities, type CategoryFinding } from './check-post.js';
import { electionContext, periodsOn } from './election-periods.js';
import type { PostRule, PostRules, Verdict } from './post-rules.js';
import { recordPostCheck } from './record-post-check.js';
import { refinePostCheck, type PostPrompts } from './refine-post-check.js';

export interface PostCheckerDeps {
  db: Database;
  rules: PostRules;
  logger: Logger;
  /** With a chat model the reasons and advice are rewritten by it, and a safer draft suggested. */
  llm?: { model: BaseChatModel; prompts: PostPrompts; timeoutMs: number };
  now: () => Date;
}

export interface DraftInput {
  text: string;
  /** `telegram`, `slack`, `cli`: counted, never stored with the text. */
  channel: string;
  /** The employee's unit and its ancestors (nearest first), for Pilkada periods and the count. */
  unitScopes?: readonly string[];
  zone?: Zone;
}

/** The answer every channel renders; `rules` and `verdict` are always the offline checker's. */
export interface DraftCheck {
  verdict: Verdict;
  rules: PostRule[];
  reasons: string[];
  advice: string;
  /** A safer version of the draft (only with a language model). */
  rewrite?: string;
  findings: CategoryFinding[];
  /** The election periods applied, by name. */
  periods: string[];
  mode: 'offline' | 'llm';
}

export const maxDraftChars = 4_000;

/**
 * Checks a draft post. Throws AppError `post_empty` or `post_too_long` (with the limit) for a text
 * that cannot be checked. The text is neither logged nor stored; only a count is kept.
 */
export async function checkDraftPost(deps: PostCheckerDeps, input: DraftInput): Promise<DraftCheck> {
  const text = cleanText(input.text).trim();
  if (!/[\p{L}\p{N}]/u.test(text))
    throw new AppError(
      'post_empty',
      'Draf postingannya kosong. Kirim teks yang ingin diperiksa, misalnya: /cekpost Selamat pagi, semangat melayani!',
    );
  if (text.length > maxDraftChars)
    throw new AppError(
      'post_too_long',
      `Draf terlalu panjang (${text.length.toLocaleString('id-ID')} karakter); batasnya ${maxDraftChars.toLocaleString('id-ID')} karakter. Periksa per bagian.`,
    );
  const today = localDateOf(deps.now(), input.zone ?? 'Asia/Jakarta');
  const periods = await periodsOn(deps.db, today, input.unitScopes);
  const contexts = periods.map((p) => electionContext(p, today));
  // Support is a disciplinary violation once any applicable period has official candidates, or when no period says otherwise.
  const official = contexts.length === 0 || contexts.some((c) => c.candidatesOfficial);
  const check = checkPost(text, deps.rules, compileEntities(contexts, deps.rules.normalize), official);

  await recordPostCheck(deps.db, {
    localDate: today,
    unitCode: input.unitScopes?.[0] ?? '',
    channel: input.channel,
    verdict: check.verdict,
    category: check.findings[0]?.code ?? 'umum',
  }).catch((error: unknown) => deps.logger.warn({ err: { message: (error as Error).message } }, 'post check not counted'));

  const result: DraftCheck = { ...check, periods: periods.map((p) => p.name), mode: 'offline' };
  if (!deps.llm) return result;
  const refined = await refinePostCheck({ ...deps.llm, draft: text, check });
  if (!refined) {
    deps.logger.warn('post check: the language model gave no usable explanation; offline text kept');
    return result;
  }
  // The model may explain, never cite: a sentence naming an article the checker did not cite is dropped.
  const reasons = refined.reasons.filter((r) => onlyCitedArticles(r, check.rules));
  return {
    ...result,
    reasons: reasons.length > 0 ? reasons : check.reasons,
    advice: onlyCitedArticles(refined.advice, check.rules) ? refined.advice : check.advice,
    rewrite: refined.rewrite !== text ? refined.rewrite : undefined,
    mode: 'llm',
  };
}

/** Whether every "Pasal N" / "Angka N" in the text is one of the cited sections (or part of one). */
export function onlyCitedArticles(text: string, rules: readonly PostRule[]): boolean {
  const cited = rules.map((r) => r.section.toLowerCase());
  for (const m of text.matchAll(/\b(pasal|angka)\s+(\d+[a-z]?)\b/giu)) {
    const named = `${m[1]!.toLowerCase()} ${m[2]!.toLowerCase()}`;
    if (!cited.some((c) => c === named || c.startsWith(`${named} `))) return false;
  }
  return true;
}
