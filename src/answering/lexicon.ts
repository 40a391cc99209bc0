import { distance } from 'fastest-levenshtein';
import type { Database } from '../db/database.js';
import { revokedByRelationSql } from '../knowledge/legal-status/citable-sql.js';

/**
 * Published passages that may be cited: current version, regulation still in force, neither marked
 * revoked (metadata or HR) nor revoked by a text in the knowledge base (legal-status/).
 */
export const citablePassagesSql = `
  passage p
  JOIN document_version v ON v.id = p.version_id AND v.published
  JOIN document d ON d.id = v.document_id AND d.status = 'berlaku' AND NOT ${revokedByRelationSql('d')}`;

/** How many citable passages hold each stemmed word: for weighting rare words and fixing typos. */
export interface Lexicon {
  passages: number;
  /** Mean number of distinct words per field (a: heading and path, b: body, c: elucidation), for BM25F. */
  averageLengths: { a: number; b: number; c: number };
  documentFrequency: Map<string, number>;
  /** Lexemes by first letter, to keep typo look-ups short. */
  byInitial: Map<string, string[]>;
}

/**
 * Caches the lexicon of the knowledge base. It is rebuilt when the knowledge base's revision (raised
 * by database triggers on every change, from this process, an `asn` command or another instance)
 * differs from the one it was built at: one tiny read per question instead of a timer.
 */
export class LexiconCache {
  private cached?: { lexicon: Lexicon; revision: bigint };
  private loading?: Promise<Lexicon>;

  constructor(private readonly db: Database) {}

  invalidate(): void {
    this.cached = undefined;
  }

  async get(): Promise<Lexicon> {
    const revision = await this.revision();
    if (this.cached && this.cached.revision === revision) return this.cached.lexicon;
    this.loading ??= this.load(revision).finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async revision(): Promise<bigint> {
    const row = await this.db.prisma.knowledgeRevision.findUnique({ where: { id: 1 }, select: { revision: true } });
    return row?.revision ?? 0n;
  }

  private async load(revision: bigint): Promise<Lexicon> {
    const [counted] = await this.db.prisma.$queryRawUnsafe<{ n: number; a: number; b: number; c: number }[]>(
      `SELECT count(*)::int AS n, coalesce(avg(length(ts_filter(p.tsv, '{a}'))), 0)::float8 AS a,
              coalesce(avg(length(ts_filter(p.tsv, '{b}'))), 0)::float8 AS b,
              coalesce(avg(length(ts_filter(p.tsv, '{c}'))) FILTER (WHERE p.elucidation <> ''), 0)::float8 AS c
       FROM ${citablePassagesSql}`,
    );
    const rows = await this.db.prisma.$queryRawUnsafe<{ word: string; ndoc: number }[]>(
      `SELECT word, ndoc FROM ts_stat($$SELECT p.tsv FROM ${citablePassagesSql}$$)`,
    );
    const documentFrequency = new Map(rows.map((r) => [r.word, Number(r.ndoc)]));
    const byInitial = new Map<string, string[]>();
    for (const word of documentFrequency.keys()) {
      const list = byInitial.get(word[0]!) ?? [];
      list.push(word);
      byInitial.set(word[0]!, list);
    }
    const averageLengths = { a: counted?.a ?? 0, b: counted?.b ?? 0, c: counted?.c ?? 0 };
    const lexicon = { passages: counted?.n ?? 0, averageLengths, documentFrequency, byInitial };
    // Read after `revision`: a change in between is noticed at the next question.
    this.cached = { lexicon, revision };
    return lexicon;
  }
}

/**
 * The closest known lexeme for a misspelt one (`disipin` -> `disiplin`), or undefined: an edit or
 * two away, or the same word with vowels dropped as chat writes it (`ringn` -> `ringan`).
 */
export function correctSpelling(lexicon: Lexicon, lexeme: string): string | undefined {
  if (/\d/.test(lexeme)) return undefined;
  return closeBySpelling(lexicon, lexeme) ?? withVowelsRestored(lexicon, lexeme);
}

function closeBySpelling(lexicon: Lexicon, lexeme: string): string | undefined {
  // Five letters or fewer: too many real words ("piala", "juara") lie one edit from a stem ("pala").
  if (lexeme.length < 6) return undefined;
  const maxDistance = lexeme.length >= 8 ? 2 : 1;
  let best: { word: string; d: number; df: number } | undefined;
  for (const word of lexicon.byInitial.get(lexeme[0]!) ?? []) {
    if (Math.abs(word.length - lexeme.length) > maxDistance) continue;
    const d = distance(word, lexeme);
    if (d > maxDistance) continue;
    const df = lexicon.documentFrequency.get(word) ?? 0;
    // A word seen once is as likely OCR debris as a word: no correction lands on it.
    if (df < 2) continue;
    if (!best || d < best.d || (d === best.d && df > best.df)) best = { word, d, df };
  }
  return best?.word;
}

const vowel = /[aiueo]/;

/**
 * `ringn`, `hkmn`, `sngt`: the known word whose consonants are exactly these, in this order, with
 * only vowels left out (the commonest word of several). Three consonants at least, and at most
 * three vowels restored: fewer say too little to tell words apart.
 */
function withVowelsRestored(lexicon: Lexicon, lexeme: string): string | undefined {
  const consonants = lexeme.replace(/[aiueo]/g, '');
  if (consonants.length < 3 || !/^\p{L}+$/u.test(lexeme)) return undefined;
  let best: { word: string; df: number } | undefined;
  for (const word of lexicon.byInitial.get(lexeme[0]!) ?? []) {
    const extra = word.length - lexeme.length;
    if (extra < 1 || extra > 3 || word.replace(/[aiueo]/g, '') !== consonants) continue;
    if (!isVowelSupersequence(word, lexeme)) continue;
    const df = lexicon.documentFrequency.get(word) ?? 0;
    if (df < 2) continue;
    if (!best || df > best.df) best = { word, df };
  }
  return best?.word;
}

/** Whether `word` is `typed` with vowels inserted (and nothing else). */
function isVowelSupersequence(word: string, typed: string): boolean {
  let i = 0;
  for (const ch of word) {
    if (i < typed.length && ch === typed[i]) i++;
    else if (!vowel.test(ch)) return false;
  }
  return i === typed.length;
}
