// The draft-post checker's data, which HR maintains in `knowledge/cek-post/kategori.yaml` (not
// code): spelling of slang, and per category its phrases, the combinations that make a verdict,
// the rules it cites and the advice. Read once at start, checked with zod, every phrase compiled
// and every cited rule looked up in the knowledge base's own files, so a typo stops start-up with
// a message naming the place instead of a checker that quietly misses.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { readFrontMatter } from '../knowledge/front-matter.js';
import { cleanJson, cleanText } from '../text/clean-text.js';
import { compilePhrase, type CompiledPhrase } from './match-phrases.js';
import { squeeze, type NormalizeOptions } from './normalize-post.js';

export type Verdict = 'aman' | 'hati-hati' | 'melanggar';

/** A rule the verdict rests on, as the knowledge base names it (the CLI's `rules` items). */
export interface PostRule {
  /** The knowledge base file, e.g. `pp-94-2021-disiplin-pns.md`. */
  source: string;
  title: string;
  /** As cited: `Pasal 5 huruf n`, `Angka 8`. */
  section: string;
  /** `PP 94/2021`. */
  regulation: string;
}

export interface PostPattern {
  /** Every entry must match somewhere in the post (an entry `a|b`: either group)... */
  all: string[];
  /** ...and none of these. */
  unless: string[];
  verdict: Exclude<Verdict, 'aman'>;
  reason: string;
}

export interface PostCategory {
  code: string;
  name: string;
  rules: PostRule[];
  /** Cited instead of `rules` while the period's candidates are not yet official (bakal calon). */
  rulesBeforeCandidates?: PostRule[];
  advice: string;
  groups: Map<string, CompiledPhrase[]>;
  patterns: PostPattern[];
}

export interface PostRules {
  normalize: NormalizeOptions;
  categories: PostCategory[];
}

const ruleRef = z.object({
  peraturan: z.string().min(1, 'nama peraturan kosong'),
  bagian: z.string().min(1, 'pasal/angka kosong'),
});

const fileSchema = z.object({
  versi: z.literal(1, 'versi harus 1'),
  ejaan: z.record(z.string(), z.string()).default({}),
  kata_bernomor: z.array(z.string()).default([]),
  kategori: z
    .array(
      z.object({
        kode: z.string().regex(/^[a-z][a-z-]{1,30}$/, 'kode huruf kecil dan tanda -, misalnya hoaks'),
        nama: z.string().min(1),
        aturan: z.array(ruleRef).min(1, 'setiap kategori perlu sedikitnya satu aturan'),
        aturan_bakal_calon: z.array(ruleRef).optional(),
        saran: z.string().min(1, 'saran kosong'),
        kelompok: z.record(z.string().regex(/^[a-z_]+$/, 'nama kelompok huruf kecil dan _'), z.array(z.string()).min(1)),
        pola: z
          .array(
            z.object({
              jika: z.array(z.string()).min(1, 'jika: sebutkan sedikitnya satu kelompok'),
              kecuali: z.array(z.string()).default([]),
              putusan: z.enum(['melanggar', 'hati-hati'], 'putusan harus melanggar atau hati-hati'),
              alasan: z.string().min(1),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

/** The path of the data file inside a knowledge folder. */
export const postRulesPath = (knowledgeDir: string) => join(knowledgeDir, 'cek-post', 'kategori.yaml');

/**
 * Reads, checks and compiles the checker's data. Throws AppError `bad_post_rules` with every
 * problem found, each naming its place (`kategori netralitas, pola 2: ...`).
 */
export async function loadPostRules(knowledgeDir: string): Promise<PostRules> {
  const path = postRulesPath(knowledgeDir);
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new AppError('bad_post_rules', `Data cek postingan tidak dapat dibaca: ${path}`, { cause: error });
  });
  return parsePostRules(text, await readKnowledgeIndex(knowledgeDir), 'kategori.yaml');
}

/** A knowledge base file's regulation, title and the sections its headings name. */
export interface KnowledgeEntry {
  source: string;
  title: string;
  regulation: string;
  sections: string[];
}

/** The default knowledge base's regulations and their article headings (`## Pasal 5 huruf n — ...`). */
export async function readKnowledgeIndex(knowledgeDir: string): Promise<KnowledgeEntry[]> {
  const names = (await readdir(knowledgeDir)).filter((n) => n.endsWith('.md')).sort();
  const entries: KnowledgeEntry[] = [];
  for (const name of names) {
    const { data, content } = readFrontMatter(name, await readFile(join(knowledgeDir, name), 'utf8'));
    if (typeof data.regulation !== 'string') continue;
    // "## Pasal 5 huruf n — Larangan ..." is cited by its number; "## Larangan like, share ..." (a
    // regulation whose point numbers the knowledge base does not claim) by its title.
    const sections = [...content.matchAll(/^##\s+(.+?)\s*$/gmu)].map((m) => m[1]!.split(/\s+[—–]\s+/u)[0]!.trim());
    entries.push({ source: name, title: String(data.title ?? data.regulation), regulation: data.regulation, sections });
  }
  return entries;
}

/** The knowledge base entry that holds a cited rule: the same regulation, and a heading that is the section or contains it. */
export function findCitedRule(index: readonly KnowledgeEntry[], regulation: string, section: string): PostRule | undefined {
  const key = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  for (const entry of index) {
    if (key(entry.regulation) !== key(regulation) && !key(entry.regulation).startsWith(`${key(regulation)} `)) continue;
    // "Pasal 3 huruf g" is in the heading "Pasal 3"; "Pasal 5 huruf n" has its own heading.
    const heading = entry.sections.find((h) => key(section) === key(h) || key(section).startsWith(`${key(h)} `));
    if (heading) return { source: entry.source, title: entry.title, regulation: entry.regulation, section };
  }
  return undefined;
}

/** `parsePostRules` without the file system: the YAML text and the knowledge base's index. */
export function parsePostRules(text: string, index: readonly KnowledgeEntry[], fileName: string): PostRules {
  let raw: unknown;
  try {
    raw = load(text, { schema: CORE_SCHEMA, maxAliases: 0, filename: fileName });
  } catch (error) {
    const reason = cleanText((error as Error).message.split('\n')[0] ?? '');
    throw new AppError('bad_post_rules', `${fileName} bukan YAML yang valid: ${reason}`, { cause: error });
  }
  const parsed = fileSchema.safeParse(cleanJson(raw));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${describePath(i.path, raw)}: ${i.message}`);
    throw new AppError('bad_post_rules', `${fileName} tidak valid:\n${lines.join('\n')}`);
  }
  const data = parsed.data;
  const normalize: NormalizeOptions = {
    spelling: new Map(Object.entries(data.ejaan).map(([k, v]) => [squeeze(k.toLowerCase()), squeeze(v.toLowerCase())])),
    numberedWords: new Set(data.kata_bernomor.map((w) => squeeze(w.toLowerCase()))),
  };
  const problems: string[] = [];
  const seen = new Set<string>();
  const categories = data.kategori.map((c): PostCategory => {
    const where = `kategori ${c.kode}`;
    if (seen.has(c.kode)) problems.push(`${where}: kode dipakai dua kali`);
    seen.add(c.kode);
    const cite = (refs: z.infer<typeof ruleRef>[], label: string) =>
      refs.flatMap((r) => {
        const found = findCitedRule(index, r.peraturan, r.bagian);
        if (!found)
          problems.push(
            `${where}, ${label}: ${r.peraturan} ${r.bagian} tidak ada di basis pengetahuan ` +
              `(${describeAvailable(index, r.peraturan)})`,
          );
        return found ? [found] : [];
      });
    const groups = new Map<string, CompiledPhrase[]>();
    for (const [name, phrases] of Object.entries(c.kelompok)) {
      groups.set(
        name,
        phrases.flatMap((phrase) => {
          try {
            return [compilePhrase(phrase, normalize)];
          } catch (error) {
            problems.push(`${where}, kelompok ${name}, frasa "${phrase}": ${(error as Error).message}`);
            return [];
          }
        }),
      );
    }
    const patterns = c.pola.map((p, i): PostPattern => {
      // `a|b` names either group.
      for (const name of [...p.jika, ...p.kecuali].flatMap((n) => n.split('|')))
        if (!groups.has(name))
          problems.push(`${where}, pola ${i + 1}: kelompok "${name}" tidak ada (yang ada: ${[...groups.keys()].join(', ')})`);
      return { all: p.jika, unless: p.kecuali, verdict: p.putusan, reason: p.alasan };
    });
    return {
      code: c.kode,
      name: c.nama,
      rules: cite(c.aturan, 'aturan'),
      rulesBeforeCandidates: c.aturan_bakal_calon ? cite(c.aturan_bakal_calon, 'aturan_bakal_calon') : undefined,
      advice: c.saran,
      groups,
      patterns,
    };
  });
  if (problems.length > 0)
    throw new AppError('bad_post_rules', `${fileName} tidak valid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return { normalize, categories };
}

/** `kategori netralitas > pola 2 > putusan` instead of `kategori.0.pola.1.putusan`. */
function describePath(path: readonly PropertyKey[], raw: unknown): string {
  const parts: string[] = [];
  let node: unknown = raw;
  for (const key of path) {
    const child = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === 'number') {
      const code = child && typeof child === 'object' ? (child as Record<string, unknown>).kode : undefined;
      parts[parts.length - 1] = `${parts.at(-1) ?? ''} ${typeof code === 'string' ? code : key + 1}`;
    } else {
      parts.push(String(key));
    }
    node = child;
  }
  return parts.join(' > ') || '(berkas)';
}

function describeAvailable(index: readonly KnowledgeEntry[], regulation: string): string {
  const entry = index.find((e) => e.regulation.toLowerCase() === regulation.toLowerCase());
  if (!entry) return `peraturan yang ada: ${index.map((e) => e.regulation).join('; ')}`;
  return `${entry.source} memuat: ${entry.sections.join(', ')}`;
}
