import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { metadataFromFileName, metadataFromText, type DocumentMeta } from './document-metadata.js';
import { recordStatusRelations } from './legal-status/record-status-relations.js';
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
  /**
   * A file under a new name whose regulation (e.g. `PP 94/2021`) is already in the knowledge base
   * under another name: by default it becomes a new version of that document, so that one
   * regulation is never two documents in force by accident; `separate` makes it a document of its
   * own, for when HR asked for that explicitly.
   */
  duplicates?: 'version' | 'separate';
}

/** The document a file joined because it carries the same regulation under another name. */
export interface RegulationMatch {
  regulation: string;
  source: string;
  title: string;
  /** The file's own name, kept on the version so that HR can still make it a separate document. */
  uploadedAs: string;
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
  matched?: RegulationMatch;
}

/**
 * Adds a document to the knowledge base, or a new version of it when its content changed.
 * Idempotent (same bytes, nothing new) and all-or-nothing: a broken file writes nothing.
 */
export async function ingestDocument(db: Database, options: IngestOptions): Promise<IngestResult> {
  const ownName = basename(options.fileName);
  let source = options.source ?? ownName;
  const contentHash = createHash('sha256').update(options.content).digest('hex');
  const findSource = (name: string) =>
    db.prisma.document.findUnique({
      where: { source: name },
      include: { versions: { where: { contentHash }, include: { _count: { select: { passages: true } } } } },
    });
  let existing = await findSource(source);
  const unchanged = (doc: NonNullable<typeof existing>, matched?: RegulationMatch): IngestResult | undefined => {
    const same = doc.versions[0];
    return same
      ? {
          outcome: 'unchanged',
          source: doc.source,
          documentId: doc.id,
          title: doc.title,
          regulation: doc.regulation ?? undefined,
          version: same.version,
          passages: same._count.passages,
          ...(matched ? { matched } : {}),
        }
      : undefined;
  };
  const same = existing && unchanged(existing);
  if (same) return same;

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

  // Only a file that arrives under a name of its own is matched: HR replacing a chosen document
  // (`options.source`) already said which document it is.
  let matched: RegulationMatch | undefined;
  let keepStatus: 'berlaku' | 'dicabut' | undefined;
  if (!existing && options.source === undefined && meta.regulation && options.duplicates !== 'separate') {
    const twin = await findSameRegulation(db, meta.regulation);
    if (twin) {
      matched = { regulation: meta.regulation, source: twin.source, title: twin.title, uploadedAs: ownName };
      source = twin.source;
      existing = await findSource(source);
      const again = existing && unchanged(existing, matched);
      if (again) return again;
      // Another copy of a revoked regulation does not put it back in force unless the file says so.
      keepStatus = twin.status;
    }
  }

  const publish = options.publish ?? true;
  const version = await db.prisma.$transaction(async (tx) => {
    const fields = {
      title,
      regulation: meta.regulation ?? null,
      year: meta.year ?? null,
      topic: meta.topic ?? null,
      sourceUrl: meta.sourceUrl ?? null,
      status: meta.status ?? keepStatus ?? 'berlaku',
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
        metadata: {
          title,
          regulation: fields.regulation,
          year: fields.year,
          topic: fields.topic,
          sourceUrl: fields.sourceUrl,
          ...(matched ? { uploadedAs: matched.uploadedAs } : {}),
        },
        published: publish,
        publishedAt: publish ? new Date() : null,
      },
    });
    await tx.passage.createMany({
      data: drafts.map((d, ordinal) => ({
        versionId: created.id,
        ordinal,
        section: d.section,
        path: d.path,
        text: d.text,
        elucidation: d.elucidation ?? '',
      })),
    });
    return { number, documentId: document.id };
  });
  // What the text revokes or amends takes effect with its publication (see legal-status/).
  if (publish) await recordStatusRelations(db, version.documentId);

  return {
    outcome: existing ? 'updated' : 'added',
    source,
    documentId: version.documentId,
    title,
    regulation: meta.regulation,
    version: version.number,
    passages: drafts.length,
    pages: loaded.pageCount,
    ...(matched ? { matched } : {}),
  };
}

/** `PP 94/2021`, `pp  94/2021` and `PP 94/2021 ` are one regulation. */
const regulationKey = (regulation: string) => regulation.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The document already carrying this regulation, preferring one in force. The table holds tens of
 * documents, so they are compared here rather than with a case-insensitive query per backend.
 */
async function findSameRegulation(db: Database, regulation: string) {
  const key = regulationKey(regulation);
  const candidates = await db.prisma.document.findMany({
    where: { regulation: { not: null } },
    select: { source: true, title: true, regulation: true, status: true },
    orderBy: { id: 'asc' },
  });
  const same = candidates.filter((d) => regulationKey(d.regulation!) === key);
  return same.find((d) => d.status === 'berlaku') ?? same[0];
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
