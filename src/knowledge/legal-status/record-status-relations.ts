import type { Database } from '../../db/database.js';
import { detectStatusClauses, type DetectedRelation } from './detect-status-clauses.js';
import { findRegulationReferences, regulationKey } from './regulation-references.js';

/** What reading a published version found. */
export interface RecordedStatus {
  relations: DetectedRelation[];
  mentions: number;
}

const sameRelation = (a: { section: string; target: string }, b: { section: string; target: string }) =>
  a.section === b.section && regulationKey(a.target) === regulationKey(b.target);

/**
 * Reads the published version of a document for the revocations and amendments it states and the
 * regulations it names, and keeps them, replacing what an earlier version stated. Relations HR has
 * confirmed, corrected or rejected stay as HR left them. Relations name regulations, not documents,
 * so they apply to a document of the named regulation whether it was ingested before or after.
 */
export async function recordStatusRelations(db: Database, documentId: number): Promise<RecordedStatus> {
  const document = await db.prisma.document.findUnique({
    where: { id: documentId },
    select: {
      regulation: true,
      title: true,
      versions: {
        where: { published: true },
        select: { passages: { select: { section: true, text: true }, orderBy: { ordinal: 'asc' } } },
      },
    },
  });
  const passages = document?.versions[0]?.passages ?? [];
  const detected = document
    ? detectStatusClauses({ regulation: document.regulation ?? undefined, title: document.title, passages })
    : [];
  const mentions = new Map<string, { section: string; regulation: string }>();
  const own = document?.regulation ? regulationKey(document.regulation) : undefined;
  for (const p of passages) {
    if (/^Penjelasan\b/i.test(p.section)) continue;
    const section = /^(Pasal\s+\S+)/i.exec(p.section)?.[1] ?? p.section;
    for (const r of findRegulationReferences(p.text)) {
      if (regulationKey(r.name) !== own) mentions.set(`${section}\u0000${r.name}`, { section, regulation: r.name });
    }
  }

  await db.prisma.$transaction(async (tx) => {
    const reviewed = await tx.regulationRelation.findMany({
      where: { documentId, review: { not: 'detected' } },
      select: { section: true, target: true },
    });
    await tx.regulationRelation.deleteMany({ where: { documentId, review: 'detected' } });
    const fresh = detected.filter((d) => !reviewed.some((r) => sameRelation(r, d)));
    if (fresh.length) {
      await tx.regulationRelation.createMany({
        data: fresh.map((d) => ({
          documentId,
          kind: d.kind,
          actor: d.actor,
          target: d.target,
          section: d.section,
          evidence: d.evidence,
          keeps: d.keeps ?? null,
          scope: d.scope ?? null,
        })),
      });
    }
    await tx.regulationMention.deleteMany({ where: { documentId } });
    if (mentions.size) {
      await tx.regulationMention.createMany({ data: [...mentions.values()].map((m) => ({ documentId, ...m })) });
    }
  });
  return { relations: detected, mentions: mentions.size };
}
