import { Bot, type BotConfig } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../logger.js';
import { cleanJson } from '../../text/clean-text.js';
import type { BotContext } from './context.js';
import { errorLabel } from './error-label.js';

type Envelope = Parameters<Bot<BotContext>['handleUpdate']>[1];

/**
 * The grammY bot with one edge for Telegram's text: every update passes `handleUpdate` (long
 * polling with the runner, the webhook inbox, the local chat page), so its strings are cleaned
 * there before any middleware sees them. A U+0000 or a lone surrogate would otherwise reach
 * PostgreSQL, which refuses both: an error for the user, or a poison update.
 */
export class CleaningBot extends Bot<BotContext> {
  constructor(
    token: string,
    config: BotConfig<BotContext>,
    private readonly log: Logger,
  ) {
    super(token, config);
  }

  override async handleUpdate(update: Update, webhookReplyEnvelope?: Envelope): Promise<void> {
    let clean: Update;
    try {
      clean = cleanJson(update);
    } catch (error) {
      // Nested too deep to walk: nothing Telegram sends, and nothing a feature could read either.
      this.log.warn({ updateId: update.update_id, err: { name: errorLabel(error) } }, 'update dropped: cannot be cleaned');
      return;
    }
    await super.handleUpdate(clean, webhookReplyEnvelope);
  }
}
