/**
 * Which article a baseline chunk cites. The rule, the same for every chunk and question: a chunk
 * cites the article whose stored passages (the product's own, from the same extracted text) cover
 * most of the chunk's characters. The passages are located in the extracted text by aligning
 * their words in order, since the product stores them cleaned (headings and OCR debris dropped).
 * Characters no passage holds (headings, the preamble, page stamps) count for no article; a
 * chunk made only of those cites none.
 */
import { words, type Word } from './bm25-baseline.js';

export interface StoredPassage {
  section: string;
  text: string;
}

/** Where one article's passages lie in the extracted text (characters, end exclusive). */
export interface ArticleSpan {
  article: string;
  start: number;
  end: number;
}

export interface LocatedArticles {
  spans: ArticleSpan[];
  /** Words of the stored passages found in the extracted text, of all of them: the alignment's quality. */
  alignedWords: number;
  passageWords: number;
  /** Passages whose opening could not be found at all. */
  unplaced: number;
}

/**
 * The article a stored section belongs to: `Pasal 9 ayat (1)-(3)` and `Pasal 9 huruf a` -> `Pasal 9`,
 * `Penjelasan Pasal 5` stays itself; sections that are not a Pasal (`Angka 4`, `Diktum KESATU`)
 * lose only an ayat range the splitter added.
 */
export function articleOf(section: string): string {
  const pasal = /^(?:Penjelasan\s+)?Pasal\s+\d+/i.exec(section.trim());
  return pasal ? pasal[0].replace(/\s+/g, ' ') : section.replace(/\s+ayat\s*\(.*$/i, '').trim();
}

/** Words the alignment may skip in the extracted text between two words of a passage (page stamps, debris). */
const walkWindow = 25;
/** How far past the previous article a passage's opening is looked for (a preamble, a dropped article). */
const maxSkip = 5_000;
/** A passage's opening: its first 16 words, each within 8 words of the previous one found. */
const openingWords = 16;
const openingGap = 8;
/** Each word of distance costs this share of a matched word: the nearest good opening wins. */
const distanceCost = 1 / 250;
/** Each word jumped over inside an opening costs this much of a matched word. */
const jumpCost = 0.1;

/**
 * Locates the product's passages, in their stored order, in the extracted text. Passages of one
 * article may overlap (the product's long-article splitter overlaps its pieces), so a passage's
 * opening is looked for from the previous passage's opening when it continues the same article,
 * and from the end of the previous article otherwise.
 */
export function locateArticles(text: string, passages: StoredPassage[]): LocatedArticles {
  const raw = words(text);
  const spans: ArticleSpan[] = [];
  let floor = 0;
  let previousStart = 0;
  let previousArticle: string | undefined;
  let alignedWords = 0;
  let passageWords = 0;
  let unplaced = 0;
  for (const passage of passages) {
    const own = words(passage.text).map((w) => w.word);
    if (own.length === 0) continue;
    passageWords += own.length;
    const article = articleOf(passage.section);
    const from = article === previousArticle ? previousStart : floor;
    const anchor = findOpening(raw, own, from);
    if (!anchor) {
      unplaced++;
      continue;
    }
    let next = anchor.raw;
    let last = anchor.raw;
    for (const word of own.slice(anchor.own)) {
      const limit = Math.min(raw.length, next + walkWindow);
      for (let q = next; q < limit; q++) {
        if (raw[q]!.word !== word) continue;
        alignedWords++;
        last = q;
        next = q + 1;
        break;
      }
    }
    const span = { article, start: raw[anchor.raw]!.start, end: raw[last]!.end };
    const previous = spans.at(-1);
    if (previous && previous.article === article) previous.end = Math.max(previous.end, span.end);
    else spans.push(span);
    previousStart = anchor.raw;
    previousArticle = article;
    floor = Math.max(floor, last + 1);
  }
  return { spans, alignedWords, passageWords, unplaced };
}

/**
 * Where the passage's opening lies at or after `from`: the place that matches most of its first
 * words in order, less a small cost per word of distance, so that a boilerplate opening repeated
 * further on ("Menurut PP 94/2021 Pasal 9 ayat (2), ...") does not beat the nearer, fuller match.
 */
function findOpening(raw: Word[], own: string[], from: number): { raw: number; own: number } | undefined {
  const opening = own.slice(0, openingWords);
  // The first word or two may have been changed by the cleaning ("ke^lima" stored as "kelima").
  const starters = new Set(opening.slice(0, 3));
  let best: { raw: number; own: number; value: number } | undefined;
  const end = Math.min(raw.length, from + maxSkip);
  for (let s = from; s < end; s++) {
    const distance = (s - from) * distanceCost;
    if (best && opening.length - distance <= best.value) break;
    if (!starters.has(raw[s]!.word)) continue;
    const first = opening.indexOf(raw[s]!.word);
    const value = matchedInOrder(raw, s, opening) - distance;
    if (!best || value > best.value) best = { raw: s, own: first, value };
  }
  // Fewer than half of the opening words found: not this passage.
  return best && best.value + 1e-9 >= opening.length / 2 ? { raw: best.raw, own: best.own } : undefined;
}

/**
 * How many of `opening`'s words follow each other in order from `at` (the first may be missing),
 * less a tenth of a word for every word jumped over: a stray earlier word ("apel" in the preamble,
 * then "pagi" six words on; the "6" of a heading, then "Menurut ... Pasal 6") does not beat the
 * tight match just after it.
 */
function matchedInOrder(raw: Word[], at: number, opening: string[]): number {
  let position = at - 1;
  let value = 0;
  for (const word of opening) {
    const limit = Math.min(raw.length - 1, position + openingGap);
    for (let q = position + 1; q <= limit; q++) {
      if (raw[q]!.word !== word) continue;
      value += 1 - (q - position - 1) * jumpCost;
      position = q;
      break;
    }
  }
  return value;
}

/** The article covering most characters of [start, end); ties go to the earlier one; none covered, undefined. */
export function citedArticle(spans: ArticleSpan[], start: number, end: number): string | undefined {
  const cover = new Map<string, number>();
  for (const s of spans) {
    const overlap = Math.min(end, s.end) - Math.max(start, s.start);
    if (overlap > 0) cover.set(s.article, (cover.get(s.article) ?? 0) + overlap);
  }
  let best: string | undefined;
  let bestCover = 0;
  for (const [article, chars] of cover) {
    if (chars > bestCover) {
      best = article;
      bestCover = chars;
    }
  }
  return best;
}
