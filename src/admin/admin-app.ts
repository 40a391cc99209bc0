/**
 * The admin web UI for HR, mounted at /admin by createWebServer.
 *
 * How to add a page (e.g. "Pegawai"):
 *   1. Write `src/admin/routes/people-routes.ts` exporting an `AdminRouteModule`:
 *        export const peopleRoutes: AdminRouteModule = {
 *          menu: { label: 'Pegawai', path: '/pegawai' },
 *          routes: (deps) => new Hono<AdminEnv>()
 *            .get('/pegawai', (c) => render(c, { title: 'Pegawai', body: html`...` }))
 *            .post('/pegawai/:id', requireHr, async (c) => { ...; await recordAudit(deps.db, {...}); ... }),
 *        };
 *      Paths are relative to /admin. Every route already sits behind the session check (GET
 *      without a session redirects to the login page, POST answers 401) and the CSRF check (every
 *      POST must carry `csrfField(c.get('csrfToken'))` in its form). Add `requireHr` to every POST
 *      that changes something, and record it with `recordAudit`. `c.get('admin')` is the account.
 *   2. Add the module to `adminRouteModules` below, where its menu entry should appear. The menu
 *      is built from the modules' `menu` entries, in this order, then "Obrolan lokal" when /chat
 *      is on. Planned entries: Pegawai, Pengingat, Hari libur, Tanda (flags).
 *   3. Use `layout`/`render`/`messagePage`/`notice`/`flash` from views/layout.ts, the charts in
 *      views/charts.ts and the formats in views/format.ts; the stylesheet is views/styles.ts.
 */
import { Hono } from 'hono';
import type { AdminDeps, AdminEnv, AdminRouteModule, MenuEntry } from './admin-env.js';
import { verifyCsrf } from './auth/csrf.js';
import { requireSession } from './auth/require-session.js';
import { clearSessionCookie, deleteSession, sessionToken } from './auth/sessions.js';
import { recordAudit } from './audit-log.js';
import { auditRoutes } from './routes/audit-routes.js';
import { attendanceRoutes } from './routes/attendance-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { electionRoutes } from './routes/election-routes.js';
import { flagRoutes } from './routes/flag-routes.js';
import { flagSettingsRoutes } from './routes/flag-settings-routes.js';
import { holidayRoutes } from './routes/holiday-routes.js';
import { knowledgeRoutes } from './routes/knowledge-routes.js';
import { legalStatusRoutes } from './routes/legal-status-routes.js';
import { peopleRoutes } from './routes/people-routes.js';
import { qualityRoutes } from './routes/quality-routes.js';
import { reminderRoutes } from './routes/reminder-routes.js';
import { tryRoutes } from './routes/try-routes.js';
import { adminStylesheet } from './views/styles.js';
import { uploadScript } from './views/upload-script.js';
import { formatMegabytes } from './views/format.js';
import { flash, messagePage } from './views/layout.js';
import { limitBody } from '../web/body-limit.js';

export type { AdminDeps, AdminEnv, AdminRole, AdminRouteModule, AdminUserInfo, MenuEntry } from './admin-env.js';
export { recordAudit } from './audit-log.js';
export { requireHr, requireRole } from './auth/require-role.js';
export { csrfField } from './auth/csrf-field.js';
export { flash, layout, messagePage, notice, render } from './views/layout.js';

/** The areas of the admin UI, in menu order. Extend this list to add pages. */
export const adminRouteModules: AdminRouteModule[] = [
  knowledgeRoutes,
  legalStatusRoutes,
  tryRoutes,
  qualityRoutes,
  peopleRoutes,
  attendanceRoutes,
  reminderRoutes,
  holidayRoutes,
  electionRoutes,
  // No menu entry of its own (it is reached from Tanda); before flagRoutes, whose /tanda/:id would take /tanda/ambang.
  flagSettingsRoutes,
  flagRoutes,
  auditRoutes,
];

/** Room for the multipart envelope and the form's other fields around the file itself. */
const formOverheadBytes = 64 * 1024;

/** Builds the admin sub-app: login, session and CSRF checks, the menu, then the route modules. */
export function createAdminApp(deps: AdminDeps, modules: AdminRouteModule[] = adminRouteModules): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const menu: MenuEntry[] = [
    ...modules.flatMap((m) => (m.menu ? [m.menu] : [])),
    ...(deps.settings.localChat ? [{ label: 'Obrolan lokal', path: '/chat' }] : []),
  ];

  app.use(async (c, next) => {
    c.set('menu', menu);
    await next();
    // Pages carry the account's data and tokens: never from a shared cache.
    c.header('Cache-Control', 'no-store');
  });
  app.get('/gaya.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(adminStylesheet);
  });
  app.get('/unggah.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(uploadScript);
  });
  app.route('/', authRoutes(deps));

  // Everything below needs a session; every POST also a CSRF token and a body under the limit.
  app.use(requireSession(deps));
  app.use(
    limitBody(deps.settings.uploadMaxBytes + formOverheadBytes, (c) =>
      messagePage(
        c,
        413,
        'Berkas terlalu besar',
        `Berkas ditolak: ukurannya lebih dari batas ${formatMegabytes(deps.settings.uploadMaxBytes)}. Perkecil berkas (misalnya pisahkan lampiran) atau minta operator menaikkan ADMIN_UPLOAD_MAX_MB.`,
      ),
    ),
  );
  app.use(verifyCsrf);

  app.get('/', (c) => c.redirect(menu[0] ? `/admin${menu[0].path}` : '/admin/masuk', 303));
  app.post('/keluar', async (c) => {
    const token = sessionToken(c);
    if (token) await deleteSession(deps.db, token);
    await recordAudit(
      deps.db,
      { actor: c.get('admin'), action: 'admin.logout', target: `admin_user:${c.get('admin').id}` },
      deps.now(),
    );
    clearSessionCookie(c);
    flash(c, 'Anda sudah keluar.');
    return c.redirect('/admin/masuk', 303);
  });

  for (const module of modules) app.route('/', module.routes(deps));

  app.all('*', (c) => messagePage(c, 404, 'Halaman tidak ditemukan', 'Alamat ini tidak ada di antarmuka admin.'));
  app.onError((error, c) => {
    deps.logger.error({ err: error, requestId: c.get('requestId') }, 'admin request failed');
    return messagePage(
      c,
      500,
      'Terjadi kesalahan',
      'Terjadi kesalahan di server. Silakan coba lagi; bila berulang, hubungi operator.',
    );
  });
  return app;
}
