import { randomBytes } from 'node:crypto';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { askChatModel } from '../llm/ask-chat-model.js';
import { citationLabel, type Citation } from './answer-types.js';
import { toCitation } from './compose-extractive.js';
import type { Prompts } from './prompts.js';
import type { PassageHit } from './search-passages.js';

export const notFoundMarker = 'TIDAK_DITEMUKAN';

/** What the model said: an answer citing the passages, "not in the passages", or an uncited reply. */
export type LlmAnswer = { kind: 'answer'; answer: string; citations: Citation[] } | { kind: 'not_found' } | { kind: 'uncited' };

export interface Turn {
  question: string;
  answer: string;
}

/**
 * Asks the chat model for an answer grounded in the retrieved passages only. Passages are marked
 * as data; a reply that cites none of them is not trusted.
 */
export async function composeWithLlm(options: {
  model: BaseChatModel;
  prompts: Prompts;
  question: string;
  hits: PassageHit[];
  language: 'id' | 'en';
  history?: Turn[];
  timeoutMs: number;
}): Promise<LlmAnswer> {
  const { hits } = options;
  // A boundary drawn per request: text inside a passage, a turn or the question cannot close its
  // element, because it cannot know the tag (and look-alikes of every tag are removed as well).
  const fence = randomBytes(6).toString('hex');
  const data = (text: string) => neutralize(text, fence);
  const passages = hits
    .map(
      (h, i) =>
        `<passage-${fence} number="${i + 1}" regulation="${attribute(h.regulation ?? h.title, fence)}" article="${attribute(h.section, fence)}">\n${data(h.text)}\n</passage-${fence}>`,
    )
    .join('\n\n');
  const turns = (options.history ?? []).map(
    (t) => `Earlier in this chat the employee asked: ${data(t.question)}\nYou answered: ${data(t.answer)}`,
  );
  const history = turns.length
    ? `Earlier turns of this chat:\n<history-${fence}>\n${turns.join('\n\n')}\n</history-${fence}>\n\n`
    : '';
  const messages = await options.prompts.answer.formatMessages({
    passages,
    history,
    fence,
    question: data(options.question),
    language: options.language === 'en' ? 'English' : 'Bahasa Indonesia',
  });
  const content = (await askChatModel(options.model, messages, options.timeoutMs)).trim();
  if (!content || content.includes(notFoundMarker)) return { kind: 'not_found' };
  const cited = [...new Set([...content.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1])))]
    .filter((n) => n >= 1 && n <= hits.length)
    .sort((a, b) => a - b);
  if (cited.length === 0) return { kind: 'uncited' };
  const citations = cited.map((n) => toCitation(hits[n - 1]!));
  const sources = cited.map((n) => `[${n}] ${citationLabel(toCitation(hits[n - 1]!))}`).join('\n');
  const heading = options.language === 'en' ? 'Sources' : 'Sumber';
  return { kind: 'answer', answer: `${content}\n\n${heading}:\n${sources}`, citations };
}

/** Angle brackets and their look-alikes (full-width, small, CJK, guillemets, mathematical). */
const opening = '<\uFF1C\uFE64\u3008\u2329\u27E8\u2039\u276C\u276E';
const closing = '>\uFF1E\uFE65\u3009\u232A\u27E9\u203A\u276D\u276F';
const tagLike = new RegExp(
  `[${opening}]\\s*[/\uFF0F]?\\s*(?:passage|question|history|system|assistant|user)[^${closing}\\n]*[${closing}]?`,
  'giu',
);

/**
 * Keeps a passage, a turn or the question from posing as one of our elements: every tag-like run
 * naming one of them, in any spacing or look-alike brackets (`< / passage>`, `＜/passage＞`), is
 * removed, and so is the request's boundary should the text contain it.
 */
export function neutralize(text: string, fence: string): string {
  return text.normalize('NFC').replace(tagLike, ' ').replaceAll(fence, ' ');
}

/** Headings and titles come from uploaded documents too: no tags, no quotes, one line. */
export function attribute(text: string, fence: string): string {
  return neutralize(text, fence)
    .replace(/[<>"\n\r]/g, ' ')
    .trim();
}
