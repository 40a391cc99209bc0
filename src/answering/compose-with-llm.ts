import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { UnreachableError, UpstreamError } from '../errors.js';
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
  const passages = hits
    .map(
      (h, i) =>
        `<passage number="${i + 1}" regulation="${attribute(h.regulation ?? h.title)}" article="${attribute(h.section)}">\n${stripTags(h.text)}\n</passage>`,
    )
    .join('\n\n');
  const history = (options.history ?? [])
    .map((t) => `Earlier in this chat the employee asked: ${stripTags(t.question)}\nYou answered: ${stripTags(t.answer)}\n\n`)
    .join('');
  const messages = await options.prompts.answer.formatMessages({
    passages,
    history,
    question: stripTags(options.question),
    language: options.language === 'en' ? 'English' : 'Bahasa Indonesia',
  });
  let content: string;
  try {
    const reply = await options.model.invoke(messages, { signal: AbortSignal.timeout(options.timeoutMs) });
    content = typeof reply.content === 'string' ? reply.content : reply.content.map((c) => ('text' in c ? c.text : '')).join('');
  } catch (error) {
    throw classify(error);
  }
  content = content.trim();
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

/** Keeps a passage or question from closing our delimiters and posing as instructions. */
function stripTags(text: string): string {
  return text.replace(/<\/?\s*(passage|question|system|assistant|user)[^>]*>/gi, ' ');
}

/** Headings and titles come from uploaded documents too: no tags, no quotes, one line. */
function attribute(text: string): string {
  return stripTags(text)
    .replace(/[<>"\n\r]/g, ' ')
    .trim();
}

function classify(error: unknown): Error {
  const e = error as { status?: number; name?: string; message?: string };
  if (typeof e.status === 'number') return new UpstreamError('openai', e.message ?? 'error', e.status, { cause: error });
  return new UnreachableError('openai', e.message ?? String(error), { cause: error });
}
