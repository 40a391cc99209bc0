// The door of the Slack endpoint in HTTP mode: what a request must show before Bolt does any work.
//
// Bolt's HTTPReceiver already checks the signature and refuses requests older than 5 minutes, but
// it accepts a request dated in the future, accepts the same signed request again and again within
// the window, and buffers up to 4 MB. Rather than replace the receiver with one of our own (and take
// over its ack contract: the 3-second timer, ssl_check, url_verification, response bodies), this
// guard runs in the Hono route in front of it and hands the counted body on as `rawBody`, the hook
// Bolt has for a body read by someone else (BufferedIncomingMessage). Bolt then verifies once more,
// which costs one HMAC and keeps its own check as a second line.

import { verifySlackRequest } from '@slack/bolt';
import type { Context } from 'hono';
import type { Logger } from '../../logger.js';
import type { SeenSlackRequests } from './seen-requests.js';

/**
 * The largest body taken in. The biggest payload Slack sends us is a button press on the Home tab:
 * it carries the whole view, whose 100 blocks at the lengths the views in views/ allow come to about
 * 96 KB form-encoded (measured with every name and title at its cut-off); Indonesian names with
 * accents weigh three bytes a character once encoded. 256 KB leaves that room, and is 16 times less
 * than Bolt's 4 MB default.
 */
export const maxSlackBodyBytes = 256 * 1024;

/** Slack's own rule: a request whose timestamp is more than 5 minutes from our clock, either way, is refused. */
const windowSeconds = 5 * 60;

export type GuardVerdict = { ok: true; body: Buffer } | { ok: false; response: Response };

/**
 * Checks one request to the Slack endpoint, in the order that costs least: the declared size, the
 * size actually read (counted as it streams, never buffered past the limit), the timestamp (±5
 * minutes), the signature, and that this signature was never seen before by any instance. Slack's
 * own retry of an event carrying a seen signature is answered 200 and not handled again.
 */
export function slackRequestGuard(options: {
  signingSecret: string;
  seen: SeenSlackRequests;
  log: Logger;
  maxBodyBytes?: number;
  /** Slack stamps requests with its wall clock, so this is the wall clock, not the app's business clock. */
  nowMs?: () => number;
}): (c: Context) => Promise<GuardVerdict> {
  const { signingSecret, seen, log } = options;
  const maxBytes = options.maxBodyBytes ?? maxSlackBodyBytes;
  const nowMs = options.nowMs ?? Date.now;
  return async (c) => {
    const retryNum = c.req.header('x-slack-retry-num');
    const refused = (status: 401 | 413, reason: string, message: string): GuardVerdict => {
      log.warn({ status, reason, retryNum }, 'slack request refused');
      if (status === 413) c.header('Connection', 'close'); // the rest of the body is not read
      return { ok: false, response: c.json({ error: reason, message }, status) };
    };
    const tooLarge = `Permintaan terlalu besar: batasnya ${Math.round(maxBytes / 1024)} KB.`;

    const declared = c.req.header('content-length');
    if (declared !== undefined && Number(declared) > maxBytes) return refused(413, 'payload_too_large', tooLarge);
    const body = await readAtMost(c.req.raw.body, maxBytes);
    if (body === null) return refused(413, 'payload_too_large', tooLarge);

    // Slack's periodic SSL check of a slash command URL is unsigned; answered here, it reaches nothing.
    if (isSslCheck(c.req.header('content-type'), body)) return { ok: false, response: c.body(null, 200) };

    const timestamp = c.req.header('x-slack-request-timestamp') ?? '';
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(Math.floor(nowMs() / 1000) - Number(timestamp)) > windowSeconds)
      return refused(401, 'stale_request', 'Permintaan ditolak: waktunya berbeda lebih dari 5 menit dari jam server.');
    const signature = c.req.header('x-slack-signature') ?? '';
    try {
      verifySlackRequest({
        signingSecret,
        body: body.toString('utf8'),
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
        nowMilliseconds: nowMs(),
      });
    } catch {
      return refused(401, 'invalid_signature', 'Permintaan ditolak: tanda tangan Slack tidak sah.');
    }
    // Only a verified signature is remembered: nobody without the secret can fill the table.
    if (!(await seen.firstSighting(`signature:${signature.slice('v0='.length)}`, nowMs()))) {
      // Slack's retry of an event it thinks went unanswered: acknowledged, so it stops retrying.
      if (retryNum !== undefined) return { ok: false, response: c.body(null, 200) };
      return refused(401, 'replayed_request', 'Permintaan ditolak: permintaan ini sudah pernah diterima.');
    }
    return { ok: true, body };
  };
}

/** The body, or null as soon as it passes `max` bytes: what was read so far is dropped, the rest never read. */
async function readAtMost(stream: ReadableStream<Uint8Array> | null, max: number): Promise<Buffer | null> {
  if (stream === null) return Buffer.alloc(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, size);
    size += value.byteLength;
    if (size > max) return null;
    chunks.push(value);
  }
}

function isSslCheck(contentType: string | undefined, body: Buffer): boolean {
  if (!contentType?.startsWith('application/x-www-form-urlencoded')) return false;
  return new URLSearchParams(body.toString('utf8')).get('ssl_check') === '1';
}
