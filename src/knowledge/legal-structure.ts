import { distance } from 'fastest-levenshtein';

/**
 * Splits the text of an Indonesian regulation along its own structure: BAB, Bagian, Paragraf,
 * Pasal, and the Penjelasan (elucidation). Built for texts as they circulate: scanned and OCR'd,
 * with headings run into the previous line, `Pasal 1 1` for 11, `3O` for 30, and cross-references
 * ("sebagaimana dimaksud dalam Pasal 8") that must not be taken for headings.
 */

export interface LegalSection {
  /** What a citation names: `Pasal 5`, `Penjelasan Pasal 5`, `Penjelasan Umum`. */
  section: string;
  /** A short title of the article, when the document gives one (`## Pasal 3 — Kewajiban PNS`). */
  title?: string;
  /** Enclosing headings, outermost first: `BAB II Kewajiban dan Larangan`, `Bagian Ketiga Larangan`. */
  context: string[];
  text: string;
}

/** Words that, right before "Pasal N", make it a reference rather than a heading. */
const referenceWords = new Set([
  'dalam',
  'pada',
  'dan',
  'atau',
  'dengan',
  'sampai',
  'dimaksud',
  'menurut',
  'berdasarkan',
  'oleh',
  'ketentuan',
  'sebagaimana',
  'di',
  'ke',
  'dari',
  'tentang',
  'lihat',
  'serta',
  'melalui',
  'terhadap',
  'ayat',
  'huruf',
  'angka',
  'bunyi',
  'mengubah',
  'mencabut',
  'diubah',
  'dicabut',
  'antara',
  'dan/atau',
]);

const ocrDigits: Record<string, string> = { O: '0', o: '0', I: '1', l: '1' };

/** `3O` -> 30, `1 1` -> 11, `l2` -> 12. */
export function readOcrNumber(raw: string): number | undefined {
  const digits = raw.replace(/\s+/g, '').replace(/[OoIl]/g, (c) => ocrDigits[c] ?? c);
  return /^\d{1,3}$/.test(digits) ? Number(digits) : undefined;
}

/** True for text that looks like a regulation with numbered articles. */
export function looksLegal(text: string): boolean {
  return findArticleHeadings(text).length >= 2;
}

interface Heading {
  start: number;
  end: number;
  number: number;
}

// "Pasal" OCR'd as "Pasa-l" or "PasaI" happens; the number may hold O/l and one inner space.
const pasalPattern = /\bPasa[-]?[lI1]\s+([0-9][0-9OoIl]?(?:\s[0-9OoIl])?[0-9OoIl]?)(?![0-9])/g;

interface Candidate {
  start: number;
  whole?: number;
  first?: number;
  /** Length of the match when read as `first` ("Pasal 1 1" read as 1 leaves the second "1"). */
  firstLength: number;
  length: number;
}

/** Largest run of headings an OCR pass may lose in a row and still be bridged. */
const maxGap = 30;

/**
 * Finds article headings in order. The expected next number (or one or two after it) is taken;
 * a larger jump only when the heading after it counts on from there, so a cross-reference
 * to a far article is not mistaken for a heading, but a run of unreadable headings is bridged.
 */
function findArticleHeadings(text: string): Heading[] {
  const candidates: Candidate[] = [];
  for (const match of text.matchAll(pasalPattern)) {
    if (isReference(text.slice(Math.max(0, match.index - 40), match.index))) continue;
    const raw = match[1] ?? '';
    const head = raw.split(/\s/)[0] ?? '';
    candidates.push({
      start: match.index,
      whole: readOcrNumber(raw),
      first: readOcrNumber(head),
      length: match[0].length,
      firstLength: match[0].length - (raw.length - head.length),
    });
  }
  const readings = (c: Candidate | undefined) => (c ? [c.whole, c.first].filter((n): n is number => n !== undefined) : []);
  const headings: Heading[] = [];
  let expected = 1;
  candidates.forEach((c, i) => {
    let pick = readings(c).find((n) => n >= expected && n <= expected + 2);
    pick ??= readings(c).find((n) => n > expected + 2 && n <= expected + maxGap && readings(candidates[i + 1]).includes(n + 1));
    if (pick === undefined) return;
    headings.push({ start: c.start, end: c.start + (pick === c.whole ? c.length : c.firstLength), number: pick });
    expected = pick + 1;
  });
  return headings;
}

function isReference(before: string): boolean {
  const trimmed = before.trimEnd();
  if (trimmed === '' || /[.;:)\]]$/.test(trimmed)) return false;
  const lastWord = trimmed.split(/\s+/).pop() ?? '';
  if (lastWord.endsWith(',')) return true;
  if (referenceWords.has(lastWord.toLowerCase())) return true;
  // "Pasal 10 dan Pasal 11" or "Pasal 5 ayat (2)" just before: a list of references.
  return /Pasal\s+\d+\s*(?:ayat\s*\(\d+\))?\s*(?:dan|atau|,)?$/i.test(trimmed);
}

const chapterPattern = /\bBAB\s+([IVXLC]+)\b\s*((?:(?!BAB\b)[A-Z][A-Z,/-]+\s*)*)/g;
const partPattern =
  /\b(Bagian|Paragraf)\s+(Ke[a-z]+|Kesatu|\d+)\b\s*((?:[A-Z][a-z/-]*(?:\s+(?:dan|atau|yang|dari|di|ke)\b)?\s*)*)/g;

interface Marker {
  start: number;
  level: 0 | 1 | 2;
  label: string;
}

/** BAB, Bagian and Paragraf headings; each sets the context for the articles after it. */
function findMarkers(text: string): Marker[] {
  const markers: Marker[] = [];
  for (const m of text.matchAll(chapterPattern)) {
    const title = titleCase(stripTrailingHeadingWords(m[2] ?? ''));
    markers.push({ start: m.index, level: 0, label: `BAB ${m[1]}${title ? ` ${title}` : ''}` });
  }
  for (const m of text.matchAll(partPattern)) {
    const title = stripTrailingHeadingWords(m[3] ?? '');
    markers.push({ start: m.index, level: m[1] === 'Bagian' ? 1 : 2, label: `${m[1]} ${m[2]}${title ? ` ${title}` : ''}` });
  }
  return markers.sort((a, b) => a.start - b.start);
}

function stripTrailingHeadingWords(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/\b(Bagian|Paragraf|Pasal|BAB|PASAL)\b.*$/, '')
    .trim();
}

function titleCase(s: string): string {
  return s
    .toLowerCase()
    .replace(/(^|\s)(\p{L})/gu, (_, sp: string, c: string) => sp + c.toUpperCase())
    .replace(/\b(Dan|Atau|Yang|Dari|Di|Ke)\b/g, (w) => w.toLowerCase());
}

const elucidationPattern = /\bPENJELASAN\s+ATAS\b/;
const articleByArticlePattern = /\bPASAL\s*DEMI\s*PASAL\b/i;

/** Splits a regulation into its articles (and the articles of its elucidation). */
export function splitLegalText(raw: string): LegalSection[] {
  const text = raw.replace(/\r\n?/g, '\n');
  const elucidationAt = text.search(elucidationPattern);
  const body = elucidationAt >= 0 ? text.slice(0, elucidationAt) : text;
  const sections = splitArticles(body, '');
  if (elucidationAt >= 0) {
    const elucidation = text.slice(elucidationAt);
    const perArticleAt = elucidation.search(articleByArticlePattern);
    if (perArticleAt >= 0) {
      const general = cleanText(elucidation.slice(0, perArticleAt).replace(/^.*?\bUMUM\b/s, '')).replace(/\s*\bII\.?$/, '');
      if (general) sections.push({ section: 'Penjelasan Umum', context: [], text: general });
      const perArticle = elucidation.slice(perArticleAt).replace(articleByArticlePattern, '');
      sections.push(...splitArticles(perArticle, 'Penjelasan ').filter((s) => !isEmptyElucidation(s.text) && hasWords(s.text)));
    }
  }
  return sections;
}

function splitArticles(text: string, prefix: string): LegalSection[] {
  const headings = findArticleHeadings(text);
  const markers = prefix ? [] : findMarkers(text);
  const sections: LegalSection[] = [];
  const context: string[] = [];
  let markerIndex = 0;
  headings.forEach((heading, i) => {
    const next = headings[i + 1]?.start ?? text.length;
    // Markers between this heading and the next belong to the articles after them.
    while (markerIndex < markers.length && (markers[markerIndex]?.start ?? Infinity) < heading.start) {
      const marker = markers[markerIndex++]!;
      context.length = marker.level;
      context[marker.level] = marker.label;
    }
    let end = next;
    const firstMarkerAfter = markers.slice(markerIndex).find((m) => m.start > heading.end && m.start < next);
    if (firstMarkerAfter) end = firstMarkerAfter.start;
    // Scans often repeat a heading at a page break: "Pasal 10" then "Pasal 10 (1) ...".
    const body = cleanText(text.slice(heading.end, end).replace(new RegExp(`^\\s*Pasal\\s+${heading.number}\\b`), ''));
    if (body) sections.push({ section: `${prefix}Pasal ${heading.number}`, context: context.filter(Boolean), text: body });
  });
  return sections;
}

/** Five words of three letters or more: what is left of an elucidation the scan reduced to debris ("lll,.- irlo ()rr-lO I A") has not. */
function hasWords(text: string): boolean {
  return (text.match(/(?:^|\s)\p{L}{3,}[.,;:]?(?=\s|$)/gu) ?? []).length >= 5;
}

function isEmptyElucidation(text: string): boolean {
  const m = /^(?:(?:Ayat|Huruf|Angka)\s*\(?\w+\)?\s*)?Cukup\s*\^?jelas\b(.*)$/i.exec(text.replace(/\s+/g, ' ').trim());
  // What may trail is page-stamp debris ("Cukup jelas . A", ": : [rlq]"), never a real word.
  return m !== null && !m[1]!.split(' ').some((t) => /^[A-Za-z][a-z]{3,}[.,;:]?$/.test(t));
}

/** Removes scanning debris: running headers, page numbers, stray symbols, repeated words. */
export function cleanText(text: string): string {
  return text
    .replace(/PRES\s?I\s?DEN\s+REPUBLI[KI]\S*\s+I\S*DONES\S*/gi, ' ')
    // The running header misread ("PFTESIDEN REPUBLIK INDONESIA"): a capitalised word close to PRESIDEN.
    .replace(/\b([A-Z]{6,10})\s+REPUBLI[KI]\S*\s+INDONES\S*/g, (whole, word: string) =>
      distance(word, 'PRESIDEN') <= 2 ? ' ' : whole,
    )
    // The stamp of an official copy: "SALINAN", its sheet number "SK No 011001".
    .replace(/\bSALINAN\b/g, ' ')
    .replace(/\bSK\s?No\.?\s?[0-9O]{4,}\b/g, ' ')
    // "PasaI 5", "Pasa1 5": the word itself misread.
    .replace(/\bPasa[I1](?=\s+\d)/g, 'Pasal')
    // "Pasal 4O": OCR's O and l in an article's number, when it holds a real digit (an ayat's
    // "(2l" is "(2)" misread, so ayat numbers are left alone).
    .replace(/\bPasal\s+([0-9OoIl]{1,3})\b/g, (whole, raw: string) => {
      const n = /\d/.test(raw) ? readOcrNumber(raw) : undefined;
      return n === undefined ? whole : `Pasal ${n}`;
    })
    .replace(/\^/g, '')
    .replace(/(?:^|\s)-\s?\d+\s?-(?=\s|$)/g, ' ')
    .split(/\s+/)
    .filter((token) => !isDebris(token))
    .join(' ')
    .replace(/\b(\w+) \1\b/g, '$1')
    .trim();
}

/** A token of scanning debris: `l.lo`, `^-<.1`, `ll{`, `I'l(`, `l0(..'S7`, but not `(1)`, `a.`, `07.15`. */
function isDebris(token: string): boolean {
  if (token === '') return true;
  if (/[<>{}|~`^]/.test(token)) return true;
  const core = token.replace(/^["'([]+|[)"'\].,;:!?]+$/g, '');
  if (core === '') return /[(')]/.test(token) && !/^\(?\d*\)?[.,;:]?$/.test(token);
  const letters = (core.match(/\p{L}/gu) ?? []).length;
  // Quotes or brackets inside a short word, or one or two letters around a dot.
  if (/['()]/.test(core) && letters < 4) return true;
  if (/^\p{L}{1,2}\.\p{L}{1,3}$/u.test(core)) return true;
  const symbols = (core.match(/[^\p{L}\p{N}/.,%-]/gu) ?? []).length;
  return symbols > 0 && letters < 3;
}
