import { extname } from 'node:path';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { AppError } from '../../errors.js';
import { importPeople } from '../../people/import-people.js';
import { issueLinkCode } from '../../people/issue-link-code.js';
import { loadOrgChart } from '../../people/load-org-chart.js';
import { searchPeople } from '../../people/search-people.js';
import type { AdminEnv, AdminRouteModule } from '../admin-env.js';
import { recordAudit } from '../audit-log.js';
import { requireHr } from '../auth/require-role.js';
import { formatMegabytes } from '../views/format.js';
import { messagePage, notice, render } from '../views/layout.js';
import {
  importErrorsBody,
  importForm,
  linkCodeBody,
  orgChartBody,
  peopleListBody,
  peopleSubmenu,
  viewerHint,
} from '../views/people-views.js';

/** Employees: the searchable list, CSV import (as `asn people import`), linking codes, the org chart. */
export const peopleRoutes: AdminRouteModule = {
  menu: { label: 'Pegawai', path: '/pegawai' },
  routes: (deps) => {
    const app = new Hono<AdminEnv>();
    const { db } = deps;

    app.get('/pegawai', async (c) => {
      const query = (c.req.query('q') ?? '').slice(0, 200);
      const pageText = c.req.query('halaman') ?? '1';
      const page = /^\d{1,6}$/.test(pageText) && Number(pageText) > 0 ? Number(pageText) : 1;
      const [{ rows, hasNext }, total] = await Promise.all([searchPeople(db, { query, page }), db.prisma.employee.count()]);
      return render(c, {
        title: 'Pegawai',
        body: peopleListBody({ admin: c.get('admin'), csrfToken: c.get('csrfToken'), query, page, total, rows, hasNext }),
      });
    });

    app.get('/pegawai/impor', (c) =>
      render(c, {
        title: 'Impor pegawai',
        body: html`${peopleSubmenu}
          <section class="card">
            ${
              c.get('admin').role === 'hr'
                ? importForm({ csrfToken: c.get('csrfToken'), maxBytes: deps.settings.uploadMaxBytes })
                : viewerHint
            }
          </section>`,
      }),
    );

    app.post('/pegawai/impor', requireHr, async (c) => {
      const file = (await c.req.parseBody()).berkas;
      const form = importForm({ csrfToken: c.get('csrfToken'), maxBytes: deps.settings.uploadMaxBytes });
      const refuse = (message: string, status: 400 | 413 | 415) =>
        render(
          c,
          {
            title: 'Impor ditolak',
            body: html`${notice(html`${message} <strong>Tidak ada yang diubah.</strong>`, 'bad')}
              <section class="card">${form}</section>`,
          },
          status,
        );
      if (!(file instanceof File) || file.size === 0) return refuse('Pilih berkas CSV yang akan diimpor.', 400);
      if (file.size > deps.settings.uploadMaxBytes)
        return refuse(`Berkas ${file.name} terlalu besar: batasnya ${formatMegabytes(deps.settings.uploadMaxBytes)}.`, 413);
      const ext = extname(file.name).toLowerCase();
      if (ext !== '.csv' && ext !== '.txt')
        return refuse(
          `Jenis berkas ${ext || '(tanpa ekstensi)'} tidak didukung. Simpan daftar pegawai sebagai CSV (di Excel: Simpan sebagai → CSV).`,
          415,
        );
      const bytes = new Uint8Array(await file.arrayBuffer());
      // A spreadsheet saved as .xlsx and renamed is a ZIP: say so rather than list nonsense rows.
      if (bytes[0] === 0x50 && bytes[1] === 0x4b)
        return refuse('Berkas ini berkas Excel (.xlsx), bukan CSV. Di Excel pilih Simpan sebagai → CSV, lalu impor lagi.', 415);
      const report = await importPeople(db, new TextDecoder('utf-8').decode(bytes));
      if (!report.ok) {
        return render(c, { title: 'Impor ditolak', body: importErrorsBody({ errors: report.errors, form }) }, 422);
      }
      const changed = report.created + report.updated + report.units.created + report.units.updated;
      if (changed > 0) {
        await recordAudit(
          db,
          {
            actor: c.get('admin'),
            action: 'people.import',
            target: `file:${file.name.slice(0, 100)}`,
            detail: { created: report.created, updated: report.updated, unchanged: report.unchanged, units: report.units },
          },
          deps.now(),
        );
      }
      const summary = `${report.created} pegawai baru, ${report.updated} diperbarui, ${report.unchanged} tidak berubah; unit: ${report.units.created} baru, ${report.units.updated} diperbarui.`;
      return render(c, {
        title: 'Impor selesai',
        body: html`${notice(changed ? `Impor berhasil: ${summary}` : `Tidak ada perubahan: ${summary}`, changed ? 'ok' : 'warn')}
          ${peopleSubmenu}
          <section class="card">
            <h2>Impor berkas lain</h2>
            ${form}
          </section>`,
      });
    });

    app.post('/pegawai/:nip/kode', requireHr, async (c) => {
      let issued;
      try {
        issued = await issueLinkCode(db, c.req.param('nip'), { now: deps.now() });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return messagePage(c, error.code === 'employee_not_found' ? 404 : 422, 'Kode tidak dibuat', error.userMessage);
      }
      const employee = await db.prisma.employee.findUniqueOrThrow({ where: { nip: issued.employee.nip }, select: { id: true } });
      await recordAudit(
        db,
        {
          actor: c.get('admin'),
          action: 'link_code.issue',
          target: `employee:${employee.id}`,
          detail: { expiresAt: issued.expiresAt.toISOString() },
        },
        deps.now(),
      );
      return render(c, {
        title: 'Kode tautan Telegram',
        body: linkCodeBody({
          ...issued.employee,
          code: issued.code,
          expiresAt: issued.expiresAt,
          botUsername: deps.settings.telegramBotUsername,
        }),
      });
    });

    app.get('/pegawai/struktur', async (c) => {
      const rootCode = c.req.query('unit')?.trim() || undefined;
      const units = await loadOrgChart(db, rootCode);
      if (!units) return messagePage(c, 404, 'Unit tidak ditemukan', `Tidak ada unit dengan kode ${rootCode}.`);
      return render(c, { title: 'Struktur organisasi', body: orgChartBody({ units, rootCode }) });
    });

    return app;
  },
};
