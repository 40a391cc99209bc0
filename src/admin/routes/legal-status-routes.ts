import { Hono } from 'hono';
import { AppError } from '../../errors.js';
import { listAbsentRegulations } from '../../knowledge/legal-status/absent-regulations.js';
import type { RelationKind } from '../../knowledge/legal-status/detect-status-clauses.js';
import { listRelations } from '../../knowledge/legal-status/legal-status.js';
import { reviewRelation, type RelationReviewChange } from '../../knowledge/legal-status/review-relation.js';
import type { AdminRouteModule } from '../admin-env.js';
import { recordAudit } from '../audit-log.js';
import { requireHr } from '../auth/require-role.js';
import { legalStatusBody } from '../views/legal-status-views.js';
import { flash, messagePage, render } from '../views/layout.js';

const kinds: RelationKind[] = ['revokes', 'partly_revokes', 'amends'];
const field = (v: unknown) => (typeof v === 'string' ? v : '');

/** Legal status read from the texts: HR sees each relation with its evidence and confirms, rejects or corrects it. */
export const legalStatusRoutes: AdminRouteModule = {
  menu: { label: 'Status hukum', path: '/status-hukum' },
  routes: (deps) => {
    const app = new Hono<import('../admin-env.js').AdminEnv>();
    const { db } = deps;

    app.get('/status-hukum', async (c) => {
      const [relations, absent] = await Promise.all([listRelations(db, { includeRejected: true }), listAbsentRegulations(db)]);
      return render(c, {
        title: 'Status hukum',
        body: legalStatusBody({ admin: c.get('admin'), csrfToken: c.get('csrfToken'), relations, absent }),
      });
    });

    app.post('/status-hukum/:id', requireHr, async (c) => {
      const idText = c.req.param('id');
      if (!/^\d{1,9}$/.test(idText)) return messagePage(c, 404, 'Relasi tidak ditemukan', 'Relasi status ini tidak ada.');
      const body = await c.req.parseBody();
      const action = field(body.aksi);
      let change: RelationReviewChange;
      if (action === 'konfirmasi') change = { review: 'confirmed' };
      else if (action === 'tolak') change = { review: 'rejected' };
      else if (action === 'koreksi' && kinds.includes(field(body.jenis) as RelationKind)) {
        change = {
          review: 'corrected',
          kind: field(body.jenis) as RelationKind,
          actor: field(body.pelaku),
          target: field(body.sasaran),
          keeps: field(body.tetap),
          scope: field(body.lingkup),
        };
      } else return messagePage(c, 400, 'Tinjauan tidak dikenal', 'Pilih Benar, Salah, atau Koreksi.');
      let reviewed;
      try {
        reviewed = await reviewRelation(db, Number(idText), change);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const status = error.code === 'relation_not_found' ? 404 : 422;
        return messagePage(c, status, 'Tinjauan tidak disimpan', error.userMessage);
      }
      await recordAudit(
        db,
        {
          actor: c.get('admin'),
          action: `regulation_relation.${action === 'konfirmasi' ? 'confirm' : action === 'tolak' ? 'reject' : 'correct'}`,
          target: `regulation_relation:${reviewed.id}`,
          detail: { documentId: reviewed.documentId, before: reviewed.before, after: reviewed.after },
        },
        deps.now(),
      );
      // What may be cited changed: answers in this process follow at once.
      deps.answering.lexicons.invalidate();
      const a = reviewed.after;
      flash(
        c,
        action === 'tolak'
          ? `Relasi ${a.actor} → ${a.target} ditolak; tidak lagi memengaruhi status ${a.target}.`
          : `Relasi disimpan: ${a.actor} ${a.kind === 'amends' ? 'mengubah' : a.kind === 'revokes' ? 'mencabut' : 'mencabut sebagian'} ${a.target}.`,
      );
      return c.redirect(`/admin/status-hukum#relasi-${reviewed.id}`, 303);
    });

    return app;
  },
};
