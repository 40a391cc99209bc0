// The checker's small phrase language, which HR writes in the data file. A phrase is words
// separated by spaces, matched on whole normalised tokens (so "pilih" never matches "pilihan"):
//   coblos            the word (spelled and squeezed as posts are: "cobloss", "c0bl0s" match),
//                     or any word with the same stem ("dicoblos", "mencoblos")
//   dukung*           a word starting with "dukung"; ~dukung one ending with it; ~dukung* containing it
//   kaos paslon|atribut partai
//                     either phrase (| separates whole phrases, as in a regular expression)
//   (kaos|kaus) paslon
//                     one of the group, then "paslon"; a group's choices may be several words: (kaos|baju dinas)
//   {nomor}           a small number (1 to 20): "nomor 2", "no.2", "nomer dua", "02"
//   {calon} {partai} {slogan} {tagar} {nama} {wilayah}
//                     one of the election period's entries (each itself a phrase)
//   ..                up to three other words in between
//   coblos & {nomor}  both parts within 8 words of each other, in either order ("coblos yg no 2",
//                     "no 2 ... jangan salah coblos"): new writing seldom keeps a fixed word order.
//                     `&` binds tighter than a top-level `|`: "a & b|c" is "(a & b) or c".
//   sebarkan          a phrase word that is itself inflected (-kan, -in, -i) also finds the verb's
//                     other inflections ("disebarkan", "menyebar", "sebarin"), never the bare stem
// Pure: compiled once when the data is loaded, matched against each post's tokens.

import { normalizePhraseWord, type NormalizeOptions, type PostToken } from './normalize-post.js';
import { stemWord } from './stem-word.js';

export const entityNames = ['calon', 'nama', 'partai', 'slogan', 'tagar', 'wilayah'] as const;
export type EntityName = (typeof entityNames)[number];

interface PhraseWord {
  text: string;
  prefix: boolean;
  suffix: boolean;
  /** Set when the word is an inflected verb ("sebarkan"): its stem, so other inflections match. */
  stem?: string;
}

/** One alternative of a slot: a word, a small number, or an election-period entry. */
type Option = ({ kind: 'word' } & PhraseWord) | { kind: 'number' } | { kind: 'entity'; name: EntityName };

type Slot = { kind: 'alt'; options: Option[] } | { kind: 'gap' } | { kind: 'group'; sequences: Slot[][] };

export interface CompiledPhrase {
  /** As HR wrote it, for error messages and tests. */
  source: string;
  /** The phrases separated by top-level '|', each a sequence of slots. */
  alternatives: Slot[][];
  /** Alternatives written `a & b`: every part somewhere within `nearWindow` tokens of the first, in any order. */
  near: Slot[][][];
}

/** Election-period entries, each compiled to phrases. */
export type Entities = Partial<Record<EntityName, CompiledPhrase[]>>;

/** A match: the span of the post it covers (in the original text). */
export interface PhraseMatch {
  start: number;
  end: number;
}

const maxGap = 3;
/** `a & b`: how many tokens apart the parts may start; a clause of a post, roughly. */
export const nearWindow = 8;

/**
 * Compiles one phrase. Throws an Error with an Indonesian message naming the problem (the loader
 * adds where it was written).
 */
export function compilePhrase(source: string, options: NormalizeOptions): CompiledPhrase {
  const text = source.trim();
  if (text === '') throw new Error('frasa kosong');
  const alternatives: Slot[][] = [];
  const near: Slot[][][] = [];
  for (const alternative of splitTopLevel(text)) {
    const parts = splitTopLevel(alternative, '&');
    if (parts.length === 1) alternatives.push(compileSequence(alternative, options));
    else near.push(parts.map((part) => compileSequence(part, options)));
  }
  return { source, alternatives, near };
}

/** Words (and groups) separated by spaces, the spaces inside a group belonging to it. */
function compileSequence(text: string, options: NormalizeOptions): Slot[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text.trim()) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (/\s/u.test(ch) && depth === 0) {
      if (current) parts.push(current);
      current = '';
    } else current += ch;
  }
  if (current) parts.push(current);
  if (parts.length === 0) throw new Error('ada pilihan kosong di antara tanda | atau &');
  const slots = parts.map((part): Slot => {
    if (part === '..') return { kind: 'gap' };
    const group = /^\((.+)\)$/su.exec(part);
    if (!group && /[()]/u.test(part)) throw new Error(`kurung pada "${part}" tidak lengkap`);
    if (!group) return { kind: 'alt', options: part.split('|').map((alt) => compileOption(alt, options)) };
    const choices = splitTopLevel(group[1]!);
    // Single words: one slot of options (the common case); otherwise a choice of sequences.
    if (choices.every((c) => !/\s/u.test(c.trim())))
      return { kind: 'alt', options: choices.map((alt) => compileOption(alt.trim(), options)) };
    return { kind: 'group', sequences: choices.map((c) => compileSequence(c, options)) };
  });
  if (slots[0]!.kind === 'gap' || slots.at(-1)!.kind === 'gap') throw new Error('".." hanya boleh di antara dua kata');
  return slots;
}

/** 'a b|(c|d) e' -> ['a b', '(c|d) e']: the '|' (or '&') inside parentheses belongs to the group. */
function splitTopLevel(text: string, separator = '|'): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0 || depth > 1) throw new Error(`kurung tidak seimbang atau bersarang: "${text}"`);
    if (ch === separator && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  if (depth !== 0) throw new Error(`kurung tidak seimbang: "${text}"`);
  out.push(current);
  return out;
}

function compileOption(alt: string, options: NormalizeOptions): Option {
  const entity = /^\{(\w+)\}$/u.exec(alt);
  if (entity) {
    const name = entity[1]!;
    if (name === 'nomor') return { kind: 'number' };
    if (!(entityNames as readonly string[]).includes(name))
      throw new Error(`"{${name}}" tidak dikenal; yang ada: {nomor}, ${entityNames.map((n) => `{${n}}`).join(', ')}`);
    return { kind: 'entity', name: name as EntityName };
  }
  // "~" rather than a leading "*", which YAML would read as an alias.
  const prefix = alt.endsWith('*');
  const suffix = alt.startsWith('~') && alt.length > 1;
  const bare = alt.replace(/^~|\*$/gu, '');
  if (!/^#?[\p{L}\p{N}]+$/u.test(bare))
    throw new Error(`kata "${alt}" hanya boleh berisi huruf dan angka, dengan * di akhir atau ~ di awal`);
  const text = normalizePhraseWord(bare, options);
  const stem = prefix || suffix ? undefined : inflectedStem(text);
  return { kind: 'word', text, prefix, suffix, ...(stem ? { stem } : {}) };
}

/** "sebarkan" -> "sebar", "viralin" -> "viral": a verb suffix only (not -nya/-mu, so "pilihmu" stays itself). */
function inflectedStem(word: string): string | undefined {
  const stem = stemWord(word);
  if (stem === word || stem.length < 4) return undefined;
  return /^(kan|in|i)$/u.test(word.slice(stem.length)) && word.startsWith(stem) ? stem : undefined;
}

/** The first place the phrase occurs in the tokens, or undefined. */
export function findPhrase(phrase: CompiledPhrase, tokens: readonly PostToken[], entities: Entities): PhraseMatch | undefined {
  for (let i = 0; i < tokens.length; i++) {
    for (const slots of phrase.alternatives) {
      const end = matchFrom(slots, 0, tokens, i, entities);
      if (end !== undefined && end > i) return { start: tokens[i]!.start, end: tokens[end - 1]!.end };
    }
  }
  for (const parts of phrase.near) {
    const found = findNear(parts, tokens, entities);
    if (found) return found;
  }
  return undefined;
}

/** Where each part matches: [first token, after last token]. */
function matchesOf(slots: Slot[], tokens: readonly PostToken[], entities: Entities): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const end = matchFrom(slots, 0, tokens, i, entities);
    if (end !== undefined && end > i) out.push([i, end]);
  }
  return out;
}

/** `a & b`: the first place every part occurs within `nearWindow` tokens of the first part's match. */
function findNear(parts: Slot[][], tokens: readonly PostToken[], entities: Entities): PhraseMatch | undefined {
  const found = parts.map((slots) => matchesOf(slots, tokens, entities));
  if (found.some((f) => f.length === 0)) return undefined;
  for (const [start, end] of found[0]!) {
    let first = start;
    let last = end;
    const ok = found.slice(1).every((others) => {
      // The nearest occurrence that does not overlap the anchor: "pilih" is not near itself.
      const near = others.find(([s, e]) => (e <= start || s >= end) && Math.abs(s - start) <= nearWindow);
      if (!near) return false;
      first = Math.min(first, near[0]);
      last = Math.max(last, near[1]);
      return true;
    });
    if (ok) return { start: tokens[first]!.start, end: tokens[last - 1]!.end };
  }
  return undefined;
}

/** Matches slots[s..] at token i; returns the index after the last token used. */
function matchFrom(slots: Slot[], s: number, tokens: readonly PostToken[], i: number, entities: Entities): number | undefined {
  if (s === slots.length) return i;
  const slot = slots[s]!;
  if (slot.kind === 'gap') {
    for (let skip = 0; skip <= maxGap && i + skip <= tokens.length; skip++) {
      const end = matchFrom(slots, s + 1, tokens, i + skip, entities);
      if (end !== undefined) return end;
    }
    return undefined;
  }
  if (slot.kind === 'group') {
    for (const sequence of slot.sequences) {
      const after = matchFrom(sequence, 0, tokens, i, entities);
      if (after === undefined) continue;
      const end = matchFrom(slots, s + 1, tokens, after, entities);
      if (end !== undefined) return end;
    }
    return undefined;
  }
  const token = tokens[i];
  for (const option of slot.options) {
    if (option.kind === 'entity') {
      for (const entry of entities[option.name] ?? []) {
        for (const entrySlots of entry.alternatives) {
          const after = matchFrom(entrySlots, 0, tokens, i, entities);
          if (after === undefined) continue;
          const end = matchFrom(slots, s + 1, tokens, after, entities);
          if (end !== undefined) return end;
        }
      }
      continue;
    }
    if (!token) continue;
    if (option.kind === 'number') {
      const n = Number(token.form);
      if (!/^\d{1,2}$/u.test(token.form) || n < 1 || n > 20) continue;
    } else if (!wordMatches(option, token)) {
      continue;
    }
    const end = matchFrom(slots, s + 1, tokens, i + 1, entities);
    if (end !== undefined) return end;
  }
  return undefined;
}

function wordMatches(word: PhraseWord, token: PostToken): boolean {
  if (word.prefix && word.suffix) return token.form.includes(word.text);
  if (word.prefix) return token.form.startsWith(word.text);
  if (word.suffix) return token.form.endsWith(word.text);
  // One way: the phrase names the base word, the post may inflect it ("sebar" finds "disebarkan"),
  // but a phrase "pilihmu" does not find every "pilih".
  if (token.form === word.text || token.stem === word.text) return true;
  // "sebarkan" finds "disebarkan", "menyebar", "sebarin"; not the bare "sebar" ("bagikan" is not "bagi").
  return word.stem !== undefined && token.stem === word.stem && token.form !== word.stem;
}
