import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { cleanText } from '../../text/clean-text.js';
import type { RelationKind } from './detect-status-clauses.js';
import { findRegulationReferences } from './regulation-references.js';

/** HR's verdict on a detected relation: right, wrong, or right once corrected. */
export type RelationReviewChange =
  | { review: 'confirmed' }
  | { review: 'rejected' }
  | { review: 'corrected'; kind: RelationKind; actor: string; target: string; keeps?: string; scope?: string };

export interface ReviewedRelation {
  id: number;
  documentId: number;
  before: { kind: RelationKind; actor: string; target: string; keeps: string | null; scope: string | null; review: string };
  after: { kind: RelationKind; actor: string; target: string; keeps: string | null; scope: string | null; review: string };
}

/** A short name as HR types it ("PP 94/2021", "Peraturan Pemerintah Nomor 94 Tahun 2021"), or a refusal naming it. */
function readName(raw: string, field: string): string {
  const text = cleanText(raw).trim();
  const [ref] = findRegulationReferences(text);
  if (!ref) {
    throw new AppError('bad_regulation', `${field} "${text.slice(0, 60)}" bukan nama peraturan. Tulis seperti PP 94/2021 atau UU 5/2014.`);
  }
  return ref.name;
}

const optionalText = (v: string | undefined, max: number) => {
  const t = v === undefined ? '' : cleanText(v).replace(/\s+/g, ' ').trim();
  if (t.length > max) throw new AppError('too_long', `Keterangan terlalu panjang (lebih dari ${max} karakter).`);
  return t === '' ? null : t;
};

/**
 * Records HR's review of a relation: confirmed, rejected (it no longer affects any status), or
 * corrected (kind, regulations, savings or scope changed; kept as confirmed). Returns before and
 * after, for the audit log.
 */
export async function reviewRelation(db: Database, id: number, change: RelationReviewChange): Promise<ReviewedRelation> {
  const row = await db.prisma.regulationRelation.findUnique({ where: { id } });
  if (!row) throw new AppError('relation_not_found', 'Relasi status ini tidak ditemukan.');
  const data =
    change.review === 'corrected'
      ? {
          review: 'confirmed' as const,
          kind: change.kind,
          actor: readName(change.actor, 'Peraturan yang mencabut/mengubah'),
          target: readName(change.target, 'Peraturan yang dicabut/diubah'),
          keeps: change.kind === 'revokes' ? optionalText(change.keeps, 300) : null,
          scope: change.kind === 'partly_revokes' ? optionalText(change.scope, 300) : null,
        }
      : { review: change.review };
  const updated = await db.prisma.regulationRelation.update({ where: { id }, data: { ...data, reviewedAt: new Date() } });
  const view = (r: typeof row) => ({ kind: r.kind, actor: r.actor, target: r.target, keeps: r.keeps, scope: r.scope, review: r.review });
  return { id, documentId: row.documentId, before: view(row), after: view(updated) };
}
