import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { PostCheckerDeps } from './check-draft-post.js';
import { loadPostRules } from './post-rules.js';
import { loadPostPrompts } from './refine-post-check.js';

export type PostCheckerSetup = { posts: PostCheckerDeps; error?: undefined } | { posts?: undefined; error: AppError };

/**
 * Reads HR's checker data once. A file that does not pass its checks switches the draft check off
 * with the reason (logged, and told to whoever asks for a check) instead of stopping the whole
 * server: questions, reminders and flags keep working while HR corrects the file.
 */
export async function createPostChecker(options: {
  db: Database;
  logger: Logger;
  knowledgeDir: string;
  promptsDir: string;
  llm?: { model: BaseChatModel; timeoutMs: number };
  now?: () => Date;
}): Promise<PostCheckerSetup> {
  try {
    const rules = await loadPostRules(options.knowledgeDir);
    const llm = options.llm && { ...options.llm, prompts: loadPostPrompts(options.promptsDir) };
    return { posts: { db: options.db, rules, logger: options.logger, llm, now: options.now ?? (() => new Date()) } };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    options.logger.error({ code: error.code }, error.userMessage);
    return { error };
  }
}
