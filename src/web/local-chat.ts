import { randomBytes, randomInt } from 'node:crypto';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { z } from 'zod';
import type { BotContext } from '../channels/telegram/context.js';
import type { LocalTransport } from '../channels/telegram/local-transport.js';
import { limitBody, smallBodyLimitBytes } from './body-limit.js';
import { localChatPage, localChatScript, localChatStyles } from './local-chat-page.js';

const sendSchema = z.union([
  z.object({ text: z.string().min(1).max(20_000) }),
  z.object({ button: z.object({ messageId: z.number().int(), data: z.string().min(1).max(64) }) }),
]);

/**
 * The local chat page: the same bot as on Telegram, driven from a browser. Each browser session
 * is a private chat; its updates go through the bot exactly as Telegram's would.
 */
export function localChatRoutes(bot: Bot<BotContext>, transport: LocalTransport): Hono {
  const app = new Hono();
  const chats = new Map<string, number>();
  let updateId = 1;

  const chatOf = (session: string | undefined) => (session ? chats.get(session) : undefined);

  app.get('/', (c) => {
    if (!chatOf(getCookie(c, 'asn_chat'))) {
      const session = randomBytes(16).toString('hex');
      chats.set(session, randomInt(1_000_000_000, 2_000_000_000));
      setCookie(c, 'asn_chat', session, { httpOnly: true, sameSite: 'Strict', path: '/chat' });
    }
    return c.html(localChatPage());
  });
  app.get('/obrolan.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(localChatStyles);
  });
  app.get('/obrolan.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(localChatScript);
  });

  app.post('/api', limitBody(smallBodyLimitBytes), async (c) => {
    const chatId = chatOf(getCookie(c, 'asn_chat'));
    if (!chatId) return c.json({ error: 'no_session', message: 'Muat ulang halaman untuk memulai percakapan.' }, 401);
    const parsed = sendSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'bad_request', message: 'Pesan tidak valid.' }, 400);
    const user = { id: chatId, is_bot: false, first_name: 'Tamu', language_code: 'id' };
    const chat = { id: chatId, type: 'private' as const, first_name: 'Tamu' };
    const date = Math.floor(Date.now() / 1000);
    let update: Update;
    if ('text' in parsed.data) {
      const text = parsed.data.text;
      const command = /^\/\w+/.exec(text);
      update = {
        update_id: updateId++,
        message: {
          message_id: updateId,
          date,
          chat,
          from: user,
          text,
          ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
        },
      };
    } else {
      const id = randomBytes(8).toString('hex');
      transport.rememberCallback(id, chatId);
      update = {
        update_id: updateId++,
        callback_query: {
          id,
          from: user,
          chat_instance: String(chatId),
          data: parsed.data.button.data,
          message: { message_id: parsed.data.button.messageId, date, chat, text: '' },
        },
      };
    }
    await bot.handleUpdate(update);
    return c.json({ outputs: transport.drain(chatId) });
  });
  return app;
}
