// Questions asked in Slack, wherever they come from (a DM, a mention in a channel, the assistant
// pane, `/asn tanya`, "Aturan terkait" on a flag): who may ask, the earlier turns of the thread,
// the one answering service Telegram uses, and the answer posted where it was asked.

import type { WebClient } from '@slack/web-api';
import { answerQuestion, type AnsweringDeps } from '../../answering/answer-question.js';
import type { Answer, Citation } from '../../answering/answer-types.js';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { cleanText } from '../../text/clean-text.js';
import { loadChatState, saveChatState } from '../telegram/chat-state.js';
import { answerMessages, type AnswerMessageOptions, type SlackMessageContent } from './answer-blocks.js';
import type { SeenSlackRequests } from './seen-requests.js';
import type { SlackDirectory } from './slack-directory.js';
import type { SlackPoster } from './slack-poster.js';

export interface SlackAskingDeps {
  db: Database;
  answering: AnsweringDeps;
  /** The answer client (slack-poster.ts): waits out 429s, since someone is waiting. */
  client: WebClient;
  poster: SlackPoster;
  seen: SeenSlackRequests;
  directory: SlackDirectory;
  settings: {
    /** Any member of the workspace may ask general questions (regulations are public); HR can switch it off. */
    allowUnlinked: boolean;
    hrUsers: string[];
    hrChannel?: string;
  };
  log: Logger;
}

/** Where a question was asked, and so where its answer goes and which earlier turns it sees. */
export interface Conversation {
  team: string;
  user: string;
  channel: string;
  /** The thread the answer goes to; none for a top-level DM, answered in the DM itself. */
  threadTs?: string;
}

/** The pseudonym stored with a Slack question: enough to let only the asker rate it, no name. */
export function askerOf(team: string, user: string): string {
  return `slack:${team}:${user}`;
}

/** Whose earlier turns a follow-up sees: the thread's, or the DM's outside threads (chat_state, as Telegram). */
export function historyKey(c: Conversation): string {
  return `slack:${c.team}:${c.channel}:${c.threadTs ?? 'dm'}`;
}

export const askingClosedText =
  'Tim SDM membatasi pertanyaan di Slack untuk pegawai yang tercatat, dan akun Slack Anda belum tercatat sebagai pegawai. ' +
  'Minta tim SDM mengisi email kantor atau ID Slack Anda pada data pegawai.';

/** Whether this Slack user may ask: anyone when open (the default), else employees on record and HR. */
export async function mayAsk(deps: SlackAskingDeps, user: string): Promise<boolean> {
  if (deps.settings.allowUnlinked || deps.settings.hrUsers.includes(user)) return true;
  return (await deps.directory.employeeOf(user)) !== null;
}

/**
 * A message's text as a question: mentions of the app dropped, other mentions, channels and links
 * as their readable names, Slack's three entities decoded, control characters cleaned.
 */
export function questionText(raw: string, botUserId?: string): string {
  const text = raw
    .replace(/<@([UW][A-Z0-9]+)(\|[^>]*)?>/g, (_, id: string, label?: string) =>
      id === botUserId ? '' : label ? `@${label.slice(1)}` : '',
    )
    .replace(/<#[CG][A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!(here|channel|everyone)[^>]*>/g, '')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return cleanText(text).replace(/\s+/g, ' ').trim();
}

/**
 * Answers one question through the answering service and returns the Slack messages to post,
 * with the earlier turns of the conversation as history; a grounded answer becomes a turn.
 */
export async function answerFor(
  deps: SlackAskingDeps,
  conversation: Conversation,
  question: string,
  options: Omit<AnswerMessageOptions, 'rate' | 'handover'> & { history?: boolean } = {},
): Promise<{ answer: Answer; messages: SlackMessageContent[] }> {
  const { history = true, ...shown } = options;
  const key = historyKey(conversation);
  const state = history ? await loadChatState(deps.db, key) : { turns: [] };
  const answer = await answerQuestion(deps.answering, {
    question,
    channel: 'slack',
    history: state.turns,
    asker: askerOf(conversation.team, conversation.user),
  });
  if (history && answer.grounded)
    await saveChatState(deps.db, key, { turns: [...state.turns, { question, answer: answer.answer }] });
  const messages = answerMessages(answer, { rate: true, handover: deps.settings.hrChannel !== undefined, ...shown });
  return { answer, messages };
}

/**
 * A question typed in a DM, a mention or an assistant thread: answered once (the message, not the
 * event, is the unit: Slack may deliver one message as `message.im` and `app_mention`, or retry it
 * under a new event id), by someone allowed to ask, in the conversation it came from.
 */
export async function answerTyped(
  deps: SlackAskingDeps,
  conversation: Conversation,
  message: { ts: string; text: string; botUserId?: string },
  hooks: { beforeAnswer?: (question: string) => Promise<void> } = {},
): Promise<void> {
  const { channel, threadTs } = conversation;
  if (!(await deps.seen.firstSighting(`message:${channel}:${message.ts}`, Date.now()))) {
    deps.log.info({ channel, ts: message.ts }, 'slack message already answered');
    return;
  }
  const log = deps.log.child({ channel, ts: message.ts });
  if (!(await mayAsk(deps, conversation.user))) {
    log.info('slack question refused: asker not on record');
    await deps.poster.post({ channel, thread_ts: threadTs, text: askingClosedText });
    return;
  }
  const question = questionText(message.text, message.botUserId);
  await hooks.beforeAnswer?.(question);
  const { answer, messages } = await answerFor(deps, conversation, question);
  for (const content of messages) await deps.poster.post({ channel, thread_ts: threadTs, ...content });
  log.info({ logId: answer.logId, grounded: answer.grounded, parts: messages.length }, 'slack question answered');
}

/** A logged answer, read back for its buttons: who asked, what, and the answer as it was given. */
export interface LoggedAnswer {
  answer: Answer;
  question: string;
  asker: string | null;
}

/** The question log entry behind an answer's button, or null for an unknown id. */
export async function loadLoggedAnswer(db: Database, logId: number): Promise<LoggedAnswer | null> {
  const row = await db.prisma.questionLog.findUnique({ where: { id: logId } });
  if (!row) return null;
  return {
    question: row.question,
    asker: row.asker,
    answer: {
      answer: row.answer,
      grounded: row.grounded,
      citations: (Array.isArray(row.citations) ? row.citations : []) as unknown as Citation[],
      mode: row.mode as Answer['mode'],
      reason: (row.reason ?? (row.grounded ? 'answered' : 'not_found')) as Answer['reason'],
      logId: row.id,
    },
  };
}
