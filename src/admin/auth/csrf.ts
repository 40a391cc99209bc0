import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AdminEnv } from '../admin-env.js';
import { messagePage } from '../views/layout.js';

export { csrfField } from './csrf-field.js';

/** Constant-time comparison of two tokens. */
export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The `_csrf` field of a form (urlencoded or multipart); the parsed body is cached for the handler. */
export async function formToken(c: Parameters<MiddlewareHandler>[0]): Promise<string | undefined> {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const token = body._csrf;
  return typeof token === 'string' ? token : undefined;
}

/**
 * Synchronizer-token CSRF protection: every POST (multipart uploads included) must carry the
 * session's token in `_csrf`. Runs after the session middleware.
 */
export const verifyCsrf: MiddlewareHandler<AdminEnv> = async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
  if (!sameToken(await formToken(c), c.get('csrfToken'))) {
    return messagePage(
      c,
      403,
      'Formulir ditolak',
      'Formulir ini tidak membawa token keamanan yang benar (mungkin halamannya sudah terlalu lama terbuka). Muat ulang halaman, lalu kirim lagi.',
    );
  }
  return next();
};
