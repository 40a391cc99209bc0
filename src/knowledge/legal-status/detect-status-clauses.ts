import { findRegulationReferences, regulationKey, type RegulationReference } from './regulation-references.js';

/**
 * Reads the clauses by which a regulation revokes or amends others, as Indonesian law writes them
 * in its closing articles ("Pada saat Peraturan Pemerintah ini mulai berlaku: ... Peraturan
 * Pemerintah Nomor 53 Tahun 2010 ..., sepanjang tidak mengatur jenis Hukuman Disiplin sedang,
 * dicabut dan dinyatakan tidak berlaku") and in its references to others ("... sebagaimana telah
 * diubah dengan Peraturan Pemerintah Nomor 45 Tahun 1990"). Pure: text in, relations out.
 */

export type RelationKind = 'revokes' | 'partly_revokes' | 'amends';

/** One relation a text states: `actor` revokes or amends `target`, said in `section`. */
export interface DetectedRelation {
  kind: RelationKind;
  /** The regulation that revokes or amends (`PP 94/2021`). */
  actor: string;
  /** The regulation revoked or amended (`PP 53/2010`). */
  target: string;
  /** The article of the stating document that says so (`Pasal 45`). */
  section: string;
  /** The clause, as written (trimmed to a readable length). */
  evidence: string;
  /** What of the target a revocation keeps in force ("jenis Hukuman Disiplin sedang"). */
  keeps?: string;
  /** What of the target a partial revocation takes away ("Pasal 12"). */
  scope?: string;
}

export interface StatusClauseInput {
  /** The stating document's own short name (`PP 94/2021`), when known. */
  regulation?: string;
  /** Its title: an amending regulation says "tentang Perubahan atas ..." there. */
  title?: string;
  /** Its passages in order; passages of one article are read together. */
  passages: { section: string; text: string }[];
}

const revokeVerb = /\b(?:dicabut|mencabut|dinyatakan\s+tidak\s+berlaku(?!\s+bagi))\b/i;
const keepVerb = /\btetap\s+berlaku\b/i;
const amendedWith = /sebagaimana\s+telah\s+(?:[a-z]+\s+){0,3}?diubah,?\s+(?:terakhir\s+)?dengan\b/gi;
const revokedWith = /sebagaimana\s+telah\s+dicabut\s+(?:dengan|oleh)\b/gi;
const amendmentOf = /\btentang\s+Perubahan\s+(?:[a-z]+\s+)?atas\s*$/i;
const ownAmendment = /\bketentuan\b.{0,200}?\b(?:dalam|pada)\s*$/i;
const amendVerb = /\bdiubah\s+(?:sebagai\s+berikut|sehingga\b|dan\s+ditambah)/i;
const listIntro = /(?:mulai\s+berlaku|dengan\s+berlakunya[^:]*)\s*:\s*$/i;
const maxEvidence = 700;

/** Every revocation, partial revocation and amendment the text states, each once per article. */
export function detectStatusClauses(input: StatusClauseInput): DetectedRelation[] {
  const own = input.regulation ? regulationKey(input.regulation) : undefined;
  const isOwn = (name: string) => own !== undefined && regulationKey(name) === own;
  const found: DetectedRelation[] = [];
  const add = (r: DetectedRelation) => {
    if (isOwn(r.target) || regulationKey(r.actor) === regulationKey(r.target)) return;
    const same = found.find(
      (f) => f.section === r.section && f.kind === r.kind && regulationKey(f.target) === regulationKey(r.target),
    );
    if (!same) found.push({ ...r, evidence: trimEvidence(r.evidence) });
  };

  if (input.title) {
    // "... sebagaimana telah diubah dengan PP 17/2020" or "PP 17/2020 tentang Perubahan atas PP 11/2017" in a title.
    for (const r of amendmentsIn(input.title, findRegulationReferences(input.title))) add({ ...r, section: 'Judul' });
    if (input.regulation) {
      for (const target of amendedByTitle(input.title)) {
        add({ kind: 'amends', actor: input.regulation, target, section: 'Judul', evidence: input.title });
      }
    }
  }

  for (const article of articlesOf(input.passages)) {
    if (/^Penjelasan\b/i.test(article.section)) continue; // an elucidation explains, it does not enact
    let intro: string | undefined;
    let waiting: { segment: string; ref: RegulationReference }[] = [];
    for (const segment of segmentsOf(article.text)) {
      const refs = findRegulationReferences(segment).filter((r) => !isOwn(r.name));
      for (const r of amendmentsIn(segment, refs)) add({ ...r, section: article.section });
      // "Beberapa ketentuan dalam PP 11/2017 ... diubah sebagai berikut": this text amends it.
      const amended = refs[0];
      if (input.regulation && amended && ownAmendment.test(segment.slice(0, amended.start)) && amendVerb.test(segment)) {
        add({ kind: 'amends', actor: input.regulation, target: amended.name, section: article.section, evidence: segment });
      }
      if (listIntro.test(segment)) {
        intro = segment;
        waiting = [];
        continue;
      }
      const verb = revokeVerb.exec(segment);
      if (!verb) {
        // An item of a closing list without its own verb shares the one that ends the list
        // ("1. PP 4/1966 ...; 2. PP 21/1975 ...; ... 15. PP 21/2014 ..., dicabut dan dinyatakan tidak berlaku").
        if (intro && refs[0] && !keepVerb.test(segment)) waiting.push({ segment, ref: refs[0] });
        continue;
      }
      const revoked = revocationIn(segment, refs, verb.index, input.regulation);
      if (!revoked) continue;
      const evidence = intro ? `${intro} ${segment}` : segment;
      // A retelling cites the article in brackets: "PP 94/2021 juga mencabut PP 6/1974 ... (Pasal 45)".
      const cited = /\(Pasal\s+(\d{1,3}[A-Z]?)\)/.exec(segment)?.[1];
      add({ ...revoked, section: cited ? `Pasal ${cited}` : article.section, evidence });
      if (intro && revoked.actor === input.regulation) {
        for (const w of waiting) {
          add({
            ...describeRevocation(w.segment, w.ref),
            actor: revoked.actor,
            target: w.ref.name,
            section: article.section,
            evidence: `${intro} ${w.segment} … ${segment.slice(verb.index)}`,
          });
        }
      }
      waiting = [];
    }
  }
  return found;
}

/** The regulations an amending regulation's title names: "... tentang Perubahan Kedua atas PP 11/2017". */
function amendedByTitle(title: string): string[] {
  const at = /\bPerubahan\s+(?:[a-z]+\s+)?atas\b/i.exec(title);
  if (!at) return [];
  return findRegulationReferences(title.slice(at.index)).map((r) => r.name).slice(0, 1);
}

/** Passages of one article joined: a long article is stored as several passages. */
function articlesOf(passages: StatusClauseInput['passages']): { section: string; text: string }[] {
  const articles: { section: string; text: string }[] = [];
  for (const p of passages) {
    // `Pasal 45 ayat (2)` belongs to Pasal 45; an inserted `Pasal 5A` is an article of its own.
    const section = /^(Pasal\s+\S+)/i.exec(p.section)?.[1] ?? p.section;
    const last = articles.at(-1);
    const text = p.text.replace(/\s+/g, ' ').trim();
    if (last && last.section === section) last.text = `${last.text} ${text}`;
    else articles.push({ section, text });
  }
  return articles;
}

/**
 * Clauses: list items (`1.`, `a.`), ayat (`(2)`), and sentences, cut at semicolons and full stops;
 * a reference never contains either, so a clause keeps its regulation's whole name.
 */
function segmentsOf(text: string): string[] {
  return text
    .split(/;|(?<=[a-z)\d])\.\s+(?=[A-Z(\d])|(?<=:)\s+|\s(?=\(\d{1,2}\)\s)|\s(?=(?:[1-9I]\s?\d?|[a-z])\.\s+[A-Z])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** "X ... sebagaimana telah diubah dengan Y" and "Y tentang Perubahan atas X": Y amends X. */
function amendmentsIn(segment: string, refs: RegulationReference[]): Omit<DetectedRelation, 'section'>[] {
  const out: Omit<DetectedRelation, 'section'>[] = [];
  const before = (at: number) => refs.filter((r) => r.end <= at).at(-1);
  const after = (at: number) => refs.find((r) => r.start >= at);
  for (const m of segment.matchAll(amendedWith)) {
    const target = before(m.index);
    const actor = after(m.index + m[0].length);
    if (target && actor) out.push({ kind: 'amends', actor: actor.name, target: target.name, evidence: segment });
  }
  for (const m of segment.matchAll(revokedWith)) {
    const target = before(m.index);
    const actor = after(m.index + m[0].length);
    if (target && actor) out.push({ kind: 'revokes', actor: actor.name, target: target.name, evidence: segment });
  }
  refs.forEach((r, i) => {
    const previous = refs[i - 1];
    if (previous && amendmentOf.test(segment.slice(previous.end, r.start))) {
      out.push({ kind: 'amends', actor: previous.name, target: r.name, evidence: segment });
    }
  });
  return out;
}

/** The revocation a clause with a revoking verb states, if it names what it revokes. */
function revocationIn(
  segment: string,
  refs: RegulationReference[],
  verbAt: number,
  own: string | undefined,
): Omit<DetectedRelation, 'section' | 'evidence'> | undefined {
  // "X ... sebagaimana telah dicabut dengan Y" is read by amendmentsIn; not a revocation by this text.
  if (/sebagaimana\s+telah\s+dicabut/i.test(segment)) return undefined;
  const rest = segment.slice(verbAt);
  const active = /^mencabut/i.test(rest);
  const target = active ? refs.find((r) => r.start > verbAt) : refs.find((r) => r.end <= verbAt);
  if (!target) return undefined;
  // "dicabut dengan/oleh Y", and "X sudah dicabut" in a text retelling the law: Y revoked it, not this text,
  // and without a Y nobody known did.
  const by = /^dicabut\s+(?:dengan|oleh)\b/i.test(rest) ? refs.find((r) => r.start > verbAt) : undefined;
  const reported = /\b(?:sudah|telah|pernah|yang)\s+$/i.test(segment.slice(0, verbAt));
  if ((reported || /^dicabut\s+(?:dengan|oleh)\b/i.test(rest)) && !by) return undefined;
  // "UU 20/2023 mencabut UU 5/2014" in another text: the subject revokes; "Peraturan ini mencabut": this text.
  const subject = active ? refs.filter((r) => r.end <= verbAt).at(-1) : undefined;
  const actor = by?.name ?? subject?.name ?? own;
  if (!actor) return undefined;
  return { ...describeRevocation(segment, target), actor, target: target.name };
}

/** Whole or partial: "Ketentuan Pasal 12 X", "ketentuan mengenai ... dalam Bab V X", "X sepanjang mengenai ..." are partial. */
function describeRevocation(segment: string, target: RegulationReference): Pick<DetectedRelation, 'kind' | 'keeps' | 'scope'> {
  const lead = segment.slice(0, target.start).replace(/^\s*(?:[1-9]\d?|[a-z])\.\s*/, '').trim();
  const tail = segment.slice(target.end);
  const partOf = /\bketentuan\s+((?:Pasal|mengenai|Bab|Bagian|ayat)\b.*)$/i.exec(lead);
  if (partOf) return { kind: 'partly_revokes', scope: partOf[1]!.replace(/\s+(?:yang\s+diatur\s+)?(?:dalam|pada)$/i, '') };
  const insofar = /\bsepanjang\s+(?!tidak\b)(mengenai|yang\s+mengatur|berkaitan)\s+([^,(]{3,160})/i.exec(tail);
  if (insofar) return { kind: 'partly_revokes', scope: `${insofar[1]} ${insofar[2]!.trim()}` };
  const except = /\b(?:sepanjang\s+tidak\s+(?:mengatur|mengenai)|kecuali(?:\s+(?:ketentuan|mengenai))?)\s+([^,(]{3,160})/i.exec(tail);
  if (except) return { kind: 'revokes', keeps: except[1]!.replace(/^(?:tentang|mengenai)\s+/i, '').trim() };
  return { kind: 'revokes' };
}

function trimEvidence(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= maxEvidence ? t : `${t.slice(0, maxEvidence - 1)}…`;
}

