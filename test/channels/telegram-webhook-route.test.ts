/**
 * The webhook route in-process (`app.request()`), with no worker running: what it answers and
 * what it leaves in the inbox for untrusted bodies. The whole path, with the fake Telegram
 * delivering and the worker answering, is in telegram-webhook.test.ts.
 */
import type { Update } from 'grammy/types';
import type { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { telegramWebhookRoute, webhookBodyLimitBytes } from '../../src/channels/telegram/telegram-webhook.js';
import type { Database } from '../../src/db/database.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

const secret = 's'.repeat(32);

/** A private text message as Telegram posts it. */
const textUpdate = (updateId: number, text: string): Update => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    from: { id: 5001, is_bot: false, first_name: 'Ana' },
    chat: { id: 5001, type: 'private', first_name: 'Ana' },
    date: 1_800_000_000,
    text,
  },
});

/** A body that counts how much of it was read, sent without Content-Length (chunked). */
function countingBody(totalBytes: number, chunkBytes = 64 * 1024): { stream: ReadableStream<Uint8Array>; read: () => number } {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= totalBytes) return controller.close();
        const n = Math.min(chunkBytes, totalBytes - sent);
        sent += n;
        controller.enqueue(new Uint8Array(n).fill(0x20));
      },
      // No read ahead: a chunk is made only when someone reads.
    },
    { highWaterMark: 0 },
  );
  return { stream, read: () => sent };
}

describe.each(backends)('the Telegram webhook route on %s', (backend) => {
  let db: Database;
  let app: Hono;
  let received = 0;

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    app = telegramWebhookRoute({ db, secret, log: silentLogger, onReceived: () => received++ });
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    await db.prisma.telegramInbox.deleteMany();
    received = 0;
  });

  const post = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    app.request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret, ...headers },
      body,
      // A streamed request body (Node's fetch wants it said).
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
  const row = (updateId: number) => db.prisma.telegramInbox.findUnique({ where: { updateId: BigInt(updateId) } });

  it('stores an update whose text holds U+0000 and a lone surrogate, cleaned, and answers 200', async () => {
    // JSON.stringify writes both as \u escapes, as Telegram would: valid JSON that jsonb refuses.
    const body = JSON.stringify(textUpdate(10, 'apa sanksi\u0000 bolos \uD800kerja?'));
    expect(body).toContain('\\u0000');
    expect(body).toContain('\\ud800');
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    const stored = await row(10);
    expect(stored).toMatchObject({ chatKey: 'tg:5001', failedAt: null, handledAt: null });
    expect((stored!.payload as unknown as Update).message?.text).toBe('apa sanksi bolos \uFFFDkerja?');
    expect(received).toBe(1);
  });

  it('keeps an update it cannot store as failed, answers 200, and keeps it failed when Telegram sends it again', async () => {
    // Nested too deep to serialise (a stack overflow, not a database error): nothing Telegram sends, but nothing may make it resend forever.
    const depth = 20_000;
    const body = `{"update_id":11,"message":{"message_id":1,"date":1,"chat":{"id":5001,"type":"private"},"text":"x","extra":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    expect(body.length).toBeLessThan(webhookBodyLimitBytes);
    const res = await post(body);
    expect(res.status).toBe(200);
    const failed = await row(11);
    expect(failed).toMatchObject({ payload: {}, handledAt: null, error: 'store: RangeError' });
    expect(failed!.failedAt).toBeInstanceOf(Date);
    // The worker is not woken for it.
    expect(received).toBe(0);

    expect((await post(body)).status).toBe(200);
    expect(await db.prisma.telegramInbox.count()).toBe(1);
    expect((await row(11))!.failedAt).toEqual(failed!.failedAt);
  });

  it('refuses a 2 MB body with 413 before buffering it, whether or not it says its length', async () => {
    const twoMb = 2 * 1024 * 1024;
    const text = 'a'.repeat(twoMb);
    const declared = await post(JSON.stringify(textUpdate(12, text)));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: 'payload_too_large', max_bytes: webhookBodyLimitBytes });

    const chunked = countingBody(twoMb);
    const streamed = await post(chunked.stream);
    expect(streamed.status).toBe(413);
    // Reading stopped at the first chunk past the limit.
    expect(chunked.read()).toBeLessThanOrEqual(webhookBodyLimitBytes + 64 * 1024);
    expect(await db.prisma.telegramInbox.count()).toBe(0);
  });

  it('checks the secret before reading a byte of the body: 401 for a wrong one, even for 2 MB', async () => {
    const body = countingBody(2 * 1024 * 1024);
    const res = await post(body.stream, { 'x-telegram-bot-api-secret-token': 'x'.repeat(32) });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'unauthorized' });
    expect(body.read()).toBe(0);
    expect(await db.prisma.telegramInbox.count()).toBe(0);
  });

  it('answers 400 to a body that is no update, storing nothing', async () => {
    expect((await post('{"update_id": 1.5}')).status).toBe(400);
    expect((await post('{"update_id": -1}')).status).toBe(400);
    expect((await post('not json')).status).toBe(400);
    expect(await db.prisma.telegramInbox.count()).toBe(0);
  });
});
