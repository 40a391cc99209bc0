import { Hono } from 'hono';
import type { BotDeps } from '../../src/channels/telegram/context.js';
import { createBot } from '../../src/channels/telegram/create-bot.js';
import { createLocalTransport, type LocalOutput } from '../../src/channels/telegram/local-transport.js';
import { localChatRoutes } from '../../src/web/local-chat.js';

/** A browser session on the local chat page, driven through the real routes in-process. */
export async function openLocalChat(
  deps: BotDeps,
): Promise<{ say(text: string): Promise<LocalOutput[]>; press(messageId: number, data: string): Promise<LocalOutput[]> }> {
  const transport = createLocalTransport();
  const bot = createBot(deps, {
    token: '0:local',
    botInfo: {
      id: 1,
      is_bot: true,
      first_name: 'Asisten ASN',
      username: 'asisten_asn_lokal',
      can_join_groups: false,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    },
    transformers: [transport.transformer],
    throttle: { globalPerSecond: 1_000, perChatIntervalMs: 0 },
  });
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
