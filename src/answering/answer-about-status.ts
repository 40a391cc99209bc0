import type { Database } from '../db/database.js';
import {
  listRelations,
  relationSource,
  statusFromRelations,
  type LegalStatus,
  type RelationView,
} from '../knowledge/legal-status/legal-status.js';
import {
  findLooseReferences,
  findRegulationReferences,
  matchesLoose,
  regulationKey,
  type LooseReference,
} from '../knowledge/legal-status/regulation-references.js';
import type { Answer, Citation } from './answer-types.js';

/**
 * Questions about a regulation's legal status ("PP 53 tahun 2010 masih berlaku?") and questions
 * that rest on a revoked one ("hukuman disiplin menurut PP 53"): the reply says it is revoked, by
 * what, cites the revoking article, and names what a savings clause keeps. Answers citing an
 * amended regulation name its amendment. Status comes from legal-status/, the one home for it.
 */

/** What the question's named regulations change in the reply. */
export interface StatusReading {
  /** A whole reply: the question asked for the status, so no search is needed. */
  answer?: Pick<Answer, 'answer' | 'grounded' | 'citations'>;
  /** A line put before the searched answer, and the revoking article cited first. */
  note?: { text: string; citations: Citation[] };
}

const asksStatus =
  /\b(?:masih\s+(?:berlaku|dipakai|digunakan|sah|bisa)|berlaku|dicabut|status(?:nya)?|diganti|pengganti(?:nya)?|diubah|perubahan(?:nya)?|sudah\s+tidak|still\s+(?:valid|in\s+force)|revoked|repealed)\b/i;

interface Named {
  name: string;
  held?: { id: number; status: 'berlaku' | 'dicabut'; replacedBy: string | null };
  status: LegalStatus;
}

/**
 * Reads the regulations a question names and their status. Undefined when the question names
 * none, or only regulations in force that it does not ask about: the search answers it alone.
 */
export async function answerAboutStatus(db: Database, question: string): Promise<StatusReading | undefined> {
  const loose = findLooseReferences(question);
  if (loose.length === 0) return undefined;
  const [documents, relations] = await Promise.all([
    db.prisma.document.findMany({
      where: { regulation: { not: null } },
      select: { id: true, regulation: true, status: true, replacedBy: true },
      orderBy: { id: 'asc' },
    }),
    listRelations(db),
  ]);
  const named = resolve(loose, documents, relations);
  const statusAsked = asksStatus.test(question);
  const revoked = named.filter((n) => n.status.status === 'dicabut');

  if (revoked.length === 0) {
    if (!statusAsked) return undefined;
    const known = named.filter((n) => n.held);
    if (known.length === 0) return undefined; // not held, nothing says anything: the search decides, HR sees it
    return { answer: { answer: known.map(inForceSentence).join('\n'), grounded: true, citations: [] } };
  }

  const citations: Citation[] = [];
  for (const n of revoked) {
    const cited = n.status.revokedBy && (await revokingCitation(db, n.status.revokedBy));
    if (cited) citations.push(cited);
  }
  const sentences = revoked.map(revokedSentence);
  if (statusAsked) {
    const current = [...new Set(revoked.map((n) => n.status.revokedBy?.actor ?? n.held?.replacedBy).filter(Boolean))];
    const guide = current.length ? ` Rujukan yang berlaku: ${current.join(', ')}.` : '';
    const quoted = citations.map((c) => `${c.regulation ?? c.title} ${c.section}: "${c.snippet}"`).join('\n');
    return {
      answer: {
        answer: `Tidak. ${sentences.join(' ')}${guide}${quoted ? `\n\nDasar: ${quoted}` : ''}`,
        grounded: true,
        citations,
      },
    };
  }
  return {
    note: { text: `Catatan: ${sentences.join(' ')} Jawaban di bawah ini berdasarkan peraturan yang berlaku.`, citations },
  };
}

/** Which regulation each loose name means: with its year as written, else the one the knowledge base knows. */
function resolve(
  loose: LooseReference[],
  documents: { id: number; regulation: string | null; status: 'berlaku' | 'dicabut'; replacedBy: string | null }[],
  relations: RelationView[],
): Named[] {
  const known = [...documents.map((d) => d.regulation!), ...relations.flatMap((r) => [r.target, r.actor])];
  const out = new Map<string, Named>();
  for (const ref of loose) {
    const name = ref.year ? `${ref.kind} ${ref.number}/${ref.year}` : pickKnown(known, ref, relations);
    if (!name || out.has(regulationKey(name))) continue;
    const docs = documents.filter((d) => regulationKey(d.regulation!) === regulationKey(name));
    const held = docs.find((d) => d.status === 'berlaku') ?? docs[0];
    out.set(regulationKey(name), {
      name: held?.regulation ?? name,
      ...(held ? { held } : {}),
      status: statusFromRelations(name, held?.status ?? 'berlaku', relations),
    });
  }
  return [...out.values()];
}

/** "PP 53" without a year: the one regulation of that number known, a revoked one first (that is why it is asked about). */
function pickKnown(known: string[], ref: LooseReference, relations: RelationView[]): string | undefined {
  const candidates = [...new Map(known.filter((k) => matchesLoose(k, ref)).map((k) => [regulationKey(k), k])).values()];
  const revoked = candidates.filter((c) =>
    relations.some((r) => r.kind === 'revokes' && regulationKey(r.target) === regulationKey(c)),
  );
  return (revoked.length === 1 ? revoked[0] : undefined) ?? (candidates.length === 1 ? candidates[0] : undefined);
}

function revokedSentence(n: Named): string {
  const by = n.status.revokedBy;
  if (!by) {
    return `${n.name} sudah dicabut${n.held?.replacedBy ? ` dan diganti ${n.held.replacedBy}` : ''} (ditandai di basis pengetahuan), jadi tidak lagi menjadi dasar hukum yang berlaku.`;
  }
  const keeps = by.keeps
    ? ` Yang masih berlaku darinya hanya ${by.keeps}, sebagaimana dikecualikan dalam ${by.actor} ${by.section}.`
    : '';
  return `${n.name} sudah dicabut dan dinyatakan tidak berlaku oleh ${relationSource(by)}.${keeps}`;
}

function inForceSentence(n: Named): string {
  const parts = [`${n.name} masih berlaku menurut basis pengetahuan; tidak ada teks di dalamnya yang mencabutnya.`];
  for (const r of n.status.partlyRevokedBy)
    parts.push(`Sebagian dicabut oleh ${relationSource(r)}${r.scope ? ` (${r.scope})` : ''}.`);
  if (n.status.amendedBy.length) parts.push(`Telah diubah dengan ${n.status.amendedBy.map((r) => r.actor).join(', ')}.`);
  return parts.join(' ');
}

/** The revoking article as a citation: the stating document's passage of that Pasal, quoted by its clause. */
async function revokingCitation(db: Database, r: RelationView): Promise<Citation | undefined> {
  const passage = await db.prisma.passage.findFirst({
    where: {
      version: { documentId: r.statedIn.documentId, published: true },
      OR: [{ section: r.section }, { section: { startsWith: `${r.section} ` } }],
    },
    orderBy: { ordinal: 'asc' },
    select: { section: true },
  });
  if (!passage) return undefined;
  return {
    source: r.statedIn.source,
    title: r.statedIn.title,
    section: r.section,
    snippet: r.evidence,
    ...(r.statedIn.regulation ? { regulation: r.statedIn.regulation } : {}),
  };
}

/**
 * The reply with the legal status applied: the status note first with the revoking article cited
 * first, and each citation of an amended regulation titled with its amendment
 * ("... (diubah dengan PP 17/2020)").
 */
export async function withLegalStatus<T extends Pick<Answer, 'answer' | 'citations' | 'grounded'>>(
  db: Database,
  answer: T,
  reading: StatusReading | undefined,
): Promise<T> {
  if (!answer.grounded) return answer;
  let out: T = answer;
  if (reading?.note && !reading.answer) {
    const seen = new Set(reading.note.citations.map((c) => `${c.source}\u0000${c.section}`));
    out = {
      ...out,
      answer: `${reading.note.text}\n\n${out.answer}`,
      citations: [...reading.note.citations, ...out.citations.filter((c) => !seen.has(`${c.source}\u0000${c.section}`))],
    };
  }
  const regulations = [...new Set(out.citations.map((c) => c.regulation).filter((r): r is string => Boolean(r)))];
  if (regulations.length === 0) return out;
  const relations = await listRelations(db);
  const amendments = new Map(
    regulations.map((reg) => [reg, statusFromRelations(reg, 'berlaku', relations).amendedBy.map((r) => r.actor)]),
  );
  return {
    ...out,
    citations: out.citations.map((c) => {
      const actors = (c.regulation && amendments.get(c.regulation)) || [];
      const named = new Set(findRegulationReferences(c.title).map((r) => regulationKey(r.name)));
      const missing = actors.filter((a) => !named.has(regulationKey(a)));
      return missing.length ? { ...c, title: `${c.title} (diubah dengan ${missing.join(', ')})` } : c;
    }),
  };
}
