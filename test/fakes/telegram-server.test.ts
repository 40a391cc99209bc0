// The fake Telegram Bot API, proven through the real grammY client: bot.api calls, long polling, webhooks.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bot, GrammyError, HttpError, InlineKeyboard, InputFile, webhookCallback } from 'grammy';
import { startFakeTelegram, type FakeTelegram } from './telegram-server.js';

const ana = { id: 1001, first_name: 'Ana', username: 'ana_asn', language_code: 'id' };
const budi = { id: 1002, first_name: 'Budi' };
const citra = { id: 1003, first_name: 'Citra' };
const kantor = { id: -1001234567890, type: 'supergroup' as const, title: 'Kantor' };

const CONFLICT_WEBHOOK =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
const CONFLICT_OTHER_POLL = 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';
const QUERY_INVALID = 'Bad Request: query is too old and response timeout expired or query ID is invalid';
const NOT_MODIFIED =
  'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

async function apiError(promise: Promise<unknown>): Promise<GrammyError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GrammyError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with a GrammyError');
}

function makeBot(fake: FakeTelegram, token = fake.token): Bot {
  return new Bot(token, { client: { apiRoot: fake.url } });
}

/** Starts long polling and resolves once grammY is set up; returns a stop function that waits for the loop. */
async function startPolling(bot: Bot): Promise<() => Promise<void>> {
  let polling: Promise<void> | undefined;
  await new Promise<void>((resolve, reject) => {
    polling = bot.start({ onStart: () => resolve() });
    polling.catch(reject);
  });
  return async () => {
    await bot.stop();
    await polling;
  };
}

describe('fake Telegram Bot API through grammY', () => {
  let fake: FakeTelegram;
  let bot: Bot;

  beforeEach(async () => {
    // Generous flood limits here; the rate-limit tests start their own fake with Telegram's defaults.
    fake = await startFakeTelegram({ perChatPerSecond: 100, globalPerSecond: 100 });
    bot = makeBot(fake);
  });

  afterEach(async () => {
    await fake.close();
  });

  it('answers getMe, and 401 for a wrong token and 404 for an unknown method', async () => {
    const me = await bot.api.getMe();
    expect(me).toMatchObject({ id: 123456, is_bot: true, username: 'test_bot', can_join_groups: true });

    const intruder = makeBot(fake, '123456:WRONG-TOKEN');
    const unauthorized = await apiError(intruder.api.getMe());
    expect(unauthorized.error_code).toBe(401);
    expect(unauthorized.description).toBe('Unauthorized');
    await expect(intruder.init()).rejects.toBeInstanceOf(GrammyError);

    const unknown = await apiError((bot.api.raw as any).sendTelepathy({ chat_id: ana.id }));
    expect(unknown.error_code).toBe(404);
    expect(unknown.description).toBe('Not Found: method not found');

    expect(fake.calls.map((c) => [c.method, c.status])).toEqual([
      ['getMe', 200],
      ['getMe', 401],
      ['getMe', 401],
      ['sendTelepathy', 404],
    ]);
    expect(fake.stats()).toEqual({ sent: 0, tooManyRequests: 0, errors: 3 });
  });

  it('long polling: a user text reaches bot.on("message") and the reply reaches the chat', async () => {
    bot.command('start', (ctx) => ctx.reply(`Halo, ${ctx.from?.first_name}!`));
    bot.on('message:text', (ctx) => ctx.reply(`Anda menulis: ${ctx.message.text}`));
    const stop = await startPolling(bot);
    try {
      const first = fake.sendCommand(ana, '/start');
      const second = fake.sendText(ana, 'Cuti tahunan berapa hari?');
      expect(second.update_id).toBe(first.update_id + 1);
      expect(first.message?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);

      const replies = await fake.waitForMessages(ana.id, 2);
      expect(replies.map((m) => m.text)).toEqual(['Halo, Ana!', 'Anda menulis: Cuti tahunan berapa hari?']);
      // One message_id sequence per chat, shared by the user's and the bot's messages.
      expect(replies.map((m) => m.message_id)).toEqual([3, 4]);

      // "/cmd@botname" in a group reaches the command handler too.
      const groupCommand = fake.sendCommand(budi, '/start@test_bot', kantor);
      expect(groupCommand.message?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 15 }]);
      const [groupReply] = await fake.waitForMessages(kantor.id, 1);
      expect(groupReply?.text).toBe('Halo, Budi!');
    } finally {
      await stop();
    }
    // bot.stop() confirmed everything it handled.
    expect(fake.pendingUpdates()).toEqual([]);
    expect(fake.calls.some((c) => c.method === 'deleteWebhook' && c.status === 200)).toBe(true);
  });

  it('getUpdates: answers as soon as an update arrives, honours offset and limit', async () => {
    const started = Date.now();
    const poll = bot.api.getUpdates({ timeout: 10 });
    await sleep(50);
    fake.sendText(ana, 'satu');
    const updates = await poll;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(updates.map((u) => u.message?.text)).toEqual(['satu']);

    fake.sendText(ana, 'dua');
    fake.sendText(ana, 'tiga');
    // Without an offset nothing is confirmed yet.
    expect((await bot.api.getUpdates({ limit: 2 })).map((u) => u.message?.text)).toEqual(['satu', 'dua']);
    const next = await bot.api.getUpdates({ offset: updates[0]!.update_id + 1 });
    expect(next.map((u) => u.message?.text)).toEqual(['dua', 'tiga']);
    // A negative offset keeps only the last updates.
    expect((await bot.api.getUpdates({ offset: -1 })).map((u) => u.message?.text)).toEqual(['tiga']);
    expect(await bot.api.getUpdates({ offset: next[1]!.update_id + 1 })).toEqual([]);
  });

  it('getUpdates: of two concurrent long polls the older one gets 409', async () => {
    const older = bot.api.getUpdates({ timeout: 5 });
    await sleep(50);
    const newer = bot.api.getUpdates({ timeout: 5 });
    const conflict = await apiError(older);
    expect(conflict.error_code).toBe(409);
    expect(conflict.description).toBe(CONFLICT_OTHER_POLL);
    fake.sendText(ana, 'halo');
    expect((await newer).map((u) => u.message?.text)).toEqual(['halo']);
  });

  it('getUpdates: a pending long poll returns promptly on close()', async () => {
    const other = await startFakeTelegram();
    const poll = makeBot(other).api.getUpdates({ timeout: 30 });
    await sleep(50);
    const closing = Date.now();
    await other.close();
    expect(await poll).toEqual([]);
    expect(Date.now() - closing).toBeLessThan(1000);
  });

  it('sendMessage HTML: tags are parsed away, malformed markup is a 400 with Telegram-like details', async () => {
    fake.sendText(ana, 'halo');
    const sent = await bot.api.sendMessage(ana.id, '<b>Pasal 5</b> &amp; <i>ayat (2)</i>', { parse_mode: 'HTML' });
    expect(sent.text).toBe('Pasal 5 & ayat (2)');
    expect(sent.entities).toEqual([
      { type: 'bold', offset: 0, length: 7 },
      { type: 'italic', offset: 10, length: 8 },
    ]);
    expect(sent.from).toMatchObject({ id: 123456, is_bot: true });
    expect(sent.chat).toMatchObject({ id: ana.id, type: 'private' });

    const cases: [string, string][] = [
      ['gaji < 5 juta', 'Unsupported start tag "" at byte offset 5'],
      ['<b>tebal', `Can't find end tag corresponding to start tag "b"`],
      ['<p>paragraf</p>', 'Unsupported start tag "p" at byte offset 0'],
      ['<b><i>x</b></i>', 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
      ['<span>x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
      ['selesai</b>', 'Unexpected end tag at byte offset 7'],
    ];
    for (const [html, detail] of cases) {
      const error = await apiError(bot.api.sendMessage(ana.id, html, { parse_mode: 'HTML' }));
      expect(error.error_code).toBe(400);
      expect(error.description).toBe(`Bad Request: can't parse entities: ${detail}`);
    }

    // As in TDLib, a '&' that starts no entity stays literal.
    expect((await bot.api.sendMessage(ana.id, 'Tom & Jerry &nbsp;', { parse_mode: 'HTML' })).text).toBe('Tom & Jerry &nbsp;');
    const spoiler = await bot.api.sendMessage(ana.id, '<span class="tg-spoiler">NIP</span> <a href="https://bkn.go.id">BKN</a>', {
      parse_mode: 'HTML',
    });
    expect(spoiler.entities).toEqual([
      { type: 'spoiler', offset: 0, length: 3 },
      { type: 'text_link', offset: 4, length: 3, url: 'https://bkn.go.id/' },
    ]);

    const markdown = await apiError(bot.api.sendMessage(ana.id, 'Versi 1.0', { parse_mode: 'MarkdownV2' }));
    expect(markdown.description).toBe(
      "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    );
    expect(fake.messages(ana.id).map((m) => m.text)).toEqual(['Pasal 5 & ayat (2)', 'Tom & Jerry &nbsp;', 'NIP BKN']);
    expect(fake.messages(ana.id)[0]).toMatchObject({ parse_mode: 'HTML', raw_text: '<b>Pasal 5</b> &amp; <i>ayat (2)</i>' });
  });

  it('sendMessage: 1-4096 characters, counted without the markup', async () => {
    fake.sendText(ana, 'halo');
    await bot.api.sendMessage(ana.id, 'x'.repeat(4096));
    await bot.api.sendMessage(ana.id, `<b>${'x'.repeat(4096)}</b>`, { parse_mode: 'HTML' });
    const tooLong = await apiError(bot.api.sendMessage(ana.id, 'x'.repeat(4097)));
    expect(tooLong.error_code).toBe(400);
    expect(tooLong.description).toBe('Bad Request: message is too long');
    expect((await apiError(bot.api.sendMessage(ana.id, ''))).description).toBe('Bad Request: message text is empty');
    expect((await apiError(bot.api.sendMessage(ana.id, '<b> </b>', { parse_mode: 'HTML' }))).description).toBe(
      'Bad Request: text must be non-empty',
    );
    expect((await apiError(bot.api.sendMessage(999, 'halo'))).description).toBe('Bad Request: chat not found');
    expect(fake.stats()).toMatchObject({ sent: 2, errors: 4 });
  });

  it('inline keyboards: callback_data of 1-64 bytes, a press reaches the bot, answers and edits are recorded', async () => {
    fake.sendText(ana, 'halo');
    const tooBig = await apiError(
      bot.api.sendMessage(ana.id, 'Pilih', { reply_markup: new InlineKeyboard().text('A', 'x'.repeat(65)) }),
    );
    expect(tooBig.error_code).toBe(400);
    expect(tooBig.description).toBe('Bad Request: BUTTON_DATA_INVALID');
    // 33 characters but 66 bytes.
    const multibyte = await apiError(
      bot.api.sendMessage(ana.id, 'Pilih', { reply_markup: new InlineKeyboard().text('A', 'é'.repeat(33)) }),
    );
    expect(multibyte.description).toBe('Bad Request: BUTTON_DATA_INVALID');
    await bot.api.sendMessage(ana.id, 'Pilih', { reply_markup: new InlineKeyboard().text('A', 'x'.repeat(64)) });

    const errors: unknown[] = [];
    bot.catch((err) => void errors.push(err.error));
    bot.command('menu', (ctx) =>
      ctx.reply('Pilih jenis cuti', {
        reply_markup: new InlineKeyboard().text('Tahunan', 'cuti:tahunan').text('Besar', 'cuti:besar'),
      }),
    );
    bot.callbackQuery(/^cuti:(.+)$/, async (ctx) => {
      await ctx.answerCallbackQuery({ text: `Dipilih: ${ctx.match[1]}` });
      await ctx.editMessageText(`Cuti ${ctx.match[1]}`);
    });
    const stop = await startPolling(bot);
    try {
      fake.sendCommand(ana, '/menu');
      const menu = (await fake.waitForMessages(ana.id, 2))[1]!;
      expect(menu.reply_markup.inline_keyboard[0].map((b: any) => b.callback_data)).toEqual(['cuti:tahunan', 'cuti:besar']);
      expect(() => fake.pressButton(ana, menu, 'cuti:palsu')).toThrow(/no button/);

      const press = fake.pressButton(ana, menu, 'cuti:tahunan');
      expect(press.callback_query).toMatchObject({ data: 'cuti:tahunan', message: { message_id: menu.message_id } });
      await waitFor(() => menu.edited === true);
      expect(menu.text).toBe('Cuti tahunan');
      expect(menu.reply_markup).toBeUndefined(); // editMessageText without reply_markup drops the keyboard
      expect(fake.callbackAnswers).toEqual([{ callback_query_id: press.callback_query!.id, text: 'Dipilih: tahunan' }]);

      // An answered query cannot be answered again; a forged or unknown id is rejected the same way.
      expect((await apiError(bot.api.answerCallbackQuery(press.callback_query!.id))).description).toBe(QUERY_INVALID);
      expect((await apiError(bot.api.answerCallbackQuery('123'))).description).toBe(QUERY_INVALID);
      fake.sendRawUpdate({
        callback_query: {
          id: 'forged-1',
          from: { id: ana.id, is_bot: false, first_name: 'Ana' },
          chat_instance: '1',
          data: 'cuti:besar',
        },
      });
      await waitFor(() => errors.length === 1);
      expect(errors[0]).toBeInstanceOf(GrammyError);
      expect((errors[0] as GrammyError).description).toBe(QUERY_INVALID);
    } finally {
      await stop();
    }
  });

  it('editMessageText and editMessageReplyMarkup: not found, not modified, edited', async () => {
    fake.sendText(ana, 'halo');
    const keyboard = new InlineKeyboard().text('Ya', 'ya');
    const sent = await bot.api.sendMessage(ana.id, 'Lanjut?', { reply_markup: keyboard });

    const notFound = await apiError(bot.api.editMessageText(ana.id, 999, 'x'));
    expect(notFound.description).toBe('Bad Request: message to edit not found');
    expect((await apiError(bot.api.editMessageText(ana.id, 1, 'x'))).description).toBe("Bad Request: message can't be edited");
    const same = await apiError(bot.api.editMessageText(ana.id, sent.message_id, 'Lanjut?', { reply_markup: keyboard }));
    expect(same.description).toBe(NOT_MODIFIED);
    const sameMarkup = await apiError(bot.api.editMessageReplyMarkup(ana.id, sent.message_id, { reply_markup: keyboard }));
    expect(sameMarkup.description).toBe(NOT_MODIFIED);

    const edited = await bot.api.editMessageText(ana.id, sent.message_id, '<b>Selesai</b>', {
      parse_mode: 'HTML',
      reply_markup: keyboard,
    });
    expect(edited).toMatchObject({
      text: 'Selesai',
      entities: [{ type: 'bold', offset: 0, length: 7 }],
      edit_date: expect.any(Number),
    });
    const unmarked = await bot.api.editMessageReplyMarkup(ana.id, sent.message_id);
    expect(unmarked).not.toHaveProperty('reply_markup');
    expect(fake.messages(ana.id)).toHaveLength(1);
    expect(fake.messages(ana.id)[0]).toMatchObject({ message_id: sent.message_id, text: 'Selesai', edited: true });
    expect(fake.messages(ana.id)[0]).not.toHaveProperty('reply_markup');
  });

  it('429 with retry_after when three messages go to one chat at once (Telegram defaults)', async () => {
    const strict = await startFakeTelegram();
    try {
      const strictBot = makeBot(strict);
      strict.sendText(ana, 'halo');
      const results = await Promise.allSettled([1, 2, 3].map((i) => strictBot.api.sendMessage(ana.id, `Pengingat ${i}`)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(rejected).toHaveLength(2);
      for (const error of rejected) {
        expect(error).toBeInstanceOf(GrammyError);
        expect(error.error_code).toBe(429);
        expect(error.parameters.retry_after).toBe(1);
        expect(error.description).toBe('Too Many Requests: retry after 1');
      }
      expect(strict.stats()).toEqual({ sent: 1, tooManyRequests: 2, errors: 0 });

      // After retry_after the chat accepts a message again; an edit right after it counts too.
      await sleep(rejected[0].parameters.retry_after * 1000);
      const again = await strictBot.api.sendMessage(ana.id, 'Pengingat 2');
      const edit = await apiError(strictBot.api.editMessageText(ana.id, again.message_id, 'Pengingat 2 (ralat)'));
      expect(edit.error_code).toBe(429);
      expect(strict.messages(ana.id).map((m) => m.text)).toEqual(['Pengingat 1', 'Pengingat 2']);
    } finally {
      await strict.close();
    }
  });

  it('429 when more than globalPerSecond messages go out overall', async () => {
    const strict = await startFakeTelegram({ perChatPerSecond: 10, globalPerSecond: 2 });
    try {
      const strictBot = makeBot(strict);
      for (const user of [ana, budi, citra]) strict.sendText(user, 'halo');
      await strictBot.api.sendMessage(ana.id, 'a');
      await strictBot.api.sendMessage(budi.id, 'b');
      const error = await apiError(strictBot.api.sendMessage(citra.id, 'c'));
      expect(error.error_code).toBe(429);
      expect(error.parameters.retry_after).toBeGreaterThanOrEqual(1);
      expect(strict.stats().tooManyRequests).toBe(1);
    } finally {
      await strict.close();
    }
  });

  it('webhook: each update is POSTed with the secret header, retried until a 2xx, and getUpdates gets 409', async () => {
    bot.on('message:text', (ctx) => ctx.reply(`Diterima: ${ctx.message.text}`));
    await bot.init();
    const handle = webhookCallback(bot, 'http', { secretToken: 'rahasia_123' });
    const deliveries: { path?: string; secret?: string | string[]; status: number }[] = [];
    const server = http.createServer((req, res) => {
      const secret = req.headers['x-telegram-bot-api-secret-token'];
      if (deliveries.length === 0) {
        // The first delivery fails; Telegram must retry it.
        deliveries.push({ path: req.url, secret, status: 503 });
        req.resume();
        req.on('end', () => res.writeHead(503).end());
        return;
      }
      deliveries.push({ path: req.url, secret, status: 200 });
      void handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`;
    try {
      expect(await bot.api.setWebhook(url, { secret_token: 'rahasia_123' })).toBe(true);
      expect(fake.webhook()).toEqual({ url, secret_token: 'rahasia_123' });

      fake.sendText(ana, 'halo webhook');
      const [reply] = await fake.waitForMessages(ana.id, 1);
      expect(reply?.text).toBe('Diterima: halo webhook');
      expect(deliveries).toEqual([
        { path: '/telegram/webhook', secret: 'rahasia_123', status: 503 },
        { path: '/telegram/webhook', secret: 'rahasia_123', status: 200 },
      ]);
      await waitFor(() => fake.pendingUpdates().length === 0);
      const info = await bot.api.getWebhookInfo();
      expect(info).toMatchObject({ url, pending_update_count: 0, last_error_message: expect.stringContaining('503') });

      const conflict = await apiError(bot.api.getUpdates());
      expect(conflict.error_code).toBe(409);
      expect(conflict.description).toBe(CONFLICT_WEBHOOK);

      expect(await bot.api.deleteWebhook()).toBe(true);
      expect(fake.webhook()).toBeUndefined();
      expect(await bot.api.getUpdates()).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('webhook: a method call in the webhook response body is performed (grammY webhook reply)', async () => {
    const replyBot = new Bot(fake.token, { client: { apiRoot: fake.url, canUseWebhookReply: (m) => m === 'sendMessage' } });
    replyBot.on('message:text', (ctx) => ctx.reply('Dibalas lewat webhook'));
    await replyBot.init();
    const server = http.createServer(webhookCallback(replyBot, 'http'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await replyBot.api.setWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      fake.sendText(ana, 'halo');
      const [reply] = await fake.waitForMessages(ana.id, 1);
      expect(reply?.text).toBe('Dibalas lewat webhook');
      await waitFor(() => fake.calls.some((c) => c.method === 'sendMessage'));
      expect(fake.calls.filter((c) => c.method === 'sendMessage')).toEqual([
        expect.objectContaining({ status: 200, body: expect.objectContaining({ chat_id: ana.id }) }),
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('blocked chat -> 403 "Forbidden: bot was blocked by the user"', async () => {
    fake.sendText(ana, 'halo');
    await bot.api.sendMessage(ana.id, 'Selamat datang');
    fake.blockBot(ana.id);
    const blocked = await apiError(bot.api.sendMessage(ana.id, 'Pengingat SKP'));
    expect(blocked.error_code).toBe(403);
    expect(blocked.description).toBe('Forbidden: bot was blocked by the user');
    expect((await apiError(bot.api.sendChatAction(ana.id, 'typing'))).error_code).toBe(403);
    expect(fake.messages(ana.id)).toHaveLength(1);
  });

  it('sendChatAction validates the action and is recorded', async () => {
    fake.sendText(ana, 'halo');
    expect(await bot.api.sendChatAction(ana.id, 'typing')).toBe(true);
    const wrong = await apiError(bot.api.sendChatAction(ana.id, 'dancing' as any));
    expect(wrong.description).toBe('Bad Request: wrong parameter action in request');
    expect(fake.chatActions).toEqual([{ chat_id: ana.id, action: 'typing' }]);
  });

  it('setMyCommands / getMyCommands / deleteMyCommands with Telegram checks', async () => {
    const commands = [
      { command: 'start', description: 'Mulai' },
      { command: 'cuti', description: 'Hitung sisa cuti' },
    ];
    expect(await bot.api.setMyCommands(commands)).toBe(true);
    expect(await bot.api.setMyCommands([{ command: '/help', description: 'Help' }], { language_code: 'en' })).toBe(true);
    expect(await bot.api.getMyCommands()).toEqual(commands);
    expect(await bot.api.getMyCommands({ language_code: 'en' })).toEqual([{ command: 'help', description: 'Help' }]);
    expect(fake.commands()).toEqual([
      { commands },
      { language_code: 'en', commands: [{ command: 'help', description: 'Help' }] },
    ]);

    const invalid: [{ command: string; description: string }[], string][] = [
      [[{ command: 'Start', description: 'x' }], 'Bad Request: BOT_COMMAND_INVALID'],
      [[{ command: 'sisa-cuti', description: 'x' }], 'Bad Request: BOT_COMMAND_INVALID'],
      [[{ command: 'c'.repeat(33), description: 'x' }], 'Bad Request: command length must not exceed 32'],
      [[{ command: 'start', description: ' ' }], 'Bad Request: command description must be non-empty'],
      [[{ command: 'start', description: 'd'.repeat(257) }], 'Bad Request: command description length must not exceed 256'],
      [Array.from({ length: 101 }, (_, i) => ({ command: `c${i}`, description: 'x' })), 'Bad Request: BOT_COMMANDS_TOO_MUCH'],
    ];
    for (const [list, description] of invalid) {
      const error = await apiError(bot.api.setMyCommands(list));
      expect(error.error_code).toBe(400);
      expect(error.description).toBe(description);
    }
    expect(await bot.api.deleteMyCommands()).toBe(true);
    expect(await bot.api.getMyCommands()).toEqual([]);
    expect(fake.commands()).toHaveLength(1);
  });

  it('failNext injects HTTP errors and network errors', async () => {
    fake.sendText(ana, 'halo');
    fake.failNext(1, 'sendMessage', { status: 500, description: 'Internal Server Error' });
    fake.failNext(1, '*', { status: 429, description: 'Too Many Requests: retry after 7', retryAfter: 7 });
    fake.failNext(1, 'sendMessage', { networkError: true });

    const serverError = await apiError(bot.api.sendMessage(ana.id, 'a'));
    expect([serverError.error_code, serverError.description]).toEqual([500, 'Internal Server Error']);
    const flood = await apiError(bot.api.getMe());
    expect([flood.error_code, flood.parameters.retry_after]).toEqual([429, 7]);
    await expect(bot.api.sendMessage(ana.id, 'b')).rejects.toBeInstanceOf(HttpError);
    await bot.api.sendMessage(ana.id, 'c');
    expect(fake.calls.map((c) => [c.method, c.status])).toEqual([
      ['sendMessage', 500],
      ['getMe', 429],
      ['sendMessage', 0],
      ['sendMessage', 200],
    ]);
    expect(fake.stats()).toEqual({ sent: 1, tooManyRequests: 1, errors: 2 });
  });

  it('accepts urlencoded and multipart bodies; files can be uploaded, fetched with getFile and downloaded', async () => {
    fake.sendText(ana, 'halo');
    const form = await fetch(`${fake.url}/bot${fake.token}/sendMessage`, {
      method: 'POST',
      body: new URLSearchParams({
        chat_id: String(ana.id),
        text: '<i>lewat formulir</i>',
        parse_mode: 'HTML',
        reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'OK', callback_data: 'ok' }]] }),
      }),
    });
    expect(form.status).toBe(200);
    expect(await form.json()).toMatchObject({
      ok: true,
      result: { text: 'lewat formulir', reply_markup: { inline_keyboard: [[{ text: 'OK', callback_data: 'ok' }]] } },
    });

    const pdf = Buffer.from('%PDF-1.4 surat keputusan');
    const doc = await bot.api.sendDocument(ana.id, new InputFile(pdf, 'sk.pdf'), {
      caption: '<b>SK</b> kenaikan pangkat',
      parse_mode: 'HTML',
    });
    expect(doc.document).toMatchObject({ file_name: 'sk.pdf', mime_type: 'application/pdf', file_size: pdf.length });
    expect(doc.caption).toBe('SK kenaikan pangkat');
    expect(fake.messages(ana.id).at(-1)).toMatchObject({ media: 'document', text: 'SK kenaikan pangkat' });

    // A user's document, as the bot would fetch it.
    const upload = fake.sendDocument(ana, undefined, { file_name: 'nota.docx', content: 'isi nota dinas' });
    const file = await bot.api.getFile(upload.message!.document!.file_id);
    const download = await fetch(`${fake.url}/file/bot${fake.token}/${file.file_path}`);
    expect(await download.text()).toBe('isi nota dinas');
    expect((await apiError(bot.api.getFile('nope'))).description).toBe('Bad Request: invalid file_id');

    const photo = fake.sendPhoto(ana);
    expect(photo.message?.photo).toHaveLength(2);
    expect(fake.sendSticker(ana).message?.sticker).toMatchObject({ type: 'regular' });
    expect(fake.sendVoice(ana).message?.voice).toMatchObject({ mime_type: 'audio/ogg' });
  });
});
