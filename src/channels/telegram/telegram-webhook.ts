import { timingSafeEqual } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Update } from 'grammy/types';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { receiveUpdate } from './telegram-inbox.js';

/**
 * Telegram's updates are a few kilobytes (a message holds at most 4,096 characters); a megabyte
 * leaves room for any update with its replied-to message and still refuses a flood.
 */
export const webhookBodyLimitBytes = 1024 * 1024;

export interface TelegramWebhookOptions {
  db: Database;
  secret: string;
  log: Logger;
  onReceived: () => void;
  maxBodyBytes?: number;
}

/**
 * POST /telegram/webhook: checks Telegram's secret token header (401 before a byte of the body is
 * read), refuses a body over the limit (413 before buffering it), stores the update and answers
 * at once; the inbox worker (on any instance) does the slow work after. An update that cannot be
 * stored is kept as failed and still answered 200: Telegram would otherwise redeliver it forever.
 */
export function telegramWebhookRoute(options: TelegramWebhookOptions): Hono {
  const maxSize = options.maxBodyBytes ?? webhookBodyLimitBytes;
  return new Hono().post(
    '/',
    secretToken(options.secret),
    bodyLimit({ maxSize, onError: (c) => c.json({ error: 'payload_too_large', max_bytes: maxSize }, 413) }),
    async (c) => {
      let update: Update;
      try {
        // Parsed here, not through c.req.json(): what becomes of it is decided below, not by a reader's wrapper.
        update = JSON.parse(await c.req.text()) as Update;
      } catch {
        return c.json({ error: 'bad_request' }, 400);
      }
      if (!Number.isSafeInteger(update?.update_id) || update.update_id < 0) return c.json({ error: 'bad_request' }, 400);
      const received = await receiveUpdate(options.db, update);
      if (received === 'failed') options.log.warn({ updateId: update.update_id }, 'webhook update kept as failed');
      else options.onReceived();
      return c.json({ ok: true });
    },
  );
}

/** The header Telegram sends with every delivery, compared in constant time. */
function secretToken(secret: string): MiddlewareHandler {
  const expected = Buffer.from(secret);
  return async (c, next) => {
    const given = Buffer.from(c.req.header('x-telegram-bot-api-secret-token') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return c.json({ error: 'unauthorized' }, 401);
    await next();
  };
}
