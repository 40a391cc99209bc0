import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/** What any request may send unless its route allows more (JSON, forms, webhooks). */
export const defaultBodyLimitBytes = 1024 * 1024;

/** A login form or a chat message: a few kilobytes at most. */
export const smallBodyLimitBytes = 64 * 1024;

/**
 * Refuses a body larger than `maxBytes` with 413 before buffering it: at once when Content-Length
 * says so, otherwise as soon as the stream passes the limit. `onRefused` shapes the answer (an
 * HTML page in the admin UI); by default a JSON error in Indonesian.
 */
export function limitBody(maxBytes: number, onRefused?: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      // The rest of the body is not read: the connection cannot carry another request.
      c.header('Connection', 'close');
      if (onRefused) return onRefused(c);
      return c.json(
        { error: 'payload_too_large', message: `Permintaan terlalu besar: batasnya ${Math.round(maxBytes / 1024)} KB.` },
        413,
      );
    },
  });
}
