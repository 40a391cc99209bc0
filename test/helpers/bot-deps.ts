import { LexiconCache } from '../../src/answering/lexicon.js';
import type { BotDeps } from '../../src/channels/telegram/context.js';
import type { Database } from '../../src/db/database.js';
import { silentLogger } from './silent-logger.js';

/** The bot's dependencies on a test database: offline answers, silent logs, the real clock unless given. */
export function botDeps(db: Database, overrides: Partial<BotDeps> = {}): BotDeps {
  const logger = overrides.logger ?? silentLogger;
  return {
    db,
    answering: { db, lexicons: new LexiconCache(db), logger, maxQuestionChars: 2_000 },
    logger,
    allowUnlinked: true,
    messagesPerMinute: 10,
    now: () => new Date(),
    ...overrides,
  };
}
