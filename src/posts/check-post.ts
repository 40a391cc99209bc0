// The offline verdict on a draft post: the post's tokens against every category's combinations of
// phrase groups. Pure: the data (PostRules) and the election periods that apply are passed in.

import { compilePhrase, entityNames, findPhrase, type CompiledPhrase, type Entities, type PhraseMatch } from './match-phrases.js';
import { normalizePost, squeeze, type NormalizeOptions, type PostToken } from './normalize-post.js';
import type { PostCategory, PostRule, PostRules, Verdict } from './post-rules.js';

/** What the checker needs to know of an election period HR entered. */
export interface ElectionContext {
  name: string;
  /** Whether KPU has set the candidates: support is then a disciplinary violation, before it an ethics one. */
  candidatesOfficial: boolean;
  candidates: { number?: number; names: string[] }[];
  parties: string[];
  slogans: string[];
  hashtags: string[];
  /** The region of a Pilkada ("Kota Sukamaju"): a slogan said about it is political. */
  region?: string;
}

export interface CategoryFinding {
  code: string;
  name: string;
  verdict: Exclude<Verdict, 'aman'>;
  /** `alasan: "kata", "kata"`, quoting the post. */
  reasons: string[];
  /** How many phrases of the groups behind the verdict matched: a tie between categories goes to the one with more evidence. */
  strength: number;
  rules: PostRule[];
  advice: string;
}

export interface PostCheck {
  verdict: Verdict;
  rules: PostRule[];
  reasons: string[];
  advice: string;
  /** Every category that fired, the one the verdict rests on first. */
  findings: CategoryFinding[];
}

const rank: Record<Verdict, number> = { aman: 0, 'hati-hati': 1, melanggar: 2 };

export const safeAdvice =
  'Tidak ditemukan hal yang berisiko menurut daftar pemeriksaan. Tetap periksa kembali: sumber informasi, ' +
  'data pribadi orang lain, dan kesan berpihak pada calon atau partai. Pemeriksaan ini membantu, bukan keputusan resmi.';

const honorifics = '(pak|bu|bapak|ibu|bpk|mas|mbak|bang|kak|abah|uda|cak)';

/** The period's entries as phrases for `{calon}`, `{nama}`, `{partai}`, `{slogan}`, `{tagar}`, `{wilayah}`. */
export function compileEntities(elections: readonly ElectionContext[], options: NormalizeOptions): Entities {
  const entities: Entities = {};
  /** `before`: a slot written in the phrase language, put in front of the entry's own words. */
  const add = (name: (typeof entityNames)[number], text: string, before?: string) => {
    const words = normalizePost(text, options)
      .map((t) => t.form)
      .filter((w) => /^#?[\p{L}\p{N}]+$/u.test(w));
    if (words.length === 0) return;
    const list = (entities[name] ??= []);
    const phrase = compilePhrase([before, ...words].filter(Boolean).join(' '), options);
    if (!list.some((p) => p.source === phrase.source)) list.push(phrase);
  };
  for (const election of elections) {
    for (const candidate of election.candidates) {
      const people = candidate.names.map((n) => n.trim()).filter(Boolean);
      const firstNames: string[] = [];
      for (const person of people) {
        add('calon', person);
        const parts = person.split(/\s+/u).filter((p) => p.replace(/\W/gu, '').length >= 3);
        if (parts[0]) firstNames.push(parts[0]);
        for (const part of parts) {
          add('nama', part);
          add('nama', part, honorifics);
        }
      }
      // "Hendra-Sari", "Budi Rina": a pair is named by its first names.
      if (firstNames.length >= 2) add('calon', firstNames.join(' '));
      // Inside a hashtag or an account name written in one piece: #budirina2026, @hendrasari.official.
      const joined = [firstNames.join(''), ...people.map((p) => p.replace(/[^\p{L}]/gu, ''))]
        .map((w) => w.toLocaleLowerCase('id-ID'))
        .filter((w) => w.length >= 8);
      for (const w of new Set(joined)) {
        const list = (entities.calon ??= []);
        list.push(compilePhrase(`~${squeeze(w)}*`, options));
      }
    }
    for (const party of election.parties) {
      add('partai', party);
      const bare = party.replace(/^partai\s+/iu, '');
      if (bare !== party && bare.split(/\s+/u).length >= 2) add('partai', bare);
    }
    for (const slogan of election.slogans) add('slogan', slogan);
    for (const tag of election.hashtags) add('tagar', tag.startsWith('#') ? tag : `#${tag}`);
    if (election.region) {
      add('wilayah', election.region);
      add('wilayah', election.region.replace(/^(kota|kabupaten|kab|provinsi)\s+/iu, ''));
    }
  }
  return entities;
}

/**
 * Checks a draft: every category's patterns in order; a pattern fires when each group it names
 * has a phrase in the post and none of its `kecuali` groups does. The verdict is the highest a
 * category reached; the rules are the fired categories' own (never anything else), the one the
 * verdict rests on first.
 */
export function checkPost(text: string, rules: PostRules, entities: Entities, candidatesOfficial = true): PostCheck {
  const tokens = normalizePost(text, rules.normalize);
  const findings: CategoryFinding[] = [];
  for (const category of rules.categories) {
    const finding = judgeCategory(category, tokens, entities, text, candidatesOfficial);
    if (finding) findings.push(finding);
  }
  // Stable: categories of the same verdict and strength keep the data file's order.
  findings.sort((a, b) => rank[b.verdict] - rank[a.verdict] || b.strength - a.strength);
  const top = findings[0];
  if (!top) return { verdict: 'aman', rules: [], reasons: [], advice: safeAdvice, findings };
  const cited: PostRule[] = [];
  for (const f of findings)
    for (const r of f.rules) if (!cited.some((c) => c.source === r.source && c.section === r.section)) cited.push(r);
  const atTop = findings.filter((f) => f.verdict === top.verdict);
  return {
    verdict: top.verdict,
    rules: cited,
    reasons: findings.flatMap((f) => f.reasons),
    advice: [...new Set(atTop.map((f) => f.advice))].join(' '),
    findings,
  };
}

function judgeCategory(
  category: PostCategory,
  tokens: readonly PostToken[],
  entities: Entities,
  text: string,
  candidatesOfficial: boolean,
): CategoryFinding | undefined {
  const matches = new Map<string, PhraseMatch[]>();
  const groupMatches = (name: string): PhraseMatch[] => {
    let found = matches.get(name);
    if (!found) {
      found = [];
      for (const phrase of category.groups.get(name) ?? []) {
        const m = findPhrase(phrase as CompiledPhrase, tokens, entities);
        if (m) found.push(m);
      }
      matches.set(name, found);
    }
    return found;
  };
  /** `a|b` in a pattern: either group. */
  const anyOf = (names: string) => names.split('|').flatMap(groupMatches);
  let verdict: Exclude<Verdict, 'aman'> | undefined;
  /** The groups behind the verdict: their matched phrases, counted, make the category's strength. */
  const evidence = new Set<string>();
  const reasons: string[] = [];
  const quotedSpans: PhraseMatch[] = [];
  for (const pattern of category.patterns) {
    if (verdict === 'melanggar' && pattern.verdict !== 'melanggar') continue;
    if (!pattern.all.every((g) => anyOf(g).length > 0)) continue;
    if (pattern.unless.some((g) => anyOf(g).length > 0)) continue;
    if (verdict === 'hati-hati' && pattern.verdict === 'melanggar') {
      reasons.length = 0;
      quotedSpans.length = 0;
      evidence.clear();
    }
    if (verdict === undefined || rank[pattern.verdict] > rank[verdict]) verdict = pattern.verdict;
    for (const group of pattern.all) for (const name of group.split('|')) evidence.add(name);
    // A reason quoting only words already quoted tells the user nothing new: the room goes to other evidence.
    const spans = pattern.all.flatMap(anyOf);
    const known = spans.every((m) => quotedSpans.some((q) => q.start <= m.start && m.end <= q.end));
    if (reasons.length < 2 && !known) {
      reasons.push(`${pattern.reason}: ${quote(text, spans)}`);
      quotedSpans.push(...spans);
    }
  }
  if (!verdict) return undefined;
  const strength = [...evidence].reduce((n, g) => n + groupMatches(g).length, 0);
  const rules = !candidatesOfficial && category.rulesBeforeCandidates ? category.rulesBeforeCandidates : category.rules;
  return { code: category.code, name: category.name, verdict, reasons, strength, rules, advice: category.advice };
}

/** The post's own words behind the matches, quoted once each, in reading order. */
function quote(text: string, spans: PhraseMatch[]): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: PhraseMatch[] = [];
  for (const s of sorted) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged
    .slice(0, 4)
    .map((s) => {
      const words = text.slice(s.start, s.end).replace(/\s+/gu, ' ');
      return `"${words.length > 60 ? `${words.slice(0, 59)}…` : words}"`;
    })
    .join(', ');
}
