import { Hono } from 'hono';
import type { BotDeps } from '../../src/channels/telegram/context.js';
import { createLocalChatBot } from '../../src/channels/telegram/local-chat-bot.js';
import type { LocalOutput } from '../../src/channels/telegram/local-transport.js';
import { localChatRoutes } from '../../src/web/local-chat.js';

/** A browser session on the local chat page, driven through the real routes in-process. */
export async function openLocalChat(
  deps: BotDeps,
): Promise<{ say(text: string): Promise<LocalOutput[]>; press(messageId: number, data: string): Promise<LocalOutput[]> }> {
  const { bot, transport } = createLocalChatBot(deps);
  const app = new Hono().route('/chat', localChatRoutes(bot, transport));
  const page = await app.request('/chat');
  const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
  const post = async (body: unknown) => {
    const res = await app.request('/chat/api', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return ((await res.json()) as { outputs: LocalOutput[] }).outputs;
  };
  return { say: (text) => post({ text }), press: (messageId, data) => post({ button: { messageId, data } }) };
}
