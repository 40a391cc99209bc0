import type { Database } from '../../db/database.js';
import type { RelationKind } from './detect-status-clauses.js';
import { regulationKey } from './regulation-references.js';

/** A stored relation, with the document whose text states it. */
export interface RelationView {
  id: number;
  kind: RelationKind;
  actor: string;
  target: string;
  section: string;
  evidence: string;
  keeps: string | null;
  scope: string | null;
  review: 'detected' | 'confirmed' | 'rejected';
  statedIn: { documentId: number; source: string; regulation: string | null; title: string };
}

/** A regulation's legal status: what its metadata or HR said, and what the texts state. */
export interface LegalStatus {
  status: 'berlaku' | 'dicabut';
  /** `teks` when a relation read from a text revoked it; `metadata` when HR or the file said so. */
  decidedBy: 'metadata' | 'teks';
  revokedBy?: RelationView;
  partlyRevokedBy: RelationView[];
  amendedBy: RelationView[];
}

/** Every relation not rejected by HR, newest stating documents last. */
export async function listRelations(db: Database, options: { includeRejected?: boolean } = {}): Promise<RelationView[]> {
  const rows = await db.prisma.regulationRelation.findMany({
    where: options.includeRejected ? {} : { review: { not: 'rejected' } },
    include: { document: { select: { id: true, source: true, regulation: true, title: true } } },
    orderBy: [{ documentId: 'asc' }, { id: 'asc' }],
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    actor: r.actor,
    target: r.target,
    section: r.section,
    evidence: r.evidence,
    keeps: r.keeps,
    scope: r.scope,
    review: r.review,
    statedIn: { documentId: r.document.id, source: r.document.source, regulation: r.document.regulation, title: r.document.title },
  }));
}

/** The status of a regulation by its short name, from the relations that name it as target. */
export function statusFromRelations(
  regulation: string | null,
  metadataStatus: 'berlaku' | 'dicabut',
  relations: RelationView[],
): LegalStatus {
  const key = regulation ? regulationKey(regulation) : undefined;
  const about = key ? relations.filter((r) => r.review !== 'rejected' && regulationKey(r.target) === key) : [];
  // HR's confirmation outweighs a detection; among equals, the stating document's own revocation first.
  const revocations = about
    .filter((r) => r.kind === 'revokes')
    .sort((a, b) => Number(b.review === 'confirmed') - Number(a.review === 'confirmed') || ownFirst(a) - ownFirst(b));
  const revokedBy = revocations[0];
  return {
    status: metadataStatus === 'dicabut' || revokedBy ? 'dicabut' : 'berlaku',
    decidedBy: revokedBy ? 'teks' : 'metadata',
    ...(revokedBy ? { revokedBy } : {}),
    partlyRevokedBy: about.filter((r) => r.kind === 'partly_revokes'),
    amendedBy: dedupeActors(about.filter((r) => r.kind === 'amends')),
  };
}

const ownFirst = (r: RelationView) => (r.statedIn.regulation && regulationKey(r.statedIn.regulation) === regulationKey(r.actor) ? 0 : 1);

function dedupeActors(relations: RelationView[]): RelationView[] {
  const seen = new Set<string>();
  return relations.filter((r) => {
    const k = regulationKey(r.actor);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The legal status of every document, by id: what the admin pages and `asn kb list` show. */
export async function legalStatusOfDocuments(db: Database): Promise<Map<number, LegalStatus>> {
  const [documents, relations] = await Promise.all([
    db.prisma.document.findMany({ select: { id: true, regulation: true, status: true } }),
    listRelations(db),
  ]);
  return new Map(documents.map((d) => [d.id, statusFromRelations(d.regulation, d.status, relations)]));
}

/** "PP 94/2021 Pasal 45", or "PP 94/2021 (menurut UU 5/2014 Pasal 3)" when a third text tells of it. */
export function relationSource(r: RelationView): string {
  return ownFirst(r) === 0
    ? `${r.actor} ${r.section}`
    : `${r.actor} (menurut ${r.statedIn.regulation ?? r.statedIn.title} ${r.section})`;
}

/** One line of evidence per relation: "dicabut oleh PP 94/2021 Pasal 45, kecuali jenis Hukuman Disiplin sedang". */
export function describeRelation(r: RelationView): string {
  if (r.kind === 'revokes') return `dicabut oleh ${relationSource(r)}${r.keeps ? `, kecuali ${r.keeps}` : ''}`;
  if (r.kind === 'partly_revokes') return `sebagian dicabut oleh ${relationSource(r)}${r.scope ? ` (${r.scope})` : ''}`;
  return `diubah dengan ${r.actor}${ownFirst(r) === 0 ? ` (${r.section})` : ''}`;
}

/** The status in one line, with its evidence, as HR reads it. */
export function describeStatus(s: LegalStatus, replacedBy?: string | null): string {
  const parts: string[] = [];
  if (s.revokedBy) parts.push(describeRelation(s.revokedBy));
  else if (s.status === 'dicabut') parts.push(`dicabut (menurut metadata${replacedBy ? `, diganti ${replacedBy}` : ''})`);
  else parts.push('berlaku');
  for (const r of s.partlyRevokedBy) parts.push(describeRelation(r));
  if (s.amendedBy.length) parts.push(`diubah dengan ${s.amendedBy.map((r) => r.actor).join(', ')}`);
  return parts.join('; ');
}
