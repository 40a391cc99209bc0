import type { Transformer } from 'grammy';

/** What the bot said in a local chat: a message (maybe edited) or a short callback notice. */
export type LocalOutput =
  | { kind: 'message'; messageId: number; html: string; buttons: { text: string; data: string }[][] }
  | { kind: 'edit'; messageId: number; html?: string; buttons: { text: string; data: string }[][] }
  | { kind: 'notice'; text: string };

/**
 * Answers the bot's API calls in-process instead of sending them to Telegram, and collects what
 * it says per chat: this is how the local chat page runs the very same bot with no token.
 */
export interface LocalTransport {
  transformer: Transformer;
  /** What the bot said in this chat since the last call. */
  drain(chatId: number): LocalOutput[];
  /** Callback answers carry no chat id: remember which chat each query came from. */
  rememberCallback(queryId: string, chatId: number): void;
}

export function createLocalTransport(): LocalTransport {
  const outbox = new Map<number, LocalOutput[]>();
  const callbackChats = new Map<string, number>();
  let nextMessageId = 1;
  const push = (chatId: number, output: LocalOutput) => outbox.set(chatId, [...(outbox.get(chatId) ?? []), output]);
  const buttonsOf = (markup: unknown) =>
    ((markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).map(
      (row) => row.map((b) => ({ text: b.text, data: b.callback_data ?? '' })),
    );

  const transformer: Transformer = async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    const chatId = Number(p.chat_id);
    const ok = <T>(result: T) => ({ ok: true as const, result });
    switch (method) {
      case 'sendMessage': {
        const messageId = nextMessageId++;
        push(chatId, { kind: 'message', messageId, html: String(p.text), buttons: buttonsOf(p.reply_markup) });
        return ok({
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: 'private', first_name: 'Tamu' },
          text: p.text,
        }) as never;
      }
      case 'editMessageText':
      case 'editMessageReplyMarkup':
        push(chatId, {
          kind: 'edit',
          messageId: Number(p.message_id),
          html: p.text as string | undefined,
          buttons: buttonsOf(p.reply_markup),
        });
        return ok(true) as never;
      case 'answerCallbackQuery': {
        const chat = callbackChats.get(String(p.callback_query_id));
        if (chat !== undefined && p.text) push(chat, { kind: 'notice', text: String(p.text) });
        return ok(true) as never;
      }
      default:
        // Chat actions, commands, webhooks...: nothing to show on the page.
        return ok(true) as never;
    }
  };
  return {
    transformer,
    drain: (chatId) => {
      const outputs = outbox.get(chatId) ?? [];
      outbox.delete(chatId);
      return outputs;
    },
    rememberCallback: (queryId, chatId) => void callbackChats.set(queryId, chatId),
  };
}
