import type { I18nFlavor } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import type { AnsweringDeps } from '../../answering/answer-question.js';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import type { PostCheckerSetup } from '../../posts/create-post-checker.js';
import type { Zone } from '../../calendar/local-time.js';
import type { ChatState } from './chat-state.js';

/** What the bot's features need, passed in by the composition root. */
export interface BotDeps {
  db: Database;
  answering: AnsweringDeps;
  logger: Logger;
  /** Whether people without a linked account may ask general questions. */
  allowUnlinked: boolean;
  /** Messages per user per minute before the flood warning. */
  messagesPerMinute: number;
  /** The clock: tests run days in milliseconds. */
  now: () => Date;
  /** The draft-post checker of /cekpost (or why it is off); without it /cekpost says it is unavailable. */
  posts?: PostCheckerSetup;
}

/** Per-update data the middleware attaches before the features run. */
export interface BotState {
  /** `tg:<chat id>`: the key of this chat's stored state. */
  chatKey: string;
  /** The linked employee, or undefined for an unlinked Telegram user. */
  employee?: { id: number; nip: string; name: string; zone: Zone };
  /** This chat's stored state (language, recent turns, a flow in progress), read once per update. */
  chat: ChatState;
  log: Logger;
}

export type BotContext = Context & I18nFlavor & { state: BotState };
