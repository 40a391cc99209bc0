/**
 * Sentence-level reading of retrieved passages: splitting Indonesian regulation text into whole
 * sentences and scoring each against the question. Pure, so every rule has a direct unit test.
 */

import type { Lexicon } from './lexicon.js';
import type { NormalizedQuestion } from './normalize-question.js';

/** Abbreviations whose dot does not end a sentence ("No. 5", "dll. dan", "Yth. Bapak"). */
const abbreviations = new Set([
  'no',
  'nomor',
  'th',
  'thn',
  'tgl',
  'hlm',
  'hal',
  'dll',
  'dsb',
  'dst',
  'dkk',
  'yth',
  'bpk',
  'sdr',
  'dr',
  'drs',
  'prof',
  'ir',
  'jl',
  'kab',
  'kec',
  'kel',
  'prov',
  'ttd',
  'pkl',
  'rp',
  'vs',
  'etc',
  'mr',
  'mrs',
  'art',
]);

/** A list item's own marker: `1.`, `a.`, `(b)`, `2)`, `-`, `•`. */
const listMarker = /^(?:\d{1,2}[.)]|[a-z][.)]|\(\s*(?:\d{1,2}|[a-z])\s*\)|[-•*])(?=\s)/u;

/**
 * Splits a passage into whole sentences. A sentence ends at `.`, `?` or `!` followed by a capital,
 * a digit or a bracket, unless the dot belongs to an abbreviation ("No.", "s.d.") or is a list
 * item's marker ("1. Sangat Baik"). A sentence introducing a list with a colon keeps its items.
 */
export function splitSentences(text: string): string[] {
  const pieces: string[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    let start = 0;
    const ends = /[.?!]["”’)]*(?=\s+["“(]?[\p{Lu}\d])/gu;
    for (const m of block.matchAll(ends)) {
      const end = m.index + m[0].length;
      if (m[0][0] === '.' && !endsSentence(block.slice(start, m.index))) continue;
      pieces.push(block.slice(start, end));
      start = end;
    }
    pieces.push(block.slice(start));
  }
  return joinLists(pieces.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean));
}

/** Whether a dot after `before` ends a sentence: not after an abbreviation or a list marker. */
function endsSentence(before: string): boolean {
  const token = /(\S+)$/u.exec(before)?.[1] ?? '';
  const bare = token.replace(/^[("“]+/u, '');
  if (abbreviations.has(bare.toLowerCase())) return false;
  // "s.d.", "a.n.", "S.H.": dots inside the word mark an abbreviation.
  if (/^\p{L}{1,3}(?:\.\p{L}{1,3})+$/u.test(bare)) return false;
  // A lone number or letter is a list marker when it opens the text or follows a colon, semicolon
  // or another item; "huruf a." or "tahun 2021." ends a sentence.
  if (/^(?:\d{1,2}|[a-z])$/iu.test(bare)) {
    const preceding = before.slice(0, before.length - token.length).trimEnd();
    if (preceding === '' || /[:;]$/.test(preceding)) return false;
  }
  return true;
}

/** Keeps a colon's list in one piece: items (and a closing sentence-less item) join their intro. */
function joinLists(pieces: string[]): string[] {
  const out: string[] = [];
  for (const piece of pieces) {
    const previous = out[out.length - 1];
    if (previous !== undefined && (previous.endsWith(':') || (listMarker.test(piece) && /[:;]/.test(previous)))) {
      out[out.length - 1] = `${previous} ${piece}`;
    } else out.push(piece);
  }
  return out;
}

/** Whether a sentence is whole: it ends like a sentence, not with a colon or mid-phrase. */
export function isCompleteSentence(sentence: string): boolean {
  return /[.?!]["”’)]*$/u.test(sentence) || /\)$/.test(sentence);
}

/** The question as weighted terms, plus whether it asks for an amount ("berapa") or a time ("kapan"). */
export interface SentenceQuery {
  terms: { term: string; stems: Set<string>; weight: number }[];
  asks?: 'amount' | 'time';
}

const amountQuestion = /\b(?:berapa|brp|how\s+(?:long|many|much))\b/;
const timeQuestion = /\b(?:kapan|when)\b/;

/**
 * Weighs the question's concepts by how rare the knowledge base's lexicon says they are (the same
 * idf the search ranks with), so that "melahirkan" outweighs "PNS" in a sentence.
 */
export function sentenceQuery(question: NormalizedQuestion, lexicon?: Lexicon): SentenceQuery {
  const n = Math.max(1, lexicon?.passages ?? 1);
  const idf = (df: number) => Math.log(1 + n / (df + 0.5));
  const known: { term: string; stems: Set<string>; weight?: number }[] = question.concepts
    .filter((c) => !c.term.endsWith('/') && !c.term.startsWith('pasal '))
    .map((c) => {
      const words = c.alternatives.filter((a) => a.length === 1).map((a) => a[0]!);
      const stems = new Set(words.flatMap(stemsOf));
      const frequencies = [...stems].map((s) => lexicon?.documentFrequency.get(s)).filter((f) => f !== undefined);
      return { term: c.term, stems, weight: frequencies.length ? idf(Math.max(...frequencies)) : undefined };
    });
  const rarest = Math.max(idf(1), ...known.map((t) => t.weight ?? 0));
  // A word the knowledge base never uses weighs half the rarest word, as in the search.
  const terms = known.map((t) => ({ ...t, weight: t.weight ?? rarest / 2 }));
  const asks = amountQuestion.test(question.text) ? 'amount' : timeQuestion.test(question.text) ? 'time' : undefined;
  return { terms, ...(asks ? { asks } : {}) };
}

/** A number with its unit ("3 bulan", "satu setengah bulan", "12 hari kerja", "20%"). */
const quantity =
  /(?:\b\d+(?:[.,]\d+)?|\b(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|seratus|setengah|\p{L}+\s+(?:belas|puluh)))\s*(?:setengah\s+)?(?:%|persen\b|hari\b|bulan\b|tahun\b|minggu\b|jam\b|menit\b|kali\b|days?\b|months?\b|years?\b|weeks?\b)/iu;

const monthName = /\b(?:januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember)\b/i;

/**
 * Whether a sentence states what was asked: an amount or duration for "berapa", a time for
 * "kapan" (a month, a duration); article numbers like "Pasal 327" are no amount.
 */
export function holdsQuantity(sentence: string, asks: 'amount' | 'time'): boolean {
  const stated = quantity.exec(sentence)?.[0];
  if (asks === 'amount') return stated !== undefined || monthName.test(sentence);
  return (stated !== undefined && !/%|persen/i.test(stated)) || monthName.test(sentence);
}

/**
 * How well a sentence answers the question: the weights of the question's terms it holds, each
 * once, plus, when the question asks "berapa/kapan/how long", the weight of its rarest term for a
 * sentence that states a number or a time, since that is what was asked.
 */
export function scoreSentence(sentence: string, query: SentenceQuery): number {
  const words = new Set((sentence.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).flatMap(stemsOf));
  let score = 0;
  for (const term of query.terms) if ([...term.stems].some((s) => words.has(s))) score += term.weight;
  if (query.asks && holdsQuantity(sentence, query.asks)) score += Math.max(0, ...query.terms.map((t) => t.weight));
  return score;
}

const prefixes = [
  'meng',
  'meny',
  'mem',
  'men',
  'me',
  'peng',
  'peny',
  'pem',
  'pen',
  'per',
  'pe',
  'ber',
  'be',
  'ter',
  'di',
  'ke',
  'se',
];
const suffixes = ['nya', 'kan', 'lah', 'kah', 'an', 'i'];

/**
 * A word and its light Indonesian stems ("melahirkan" -> lahirkan, lahir; "lamanya" -> lama), so
 * that a question's word and a sentence's inflected form meet. Both sides use the same stems.
 */
export function stemsOf(word: string): string[] {
  const w = word.toLowerCase();
  const out = new Set([w]);
  if (w.length < 5 || /\d/.test(w)) return [...out];
  const unsuffixed = [w];
  for (const suffix of suffixes) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) unsuffixed.push(w.slice(0, -suffix.length));
  }
  for (const base of unsuffixed) {
    out.add(base);
    for (const prefix of prefixes) {
      if (base.startsWith(prefix) && base.length - prefix.length >= 4) {
        out.add(base.slice(prefix.length));
        break;
      }
    }
  }
  return [...out];
}
