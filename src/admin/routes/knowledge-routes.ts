import { extname } from 'node:path';
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { AppError } from '../../errors.js';
import { describeArticleGaps, findArticleGaps } from '../../knowledge/article-gaps.js';
import { ingestDocument } from '../../knowledge/ingest-document.js';
import { describeStatus, legalStatusOfDocuments, type LegalStatus } from '../../knowledge/legal-status/legal-status.js';
import { supportedExtensions } from '../../knowledge/load-document.js';
import {
  publishAsSeparateDocument,
  publishVersion,
  setDocumentStatus,
  unpublishDocument,
  uploadedAsOf,
} from '../../knowledge/publish-version.js';
import type { AdminEnv, AdminRouteModule } from '../admin-env.js';
import { recordAudit } from '../audit-log.js';
import { requireHr } from '../auth/require-role.js';
import {
  compareBody,
  compareSections,
  documentDetailBody,
  documentListBody,
  documentUploadForm,
  versionPreviewBody,
  type DocumentRow,
} from '../views/knowledge-views.js';
import { formatMegabytes } from '../views/format.js';
import { flash, messagePage, notice, render } from '../views/layout.js';

/** The status's evidence when a text decides or qualifies it; a status HR set keeps its own tag. */
const textEvidence = (legal: LegalStatus, replacedBy: string | null) =>
  legal.decidedBy === 'teks' || legal.partlyRevokedBy.length || legal.amendedBy.length
    ? describeStatus(legal, replacedBy)
    : undefined;

/** A positive integer from a path or query parameter, or undefined. */
const idOf = (raw: string | undefined) => (raw && /^\d{1,9}$/.test(raw) ? Number(raw) : undefined);

/** Knowledge base: upload, preview by article, publish, unpublish, revoke, replace, compare. */
export const knowledgeRoutes: AdminRouteModule = {
  menu: { label: 'Basis pengetahuan', path: '/pengetahuan' },
  routes: (deps) => {
    const app = new Hono<AdminEnv>();
    const { db } = deps;

    const loadDocument = async (c: Context<AdminEnv>) => {
      const id = idOf(c.req.param('id'));
      return id === undefined ? null : db.prisma.document.findUnique({ where: { id } });
    };
    const notFound = (c: Context<AdminEnv>) =>
      messagePage(c, 404, 'Dokumen tidak ditemukan', 'Dokumen atau versi ini tidak ada.');
    /** Answers change at once in this process; other instances see it within a minute. */
    const knowledgeChanged = () => deps.answering.lexicons.invalidate();

    app.get('/pengetahuan', async (c) => {
      const documents = await db.prisma.document.findMany({
        orderBy: [{ status: 'asc' }, { title: 'asc' }],
        include: {
          versions: { select: { version: true, published: true, publishedAt: true, _count: { select: { passages: true } } } },
        },
      });
      const statuses = await legalStatusOfDocuments(db);
      const rows: DocumentRow[] = documents.map((d) => {
        const published = d.versions.find((v) => v.published);
        const legal = statuses.get(d.id)!;
        return {
          ...d,
          legalStatus: legal.status,
          statusEvidence: textEvidence(legal, d.replacedBy),
          publishedVersion: published?.version ?? null,
          drafts: d.versions.filter((v) => !v.published && !v.publishedAt).length,
          passages: published?._count.passages ?? 0,
        };
      });
      return render(c, {
        title: 'Basis pengetahuan',
        body: documentListBody({
          admin: c.get('admin'),
          csrfToken: c.get('csrfToken'),
          maxBytes: deps.settings.uploadMaxBytes,
          documents: rows,
        }),
      });
    });

    app.post('/pengetahuan/unggah', requireHr, async (c) => {
      const body = await c.req.parseBody();
      const file = body.berkas;
      const replaceId = idOf(typeof body.dokumen === 'string' ? body.dokumen : undefined);
      const replaced = replaceId === undefined ? null : await db.prisma.document.findUnique({ where: { id: replaceId } });
      const refuse = (message: string, status: 400 | 413 | 415 | 422) =>
        render(
          c,
          {
            title: 'Unggahan ditolak',
            body: html`${notice(html`${message} <strong>Tidak ada yang diubah.</strong>`, 'bad')}
              <section class="card">
                <h2>Coba lagi</h2>
                ${documentUploadForm({
                  csrfToken: c.get('csrfToken'),
                  maxBytes: deps.settings.uploadMaxBytes,
                  replaceOf: replaced ?? undefined,
                })}
              </section>`,
          },
          status,
        );
      if (!(file instanceof File) || file.size === 0) return refuse('Pilih berkas yang akan diunggah.', 400);
      if (replaceId !== undefined && !replaced) return notFound(c);
      if (file.size > deps.settings.uploadMaxBytes) {
        return refuse(`Berkas ${file.name} terlalu besar: batasnya ${formatMegabytes(deps.settings.uploadMaxBytes)}.`, 413);
      }
      const ext = extname(file.name).toLowerCase();
      if (!supportedExtensions.includes(ext as never)) {
        return refuse(
          `Jenis berkas ${ext || '(tanpa ekstensi)'} tidak didukung. Unggah PDF, DOCX, Markdown (.md), TXT atau HTML.`,
          415,
        );
      }
      let result;
      try {
        // A regulation already known under another file name becomes a draft version of that
        // document (the default); the preview offers HR to make it a separate document instead.
        result = await ingestDocument(db, {
          fileName: file.name,
          content: new Uint8Array(await file.arrayBuffer()),
          publish: false,
          source: replaced?.source,
        });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        deps.logger.info({ requestId: c.get('requestId'), code: error.code }, 'admin upload refused');
        return refuse(`Berkas tidak dapat dipakai: ${error.userMessage}`, 422);
      }
      const version = await db.prisma.documentVersion.findUniqueOrThrow({
        where: { documentId_version: { documentId: result.documentId, version: result.version } },
      });
      const known =
        result.matched &&
        `${result.matched.regulation} sudah ada di basis pengetahuan sebagai ${result.matched.title} (berkas ${result.matched.source}). `;
      if (result.outcome === 'unchanged') {
        flash(c, `${known ?? ''}Isi berkas sama persis dengan versi ${result.version}; tidak ada versi baru.`, 'warn');
      } else if (known) {
        await recordAudit(
          db,
          {
            actor: c.get('admin'),
            action: 'document.upload',
            target: `document_version:${version.id}`,
            detail: {
              documentId: result.documentId,
              version: result.version,
              source: result.source,
              passages: result.passages,
              matchedRegulation: result.matched!.regulation,
              uploadedAs: result.matched!.uploadedAs,
            },
          },
          deps.now(),
        );
        // The preview itself names the document it joined; the flash only says what happened.
        flash(
          c,
          `Berkas diterima sebagai draf versi ${result.version} dokumen yang sudah ada: ${result.passages} bagian.`,
          'warn',
        );
      } else {
        await recordAudit(
          db,
          {
            actor: c.get('admin'),
            action: 'document.upload',
            target: `document_version:${version.id}`,
            detail: { documentId: result.documentId, version: result.version, source: result.source, passages: result.passages },
          },
          deps.now(),
        );
        flash(c, `Berkas diterima: ${result.passages} bagian. Periksa pembagiannya, lalu terbitkan.`);
      }
      return c.redirect(`/admin/pengetahuan/${result.documentId}/versi/${result.version}`, 303);
    });

    app.get('/pengetahuan/:id', async (c) => {
      const document = await loadDocument(c);
      if (!document) return notFound(c);
      const versions = await db.prisma.documentVersion.findMany({
        where: { documentId: document.id },
        orderBy: { version: 'desc' },
        include: { _count: { select: { passages: true } } },
      });
      const rows = versions.map((v) => ({ ...v, passages: v._count.passages }));
      const published = rows.find((v) => v.published);
      const legal = (await legalStatusOfDocuments(db)).get(document.id)!;
      return render(c, {
        title: document.title,
        body: documentDetailBody({
          admin: c.get('admin'),
          csrfToken: c.get('csrfToken'),
          maxBytes: deps.settings.uploadMaxBytes,
          document: {
            ...document,
            legalStatus: legal.status,
            statusEvidence: textEvidence(legal, document.replacedBy),
            publishedVersion: published?.version ?? null,
            drafts: rows.filter((v) => !v.published && !v.publishedAt).length,
            passages: published?.passages ?? 0,
          },
          versions: rows,
        }),
      });
    });

    const loadVersion = async (documentId: number, raw: string | undefined) => {
      const version = idOf(raw);
      if (version === undefined) return null;
      return db.prisma.documentVersion.findUnique({
        where: { documentId_version: { documentId, version } },
        include: { passages: { orderBy: { ordinal: 'asc' }, select: { section: true, path: true, text: true } } },
      });
    };

    app.get('/pengetahuan/:id/versi/:version', async (c) => {
      const document = await loadDocument(c);
      const version = document && (await loadVersion(document.id, c.req.param('version')));
      if (!document || !version) return notFound(c);
      // Only a draft that joined this document by its regulation can still become its own document.
      const uploadedAs = !version.published && !version.publishedAt ? uploadedAsOf(version.metadata) : undefined;
      return render(c, {
        title: `Pratinjau: ${document.title}`,
        body: versionPreviewBody({
          admin: c.get('admin'),
          csrfToken: c.get('csrfToken'),
          documentId: document.id,
          title: document.title,
          version: { ...version, passages: version.passages.length },
          passages: version.passages,
          articleGaps: describeArticleGaps(findArticleGaps(version.passages.map((p) => p.section))),
          duplicateOf: uploadedAs
            ? { regulation: document.regulation ?? '', title: document.title, source: document.source, uploadedAs }
            : undefined,
        }),
      });
    });

    app.get('/pengetahuan/:id/banding', async (c) => {
      const document = await loadDocument(c);
      if (!document) return notFound(c);
      const [a, b] = await Promise.all([loadVersion(document.id, c.req.query('a')), loadVersion(document.id, c.req.query('b'))]);
      if (!a || !b) return notFound(c);
      return render(c, {
        title: `Bandingkan v${a.version} dan v${b.version}: ${document.title}`,
        body: compareBody({
          documentId: document.id,
          title: document.title,
          a: a.version,
          b: b.version,
          rows: compareSections(a.passages, b.passages),
        }),
      });
    });

    app.post('/pengetahuan/:id/versi/:version/terbitkan', requireHr, async (c) => {
      const document = await loadDocument(c);
      const version = document && (await loadVersion(document.id, c.req.param('version')));
      if (!document || !version) return notFound(c);
      await publishVersion(db, document.id, version.version);
      knowledgeChanged();
      await recordAudit(
        db,
        {
          actor: c.get('admin'),
          action: 'document.publish',
          target: `document_version:${version.id}`,
          detail: { documentId: document.id, version: version.version },
        },
        deps.now(),
      );
      flash(c, `Versi ${version.version} diterbitkan: mulai sekarang dipakai untuk menjawab.`);
      return c.redirect(`/admin/pengetahuan/${document.id}`, 303);
    });

    // Two documents in force for one regulation only when HR ticks that they are different ones.
    app.post('/pengetahuan/:id/versi/:version/terpisah', requireHr, async (c) => {
      const document = await loadDocument(c);
      const version = document && (await loadVersion(document.id, c.req.param('version')));
      if (!document || !version) return notFound(c);
      const base = `/admin/pengetahuan/${document.id}/versi/${version.version}`;
      const body = await c.req.parseBody();
      if (body.yakin !== 'ya') {
        flash(c, 'Centang pernyataan bahwa ini dokumen lain untuk menerbitkannya terpisah. Tidak ada yang diubah.', 'bad');
        return c.redirect(base, 303);
      }
      let moved;
      try {
        moved = await publishAsSeparateDocument(db, document.id, version.version);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        flash(c, `${error.userMessage} Tidak ada yang diubah.`, 'bad');
        return c.redirect(base, 303);
      }
      knowledgeChanged();
      await recordAudit(
        db,
        {
          actor: c.get('admin'),
          action: 'document.publish_separate',
          target: `document_version:${moved.versionId}`,
          detail: { documentId: moved.documentId, sameRegulationAs: document.id, regulation: document.regulation },
        },
        deps.now(),
      );
      flash(
        c,
        `Diterbitkan sebagai dokumen terpisah. ${document.regulation ?? document.title} kini ada dua kali dalam jawaban.`,
        'warn',
      );
      return c.redirect(`/admin/pengetahuan/${moved.documentId}`, 303);
    });

    app.post('/pengetahuan/:id/tarik', requireHr, async (c) => {
      const document = await loadDocument(c);
      if (!document) return notFound(c);
      const { unpublished } = await unpublishDocument(db, document.id);
      knowledgeChanged();
      await recordAudit(
        db,
        { actor: c.get('admin'), action: 'document.unpublish', target: `document:${document.id}`, detail: { unpublished } },
        deps.now(),
      );
      flash(c, 'Dokumen ditarik: tidak lagi dipakai untuk menjawab. Versinya tetap tersimpan.');
      return c.redirect(`/admin/pengetahuan/${document.id}`, 303);
    });

    app.post('/pengetahuan/:id/cabut', requireHr, async (c) => {
      const document = await loadDocument(c);
      if (!document) return notFound(c);
      const body = await c.req.parseBody();
      const replacedBy = typeof body.pengganti === 'string' ? body.pengganti.trim().slice(0, 200) : '';
      await setDocumentStatus(db, document.id, { status: 'dicabut', replacedBy });
      knowledgeChanged();
      await recordAudit(
        db,
        {
          actor: c.get('admin'),
          action: 'document.revoke',
          target: `document:${document.id}`,
          detail: { replacedBy: replacedBy || null },
        },
        deps.now(),
      );
      flash(c, `Ditandai dicabut${replacedBy ? `, diganti ${replacedBy}` : ''}. Tidak akan dikutip lagi dalam jawaban.`);
      return c.redirect(`/admin/pengetahuan/${document.id}`, 303);
    });

    app.post('/pengetahuan/:id/berlakukan', requireHr, async (c) => {
      const document = await loadDocument(c);
      if (!document) return notFound(c);
      await setDocumentStatus(db, document.id, { status: 'berlaku' });
      knowledgeChanged();
      await recordAudit(
        db,
        { actor: c.get('admin'), action: 'document.reinstate', target: `document:${document.id}` },
        deps.now(),
      );
      flash(c, 'Ditandai berlaku lagi.');
      return c.redirect(`/admin/pengetahuan/${document.id}`, 303);
    });

    return app;
  },
};
