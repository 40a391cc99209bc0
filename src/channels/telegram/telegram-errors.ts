import { GrammyError, HttpError } from 'grammy';
import { UnreachableError, UpstreamError } from '../../errors.js';

/**
 * Telegram's one error taxonomy, used by every sender: an answer from the Bot API becomes an
 * UpstreamError with its error_code as status (403: the user blocked the bot or left; 429 with
 * retry_after kept in ms; 400: refused; 5xx: Telegram's trouble), a failed request an
 * UnreachableError. Anything else (a bug) is returned as it is.
 */
export function telegramError(error: unknown): unknown {
  if (error instanceof GrammyError) {
    const retryAfter = error.parameters?.retry_after;
    return new UpstreamError('telegram', error.description, error.error_code, {
      cause: error,
      ...(retryAfter !== undefined ? { retryAfterMs: retryAfter * 1000 } : {}),
    });
  }
  if (error instanceof HttpError) return new UnreachableError('telegram', error.message, { cause: error });
  return error;
}
