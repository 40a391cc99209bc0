import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { recordStatusRelations } from './legal-status/record-status-relations.js';
import { refreshSearchStatistics } from './refresh-statistics.js';

/**
 * Publishing is a flag on a version: at most one version of a document is published, and only
 * published versions of documents in force are cited (see `citablePassagesSql`). A version that
 * was never published (`publishedAt` empty) is a draft waiting for review; older versions are
 * kept, unpublished, when a newer one is published.
 */

/** Publishes one version of a document and unpublishes the others, in one transaction. */
export async function publishVersion(db: Database, documentId: number, version: number): Promise<{ versionId: number }> {
  const target = await db.prisma.documentVersion.findUnique({ where: { documentId_version: { documentId, version } } });
  if (!target) throw new AppError('version_not_found', `Versi ${version} dokumen ini tidak ditemukan.`);
  // A replacement file may retitle the regulation (an amendment): its own description wins once it
  // is published. Status stays as HR set it (revoked or in force is decided on its own page).
  const described = describedFields(target.metadata);
  await db.prisma.$transaction([
    db.prisma.documentVersion.updateMany({ where: { documentId, NOT: { id: target.id } }, data: { published: false } }),
    db.prisma.documentVersion.update({ where: { id: target.id }, data: { published: true, publishedAt: new Date() } }),
    ...(described ? [db.prisma.document.update({ where: { id: documentId }, data: described })] : []),
  ]);
  await recordStatusRelations(db, documentId);
  await refreshSearchStatistics(db);
  return { versionId: target.id };
}

/** The file name a draft arrived under when it joined a document by its regulation, if it did. */
export function uploadedAsOf(metadata: unknown): string | undefined {
  if (metadata === null || typeof metadata !== 'object') return undefined;
  const name = (metadata as Record<string, unknown>).uploadedAs;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/**
 * Publishes a draft that joined a document by its regulation as a document of its own instead,
 * under the file's own name: HR said the two are different documents (see `ingestDocument`'s
 * `duplicates`). The version moves with its passages, becoming version 1 of the new document.
 */
export async function publishAsSeparateDocument(
  db: Database,
  documentId: number,
  version: number,
): Promise<{ documentId: number; versionId: number }> {
  const target = await db.prisma.documentVersion.findUnique({ where: { documentId_version: { documentId, version } } });
  if (!target) throw new AppError('version_not_found', `Versi ${version} dokumen ini tidak ditemukan.`);
  const uploadedAs = uploadedAsOf(target.metadata);
  if (!uploadedAs || target.published || target.publishedAt) {
    throw new AppError('not_separable', `Versi ${version} bukan unggahan baru yang dapat diterbitkan sebagai dokumen terpisah.`);
  }
  const described = describedFields(target.metadata);
  const { uploadedAs: _, ...metadata } = target.metadata as Record<string, unknown>;
  const moved = await db.prisma.$transaction(async (tx) => {
    if (await tx.document.findUnique({ where: { source: uploadedAs } })) {
      throw new AppError('source_taken', `Sudah ada dokumen dengan nama berkas ${uploadedAs}.`);
    }
    const created = await tx.document.create({ data: { source: uploadedAs, ...(described ?? { title: uploadedAs }) } });
    await tx.documentVersion.update({
      where: { id: target.id },
      data: { documentId: created.id, version: 1, metadata: metadata as object, published: true, publishedAt: new Date() },
    });
    return created;
  });
  await recordStatusRelations(db, moved.id);
  await refreshSearchStatistics(db);
  return { documentId: moved.id, versionId: target.id };
}

function describedFields(metadata: unknown) {
  if (metadata === null || typeof metadata !== 'object') return undefined;
  const m = metadata as Record<string, unknown>;
  if (typeof m.title !== 'string' || m.title.trim() === '') return undefined;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    title: m.title,
    regulation: text(m.regulation),
    year: typeof m.year === 'number' ? m.year : null,
    topic: text(m.topic),
    sourceUrl: text(m.sourceUrl),
  };
}

/** Takes a document out of answers: no version published. Its versions are kept. */
export async function unpublishDocument(db: Database, documentId: number): Promise<{ unpublished: number }> {
  const { count } = await db.prisma.documentVersion.updateMany({ where: { documentId, published: true }, data: { published: false } });
  return { unpublished: count };
}

/**
 * Marks a regulation revoked (never cited again, its passages kept) and names what replaces it,
 * or puts it back in force.
 */
export async function setDocumentStatus(
  db: Database,
  documentId: number,
  change: { status: 'berlaku' | 'dicabut'; replacedBy?: string },
): Promise<void> {
  await db.prisma.document.update({
    where: { id: documentId },
    data: { status: change.status, replacedBy: change.status === 'dicabut' ? (change.replacedBy?.trim() ?? null) || null : null },
  });
}
