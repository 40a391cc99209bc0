import type { Bot } from 'grammy';
import type { BotContext, BotDeps } from './context.js';
import { createBot } from './create-bot.js';
import { createLocalTransport, type LocalTransport } from './local-transport.js';

/** The identity of the bot behind the local chat page, which has no Telegram to ask. */
const localBotInfo = {
  id: 1,
  is_bot: true as const,
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
};

/** The employees' bot with an in-process transport: the local chat page's conversation partner. */
export function createLocalChatBot(deps: BotDeps): { bot: Bot<BotContext>; transport: LocalTransport } {
  const transport = createLocalTransport();
  const bot = createBot(deps, {
    token: '0:local',
    botInfo: localBotInfo,
    transformers: [transport.transformer],
    // Nothing leaves the process: no Telegram limits to respect.
    throttle: { globalPerSecond: 1_000, perChatIntervalMs: 0 },
  });
  return { bot, transport };
}
