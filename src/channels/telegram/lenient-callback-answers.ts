import type { Transformer } from 'grammy';
import type { Logger } from '../../logger.js';

/**
 * A refused answerCallbackQuery counts as answered. The answer only stops the button's spinner
 * (and shows a short notice); Telegram refuses it for a press older than about 15 seconds, which
 * is every press waiting out a restart or a backlog. Failing there would skip what the press
 * asked for after it (the next step's message) and post an error instead.
 */
export function lenientCallbackAnswers(log: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (method !== 'answerCallbackQuery' || result.ok) return result;
    log.info({ errorCode: result.error_code }, 'callback answer refused by Telegram');
    return { ok: true, result: true as never };
  };
}
