import { apiThrottler } from '@grammyjs/transformer-throttler';
import type { Transformer } from 'grammy';

/** Methods that post a message to a chat: these are what Telegram's flood limits count. */
const sendingMethods = new Set([
  'sendMessage',
  'editMessageText',
  'editMessageReplyMarkup',
  'sendPhoto',
  'sendDocument',
  'sendAudio',
  'sendVoice',
  'sendVideo',
  'sendAnimation',
  'sendSticker',
  'sendLocation',
  'sendContact',
  'sendPoll',
  'copyMessage',
  'forwardMessage',
]);

export interface ThrottleOptions {
  /** Messages per second for the whole bot (Telegram: about 30). */
  globalPerSecond: number;
  /** Minimum milliseconds between two messages to one chat (Telegram: about 1 s). */
  perChatIntervalMs: number;
}

/**
 * Keeps the bot under Telegram's limits (global, per chat, 20 per minute in groups). Typing
 * indicators and callback answers are not messages and pass at once, so a reply is not delayed
 * behind its own "typing...".
 */
export function messageThrottler(options: ThrottleOptions): Transformer {
  const throttle = apiThrottler({
    // Evenly spaced, with a 2% margin: a reservoir refilled each second can put twice the limit into
    // one sliding second (Telegram then answers 429); even spacing never does.
    global: { minTime: (1000 / options.globalPerSecond) * 1.02 },
    out: { maxConcurrent: 1, minTime: options.perChatIntervalMs },
    group: {
      maxConcurrent: 1,
      minTime: Math.max(options.perChatIntervalMs, 3000),
      reservoir: 20,
      reservoirRefreshAmount: 20,
      reservoirRefreshInterval: 60_000,
    },
  });
  return (prev, method, payload, signal) =>
    sendingMethods.has(method) ? throttle(prev, method, payload, signal) : prev(method, payload, signal);
}
