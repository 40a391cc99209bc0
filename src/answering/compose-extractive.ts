import { citationLabel, type Citation } from './answer-types.js';
import type { PassageHit } from './search-passages.js';

/** Passages close to the best one are quoted too, when they are another article. */
const companionShare = 0.85;
const shortPassageChars = 700;

/**
 * Builds an answer without a language model: the sentences of the best passages that share the
 * most words with the question, each introduced by the regulation and article it comes from.
 */
export function composeExtractive(
  hits: PassageHit[],
  questionWords: string[],
  language: 'id' | 'en',
): { answer: string; citations: Citation[] } {
  const best = hits[0];
  if (!best) return { answer: '', citations: [] };
  const chosen = [best];
  for (const hit of hits.slice(1)) {
    if (chosen.length >= 2) break;
    if (hit.score < best.score * companionShare) break;
    if (chosen.some((c) => c.source === hit.source && articleOf(c.section) === articleOf(hit.section))) continue;
    chosen.push(hit);
  }
  const citations = chosen.map(toCitation);
  const intro = language === 'en' ? 'According to' : 'Menurut';
  const parts = chosen.map(
    (hit) => `${intro} ${citationLabel(toCitation(hit))}:\n${withoutOwnIntro(quote(hit.text, questionWords), hit)}`,
  );
  const note =
    language === 'en'
      ? 'This is an excerpt of the regulation (in Indonesian). Check the official text for decisions.'
      : 'Ini kutipan dari peraturan; untuk keputusan resmi, rujuk teks peraturannya.';
  return { answer: `${parts.join('\n\n')}\n\n${note}`, citations };
}

export function toCitation(hit: PassageHit): Citation {
  return {
    source: hit.source,
    title: hit.title,
    section: hit.section,
    snippet: hit.text.length > 280 ? `${hit.text.slice(0, 277).trimEnd()}...` : hit.text,
    ...(hit.regulation ? { regulation: hit.regulation } : {}),
  };
}

/**
 * Our own knowledge base opens articles with "Menurut PP 11/2017 Pasal 325, ..." so that a passage
 * read alone names its source; under our heading that would say it twice.
 */
function withoutOwnIntro(text: string, hit: PassageHit): string {
  const regulation = (hit.regulation ?? hit.title).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const stripped = text.replace(new RegExp(`^(… )?Menurut ${regulation}[^,]{0,60},\\s*`), '$1');
  return stripped === text
    ? text
    : stripped.replace(/^(… )?(\p{Ll})/u, (_, dots: string | undefined, c: string) => `${dots ?? ''}${c.toUpperCase()}`);
}

function articleOf(section: string): string {
  return /Pasal\s+\d+/i.exec(section)?.[0] ?? section;
}

/** The whole passage when short; otherwise its sentences most about the question, in order. */
export function quote(text: string, questionWords: string[], maxSentences = 3): string {
  if (text.length <= shortPassageChars) return text;
  const sentences = text.split(/(?<=[.;:])\s+(?=[\p{Lu}(\d]|[a-z]\.\s)/u).filter((s) => s.trim());
  const stems = questionWords.filter((w) => w.length >= 3).map((w) => w.slice(0, 5));
  const scored = sentences.map((s, index) => {
    const words = s.toLowerCase().match(/\p{L}+/gu) ?? [];
    const score = stems.filter((stem) => words.some((w) => w.startsWith(stem))).length;
    return { s, index, score };
  });
  const picked = [...scored].sort((a, b) => b.score - a.score || a.index - b.index).slice(0, maxSentences);
  const ordered = picked.sort((a, b) => a.index - b.index);
  const joined = ordered.map((p) => p.s.trim()).join(' … ');
  return ordered[0]?.index === 0 ? joined : `… ${joined}`;
}
