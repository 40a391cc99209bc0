// The fake Slack Web API, proven through the real @slack/web-api WebClient and a real Bolt app.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, WebClient, WebClientEvent, type WebClientOptions } from '@slack/web-api';
import { App, type Receiver } from '@slack/bolt';
import { silentSlackLogger } from '../helpers/silent-logger.js';
import { addChannel, startFakeSlack, type FakeSlack } from './slack-server.js';

const ana = { id: 'U0ANA', email: 'ana@kemenkeu.go.id', name: 'Ana Lestari' };
const budi = { id: 'U0BUDI', email: 'budi@kemenkeu.go.id', name: 'Budi Santoso' };

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const modal = (blocks: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: { type: 'plain_text', text: 'Cuti' },
  blocks,
  ...extra,
});

/** The error a call rejected with (fails the test if it resolved). */
async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('fake Slack Web API through @slack/web-api', () => {
  let fake: FakeSlack;
  let client: WebClient;
  const makeClient = (options: WebClientOptions = {}, token = fake.token) =>
    new WebClient(token, { slackApiUrl: `${fake.url}/api/`, retryConfig: { retries: 0 }, logger: silentSlackLogger, ...options });

  beforeEach(async () => {
    fake = await startFakeSlack();
    fake.addUser(ana);
    fake.addUser(budi);
    client = makeClient();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('answers auth.test as the bot, over POST form with a Bearer token', async () => {
    const result = await client.auth.test();
    expect(result).toMatchObject({
      ok: true,
      url: 'https://asisten-asn-test.slack.com/',
      team: 'Asisten ASN Test',
      team_id: 'T0TEST',
      user_id: 'U0BOT',
      bot_id: 'B0BOT',
    });
    expect(fake.calls).toEqual([{ method: 'auth.test', body: {}, at: expect.any(Number), status: 200 }]);
  });

  it('takes teamId, botUserId and token from options', async () => {
    const other = await startFakeSlack({ token: 'xoxb-other', teamId: 'T9', botUserId: 'U9' });
    try {
      const c = new WebClient('xoxb-other', { slackApiUrl: `${other.url}/api/`, logger: silentSlackLogger });
      expect(await c.auth.test()).toMatchObject({ team_id: 'T9', user_id: 'U9' });
    } finally {
      await other.close();
    }
  });

  it('refuses a wrong token with invalid_auth and none with not_authed', async () => {
    const wrong = await rejection(makeClient({}, 'xoxb-wrong').auth.test());
    expect(wrong.code).toBe(ErrorCode.PlatformError);
    expect(wrong.data).toMatchObject({ ok: false, error: 'invalid_auth' });

    const none = await fetch(`${fake.url}/api/auth.test`, { method: 'POST' });
    expect(none.status).toBe(200);
    expect(await none.json()).toEqual({ ok: false, error: 'not_authed' });
    // A token as a form argument, as Slack also accepts.
    const form = await fetch(`${fake.url}/api/auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${fake.token}`,
    });
    expect(await form.json()).toMatchObject({ ok: true, user_id: 'U0BOT' });
  });

  it('answers an unknown method as Slack does: HTTP 200 unknown_method', async () => {
    const error = await rejection(client.apiCall('chat.teleport', { channel: 'C_HR' }));
    expect(error.code).toBe(ErrorCode.PlatformError);
    expect(error.data).toMatchObject({ ok: false, error: 'unknown_method', req_method: 'chat.teleport' });
  });

  it('posts a message, then updates it in place', async () => {
    const posted = await client.chat.postMessage({ channel: 'C_HR', text: 'Pengingat: SKP', blocks: [section('*SKP*')] });
    expect(posted).toMatchObject({ ok: true, channel: 'C_HR', ts: expect.stringMatching(/^\d{10}\.\d{6}$/) });
    expect(posted.message).toMatchObject({ type: 'message', user: 'U0BOT', bot_id: 'B0BOT', text: 'Pengingat: SKP' });
    expect(posted.message?.blocks?.[0]).toMatchObject({ ...section('*SKP*'), block_id: expect.any(String) });

    const [message] = fake.messages('C_HR');
    expect(message).toMatchObject({ channel: 'C_HR', ts: posted.ts, text: 'Pengingat: SKP' });
    expect(message!.blocks).toHaveLength(1);

    const updated = await client.chat.update({ channel: 'C_HR', ts: posted.ts!, text: 'Selesai' });
    expect(updated).toMatchObject({ ok: true, channel: 'C_HR', ts: posted.ts, text: 'Selesai' });
    expect(fake.messages('C_HR')).toHaveLength(1);
    expect(message).toMatchObject({ text: 'Selesai', updatedAt: expect.any(Number), edited: { user: 'U0BOT' } });
    expect(message!.blocks).toBeUndefined(); // text without blocks drops the old blocks

    const missing = await rejection(client.chat.update({ channel: 'C_HR', ts: '1.000001', text: 'x' }));
    expect(missing.data.error).toBe('message_not_found');
  });

  it('gives unique, increasing ts and keeps thread_ts', async () => {
    const first = await client.chat.postMessage({ channel: 'C_HR', text: 'a' });
    const reply = await client.chat.postMessage({ channel: 'C_HR', text: 'b', thread_ts: first.ts! });
    const third = await client.chat.postMessage({ channel: 'C_HR', text: 'c' });
    expect(Number(reply.ts)).toBeGreaterThan(Number(first.ts));
    expect(Number(third.ts)).toBeGreaterThan(Number(reply.ts));
    expect(new Set([first.ts, reply.ts, third.ts]).size).toBe(3);
    expect(fake.messages('C_HR')[1]).toMatchObject({ thread_ts: first.ts });
    expect(reply.message).toMatchObject({ thread_ts: first.ts });
  });

  it('refuses unknown channels, empty messages and too many blocks', async () => {
    const unknown = await rejection(client.chat.postMessage({ channel: 'C_NOPE', text: 'x' }));
    expect(unknown.code).toBe(ErrorCode.PlatformError);
    expect(unknown.data.error).toBe('channel_not_found');
    expect((await rejection(client.chat.postMessage({ channel: 'U0NOBODY', text: 'x' }))).data.error).toBe('channel_not_found');
    expect((await rejection(client.chat.postMessage({ channel: 'C_HR', text: '' }))).data.error).toBe('no_text');

    const blocks = Array.from({ length: 51 }, (_, i) => section(`b${i}`));
    const tooMany = await rejection(client.chat.postMessage({ channel: 'C_HR', text: 'x', blocks }));
    expect(tooMany.data).toMatchObject({
      error: 'invalid_blocks',
      response_metadata: { messages: ['[ERROR] must be less than 51 items [json-pointer:/blocks]'] },
    });
    expect(await client.chat.postMessage({ channel: 'C_HR', text: 'x', blocks: blocks.slice(0, 50) })).toMatchObject({
      ok: true,
    });
    const badBlock = await rejection(
      client.chat.postMessage({
        channel: 'C_HR',
        text: 'x',
        blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } } as any],
      }),
    );
    expect(badBlock.data.error).toBe('invalid_blocks');
    expect(fake.messages('C_HR')).toHaveLength(1);
  });

  it('knows channels added with addChannel, by id or name', async () => {
    fake.addChannel('C_UMUM', { name: 'umum' });
    addChannel(fake, 'C_IT');
    await client.chat.postMessage({ channel: 'C_UMUM', text: 'a' });
    await client.chat.postMessage({ channel: '#umum', text: 'b' });
    await client.chat.postMessage({ channel: 'C_IT', text: 'c' });
    expect(fake.messages('C_UMUM').map((m) => m.text)).toEqual(['a', 'b']);
    expect(fake.messages('C_IT')).toHaveLength(1);
    expect(fake.messages()).toHaveLength(3);
  });

  it('opens DMs; a user id as channel posts into the DM with the app', async () => {
    const opened = await client.conversations.open({ users: ana.id });
    expect(opened).toMatchObject({ ok: true, channel: { id: 'DU0ANA' } });
    expect(await client.conversations.open({ users: ana.id })).toMatchObject({ already_open: true, channel: { id: 'DU0ANA' } });
    await client.chat.postMessage({ channel: 'DU0ANA', text: 'via DM id' });

    const viaUser = await client.chat.postMessage({ channel: budi.id, text: 'via user id' });
    expect(viaUser.channel).toBe('DU0BUDI');
    expect(fake.messages(budi.id).map((m) => m.text)).toEqual(['via user id']);
    expect(fake.messages('DU0ANA').map((m) => m.text)).toEqual(['via DM id']);

    expect((await rejection(client.conversations.open({ users: 'U0NOBODY' }))).data.error).toBe('user_not_found');
    expect((await rejection(client.chat.postMessage({ channel: 'D_UNOPENED', text: 'x' }))).data.error).toBe('channel_not_found');
  });

  it('posts ephemerals apart from messages', async () => {
    fake.addChannel('C_TIM', { members: [ana.id] });
    const result = await client.chat.postEphemeral({ channel: 'C_HR', user: ana.id, text: 'Hanya untukmu' });
    expect(result).toEqual({ ok: true, message_ts: expect.stringMatching(/^\d+\.\d{6}$/), response_metadata: {} });
    expect(fake.ephemerals('C_HR')).toEqual([
      { channel: 'C_HR', ts: result.message_ts, user: ana.id, ephemeral: true, text: 'Hanya untukmu' },
    ]);
    expect(fake.messages()).toEqual([]);
    expect((await rejection(client.chat.postEphemeral({ channel: 'C_HR', user: 'U0X', text: 'x' }))).data.error).toBe(
      'user_not_found',
    );
    expect((await rejection(client.chat.postEphemeral({ channel: 'C_TIM', user: budi.id, text: 'x' }))).data.error).toBe(
      'user_not_in_channel',
    );
    // An ephemeral message cannot be updated.
    const update = await rejection(client.chat.update({ channel: 'C_HR', ts: result.message_ts!, text: 'x' }));
    expect(update.data.error).toBe('message_not_found');
  });

  it('opens modals and checks them', async () => {
    const view = modal([section('Isi formulir')], { callback_id: 'cuti', private_metadata: '{"a":1}' });
    const opened = await client.views.open({ trigger_id: '123.456.abc', view: view as any });
    expect(opened.view).toMatchObject({
      id: expect.stringMatching(/^V/),
      type: 'modal',
      callback_id: 'cuti',
      hash: expect.any(String),
    });
    expect(fake.views.opened).toEqual([{ trigger_id: '123.456.abc', view }]);

    const noTrigger = await rejection(client.views.open({ trigger_id: '', view: view as any }));
    expect(noTrigger.data.error).toBe('invalid_trigger_id');

    const tooMany = Array.from({ length: 101 }, (_, i) => section(`b${i}`));
    const big = await rejection(client.views.open({ trigger_id: 't', view: modal(tooMany) as any }));
    expect(big.data).toMatchObject({
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] must be less than 101 items [json-pointer:/view/blocks]'] },
    });
    const home = await rejection(client.views.open({ trigger_id: 't', view: { type: 'home', blocks: [] } as any }));
    expect(home.data.error).toBe('invalid_arguments');
    const longTitle = modal([], { title: { type: 'plain_text', text: 'x'.repeat(25) } });
    expect((await rejection(client.views.open({ trigger_id: 't', view: longTitle as any }))).data.error).toBe(
      'invalid_arguments',
    );
    const input = {
      type: 'input',
      label: { type: 'plain_text', text: 'Alasan' },
      element: { type: 'plain_text_input' },
    };
    const noSubmit = await rejection(client.views.open({ trigger_id: 't', view: modal([input]) as any }));
    expect(noSubmit.data.error).toBe('invalid_arguments');
    const withSubmit = modal([input], { submit: { type: 'plain_text', text: 'Kirim' } });
    const ok = await client.views.open({ trigger_id: 't', view: withSubmit as any });
    expect((ok.view?.blocks?.[0] as any).element.action_id).toEqual(expect.any(String));
    expect(fake.views.opened).toHaveLength(2);
  });

  it('takes an issued trigger_id once', async () => {
    const trigger = fake.issueTriggerId();
    await client.views.open({ trigger_id: trigger, view: modal([]) as any });
    expect((await rejection(client.views.open({ trigger_id: trigger, view: modal([]) as any }))).data.error).toBe(
      'trigger_exchanged',
    );
  });

  it('publishes home tabs and checks them', async () => {
    const view = { type: 'home', blocks: [section('Beranda')] };
    const published = await client.views.publish({ user_id: ana.id, view: view as any });
    expect(published.view).toMatchObject({ type: 'home', hash: expect.any(String) });
    expect(fake.views.published).toEqual([{ user_id: ana.id, view }]);

    const asModal = await rejection(client.views.publish({ user_id: ana.id, view: modal([]) as any }));
    expect(asModal.data.error).toBe('invalid_arguments');
    const big = { type: 'home', blocks: Array.from({ length: 101 }, (_, i) => section(`b${i}`)) };
    expect((await rejection(client.views.publish({ user_id: ana.id, view: big as any }))).data.error).toBe('invalid_arguments');
    const stale = await rejection(client.views.publish({ user_id: ana.id, view: view as any, hash: 'stale' }));
    expect(stale.data.error).toBe('hash_conflict');
    await client.views.publish({ user_id: ana.id, view: view as any, hash: published.view!.hash! });
    expect(fake.views.published).toHaveLength(2);
  });

  it('looks users up by email', async () => {
    const found = await client.users.lookupByEmail({ email: 'ANA@kemenkeu.go.id' });
    expect(found.user).toMatchObject({ id: ana.id, name: ana.name, profile: { email: ana.email } });

    const missing = await rejection(client.users.lookupByEmail({ email: 'siapa@kemenkeu.go.id' }));
    expect(missing.code).toBe(ErrorCode.PlatformError);
    expect(missing.data).toMatchObject({ ok: false, error: 'users_not_found' });
  });

  it('injects ok:false errors with failNext', async () => {
    fake.failNext(1, 'chat.postMessage', 'channel_not_found');
    const error = await rejection(client.chat.postMessage({ channel: 'C_HR', text: 'x' }));
    expect(error.data.error).toBe('channel_not_found');
    await client.chat.postMessage({ channel: 'C_HR', text: 'x' });
    expect(fake.calls.map((c) => [c.method, c.status])).toEqual([
      ['chat.postMessage', 200],
      ['chat.postMessage', 200],
    ]);
    expect(fake.messages('C_HR')).toHaveLength(1);
  });

  it('rate-limits with 429 and Retry-After: rejectRateLimitedCalls throws, otherwise the client waits and succeeds', async () => {
    fake.rateLimitNext(1, 'chat.postMessage', 7);
    const rejecting = makeClient({ rejectRateLimitedCalls: true });
    const error = await rejection(rejecting.chat.postMessage({ channel: 'C_HR', text: 'x' }));
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.retryAfter).toBe(7);
    expect(fake.calls.at(-1)).toMatchObject({ method: 'chat.postMessage', status: 429 });

    const raw = await fetch(`${fake.url}/api/auth.test`, { method: 'POST' });
    expect(raw.status).toBe(200); // the rule was used up

    fake.rateLimitNext(1, '*', 1);
    const patient = makeClient({ retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 1 } });
    let rateLimitedFor: number | undefined;
    patient.on(WebClientEvent.RATE_LIMITED, (seconds: number) => (rateLimitedFor = seconds));
    const started = Date.now();
    const result = await patient.chat.postMessage({ channel: 'C_HR', text: 'sabar' });
    expect(result.ok).toBe(true);
    expect(rateLimitedFor).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.calls.slice(-2).map((c) => c.status)).toEqual([429, 200]);
    expect(fake.messages('C_HR').map((m) => m.text)).toEqual(['sabar']);
  });

  it('sends Retry-After on the wire', async () => {
    fake.rateLimitNext(1, 'auth.test', 30);
    const response = await fetch(`${fake.url}/api/auth.test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.token}` },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await response.json()).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('is unreachable while down: HTTP 503, or a destroyed socket', async () => {
    fake.down(true);
    const http = await rejection(client.auth.test());
    expect(http.code).toBe(ErrorCode.HTTPError);
    expect(http.statusCode).toBe(503);

    fake.down(true, 'reset');
    const request = await rejection(client.chat.postMessage({ channel: 'C_HR', text: 'x' }));
    expect(request.code).toBe(ErrorCode.RequestError);
    expect(fake.calls.map((c) => c.status)).toEqual([503, 0]);

    fake.down(false);
    expect((await client.auth.test()).ok).toBe(true);
  });

  it('lets a retrying client through once Slack is back', async () => {
    fake.down(true);
    const retrying = makeClient({ retryConfig: { retries: 5, minTimeout: 50, maxTimeout: 50 } });
    setTimeout(() => fake.down(false), 120);
    const result = await retrying.chat.postMessage({ channel: 'C_HR', text: 'akhirnya' });
    expect(result.ok).toBe(true);
    expect(fake.calls.filter((c) => c.status === 503).length).toBeGreaterThanOrEqual(1);
    expect(fake.messages('C_HR')).toHaveLength(1);
  });

  it('reads JSON bodies with a Bearer token, as Slack does for write methods', async () => {
    const response = await fetch(`${fake.url}/api/chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'C_HR', text: 'json', blocks: [section('hai')] }),
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: 'C_HR' });
    expect(fake.messages('C_HR')[0]).toMatchObject({ text: 'json', blocks: [section('hai')] });

    // A token inside a JSON body is not read.
    const bodyToken = await fetch(`${fake.url}/api/auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: fake.token }),
    });
    expect(await bodyToken.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('ignores a JSON body sent to a method that reads only forms, as Slack does', async () => {
    const response = await fetch(`${fake.url}/api/users.lookupByEmail`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ email: ana.email }),
    });
    expect(await response.json()).toMatchObject({ ok: false, error: 'invalid_arguments' });
  });

  it('reads multipart bodies (what WebClient sends when an argument is a Buffer); api.test needs no token', async () => {
    const result = await makeClient({}, '').apiCall('api.test', { foo: 'bar', data: Buffer.from('isi berkas') });
    expect(result).toMatchObject({ ok: true, args: { foo: 'bar', data: { size: 10 } } });
    const error = await rejection(client.apiCall('api.test', { error: 'my_error' }));
    expect(error.data).toMatchObject({ ok: false, error: 'my_error' });
  });

  it('records what each call carried, even while down', async () => {
    await client.chat.postMessage({ channel: 'C_HR', text: 'a', blocks: [{ ...section('s'), block_id: 'mine' }] });
    expect(fake.messages('C_HR')[0]!.blocks![0].block_id).toBe('mine');
    fake.down(true);
    await rejection(client.chat.postMessage({ channel: 'C_HR', text: 'b' }));
    expect(fake.calls.map((c) => [c.method, c.body.text, c.status])).toEqual([
      ['chat.postMessage', 'a', 200],
      ['chat.postMessage', 'b', 503],
    ]);
    expect(typeof fake.calls[0]!.body.blocks).toBe('string'); // form-encoded JSON, as sent
    expect(fake.calls[0]!.body.token).toBeUndefined();
  });

  it('checks scopes when given them', async () => {
    const scoped = await startFakeSlack({ scopes: ['chat:write'] });
    try {
      scoped.addUser(ana);
      const c = new WebClient(scoped.token, { slackApiUrl: `${scoped.url}/api/`, logger: silentSlackLogger });
      const result = await c.chat.postMessage({ channel: 'C_HR', text: 'x' });
      expect(result.response_metadata?.scopes).toEqual(['chat:write']);
      const error = await rejection(c.users.lookupByEmail({ email: ana.email }));
      expect(error.data).toMatchObject({ error: 'missing_scope', needed: 'users:read.email', provided: 'chat:write' });
    } finally {
      await scoped.close();
    }
  });
});

describe('fake Slack Web API through a Bolt app', () => {
  class TestReceiver implements Receiver {
    app?: App;
    init(app: App): void {
      this.app = app;
    }
    async start(): Promise<void> {}
    async stop(): Promise<void> {}
  }

  let fake: FakeSlack;
  afterEach(async () => {
    await fake.close();
  });

  it('verifies its token, answers a message in the thread and opens a modal from a button', async () => {
    fake = await startFakeSlack();
    fake.addUser(ana);
    const receiver = new TestReceiver();
    const app = new App({
      token: fake.token,
      receiver,
      logger: silentSlackLogger,
      clientOptions: { slackApiUrl: `${fake.url}/api/`, retryConfig: { retries: 0 } },
    });
    app.message('halo', async ({ message, say }) => {
      await say({ text: 'Halo juga!', thread_ts: message.ts });
    });
    app.action('buka_cuti', async ({ ack, body, client }) => {
      await ack();
      await client.views.open({ trigger_id: (body as any).trigger_id, view: modal([section('Form cuti')]) as any });
    });

    const acks: unknown[] = [];
    const ack = async (response?: unknown) => {
      acks.push(response);
    };
    await app.processEvent({
      body: {
        type: 'event_callback',
        team_id: 'T0TEST',
        api_app_id: 'A0APP',
        event_id: 'Ev1',
        event_time: 1700000000,
        event: { type: 'message', channel: 'C_HR', channel_type: 'channel', user: ana.id, text: 'halo', ts: '1700000000.000100' },
      },
      ack,
    });
    const [reply] = await fake.waitForMessages('C_HR', 1);
    expect(reply).toMatchObject({ text: 'Halo juga!', thread_ts: '1700000000.000100' });
    expect(fake.calls[0]?.method).toBe('auth.test');

    const trigger = fake.issueTriggerId();
    await app.processEvent({
      body: {
        type: 'block_actions',
        team: { id: 'T0TEST', domain: 'asisten-asn-test' },
        user: { id: ana.id, team_id: 'T0TEST' },
        api_app_id: 'A0APP',
        token: 'verification-token',
        trigger_id: trigger,
        channel: { id: 'C_HR', name: 'hr' },
        container: { type: 'message', message_ts: reply!.ts, channel_id: 'C_HR' },
        actions: [{ type: 'button', action_id: 'buka_cuti', block_id: 'b1', action_ts: '1700000001.000000', text: {} }],
      },
      ack,
    });
    expect(fake.views.opened).toEqual([{ trigger_id: trigger, view: modal([section('Form cuti')]) }]);
    expect(acks).toHaveLength(2);
  });
});

describe('fake Slack Web API: permalinks, the assistant pane and response_url', () => {
  let fake: FakeSlack;
  let client: WebClient;
  beforeEach(async () => {
    fake = await startFakeSlack({ scopes: ['chat:write', 'im:write'] });
    fake.addUser(ana);
    fake.addChannel('C_UMUM', { name: 'umum' });
    client = new WebClient(fake.token, {
      slackApiUrl: `${fake.url}/api/`,
      retryConfig: { retries: 0 },
      logger: silentSlackLogger,
    });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('links to a posted or typed message, in its thread, and knows no other', async () => {
    const typed = fake.userTyped('C_UMUM', ana.id, 'halo');
    const reply = await client.chat.postMessage({ channel: 'C_UMUM', text: 'jawaban', thread_ts: typed.ts });
    expect((await client.chat.getPermalink({ channel: 'C_UMUM', message_ts: typed.ts })).permalink).toBe(
      `https://asisten-asn-test.slack.com/archives/C_UMUM/p${typed.ts.replace('.', '')}`,
    );
    expect((await client.chat.getPermalink({ channel: 'C_UMUM', message_ts: reply.ts! })).permalink).toContain(
      `?thread_ts=${typed.ts}&cid=C_UMUM`,
    );
    expect((await rejection(client.chat.getPermalink({ channel: 'C_UMUM', message_ts: '1.000001' }))).data.error).toBe(
      'message_not_found',
    );
  });

  it('sets status, prompts and title on a DM thread only, with assistant:write', async () => {
    const thread = fake.userTyped(`D${ana.id}`, ana.id, 'halo').ts;
    const where = { channel_id: `D${ana.id}`, thread_ts: thread };
    expect((await rejection(client.assistant.threads.setStatus({ ...where, status: 'x' }))).data).toMatchObject({
      error: 'missing_scope',
      needed: 'assistant:write',
    });
    const allowed = await startFakeSlack();
    try {
      allowed.addUser(ana);
      const c = new WebClient(allowed.token, {
        slackApiUrl: `${allowed.url}/api/`,
        retryConfig: { retries: 0 },
        logger: silentSlackLogger,
      });
      await c.assistant.threads.setStatus({ ...where, status: 'sedang mencari...' });
      await c.assistant.threads.setSuggestedPrompts({ ...where, prompts: [{ title: 'Cuti', message: 'Berapa hari cuti?' }] });
      await c.assistant.threads.setTitle({ ...where, title: 'Cuti' });
      expect(allowed.assistant.statuses).toEqual([{ ...where, status: 'sedang mencari...' }]);
      expect(allowed.assistant.prompts).toEqual([{ ...where, prompts: [{ title: 'Cuti', message: 'Berapa hari cuti?' }] }]);
      expect(allowed.assistant.titles).toEqual([{ ...where, title: 'Cuti' }]);
      expect(
        (await rejection(c.assistant.threads.setTitle({ channel_id: 'C_HR', thread_ts: thread, title: 'x' }))).data.error,
      ).toBe('channel_not_found');
      expect((await rejection(c.assistant.threads.setSuggestedPrompts({ ...where, prompts: [] }))).data.error).toBe(
        'invalid_arguments',
      );
    } finally {
      await allowed.close();
    }
  });

  it('serves a response_url: ephemeral or in the channel, replacing or deleting its message, 5 times', async () => {
    const post = (url: string, body: unknown) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const url = fake.responseUrl({ channel: 'C_UMUM', user: ana.id });
    expect(await (await post(url, { text: 'hanya untuk Ana' })).json()).toEqual({ ok: true });
    expect(fake.ephemerals('C_UMUM')).toMatchObject([{ user: ana.id, text: 'hanya untuk Ana', ephemeral: true }]);
    const ts = fake.ephemerals('C_UMUM')[0]!.ts;
    const own = fake.responseUrl({ channel: 'C_UMUM', user: ana.id, message_ts: ts });
    await post(own, { replace_original: true, text: 'diganti' });
    expect(fake.ephemerals('C_UMUM')[0]!.text).toBe('diganti');
    await post(own, { response_type: 'in_channel', text: 'untuk semua' });
    expect(fake.messages('C_UMUM')).toMatchObject([{ text: 'untuk semua' }]);
    await post(own, { delete_original: true });
    expect(fake.ephemerals('C_UMUM')).toEqual([]);
    await post(own, { text: 'keempat' });
    await post(own, { text: 'kelima' });
    const sixth = await post(own, { text: 'keenam' });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });
    expect((await post(`${fake.url}/response/tidakada`, { text: 'x' })).status).toBe(404);
  });
});
