import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { metadataFromFileName, metadataFromText, type DocumentMeta } from './document-metadata.js';
import { loadDocument } from './load-document.js';
import { splitDocument } from './split-document.js';

export interface IngestOptions {
  fileName: string;
  content: Uint8Array;
  /** Overrides what the file says about itself (e.g. `--status dicabut` on the command line). */
  meta?: DocumentMeta;
  /** Publish the new version at once (the CLI does); the admin UI previews first. */
  publish?: boolean;
  /**
   * The document to add a version to, when it is not the file's own name: the admin UI replaces
   * `pp-94-2021.pdf` with a file of any name or format.
   */
  source?: string;
}

export interface IngestResult {
  outcome: 'added' | 'updated' | 'unchanged';
  source: string;
  documentId: number;
  title: string;
  regulation?: string;
  version: number;
  passages: number;
  pages?: number;
}

/**
 * Adds a document to the knowledge base, or a new version of it when its content changed.
 * Idempotent (same bytes, nothing new) and all-or-nothing: a broken file writes nothing.
 */
export async function ingestDocument(db: Database, options: IngestOptions): Promise<IngestResult> {
  const source = options.source ?? basename(options.fileName);
  const contentHash = createHash('sha256').update(options.content).digest('hex');
  const existing = await db.prisma.document.findUnique({
    where: { source },
    include: { versions: { where: { contentHash }, include: { _count: { select: { passages: true } } } } },
  });
  const same = existing?.versions[0];
  if (existing && same) {
    return {
      outcome: 'unchanged',
      source,
      documentId: existing.id,
      title: existing.title,
      regulation: existing.regulation ?? undefined,
      version: same.version,
      passages: same._count.passages,
    };
  }

  const loaded = await loadDocument(basename(options.fileName), options.content);
  const meta: DocumentMeta = {
    ...metadataFromFileName(source),
    ...(loaded.markdown ? {} : metadataFromText(loaded.text)),
    ...definedOnly(loaded.meta),
    ...definedOnly(options.meta ?? {}),
  };
  const title = meta.title ?? source;
  const drafts = await splitDocument({ text: loaded.text, markdown: loaded.markdown, label: meta.regulation ?? title });
  if (drafts.length === 0) throw new AppError('no_passages', `Tidak ada bagian yang dapat diambil dari ${source}.`);

  const publish = options.publish ?? true;
  const version = await db.prisma.$transaction(async (tx) => {
    const fields = {
      title,
      regulation: meta.regulation ?? null,
      year: meta.year ?? null,
      topic: meta.topic ?? null,
      sourceUrl: meta.sourceUrl ?? null,
      status: meta.status ?? 'berlaku',
      replacedBy: meta.replacedBy ?? null,
    };
    // A draft (unpublished) version leaves a known document as it is until it is published.
    const document = await tx.document.upsert({
      where: { source },
      create: { source, ...fields },
      update: publish ? fields : {},
    });
    const last = await tx.documentVersion.aggregate({ where: { documentId: document.id }, _max: { version: true } });
    const number = (last._max.version ?? 0) + 1;
    if (publish) await tx.documentVersion.updateMany({ where: { documentId: document.id }, data: { published: false } });
    const created = await tx.documentVersion.create({
      data: {
        documentId: document.id,
        version: number,
        contentHash,
        format: loaded.format,
        pageCount: loaded.pageCount ?? null,
        metadata: { title, regulation: fields.regulation, year: fields.year, topic: fields.topic, sourceUrl: fields.sourceUrl },
        published: publish,
        publishedAt: publish ? new Date() : null,
      },
    });
    await tx.passage.createMany({
      data: drafts.map((d, ordinal) => ({ versionId: created.id, ordinal, section: d.section, path: d.path, text: d.text })),
    });
    return { number, documentId: document.id };
  });

  return {
    outcome: existing ? 'updated' : 'added',
    source,
    documentId: version.documentId,
    title,
    regulation: meta.regulation,
    version: version.number,
    passages: drafts.length,
    pages: loaded.pageCount,
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
