import { randomBytes } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { AdminDeps, AdminEnv, AdminRole } from '../admin-env.js';
import { normalizeEmail } from '../accounts.js';
import { recordAudit } from '../audit-log.js';
import { sameToken } from '../auth/csrf.js';
import { attemptKeys, clearFailures, countAttempt, loginLimits } from '../auth/login-limiter.js';
import { verifyPassword } from '../auth/password.js';
import { createSession, isHttps, setSessionCookie } from '../auth/sessions.js';
import { formatTime } from '../views/format.js';
import { notice, render } from '../views/layout.js';
import { limitBody, smallBodyLimitBytes } from '../../web/body-limit.js';

/** Before there is a session, the login form is protected by a double-submit token in a cookie. */
const loginCsrfCookie = 'asn_admin_masuk';

// Compared against when the email is unknown, so that a wrong email takes as long as a wrong password.
const dummyHash = 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** The client's address as the socket saw it (a proxy's X-Forwarded-For could be forged). */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'tidak-diketahui';
  } catch {
    return 'lokal';
  }
}

/** Only paths inside the admin UI, so the login page cannot be used to send people elsewhere. */
const safeNext = (next: string | undefined) =>
  next && next.startsWith('/admin') && !next.startsWith('//') && !next.includes('\\') ? next : '/admin';

/** GET/POST /admin/masuk: the login page, rate-limited; the only admin page open without a session. */
export function authRoutes(deps: AdminDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  const loginPage = async (
    c: Context<AdminEnv>,
    options: { email?: string; error?: string; status?: 200 | 401 | 403 | 429 } = {},
  ) => {
    const token = randomBytes(24).toString('base64url');
    setCookie(c, loginCsrfCookie, token, { httpOnly: true, sameSite: 'Strict', secure: isHttps(c), path: '/admin/masuk' });
    const accounts = await deps.db.prisma.adminUser.count();
    const next = safeNext(c.req.query('lanjut'));
    return render(
      c,
      {
        title: 'Masuk',
        body: html`${options.error ? notice(options.error, 'bad') : ''}
          ${
            accounts === 0
              ? html`<section class="card" aria-labelledby="akun-pertama">
                  <h2 id="akun-pertama">Belum ada akun admin</h2>
                  <p>Buat akun pertama dari terminal di folder aplikasi, lalu masuk di sini:</p>
                  <pre><code>npx asn admin create nama@instansi.go.id --role hr</code></pre>
                  <p class="hint">
                    Kata sandi (minimal 10 karakter) diminta di terminal, atau diambil dari variabel ASN_ADMIN_PASSWORD. Peran
                    <strong>hr</strong> dapat mengubah; peran <strong>viewer</strong> hanya melihat.
                  </p>
                </section>`
              : ''
          }
          <form class="card" method="post" action="/admin/masuk?lanjut=${encodeURIComponent(next)}">
            <input type="hidden" name="_csrf" value="${token}" />
            <label for="email">Email</label>
            <input id="email" name="email" type="email" autocomplete="username" required value="${options.email ?? ''}" />
            <label for="password">Kata sandi</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required />
            <button type="submit">Masuk</button>
          </form>`,
      },
      options.status ?? 200,
    );
  };

  app.get('/masuk', (c) => loginPage(c));

  // Before a session nobody may send more than a login form needs.
  app.post('/masuk', limitBody(smallBodyLimitBytes), async (c) => {
    const body = await c.req.parseBody();
    const email = normalizeEmail(typeof body.email === 'string' ? body.email : '');
    const password = typeof body.password === 'string' ? body.password : '';
    if (!sameToken(typeof body._csrf === 'string' ? body._csrf : undefined, getCookie(c, loginCsrfCookie))) {
      return loginPage(c, { email, error: 'Formulir masuk kedaluwarsa. Silakan coba lagi.', status: 403 });
    }
    const now = deps.now();
    const ip = clientAddress(c);
    const keys = attemptKeys(email, ip);
    const lockedMessage = (until: Date) =>
      `Terlalu banyak percobaan masuk yang salah. Demi keamanan, percobaan masuk dikunci ${loginLimits.lockMinutes} menit: coba lagi setelah pukul ${formatTime(until)}.`;
    const attempt = await countAttempt(deps.db, keys, now);
    if (attempt.status === 'locked') {
      deps.logger.warn({ requestId: c.get('requestId') }, 'admin login refused: locked');
      return loginPage(c, { email, error: lockedMessage(attempt.lockedUntil), status: 429 });
    }
    if (attempt.delayMs > 0) {
      deps.logger.warn(
        { requestId: c.get('requestId'), delayMs: attempt.delayMs },
        'admin login slowed: many failures from this address',
      );
      await setTimeout(attempt.delayMs);
    }
    const user = email ? await deps.db.prisma.adminUser.findUnique({ where: { email } }) : null;
    const ok = await verifyPassword(password, user?.passwordHash ?? dummyHash);
    if (!user || !ok) {
      deps.logger.warn({ requestId: c.get('requestId'), adminId: user?.id }, 'admin login failed');
      if (attempt.lockedUntil) return loginPage(c, { email, error: lockedMessage(attempt.lockedUntil), status: 429 });
      return loginPage(c, { email, error: 'Email atau kata sandi salah.', status: 401 });
    }
    await clearFailures(deps.db, keys);
    const session = await createSession(deps.db, user.id, { now, hours: deps.settings.sessionHours });
    await deps.db.prisma.adminUser.update({ where: { id: user.id }, data: { lastLoginAt: now } });
    await recordAudit(
      deps.db,
      {
        actor: { id: user.id, email: user.email, role: user.role as AdminRole },
        action: 'admin.login',
        target: `admin_user:${user.id}`,
      },
      now,
    );
    setSessionCookie(c, session.token, session.expiresAt);
    deps.logger.info({ requestId: c.get('requestId'), adminId: user.id }, 'admin logged in');
    return c.redirect(safeNext(c.req.query('lanjut')), 303);
  });

  return app;
}
