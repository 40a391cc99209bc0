/**
 * Webhook mode: the bot is mounted on the shared web server (createWebServer + setupTelegram, the
 * way main.ts does it), the fake Telegram posts updates to it, and the inbox worker answers them.
 */
import { createServer } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LexiconCache } from '../../src/answering/lexicon.js';
import type { BotDeps } from '../../src/channels/telegram/context.js';
import { setupTelegram } from '../../src/channels/telegram/setup-telegram.js';
import type { TelegramRunning } from '../../src/channels/telegram/start-telegram.js';
import { maxAttempts, receiveUpdate } from '../../src/channels/telegram/telegram-inbox.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { importPeople } from '../../src/people/import-people.js';
import { createWebServer } from '../../src/web/create-web-server.js';
import { startFakeTelegram, type FakeTelegram, type SimulatedUser } from '../fakes/telegram-server.js';
import { loadKnowledge } from '../helpers/knowledge.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { sleep, textsIn, waitForText, waitUntil } from '../helpers/telegram.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

const people = `nip,nama,unit_kode,unit_nama,jabatan,eselon,zona_waktu,nip_atasan
197003152000031001,Bambang Sutrisno,DKI,Dinas Komunikasi dan Informatika,Kepala Dinas,II.b,WITA,
199002142015032001,Dewi Lestari,DKI,Dinas Komunikasi dan Informatika,Pranata Komputer,,WITA,197003152000031001
`;

const secret = 'a'.repeat(32);
const helpFirstLine = 'Yang bisa saya bantu';

/** A port nobody listens on now, so that the webhook URL can name it before the server starts. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function listen(fetch: (request: Request) => Response | Promise<Response>, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port }, () => resolve(server));
    server.once('error', reject);
  });
}

const closeServer = (server: ServerType) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections of the fake's deliveries would hold close() open.
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  });

/** An update Telegram might post: a text message in a user's private chat, with our own update_id. */
function textUpdate(updateId: number, from: SimulatedUser, text: string): Update {
  const command = text.startsWith('/') ? [{ type: 'bot_command' as const, offset: 0, length: text.split(' ')[0]!.length }] : [];
  return {
    update_id: updateId,
    message: {
      message_id: 100_000 + updateId,
      from: { id: from.id, is_bot: false, first_name: from.first_name ?? 'User' },
      chat: { id: from.id, type: 'private', first_name: from.first_name ?? 'User' },
      date: Math.floor(Date.now() / 1000),
      text,
      ...(command.length ? { entities: command } : {}),
    },
  };
}

describe.each(backends)('the bot in webhook mode behind the shared web server, on %s', (backend) => {
  let db: Database;
  let fake: FakeTelegram;
  let config: Config;
  let deps: BotDeps;
  let port: number;
  let server: ServerType | undefined;
  let running: TelegramRunning | undefined;
  let webhookUrl: string;

  /** One process's start-up: web server, routes, listen, then the bot (as main.ts orders it). */
  const startProcess = async () => {
    const app = createWebServer({ db, logger: silentLogger, isReady: () => true });
    const telegram = setupTelegram(app, { config, deps, db, logger: silentLogger });
    server = await listen(app.fetch, port);
    running = await telegram.start();
  };
  const stopProcess = async () => {
    await running?.stop();
    running = undefined;
    if (server) await closeServer(server);
    server = undefined;
  };
  // Updates waiting to be handled (handled ones are kept a while to recognise redeliveries).
  const inboxCount = () => db.prisma.telegramInbox.count({ where: { handledAt: null } });
  const post = (body: unknown, headers: Record<string, string>) =>
    fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    [db, fake, port] = await Promise.all([
      openTestDatabase(backend),
      startFakeTelegram({ perChatPerSecond: 20, webhookRetryMs: 100 }),
      freePort(),
    ]);
    await loadKnowledge(db);
    expect((await importPeople(db, people)).ok).toBe(true);
    webhookUrl = `http://127.0.0.1:${port}/telegram/webhook`;
    config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
      TELEGRAM_WEBHOOK_URL: webhookUrl,
      TELEGRAM_WEBHOOK_SECRET: secret,
      TELEGRAM_GLOBAL_PER_SECOND: '100',
      TELEGRAM_CHAT_INTERVAL_MS: '50',
    });
    expect(config.localChat).toBe(false);
    deps = {
      db,
      answering: { db, lexicons: new LexiconCache(db), logger: silentLogger, maxQuestionChars: config.maxQuestionChars },
      logger: silentLogger,
      allowUnlinked: config.bot.allowUnlinked,
      messagesPerMinute: config.bot.messagesPerMinute,
      now: () => new Date(),
    };
    await startProcess();
  });
  afterAll(async () => {
    await stopProcess();
    await fake?.close();
    await db?.close();
  });

  it('sets the webhook with its secret and registers the commands', () => {
    expect(running?.mode).toBe('webhook');
    expect(fake.webhook()).toEqual({ url: webhookUrl, secret_token: secret });
    expect(fake.commands().map((c) => [c.scope?.type, c.language_code])).toEqual([
      [undefined, undefined],
      [undefined, 'en'],
      ['all_group_chats', undefined],
      ['all_group_chats', 'en'],
    ]);
  });

  it("answers a user's message that Telegram posts to the webhook", async () => {
    const ana: SimulatedUser = { id: 1001, first_name: 'Ana' };
    fake.sendCommand(ana, '/start');
    await waitForText(fake, ana.id, 'Selamat datang di Asisten ASN');
    fake.sendText(ana, 'apa sanksi jika tidak masuk kerja 5 hari tanpa alasan?');
    const answer = await waitForText(fake, ana.id, 'PP 94/2021');
    expect(answer.raw_text).toMatch(/<b>PP 94\/2021 Pasal \d+/);
    expect(fake.chatActions).toContainEqual({ chat_id: ana.id, action: 'typing' });
    // Confirmed to Telegram, handled, and gone from the inbox.
    expect(fake.pendingUpdates()).toEqual([]);
    await waitUntil(async () => (await inboxCount()) === 0, 'the inbox to empty');
    expect(fake.calls.filter((c) => c.method === 'getUpdates')).toEqual([]);
  });

  it('refuses a post with a wrong or missing secret with 401 and stores nothing', async () => {
    const budi: SimulatedUser = { id: 1002, first_name: 'Budi' };
    fake.sendCommand(budi, '/start');
    await waitForText(fake, budi.id, 'Selamat datang');
    const forged = textUpdate(700_001, budi, '/bantuan');

    const wrong = await post(forged, { 'x-telegram-bot-api-secret-token': 'b'.repeat(32) });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'unauthorized' });
    const shorter = await post(forged, { 'x-telegram-bot-api-secret-token': 'a'.repeat(31) });
    expect(shorter.status).toBe(401);
    const missing = await post(forged, {});
    expect(missing.status).toBe(401);
    expect(await inboxCount()).toBe(0);

    // Nothing was handled either: Budi got no help text.
    await sleep(300);
    expect(textsIn(fake, budi.id)).toHaveLength(1);

    // The right secret but no update: 400, still nothing stored.
    const bad = await post({ hello: 'world' }, { 'x-telegram-bot-api-secret-token': secret });
    expect(bad.status).toBe(400);
    expect(await inboxCount()).toBe(0);
  });

  it('answers an update delivered twice at once only once', async () => {
    const citra: SimulatedUser = { id: 1003, first_name: 'Citra' };
    fake.sendCommand(citra, '/start');
    await waitForText(fake, citra.id, 'Selamat datang');
    const update = textUpdate(700_101, citra, '/bantuan');
    const [first, second] = await Promise.all([
      post(update, { 'x-telegram-bot-api-secret-token': secret }),
      post(update, { 'x-telegram-bot-api-secret-token': secret }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await waitForText(fake, citra.id, helpFirstLine);
    await waitUntil(async () => (await inboxCount()) === 0, 'the inbox to empty');
    await sleep(300);
    expect(textsIn(fake, citra.id).filter((t) => t.startsWith(helpFirstLine))).toHaveLength(1);
  });

  it('answers an update redelivered after it was handled only once', async () => {
    // Telegram redelivers when it did not get the 200 (a timeout, a dropped connection): by then the
    // first delivery may already be handled and gone from the inbox.
    const dedi: SimulatedUser = { id: 1004, first_name: 'Dedi' };
    fake.sendCommand(dedi, '/start');
    await waitForText(fake, dedi.id, 'Selamat datang');
    const update = textUpdate(700_201, dedi, '/bantuan');
    expect((await post(update, { 'x-telegram-bot-api-secret-token': secret })).status).toBe(200);
    await waitForText(fake, dedi.id, helpFirstLine);
    await waitUntil(async () => (await inboxCount()) === 0, 'the inbox to empty');

    expect((await post(update, { 'x-telegram-bot-api-secret-token': secret })).status).toBe(200);
    await waitUntil(async () => (await inboxCount()) === 0, 'the inbox to empty again');
    await sleep(300);
    expect(textsIn(fake, dedi.id).filter((t) => t.startsWith(helpFirstLine))).toHaveLength(1);
  });

  it('handles after a restart an update stored while no worker ran, and one Telegram held meanwhile', async () => {
    const eka: SimulatedUser = { id: 1005, first_name: 'Eka' };
    const fani: SimulatedUser = { id: 1006, first_name: 'Fani' };
    fake.sendCommand(eka, '/start');
    fake.sendCommand(fani, '/start');
    await waitForText(fake, eka.id, 'Selamat datang');
    await waitForText(fake, fani.id, 'Selamat datang');

    await stopProcess();
    // Stored by the webhook just before the process went down, never handled.
    await receiveUpdate(db, textUpdate(700_301, eka, '/bantuan'));
    expect(await inboxCount()).toBe(1);
    // And a message Telegram cannot deliver while the server is down: it keeps retrying.
    const held = fake.sendCommand(fani, '/bantuan');
    await sleep(300);
    expect(fake.pendingUpdates().map((u) => u.update_id)).toEqual([held.update_id]);
    expect(textsIn(fake, eka.id)).toHaveLength(1);
    expect(textsIn(fake, fani.id)).toHaveLength(1);

    await startProcess();
    await waitForText(fake, eka.id, helpFirstLine);
    await waitForText(fake, fani.id, helpFirstLine);
    await waitUntil(async () => (await inboxCount()) === 0, 'the inbox to empty');
    expect(fake.pendingUpdates()).toEqual([]);
    await sleep(300);
    expect(textsIn(fake, eka.id)).toHaveLength(2);
    expect(textsIn(fake, fani.id)).toHaveLength(2);
  });
  it('answers once a message holding U+0000 and a lone surrogate, and keeps its text cleaned', async () => {
    // PostgreSQL refuses both in jsonb: the webhook answered 500, and Telegram redelivered it forever.
    const gina: SimulatedUser = { id: 1007, first_name: 'Gina' };
    const sent = fake.sendText(gina, 'apa sanksi jika tidak masuk kerja 5 hari\u0000 tanpa alasan?\uD800');
    const answer = await waitForText(fake, gina.id, 'PP 94/2021');
    expect(answer.raw_text).toMatch(/<b>PP 94\/2021 Pasal \d+/);
    expect(fake.pendingUpdates()).toEqual([]);
    const log = await db.prisma.questionLog.findFirstOrThrow({ where: { asker: `tg:${gina.id}` } });
    expect(log.question).toBe('apa sanksi jika tidak masuk kerja 5 hari tanpa alasan?\uFFFD');
    await waitUntil(async () => (await inboxCount()) === 0, 'the inbox to empty');
    expect(await db.prisma.telegramInbox.findUnique({ where: { updateId: BigInt(sent.update_id) } })).toMatchObject({
      failedAt: null,
      handledAt: expect.any(Date),
    });
    // And the chat goes on.
    fake.sendCommand(gina, '/bantuan');
    await waitForText(fake, gina.id, helpFirstLine);
    expect(textsIn(fake, gina.id)).toHaveLength(2);
  });

  it(`sets an update that fails every time aside after ${maxAttempts} attempts, and the chat goes on`, async () => {
    const hana: SimulatedUser = { id: 1008, first_name: 'Hana' };
    fake.sendCommand(hana, '/start');
    await waitForText(fake, hana.id, 'Selamat datang');
    // A sender id no code can read (not an integer): it fails before any feature, on every attempt.
    const poison = textUpdate(700_401, hana, '/bantuan');
    poison.message!.from!.id = 1.5;
    expect((await post(poison, { 'x-telegram-bot-api-secret-token': secret })).status).toBe(200);
    expect((await post(textUpdate(700_402, hana, '/bantuan'), { 'x-telegram-bot-api-secret-token': secret })).status).toBe(200);

    await waitForText(fake, hana.id, helpFirstLine);
    const failed = await db.prisma.telegramInbox.findUniqueOrThrow({ where: { updateId: 700_401n } });
    expect(failed).toMatchObject({ attempts: maxAttempts, handledAt: null, error: 'handle: RangeError' });
    expect(failed.failedAt).toBeInstanceOf(Date);
    // Never claimed again, and nothing of what was written is kept: only which kind of update it was.
    expect(failed.payload).toEqual({ kinds: ['message'] });
    expect(JSON.stringify(failed.payload)).not.toContain('bantuan');
    await sleep(300);
    expect((await db.prisma.telegramInbox.findUniqueOrThrow({ where: { updateId: 700_401n } })).attempts).toBe(maxAttempts);
    expect(textsIn(fake, hana.id).filter((t) => t.startsWith(helpFirstLine))).toHaveLength(1);
  });

  it('refuses a 2 MB body with 413 and stores nothing', async () => {
    const ika: SimulatedUser = { id: 1009, first_name: 'Ika' };
    const res = await post(textUpdate(700_501, ika, 'a'.repeat(2 * 1024 * 1024)), { 'x-telegram-bot-api-secret-token': secret });
    expect(res.status).toBe(413);
    expect(await db.prisma.telegramInbox.findUnique({ where: { updateId: 700_501n } })).toBeNull();
  });
});
