import type { MiddlewareHandler } from 'hono';
import type { AdminDeps, AdminEnv } from '../admin-env.js';
import { messagePage } from '../views/layout.js';
import { findSession, sessionToken } from './sessions.js';

/**
 * Lets only logged-in accounts through and sets `admin` and `csrfToken`. Without a live session
 * a page (GET) redirects to the login page and comes back after it; an action (POST) gets a 401.
 */
export function requireSession(deps: AdminDeps): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const token = sessionToken(c);
    const session = token ? await findSession(deps.db, token, deps.now()) : undefined;
    if (!session) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') {
        const back = new URL(c.req.url);
        return c.redirect(`/admin/masuk?lanjut=${encodeURIComponent(back.pathname + back.search)}`, 303);
      }
      return messagePage(c, 401, 'Perlu masuk', 'Sesi Anda sudah berakhir atau Anda belum masuk. Masuk lagi, lalu ulangi.');
    }
    c.set('admin', session.admin);
    c.set('csrfToken', session.csrfToken);
    return next();
  };
}
