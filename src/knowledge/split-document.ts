import { cleanText, looksLegal, splitLegalText, type LegalSection } from './legal-structure.js';

/** A retrievable piece of a document, ready to store. */
export interface PassageDraft {
  /** What a citation names, e.g. `Pasal 9 ayat (2)`. */
  section: string;
  /** Where it sits, e.g. `PP 94/2021 > BAB III Hukuman Disiplin > Pasal 9`. */
  path: string;
  text: string;
}

/** Long enough for a whole short article, short enough to quote in a chat reply. */
export const maxPassageChars = 1_500;

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
  for (const s of sections) {
    for (const piece of await splitLongSection(s)) {
      const heading = s.title ? `${piece.section} — ${s.title}` : piece.section;
      drafts.push({ section: piece.section, path: [input.label, ...s.context, heading].join(' > '), text: piece.text });
    }
  }
  return drafts;
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
  const splitter = new (await textSplitter())({ chunkSize: maxPassageChars, chunkOverlap: 100 });
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
