// Slack's AI-assistant pane (Bolt's Assistant), where the workspace has it: a greeting with
// suggested prompts when a thread opens, "sedang mencari..." while the answer is searched, and
// the question as the thread's title. The answer itself is the same as in a DM (slack-questions.ts).

import { Assistant, type AssistantConfig } from '@slack/bolt';
import { loadChatState } from '../telegram/chat-state.js';
import { clip } from './block-kit.js';
import { answerTyped, historyKey, type SlackAskingDeps } from './slack-questions.js';
import { isPersonTyping, type TypedEvent } from './question-listeners.js';

export const assistantGreeting =
  'Halo! Saya Asisten ASN. Tanyakan aturan kepegawaian: disiplin, netralitas, media sosial, kinerja (SKP), kode etik atau cuti. ' +
  'Setiap jawaban menyebut peraturan dan pasalnya.';

/** Questions supervisors and staff ask most; each answered from the default knowledge base. */
export const suggestedPrompts = [
  { title: 'Bolos 5 hari', message: 'PNS tidak masuk kerja tanpa keterangan 5 hari, apa sanksinya?' },
  { title: 'Netralitas di medsos', message: 'Bolehkah PNS menyukai unggahan kampanye calon di media sosial?' },
  { title: 'Cuti tahunan', message: 'Berapa hari hak cuti tahunan PNS?' },
  { title: 'Penilaian kinerja', message: 'Bagaimana predikat kinerja PNS ditentukan?' },
];

export const searchingStatus = 'sedang mencari di peraturan...';

/**
 * The thread context (which channel the user looks at) is not used to answer: a store that keeps
 * nothing spares the conversations.replies and chat.update calls of Bolt's default store (and the
 * history scopes they need).
 */
const noThreadContext: NonNullable<AssistantConfig['threadContextStore']> = {
  get: async () => ({}),
  save: async () => undefined,
};

/** The Assistant for app.assistant(): greeting, prompts, status, title, and the answer in the thread. */
export function slackAssistant(deps: SlackAskingDeps): Assistant {
  return new Assistant({
    threadContextStore: noThreadContext,
    threadStarted: async ({ event, setSuggestedPrompts }) => {
      const { channel_id: channel, thread_ts: threadTs } = event.assistant_thread;
      await deps.poster.post({ channel, thread_ts: threadTs, text: assistantGreeting });
      await setSuggestedPrompts({ title: 'Contoh pertanyaan', prompts: suggestedPrompts }).catch((error: Error) =>
        deps.log.warn({ err: { message: error.message } }, 'slack suggested prompts failed'),
      );
    },
    userMessage: async ({ event, context, body, setStatus, setTitle }) => {
      const message = event as TypedEvent;
      if (!isPersonTyping(message, context.botUserId) || !message.thread_ts) return;
      const conversation = {
        team: context.teamId ?? (body as { team_id?: string }).team_id ?? '',
        user: message.user!,
        channel: message.channel,
        threadTs: message.thread_ts,
      };
      await answerTyped(
        deps,
        conversation,
        { ts: message.ts, text: message.text ?? '', botUserId: context.botUserId },
        {
          // Both best-effort: in a DM thread outside the assistant pane Slack refuses them, and the answer still goes.
          beforeAnswer: async (question) => {
            await setStatus(searchingStatus).catch(() => undefined);
            const { turns } = await loadChatState(deps.db, historyKey(conversation));
            if (turns.length === 0) await setTitle(clip(question, 60)).catch(() => undefined);
          },
        },
      );
    },
  });
}
