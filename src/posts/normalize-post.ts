// Indonesian social-media writing as tokens the checker can match: lower case, repeated letters
// squeezed ("pilihhh", "cobloss"), slang spelled out ("yg", "jgn"), digits read as they are meant
// ("no1" is "nomor 1", "rame2" is "ramai", "c0bl0s" is "coblos"), hashtags kept whole and split,
// gesture emoji as words. Every token remembers where it came from in the original text, so the
// reasons can quote the user's own words.

import { cleanText } from '../text/clean-text.js';
import { stemWord } from './stem-word.js';

export interface PostToken {
  /** The normalised form matched against patterns (squeezed: no letter twice in a row). */
  form: string;
  /** Its stem (see stem-word.ts): "menyebarkan" and "sebar" share one. */
  stem: string;
  /** The span in the original text this token was read from. */
  start: number;
  end: number;
}

export interface NormalizeOptions {
  /** Slang and abbreviations to their standard word, both already squeezed (see `squeeze`). */
  spelling: ReadonlyMap<string, string>;
  /** Words that take a number ("nomor", "paslon", "capres"): `paslon2` is `paslon 2`, not a reduplication. */
  numberedWords: ReadonlySet<string>;
}

/** Emoji that carry meaning in a post, as the word patterns use (gestures of support, insults). */
const emojiWords: [RegExp, string][] = [
  [/☝/gu, ' emojisatujari '],
  [/✌/gu, ' emojiduajari '],
  [/🤟|🤘/gu, ' emojitigajari '],
  [/🖕/gu, ' emojijaritengah '],
  [/🐀|🐭/gu, ' emojitikus '],
  [/🐷|🐖/gu, ' emojibabi '],
  [/🤬/gu, ' emojimarah '],
  [/🤫|🤭/gu, ' emojirahasia '],
  [/❤|♥|💕|💖|😍/gu, ' emojihati '],
  [/📸|📷/gu, ' emojikamera '],
  [/👇/gu, ' emojibawah '],
  [/🤡/gu, ' emojibadut '],
];

/** A phone number (08.., +62 8..) and a 16-digit NIK/KK number, whatever their separators. */
const identifierPatterns: [RegExp, string][] = [
  [/(?<![\p{N}])(?:\+?62|0)[ -]?8\d{1,3}(?:[ .-]?\d{3,4}){2}(?![\p{N}])/gu, 'nomortelepon'],
  [/(?<![\p{N}])\d{16}(?![\p{N}])/gu, 'nomornik'],
  // An account or card number: 8 to 15 digits, or groups of digits joined by "-" (1234-01-000123-50-1).
  [/(?<![\p{N}-])(?!\d{16}(?!\p{N}))(?:\d{8,15}|\d{3,4}(?:-\d{2,6}){2,4})(?![\p{N}-])/gu, 'nomorpanjang'],
];

const numberWords: Record<string, string> = { satu: '1', dua: '2', tiga: '3', empat: '4', lima: '5', enam: '6' };
const leet: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/** Letters repeated in a row become one ("pilihhh" -> "pilih", "maaf" -> "maf"): patterns are squeezed the same way. */
export function squeeze(word: string): string {
  return word.replace(/(\p{L})\1+/gu, '$1');
}

/**
 * The tokens of a post, in order. Pure; the same normalisation is applied to the patterns
 * (`normalizePhraseWord`), so a pattern written "coblos" matches "COBLOSSS" and "c0bl0s".
 */
export function normalizePost(text: string, options: NormalizeOptions): PostToken[] {
  const source = cleanText(text).normalize('NFC');
  const tokens: PostToken[] = [];
  // Emoji are found in the original text (their spans are kept), words with the pattern below.
  const pieces: { text: string; start: number; end: number; literal?: boolean }[] = [];
  for (const [pattern, word] of emojiWords) {
    for (const m of source.matchAll(pattern))
      pieces.push({ text: word.trim(), start: m.index, end: m.index + m[0].length, literal: true });
  }
  // A word: letters, digits and the leetspeak signs inside one, optionally opened by '#' or '@'.
  for (const m of source.matchAll(/[#@]?[\p{L}\p{N}]+(?:[@$*'’.-]?[\p{L}\p{N}]+)*/gu)) {
    pieces.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  // Numbers that identify a person are recognised as such before their digits become words.
  for (const [pattern, word] of identifierPatterns) {
    for (const m of source.matchAll(pattern))
      pieces.push({ text: word, start: m.index, end: m.index + m[0].length, literal: true });
  }
  pieces.sort((a, b) => a.start - b.start);
  for (const piece of pieces) {
    for (const form of piece.literal ? [piece.text] : readWord(piece.text, options))
      tokens.push({ form, stem: stemWord(form), start: piece.start, end: piece.end });
  }
  return tokens;
}

/** One written word as zero or more normalised tokens. */
function readWord(raw: string, options: NormalizeOptions): string[] {
  const lower = raw.toLocaleLowerCase('id-ID');
  if (lower.startsWith('#')) {
    // The hashtag itself (HR enters hashtags whole), then the words inside it for the phrases.
    // Split before the case is lost: #BudiRinaJilid1 is "budi rina jilid 1".
    const inner = raw.slice(1).replace(/[^\p{L}\p{N}]/gu, '');
    const parts = inner
      .split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u)
      .flatMap((p) => readPlain(p.toLocaleLowerCase('id-ID'), options));
    return [`#${squeeze(inner.toLocaleLowerCase('id-ID'))}`, ...parts];
  }
  if (lower.startsWith('@')) return [`@${squeeze(lower.slice(1))}`];
  // "masing-masing", "rame-rame": a hyphenated reduplication is one word; other hyphens split.
  const halves = lower.split(/[-.’']/u).filter(Boolean);
  if (halves.length === 2 && halves[0] === halves[1]) return readPlain(halves[0]!, options);
  return halves.flatMap((half) => readPlain(half, options));
}

function readPlain(word: string, options: NormalizeOptions): string[] {
  if (/^\p{N}+$/u.test(word)) return [String(Number(word))]; // "01" is "1"
  if (/^\p{L}+$/u.test(word)) return [spell(word, options)];
  // Letters then digits: "no1", "paslon02" (a word that takes a number), "rame2" (reduplication).
  const suffix = /^(\p{L}+)(\p{N}+)$/u.exec(word);
  if (suffix) {
    const head = spell(suffix[1]!, options);
    if (options.numberedWords.has(head)) return [head, String(Number(suffix[2]))];
    if (suffix[2] === '2') return [head];
  }
  const prefix = /^(\p{N}+)(\p{L}+)$/u.exec(word);
  if (prefix && !/[013457]/u.test(prefix[1]!.slice(-1))) return [String(Number(prefix[1])), spell(prefix[2]!, options)];
  // Digits among letters are letters in disguise: "c0bl0s", "b4ngs4t".
  const unleet = word.replace(/[013457@$*]/gu, (ch) => leet[ch] ?? '');
  if (/^\p{L}+$/u.test(unleet)) return [spell(unleet, options)];
  return [word];
}

function spell(word: string, options: NormalizeOptions): string {
  const squeezed = squeeze(word);
  const spelled = options.spelling.get(squeezed) ?? squeezed;
  return numberWords[spelled] ?? spelled;
}

/** A pattern's word, normalised as a post's word is (squeezed, slang spelled out). */
export function normalizePhraseWord(word: string, options: NormalizeOptions): string {
  const lower = word.toLocaleLowerCase('id-ID');
  if (lower.startsWith('#')) return `#${squeeze(lower.slice(1))}`;
  if (/^\p{N}+$/u.test(lower)) return String(Number(lower));
  return spell(lower, options);
}
