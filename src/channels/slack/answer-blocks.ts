// How an answer looks in Slack: the direct answer in mrkdwn sections, then each citation (the
// regulation and Pasal in bold, a short quote) in a context block, then the buttons. Pure: the
// listeners answer and post; everything here turns an Answer into messages Slack accepts (50
// blocks, 3,000 characters a section), so a long answer becomes several messages, never a refused one.
//
// The answer is the answering service's text as it is: the same grounded/refused wording as
// Telegram. It is mrkdwn-escaped, so a `<!channel>` in a quoted passage or a question cannot ping
// anyone.

import type { types } from '@slack/bolt';
import { citationLabel, type Answer, type Citation } from '../../answering/answer-types.js';
import { splitMessage } from '../telegram/format-answer.js';
import { clip, context, esc, maxMessageBlocks, maxSectionText, plain, section } from './block-kit.js';

type KnownBlock = types.KnownBlock;

/** The action ids of the answer buttons; each button's value is the question log id. */
export const answerActionIds = {
  rateUp: 'answer_rate_up',
  rateDown: 'answer_rate_down',
  handover: 'answer_handover',
  share: 'answer_share',
} as const;

/** Enough citations to check the answer against the rules without burying it. */
const maxShownCitations = 6;
/** A quote long enough to recognise the passage; the whole article is in the knowledge base. */
const maxQuoteChars = 280;
/** What the notification and screen readers without blocks show. */
const maxFallbackChars = 500;

export interface AnswerMessageOptions {
  /** 👍/👎: only for an answer found in the knowledge base, as on Telegram. */
  rate?: boolean;
  /** "Tanya tim SDM": when HR has a Slack channel. */
  handover?: boolean;
  /** "Bagikan ke kanal": for an answer only the asker sees (`/asn tanya`). */
  share?: boolean;
  /** A line above the answer, e.g. the question of a shared answer. mrkdwn, already escaped. */
  intro?: string;
  /** A section after the citations, e.g. what a supervisor is expected to do. mrkdwn, already escaped. */
  epilogue?: string;
  /** A line below the buttons, e.g. "Dinilai 👍 oleh penanya". mrkdwn, already escaped. */
  footer?: string;
}

export interface SlackMessageContent {
  text: string;
  blocks: KnownBlock[];
}

/**
 * The answer as one or more Slack messages, in order: the text in sections of at most 3,000
 * characters, the citations as context blocks, and the buttons on the last message only.
 */
export function answerMessages(answer: Answer, options: AnswerMessageOptions = {}): SlackMessageContent[] {
  const logId = answer.logId;
  const blocks: KnownBlock[] = [];
  if (options.intro) blocks.push(context([options.intro]));
  for (const chunk of splitMessage(answerMrkdwn(answer), maxSectionText)) blocks.push(section(chunk));
  const cited = uniqueCitations(answer.citations);
  if (cited.length > 0) {
    blocks.push(context(['*Dasar jawaban:*']));
    for (const citation of cited.slice(0, maxShownCitations)) blocks.push(citationBlock(citation));
    if (cited.length > maxShownCitations) blocks.push(context([`dan ${cited.length - maxShownCitations} pasal lainnya`]));
  }
  if (options.epilogue) blocks.push(section(options.epilogue));
  const buttons = logId === undefined ? [] : answerButtons(logId, answer, options);
  // Buttons and the footer go together on the last message: split the rest into messages of 50 blocks.
  const tail: KnownBlock[] = [];
  if (buttons.length > 0) tail.push({ type: 'actions', block_id: `answer:${logId}`, elements: buttons });
  if (options.footer) tail.push(context([options.footer]));
  const messages: KnownBlock[][] = [];
  for (let i = 0; i < blocks.length; i += maxMessageBlocks) messages.push(blocks.slice(i, i + maxMessageBlocks));
  if (messages.length === 0) messages.push([]);
  const last = messages.at(-1)!;
  if (last.length + tail.length <= maxMessageBlocks) last.push(...tail);
  else if (tail.length > 0) messages.push(tail);
  const fallback = clip(answer.answer, maxFallbackChars);
  return messages.map((m) => ({ text: fallback, blocks: m }));
}

/** The answer's text as mrkdwn: escaped, each citation's "PP 94/2021 Pasal 9" in bold, as Telegram does. */
export function answerMrkdwn(answer: Pick<Answer, 'answer' | 'citations'>): string {
  const text = esc(answer.answer);
  const labels = [...new Set(answer.citations.map((c) => esc(citationLabel(c))))].sort((a, b) => b.length - a.length);
  if (labels.length === 0) return text;
  // One pass over all labels, longest first, so a shorter label inside a longer one is not bolded twice.
  const alternatives = labels.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  // Not inside a longer number: "Pasal 1" is not the start of "Pasal 10".
  const pattern = new RegExp(`(?:${alternatives})(?![0-9A-Za-z])`, 'g');
  return text.replace(pattern, (label) => `*${label}*`);
}

function citationBlock(c: Citation): KnownBlock {
  const quote = c.snippet.replace(/\s+/g, ' ').trim();
  const lines = [
    `📘 *${esc(citationLabel(c))}*${c.regulation && c.title !== c.regulation ? ` — ${esc(clip(c.title, 200))}` : ''}`,
  ];
  if (quote) lines.push(`> ${esc(clip(quote, maxQuoteChars))}`);
  return context([lines.join('\n')]);
}

/** One citation per article: the composer may cite two passages of the same Pasal. */
function uniqueCitations(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = `${c.source}\u0000${c.section}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function answerButtons(logId: number, answer: Answer, options: AnswerMessageOptions): types.Button[] {
  const value = String(logId);
  const buttons: types.Button[] = [];
  if (options.rate && answer.reason === 'answered') {
    buttons.push(
      { type: 'button', action_id: answerActionIds.rateUp, text: plain('👍 Membantu'), value },
      { type: 'button', action_id: answerActionIds.rateDown, text: plain('👎 Kurang tepat'), value },
    );
  }
  // An unusable question (empty, an injection attempt) is nothing to hand to HR.
  if (options.handover && (answer.reason === 'answered' || answer.reason === 'not_found')) {
    buttons.push({
      type: 'button',
      action_id: answerActionIds.handover,
      text: plain('Tanya tim SDM'),
      value,
      confirm: {
        title: plain('Teruskan ke tim SDM?'),
        text: plain('Pertanyaan ini dan nama Slack Anda dikirim ke kanal tim SDM, dengan tautan ke percakapan ini.'),
        confirm: plain('Ya, teruskan'),
        deny: plain('Batal'),
      },
    });
  }
  if (options.share) buttons.push({ type: 'button', action_id: answerActionIds.share, text: plain('Bagikan ke kanal'), value });
  return buttons;
}

/**
 * The blocks of a posted answer with the buttons `actionIds` taken out (an actions block left
 * empty goes) and `footer` added below: what the message shows once it was rated or handed over.
 */
export function withoutButtons(blocks: KnownBlock[], actionIds: string[], footer?: string): KnownBlock[] {
  const kept: KnownBlock[] = [];
  for (const block of blocks) {
    if (block.type !== 'actions') {
      kept.push(block);
      continue;
    }
    const elements = block.elements.filter((e) => !('action_id' in e) || !actionIds.includes(e.action_id ?? ''));
    if (elements.length > 0) kept.push({ ...block, elements });
  }
  if (footer) kept.push(context([footer]));
  return kept.slice(0, maxMessageBlocks);
}
