import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import type { Logger } from './logger.js';
import type { AnsweringDeps } from './answering/answer-question.js';
import { LexiconCache } from './answering/lexicon.js';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { loadPrompts, type Prompts } from './answering/prompts.js';
import type { Reranker } from './answering/rerank.js';
import { embedMissingPassages } from './knowledge/embed-passages.js';
import { createPostChecker, type PostCheckerSetup } from './posts/create-post-checker.js';

/** The services every entry point (server, CLI) shares, built from the config. */
export interface AppContext {
  config: Config;
  logger: Logger;
  /** The process's one clock (the wall clock unless a test gives its own). */
  clock: Clock;
  db: Database;
  lexicons: LexiconCache;
  answering: AnsweringDeps;
  /** The draft-post checker, or why it is off (HR's data file did not pass its checks). */
  postChecker: PostCheckerSetup;
  /** Embeds passages that lack an embedding (no-op without an embeddings model). */
  embedPassages(onProgress?: (done: number, total: number) => void): Promise<number>;
  close(): Promise<void>;
}

/**
 * `serve`: this is the server (`npm start`), which owns an embedded DATA_DIR and serves it to the
 * other local processes; everyone else goes through it (see `openDatabase`).
 */
export async function createAppContext(
  config: Config,
  logger: Logger,
  options: { serve?: boolean; clock?: Clock } = {},
): Promise<AppContext> {
  const clock = options.clock ?? systemClock;
  const db = await openDatabase({
    url: config.database.url,
    dataDir: config.database.dataDir,
    serve: options.serve,
    onMigration: (m) => m.applied && logger.info({ migration: m.name }, 'migration applied'),
  });
  const lexicons = new LexiconCache(db);
  // LangChain's OpenAI client takes a second to load: only when a model is configured.
  // The prompts are read at start so that a missing file stops start-up, not the first question.
  const llm = config.llm && {
    settings: config.llm,
    prompts: await loadPrompts(config.promptsDir),
    ...(await import('./llm/openai-models.js')),
  };
  const embedder = llm ? llm.createEmbedder(llm.settings) : undefined;
  if (embedder && !db.hasVector) logger.warn('embeddings configured but the database has no pgvector: vector search is off');
  const answering: AnsweringDeps = {
    db,
    lexicons,
    logger,
    maxQuestionChars: config.maxQuestionChars,
    llm: llm ? { model: llm.createChatModel(llm.settings), prompts: llm.prompts, timeoutMs: llm.settings.timeoutMs } : undefined,
    embedder: db.hasVector ? embedder : undefined,
    reranker: await createReranker(config, llm),
  };
  const postChecker = await createPostChecker({
    db,
    logger,
    knowledgeDir: config.knowledgeDir,
    promptsDir: config.promptsDir,
    llm: answering.llm && { model: answering.llm.model, timeoutMs: answering.llm.timeoutMs },
    now: clock.now,
  });
  return {
    config,
    logger,
    clock,
    db,
    lexicons,
    answering,
    postChecker,
    embedPassages: async (onProgress) => (embedder ? embedMissingPassages(db, embedder, onProgress) : 0),
    close: () => db.close(),
  };
}

/** The reranker RERANK asks for, or none. */
async function createReranker(
  config: Config,
  llm:
    | {
        settings: NonNullable<Config['llm']>;
        prompts: Prompts;
        createChatModel: (s: NonNullable<Config['llm']>) => BaseChatModel;
      }
    | undefined,
): Promise<Reranker | undefined> {
  const rerank = config.rerank;
  if (!rerank) return undefined;
  const { createChatReranker, createEndpointReranker } = await import('./answering/rerank.js');
  if (rerank.mode === 'endpoint') return createEndpointReranker(rerank);
  if (!llm) return undefined;
  const settings = { ...llm.settings, chatModel: rerank.model ?? llm.settings.chatModel, timeoutMs: rerank.timeoutMs };
  return createChatReranker({
    model: llm.createChatModel(settings),
    modelName: settings.chatModel,
    prompts: llm.prompts,
    timeoutMs: rerank.timeoutMs,
    depth: rerank.depth,
  });
}
