import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { createAdminApp, type AdminDeps } from '../admin/admin-app.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { defaultBodyLimitBytes, limitBody } from './body-limit.js';
import { cleanRequestInput } from './clean-request.js';

export interface WebServerDeps {
  db: Database;
  logger: Logger;
  /** False while migrations run and the default knowledge base loads. */
  isReady: () => boolean;
  /** The admin UI for HR at /admin (main always mounts it; tests of other routes may leave it out). */
  admin?: AdminDeps;
}

/** The one HTTP app of the process: health, the admin UI; the chat page and webhooks plug in here. */
export function createWebServer(deps: WebServerDeps): Hono {
  const app = new Hono();
  app.use(requestId());
  // Every page's scripts and styles come from files of ours: an injected inline one never runs.
  app.use(
    secureHeaders({
      referrerPolicy: 'same-origin',
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  // Routes with limits of their own, applied after their own checks: the admin UI (small before
  // login, the upload size after it), and the webhooks, which check Telegram's secret or Slack's
  // signature first so that a stranger's body is answered 401 before a byte of it is read.
  const ownLimits = ['/admin/', '/telegram/webhook', '/slack/events'];
  const bodyLimit = limitBody(defaultBodyLimitBytes);
  app.use((c, next) => (ownLimits.some((p) => c.req.path.startsWith(p)) ? next() : bodyLimit(c, next)));
  app.use(cleanRequestInput);

  app.get('/healthz', async (c) => {
    if (!deps.isReady()) return c.json({ status: 'starting' }, 503);
    try {
      await deps.db.prisma.$queryRawUnsafe('SELECT 1');
      return c.json({ status: 'ok', database: deps.db.kind });
    } catch {
      return c.json({ status: 'database unavailable' }, 503);
    }
  });

  if (deps.admin) {
    app.route('/admin', createAdminApp(deps.admin));
    // A newcomer opening http://127.0.0.1:3000 after `npm start` lands on the admin UI (or its login).
    app.get('/', (c) => c.redirect('/admin', 302));
  }

  app.notFound((c) => c.json({ error: 'not_found', message: 'Halaman tidak ditemukan.' }, 404));
  app.onError((error, c) => {
    deps.logger.error({ err: error, requestId: c.get('requestId') }, 'request failed');
    return c.json({ error: 'internal', message: 'Terjadi kesalahan di server. Silakan coba lagi.' }, 500);
  });
  return app;
}
