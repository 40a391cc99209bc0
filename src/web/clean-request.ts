import type { MiddlewareHandler } from 'hono';
import { cleanJson } from '../text/clean-text.js';

/**
 * Cleans what a route reads from a request (query, form, JSON) with `cleanJson`, so that a NUL
 * byte or a lone surrogate typed into a search box or a form never reaches PostgreSQL (which
 * refuses both with an error, i.e. a 500). Wrapping the request's readers here is the one edge
 * every route passes; routes go on reading `c.req.query()` and `c.req.parseBody()` as usual.
 */
export const cleanRequestInput: MiddlewareHandler = async (c, next) => {
  const req = c.req as unknown as Record<'query' | 'queries' | 'parseBody' | 'json', (...args: unknown[]) => unknown>;
  for (const reader of ['query', 'queries'] as const) {
    const read = req[reader].bind(c.req);
    req[reader] = (...args) => cleanJson(read(...args));
  }
  for (const reader of ['parseBody', 'json'] as const) {
    const read = req[reader].bind(c.req) as (...args: unknown[]) => Promise<unknown>;
    req[reader] = async (...args) => cleanJson(await read(...args));
  }
  await next();
};
