import { cleanText, looksLegal, readOcrNumber, splitLegalText, type LegalSection } from './legal-structure.js';

/** A retrievable piece of a document, ready to store. */
export interface PassageDraft {
  /** What a citation names, e.g. `Pasal 9 ayat (2)`. */
  section: string;
  /** Where it sits, e.g. `PP 94/2021 > BAB III Hukuman Disiplin > Pasal 9`. */
  path: string;
  text: string;
  /** The official elucidation of this article (`Penjelasan Pasal 5`), searched as its own field. */
  elucidation?: string;
}

/**
 * One passage per article, ayat inside: long enough for nearly every article (PP 11/2017's longest
 * run to about 5,000 characters), so that an article is found and cited whole; only a longer one is
 * cut by its ayat. Answers quote sentences from it, never the whole passage.
 */
export const maxPassageChars = 6_000;
/** A text without articles is cut into pieces a chat reply can quote. */
export const plainChunkChars = 1_500;

const articleHeading = /^(Pasal|Angka|Diktum|Lampiran|Penjelasan)\b/i;

/**
 * Splits a document into passages along its structure: Markdown by headings (an article heading
 * such as `## Pasal 5` is one passage), legal text by its articles, anything else by paragraphs.
 */
export async function splitDocument(input: { text: string; markdown: boolean; label: string }): Promise<PassageDraft[]> {
  const sections = input.markdown
    ? splitMarkdown(input.text)
    : looksLegal(input.text)
      ? splitLegalText(input.text)
      : await splitPlain(input.text);
  const drafts: PassageDraft[] = [];
  for (const s of attachElucidations(sections.flatMap(splitDefinitions))) {
    const pieces = await splitLongSection(s);
    pieces.forEach((piece, i) => {
      const heading = s.title ? `${piece.section} — ${s.title}` : piece.section;
      const path = [input.label, ...s.context, heading].join(' > ');
      // The elucidation goes with the article's first piece only, so that it is counted once.
      const elucidation = i === 0 ? s.elucidation : undefined;
      drafts.push({ section: piece.section, path, text: piece.text, ...(elucidation ? { elucidation } : {}) });
    });
  }
  return drafts;
}

/**
 * `Penjelasan Pasal 5` joins `Pasal 5`: the elucidation explains the article in plainer words,
 * which is where colloquial questions match, and a citation names the article itself. An
 * elucidation whose article was not found (lost in a scan) stays a passage of its own.
 */
export function attachElucidations(sections: (LegalSection & { elucidation?: string })[]) {
  const articles = new Map<string, LegalSection & { elucidation?: string }>();
  for (const s of sections) if (/^Pasal \d+$/.test(s.section) && !articles.has(s.section)) articles.set(s.section, s);
  const result: (LegalSection & { elucidation?: string })[] = [];
  for (const s of sections) {
    const article = /^Penjelasan (Pasal \d+)$/.exec(s.section)?.[1];
    const target = article ? articles.get(article) : undefined;
    if (target) target.elucidation = target.elucidation ? `${target.elucidation} ${s.text}` : s.text;
    else result.push(s);
  }
  return result;
}

/**
 * The definitions article ("Dalam Peraturan Pemerintah ini yang dimaksud dengan: 1. ... 2. ...")
 * becomes one passage per defined term, cited `Pasal 1 angka N` and headed by the term, so that
 * "apa yang dimaksud dengan X" finds X's definition rather than every article using the word.
 */
export function splitDefinitions(s: LegalSection): LegalSection[] {
  const intro = /yang dimaksud dengan\s*:?/i.exec(s.text.slice(0, 300));
  if (s.section !== 'Pasal 1' || !intro) return [s];
  const starts: { at: number; bodyAt: number; number: number }[] = [];
  let expected = 1;
  // `1 1.` and `1O.` are OCR's 11 and 10. Each number must follow the last (a scan may lose a few),
  // so that a "5." inside a definition (a date, a list) is not taken for the next term.
  for (const m of s.text.matchAll(/(?:^|\s)([0-9][0-9OoIl]?(?:\s[0-9])?)\.\s+(?=\p{Lu})/gu)) {
    const n = readOcrNumber(m[1]!);
    if (n === undefined || n < expected || n > expected + 3) continue;
    // A term opens it: words without a full stop, then "adalah", "yang selanjutnya"...
    if (!/^[^.;:]{2,120}?\s(?:adalah|merupakan|yang\s+selanjutnya|selanjutnya)\b/i.test(s.text.slice(m.index + m[0].length, m.index + m[0].length + 200)))
      continue;
    starts.push({ at: m.index, bodyAt: m.index + m[0].length, number: n });
    expected = n + 1;
  }
  if (starts.length < 2) return [s];
  const units: LegalSection[] = [];
  // Terms whose numbers the scan lost stay together under the article's own name.
  const unnumbered = s.text.slice(intro.index + intro[0].length, starts[0]!.at).trim();
  if (unnumbered.length > 40) units.push({ ...s, text: unnumbered });
  starts.forEach((start, i) => {
    const text = s.text.slice(start.bodyAt, starts[i + 1]?.at ?? s.text.length).trim();
    const term = definedTerm(text);
    units.push({ section: `Pasal 1 angka ${start.number}`, context: s.context, text, ...(term ? { title: term } : {}) });
  });
  return units;
}

/** "Sasaran Kinerja Pegawai yang selanjutnya disingkat SKP adalah ..." -> "Sasaran Kinerja Pegawai (SKP)". */
function definedTerm(definition: string): string | undefined {
  const m = /^(.{2,120}?)\s+(?:yang\s+selanjutnya\s+(?:disingkat|disebut)\s+(.{1,40}?)\s+adalah|yang selanjutnya|selanjutnya disebut|yang disebut|adalah|merupakan)\b/i.exec(
    definition,
  );
  if (!m) return undefined;
  return m[2] ? `${m[1]!.trim()} (${m[2].trim()})` : m[1]!.trim();
}

/** Markdown headings: article headings start passages, other headings give context. */
export function splitMarkdown(markdown: string): LegalSection[] {
  const sections: LegalSection[] = [];
  const context: string[] = [];
  let current: { section: string; title?: string; context: string[]; lines: string[] } | undefined;
  const flush = () => {
    const text = current?.lines.join('\n').trim();
    if (current && text) sections.push({ section: current.section, title: current.title, context: current.context, text });
  };
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (!heading) {
      current?.lines.push(line);
      continue;
    }
    const level = heading[1]!.length;
    const title = heading[2]!.trim();
    if (level === 1) continue; // the document's own title
    flush();
    if (articleHeading.test(title)) {
      // `## Pasal 3 — Kewajiban dasar PNS`: the citation names "Pasal 3"; the title goes into the
      // passage's path, where it is searchable (and weighs more) without changing the citation.
      const [section, topic] = title.split(/\s+[—–]\s+|:\s+/, 2) as [string, string | undefined];
      current = { section: section.trim(), title: topic?.trim(), context: [...context], lines: [] };
    } else {
      context.length = Math.max(0, level - 2);
      context[level - 2] = title;
      current = { section: title, context: context.slice(0, level - 2).filter(Boolean), lines: [] };
    }
  }
  flush();
  // A Markdown file without any heading is one section of plain text.
  const plain = markdown.replace(/\r\n?/g, '\n').trim();
  if (sections.length === 0 && plain) sections.push({ section: 'Isi', context: [], text: plain });
  return sections;
}

async function splitPlain(text: string): Promise<LegalSection[]> {
  const splitter = new (await textSplitter())({ chunkSize: plainChunkChars, chunkOverlap: 100 });
  const chunks = await splitter.splitText(text.replace(/\r\n?/g, '\n'));
  return chunks
    .map((chunk) => cleanText(chunk))
    .filter(Boolean)
    .map((chunk, i) => ({ section: `Bagian ${i + 1}`, context: [], text: chunk }));
}

/** Splits an overlong article by its ayat `(1)`, `(2)`...; a still longer piece by sentences. */
async function splitLongSection(s: LegalSection): Promise<{ section: string; text: string }[]> {
  if (s.text.length <= maxPassageChars) return [{ section: s.section, text: s.text }];
  const pieces: { section: string; text: string }[] = [];
  const verses = splitVerses(s.text);
  if (verses.length > 1) {
    let group: { first: string; last: string; text: string } | undefined;
    const flush = () => {
      if (!group) return;
      const range = group.first === group.last ? `ayat (${group.first})` : `ayat (${group.first})-(${group.last})`;
      pieces.push({ section: `${s.section} ${range}`, text: group.text });
      group = undefined;
    };
    for (const v of verses) {
      if (group && group.text.length + v.text.length + 1 > maxPassageChars) flush();
      group = group
        ? { ...group, last: v.number, text: `${group.text} ${v.text}` }
        : { first: v.number, last: v.number, text: v.text };
    }
    flush();
  } else {
    pieces.push({ section: s.section, text: s.text });
  }
  const result: { section: string; text: string }[] = [];
  const splitter = new (await textSplitter())({
    chunkSize: maxPassageChars,
    chunkOverlap: 150,
    separators: ['\n\n', '\n', '; ', '. ', ' ', ''],
  });
  for (const piece of pieces) {
    if (piece.text.length <= maxPassageChars) result.push(piece);
    else for (const chunk of await splitter.splitText(piece.text)) result.push({ section: piece.section, text: chunk.trim() });
  }
  return result;
}

/** `(1) ... (2) ...` at the start of a sentence; the number of each ayat kept with its text. */
function splitVerses(text: string): { number: string; text: string }[] {
  const starts = [...text.matchAll(/(?:^|(?<=[.;:]\s))\((\d{1,2})[)1]\s/g)];
  if (starts.length < 2) return [];
  // Words before "(1)" (e.g. "Pasal ini mengatur:") stay with the first ayat.
  return starts.map((m, i) => ({
    number: m[1]!,
    text: text.slice(i === 0 ? 0 : m.index, starts[i + 1]?.index ?? text.length).trim(),
  }));
}

/**
 * LangChain's splitter, loaded the first time a text needs it (a quarter of a second): `asn ask`
 * and the other commands that import the knowledge modules but split nothing start without it.
 */
async function textSplitter() {
  return (await import('@langchain/textsplitters')).RecursiveCharacterTextSplitter;
}
