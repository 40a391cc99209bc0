// The Slack endpoint in HTTP mode as an attacker (and Slack itself) would try it: replays of a
// signed request, requests dated far from now, a forged signature, bodies of a megabyte, Slack's own
// retries of an event. Through the real Bolt app on a Hono server, on both database backends, with
// two app instances sharing one database.
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxSlackBodyBytes } from '../../src/channels/slack/slack-request-guard.js';
import { buttonPress, postToSlackEndpoint } from '../helpers/slack-requests.js';
import { waitUntil } from '../helpers/telegram.js';
import { backends } from '../helpers/test-database.js';
import { dm, secret, startSlackHarness, users, type SlackHarness } from './slack-harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nowSeconds = () => Math.floor(Date.now() / 1000);
let commands = 0;
/** `/asn status` by Sri, each call a request of its own (its own trigger id). */
const statusCommand = (extra: Record<string, string> = {}) => ({
  command: {
    command: '/asn',
    text: 'status',
    user_id: users.sri.id,
    team_id: 'T0TEST',
    channel_id: 'C_HR',
    response_url: 'http://127.0.0.1:9/x',
    trigger_id: `t${++commands}.${Date.now()}`,
    ...extra,
  },
});

describe.each(backends)('the Slack endpoint (%s)', (backend) => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness(backend);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses a replay of an accepted request with 401, on this instance and on another one', async () => {
    const body = statusCommand();
    const timestamp = nowSeconds();
    const first = await postToSlackEndpoint(h.endpoint, secret, body, { timestamp });
    expect(first.status).toBe(200);
    expect(((await first.json()) as { text: string }).text).toContain('Sri Wahyuni');

    const replay = await postToSlackEndpoint(h.endpoint, secret, body, { timestamp });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toEqual({
      error: 'replayed_request',
      message: 'Permintaan ditolak: permintaan ini sudah pernah diterima.',
    });
    expect((await postToSlackEndpoint(h.secondEndpoint, secret, body, { timestamp })).status).toBe(401);
    // The same command typed again is a new request.
    expect((await postToSlackEndpoint(h.secondEndpoint, secret, statusCommand(), { timestamp })).status).toBe(200);
  });

  it('refuses requests dated more than 5 minutes from now, in the past or in the future', async () => {
    for (const offset of [600, -600, 301, -301]) {
      const response = await postToSlackEndpoint(h.endpoint, secret, statusCommand(), { timestamp: nowSeconds() + offset });
      expect(response.status, `${offset} s`).toBe(401);
      expect(((await response.json()) as { message: string }).message).toContain('lebih dari 5 menit');
    }
    // A clock a few minutes off either way is still Slack's rule.
    for (const offset of [240, -240])
      expect((await postToSlackEndpoint(h.endpoint, secret, statusCommand(), { timestamp: nowSeconds() + offset })).status).toBe(
        200,
      );
    const unstamped = await fetch(h.endpoint, { method: 'POST', body: 'a=1' });
    expect(unstamped.status).toBe(401);
  });

  it('refuses a forged signature with 401', async () => {
    const forged = await postToSlackEndpoint(h.endpoint, secret, statusCommand(), { forge: true });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: string }).error).toBe('invalid_signature');
  });

  it('refuses a body of 1 MB with 413, announced or streamed, and takes one under the limit', async () => {
    const id = await h.raiseReport('Loket besar');
    const value = `${id}:open:0`;
    const padding = 'x'.repeat(1024 * 1024);
    const payload = {
      ...buttonPress({ user: users.andi.id, actionId: 'flag_escalate', value, channel: dm(users.andi) }),
      padding,
    };
    const announced = await postToSlackEndpoint(h.endpoint, secret, { payload });
    expect(announced.status).toBe(413);
    expect(await announced.json()).toEqual({ error: 'payload_too_large', message: 'Permintaan terlalu besar: batasnya 256 KB.' });

    const streamed = await streamToEndpoint(h.endpoint, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
    expect(streamed.status).toBe(413);
    expect(streamed.bodyText).toContain('batasnya 256 KB');
    await sleep(300);
    expect(await h.db.prisma.flag.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'open', level: 0 });

    // The largest Home tab press Slack could send us is about 96 KB: well inside.
    const large = await postToSlackEndpoint(h.endpoint, secret, statusCommand({ view: 'v'.repeat(200 * 1024) }));
    expect(large.status).toBe(200);
    expect(maxSlackBodyBytes).toBe(256 * 1024);
  });

  it("acknowledges Slack's retries of an event with 200 and handles the event once, on any instance", async () => {
    const event = {
      token: 'legacy',
      team_id: 'T0TEST',
      api_app_id: 'A0APP',
      type: 'event_callback',
      event_id: 'Ev0HOME0001',
      event_time: nowSeconds(),
      event: {
        type: 'app_home_opened',
        user: users.sri.id,
        channel: dm(users.sri),
        tab: 'home',
        event_ts: `${nowSeconds()}.000100`,
      },
    };
    const published = () => h.slack.views.published.filter((p) => p.user_id === users.sri.id).length;
    const before = published();
    const stamp = nowSeconds() - 3; // the first delivery's; its exact copies carry it too
    const first = await postToSlackEndpoint(h.endpoint, secret, { event }, { timestamp: stamp });
    expect(first.status).toBe(200);
    await waitUntil(() => published() === before + 1, 'the Home tab published');

    // Slack's retries: signed anew, with X-Slack-Retry-Num, to either instance; one an exact copy.
    const retry = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };
    const answers = [
      await postToSlackEndpoint(h.endpoint, secret, { event }, { headers: retry }),
      await postToSlackEndpoint(h.secondEndpoint, secret, { event }, { timestamp: nowSeconds() + 1, headers: retry }),
      await postToSlackEndpoint(h.endpoint, secret, { event }, { timestamp: stamp, headers: retry }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await sleep(300);
    expect(published()).toBe(before + 1);
    // The exact copy without Slack's retry header is a replay.
    expect((await postToSlackEndpoint(h.endpoint, secret, { event }, { timestamp: stamp })).status).toBe(401);

    // Another event is handled.
    await postToSlackEndpoint(h.endpoint, secret, { event: { ...event, event_id: 'Ev0HOME0002' } });
    await waitUntil(() => published() === before + 2, 'the next Home tab');
  });

  it("still answers Slack's URL verification and SSL check", async () => {
    const challenge = await postToSlackEndpoint(h.endpoint, secret, {
      event: { token: 'legacy', challenge: 'tantangan-123', type: 'url_verification' },
    });
    expect(await challenge.json()).toEqual({ challenge: 'tantangan-123' });
    const sslCheck = await fetch(h.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'ssl_check=1&token=legacy',
    });
    expect(sslCheck.status).toBe(200);
  });
});

/**
 * Posts a signed body in 16 KB chunks without Content-Length (chunked), as a client that does not
 * announce its size would, and returns the answer as soon as it comes, whether or not the body was
 * all sent.
 */
function streamToEndpoint(url: string, body: string): Promise<{ status: number; bodyText: string; sentBytes: number }> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature,
        'transfer-encoding': 'chunked',
      },
    });
    req.on('response', (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, bodyText: text, sentBytes: sent }));
    });
    // Writing on after the server answered and closed is expected to fail.
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const writeMore = () => {
      while (!answered && sent < body.length) {
        const chunk = body.slice(sent, sent + 16 * 1024);
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', writeMore);
      }
      if (!answered) req.end();
    };
    writeMore();
  });
}
