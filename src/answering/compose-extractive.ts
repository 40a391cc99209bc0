import { citationLabel, type Citation } from './answer-types.js';
import type { Lexicon } from './lexicon.js';
import type { NormalizedQuestion } from './normalize-question.js';
import { isCompleteSentence, scoreSentence, sentenceQuery, splitSentences, type SentenceQuery } from './pick-sentences.js';
import type { PassageHit } from './search-passages.js';

/** Passages close to the best one are quoted too, when they are another article. */
const companionShare = 0.85;
/** A second direct sentence (another article's) is given when it answers nearly as well. */
const secondAnswerShare = 0.85;
const shortPassageChars = 700;
/** A direct answer is a sentence one reads at a glance; a longer one (a list) stays in the details. */
const maxDirectChars = 400;
/** A sentence (with its list) longer than this is left out whole rather than cut. */
const maxSentenceChars = 1_000;
/** Telegram takes 4096 characters a message; the answer stays one message with a margin. */
const maxAnswerChars = 3_800;

interface Sentence {
  text: string;
  index: number;
  score: number;
  /** Read from the article's elucidation (Penjelasan), not its body. */
  elucidation?: boolean;
}

/**
 * Builds an answer without a language model: first the sentence(s) of the best passages that answer
 * the question, each with its regulation and article, then the passages' other sentences most about
 * the question, under the regulation and article they come from. Sentences are quoted whole.
 */
export function composeExtractive(
  hits: PassageHit[],
  question: NormalizedQuestion,
  lexicon: Lexicon | undefined,
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
  const query = sentenceQuery(question, lexicon);
  const read = chosen.map((hit) => readPassage(hit, query));
  // The article's elucidation may say it in plainer words: its sentences may answer first.
  const explained = chosen.map((hit) => (hit.elucidation ? readSentences(hit.elucidation, query) : []));
  const direct = directAnswer(
    read.map((sentences, i) => [...sentences, ...explained[i]!.map((e) => ({ ...e, elucidation: true }))]),
  );
  const intro = language === 'en' ? 'According to' : 'Menurut';
  const note =
    language === 'en'
      ? 'This is an excerpt of the regulation (in Indonesian). Check the official text for decisions.'
      : 'Ini kutipan dari peraturan; untuk keputusan resmi, rujuk teks peraturannya.';
  const opening = direct
    .map(({ passage, sentence }) => {
      const citation = citations[passage]!;
      // "PP 94/2021 Penjelasan Pasal 9": where that sentence stands.
      const label = sentence.elucidation
        ? citationLabel({ ...citation, section: `Penjelasan ${citation.section}` })
        : citationLabel(citation);
      return withLabel(sentence.text, label);
    })
    .join(' ');
  for (let maxSentences = 3; ; maxSentences--) {
    const details = read.flatMap((sentences, i) => {
      const shown = direct.filter((d) => d.passage === i && !d.sentence.elucidation).map((d) => d.sentence.index);
      const text = quote(sentences, shown, maxSentences);
      return text ? [`${intro} ${citationLabel(citations[i]!)}:\n${text}`] : [];
    });
    const answer = [opening, ...details, note].filter(Boolean).join('\n\n');
    if (answer.length <= maxAnswerChars || maxSentences === 0) return { answer, citations };
  }
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

/** A passage's whole sentences, scored; cut-off fragments (a chunk ending mid-sentence) are dropped. */
function readPassage(hit: PassageHit, query: SentenceQuery): Sentence[] {
  return readSentences(withoutOwnIntro(hit.text, hit), query);
}

function readSentences(text: string, query: SentenceQuery): Sentence[] {
  return splitSentences(text)
    .map((sentence, index) => ({ text: sentence, index, score: scoreSentence(sentence, query) }))
    .filter((s) => isCompleteSentence(s.text) && s.text.length <= maxSentenceChars);
}

/** The best short sentence of all, and another article's best when it answers nearly as well. */
function directAnswer(read: Sentence[][]): { passage: number; sentence: Sentence }[] {
  const bests = read
    .map((sentences, passage) => {
      const short = sentences.filter((s) => s.text.length <= maxDirectChars);
      return { passage, sentence: short.sort((a, b) => b.score - a.score || a.index - b.index)[0] };
    })
    .filter((b): b is { passage: number; sentence: Sentence } => b.sentence !== undefined && b.sentence.score > 0)
    .sort((a, b) => b.sentence.score - a.sentence.score || a.passage - b.passage);
  const top = bests[0];
  if (!top) return [];
  const second = bests[1];
  return second && second.sentence.score >= top.sentence.score * secondAnswerShare ? [top, second] : [top];
}

/** "..., adalah 3 bulan." -> "..., adalah 3 bulan (PP 11/2017 Pasal 325)." */
function withLabel(sentence: string, label: string): string {
  const m = /^(.*?)([.?!]["”’]?)$/su.exec(sentence);
  return m ? `${m[1]} (${label})${m[2]}` : `${sentence} (${label})`;
}

/**
 * The passage's sentences most about the question, in order, leaving out those already given as
 * the direct answer: a short passage whole, a long one its `maxSentences` best. Gaps are marked "…".
 */
function quote(sentences: Sentence[], shown: number[], maxSentences: number): string {
  const rest = sentences.filter((s) => !shown.includes(s.index));
  const total = sentences.reduce((n, s) => n + s.text.length, 0);
  const picked =
    total <= shortPassageChars ? rest : [...rest].sort((a, b) => b.score - a.score || a.index - b.index).slice(0, maxSentences);
  const ordered = picked.sort((a, b) => a.index - b.index);
  let text = '';
  let previous = -1;
  for (const s of ordered) {
    const gap = s.index !== previous + 1;
    text += text ? `${gap ? ' … ' : ' '}${s.text}` : `${gap ? '… ' : ''}${s.text}`;
    previous = s.index;
  }
  return text;
}

/**
 * Our own knowledge base opens articles with "Menurut PP 11/2017 Pasal 325, ..." so that a passage
 * read alone names its source; under our heading that would say it twice.
 */
function withoutOwnIntro(text: string, hit: PassageHit): string {
  const regulation = (hit.regulation ?? hit.title).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const stripped = text.replace(new RegExp(`^Menurut ${regulation}[^,]{0,60},\\s*`), '');
  return stripped === text ? text : stripped.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}

function articleOf(section: string): string {
  return /Pasal\s+\d+/i.exec(section)?.[0] ?? section;
}
