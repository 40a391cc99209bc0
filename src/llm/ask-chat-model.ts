import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { UnreachableError, UpstreamError } from '../errors.js';

/**
 * One call to the chat model, within `timeoutMs`: the reply's text (parts joined), or the failure
 * as the edge's errors say it — `UpstreamError` when the server answered with a status,
 * `UnreachableError` when it could not be reached or did not answer in time.
 */
export async function askChatModel(
  model: BaseChatModel,
  messages: Parameters<BaseChatModel['invoke']>[0],
  timeoutMs: number,
): Promise<string> {
  try {
    const reply = await model.invoke(messages, { signal: AbortSignal.timeout(timeoutMs) });
    return typeof reply.content === 'string' ? reply.content : reply.content.map((c) => ('text' in c ? c.text : '')).join('');
  } catch (error) {
    const e = error as { status?: number; message?: string };
    if (typeof e.status === 'number') throw new UpstreamError('openai', e.message ?? 'error', e.status, { cause: error });
    throw new UnreachableError('openai', e.message ?? String(error), { cause: error });
  }
}
