import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AdminEnv, AdminRouteModule } from '../admin-env.js';
import { formatDateTime } from '../views/format.js';
import { render } from '../views/layout.js';

/** The audit log: the last changes, newest first. */
export const auditRoutes: AdminRouteModule = {
  menu: { label: 'Log audit', path: '/audit' },
  routes: (deps) =>
    new Hono<AdminEnv>().get('/audit', async (c) => {
      const entries = await deps.db.prisma.auditLog.findMany({
        orderBy: { id: 'desc' },
        take: 200,
        include: { admin: { select: { email: true } } },
      });
      return render(c, {
        title: 'Log audit',
        body: html`<p class="hint">200 perubahan terakhir: siapa, kapan, apa, pada apa.</p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Waktu</th>
                  <th scope="col">Oleh</th>
                  <th scope="col">Tindakan</th>
                  <th scope="col">Sasaran</th>
                  <th scope="col">Rincian</th>
                </tr>
              </thead>
              <tbody>
                ${entries.map(
                  (e) =>
                    html`<tr>
                      <td>${formatDateTime(e.at)}</td>
                      <td>${e.admin?.email ?? e.actor}</td>
                      <td><code>${e.action}</code></td>
                      <td><code>${e.target}</code></td>
                      <td><code>${JSON.stringify(e.detail)}</code></td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`,
      });
    }),
};
