import { timingSafeEqual } from 'node:crypto';
import type { Handler } from 'hono';
import type { Update } from 'grammy/types';
import type { Database } from '../../db/database.js';
import { receiveUpdate } from './telegram-inbox.js';

/**
 * POST /telegram/webhook: checks Telegram's secret token header, stores the update and answers
 * at once; the inbox worker (on any instance) does the slow work after.
 */
export function telegramWebhookHandler(options: { db: Database; secret: string; onReceived: () => void }): Handler {
  const expected = Buffer.from(options.secret);
  return async (c) => {
    const given = Buffer.from(c.req.header('x-telegram-bot-api-secret-token') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return c.json({ error: 'unauthorized' }, 401);
    let update: Update;
    try {
      update = (await c.req.json()) as Update;
    } catch {
      return c.json({ error: 'bad_request' }, 400);
    }
    if (typeof update?.update_id !== 'number') return c.json({ error: 'bad_request' }, 400);
    await receiveUpdate(options.db, update);
    options.onReceived();
    return c.json({ ok: true });
  };
}
