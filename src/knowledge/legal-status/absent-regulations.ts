import type { Database } from '../../db/database.js';
import { findLooseReferences, regulationKey } from './regulation-references.js';

/** A regulation the knowledge base is asked about or cites but does not hold. */
export interface AbsentRegulation {
  regulation: string;
  /** Distinct articles of published documents naming it. */
  articles: number;
  /** Questions naming it, of the most recent ones read. */
  questions: number;
  /** Whether a text states that it is revoked: then it is usually not worth adding. */
  revoked: boolean;
}

/** How many recent questions are read for regulations they name. */
const questionsRead = 2_000;

/**
 * The regulations named in articles of the knowledge base or in questions but held by no
 * document, most named first: for HR to decide what to add.
 */
export async function listAbsentRegulations(db: Database): Promise<AbsentRegulation[]> {
  const [documents, mentions, questions, revocations] = await Promise.all([
    db.prisma.document.findMany({ where: { regulation: { not: null } }, select: { regulation: true } }),
    db.prisma.regulationMention.findMany({ select: { documentId: true, section: true, regulation: true } }),
    db.prisma.questionLog.findMany({ select: { question: true }, orderBy: { id: 'desc' }, take: questionsRead }),
    db.prisma.regulationRelation.findMany({
      where: { kind: 'revokes', review: { not: 'rejected' } },
      select: { target: true },
    }),
  ]);
  const held = new Set(documents.map((d) => regulationKey(d.regulation!)));
  const revoked = new Set(revocations.map((r) => regulationKey(r.target)));
  const found = new Map<string, AbsentRegulation & { places: Set<string> }>();
  const entry = (name: string) => {
    const key = regulationKey(name);
    let e = found.get(key);
    if (!e) {
      e = { regulation: name, articles: 0, questions: 0, revoked: revoked.has(key), places: new Set() };
      found.set(key, e);
    }
    return e;
  };
  for (const m of mentions) {
    if (held.has(regulationKey(m.regulation))) continue;
    entry(m.regulation).places.add(`${m.documentId}:${m.section}`);
  }
  for (const q of questions) {
    const named = new Set<string>();
    for (const r of findLooseReferences(q.question)) if (r.year) named.add(`${r.kind} ${r.number}/${r.year}`);
    for (const name of named) if (!held.has(regulationKey(name))) entry(name).questions++;
  }
  return [...found.values()]
    .map(({ places, ...e }) => ({ ...e, articles: places.size }))
    .sort((a, b) => Number(a.revoked) - Number(b.revoked) || b.articles + b.questions - (a.articles + a.questions) || a.regulation.localeCompare(b.regulation));
}

/** "PP 17/2020 disebut di 4 pasal tetapi belum ada di basis pengetahuan". */
export function describeAbsent(a: AbsentRegulation): string {
  const where = [a.articles ? `${a.articles} pasal` : '', a.questions ? `${a.questions} pertanyaan` : ''].filter(Boolean).join(' dan ');
  return `${a.regulation} disebut di ${where} tetapi belum ada di basis pengetahuan${a.revoked ? ' (menurut teks sudah dicabut)' : ''}`;
}
