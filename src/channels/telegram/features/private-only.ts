import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '../context.js';
import { textWithoutMention } from '../middleware/group-filter.js';
import { isBareLinkCode, privateChatPayload } from './account.js';

/** Commands that work in a group: about the bot and the regulations, nobody's own data. */
export const groupCommands = ['bantuan', 'help', 'topik', 'bahasa', 'language'];

/**
 * Commands about one person (profile, account, leave, work log, report, the flow in progress):
 * private chats only, because in a group every member reads the answer.
 */
export const personalCommands = ['start', 'daftar', 'saya', 'keluar', 'lapor', 'kinerja', 'cuti', 'batal', 'cekpost'];
const linkingCommands = ['start', 'daftar'];

/**
 * Buttons that work in a group: rating one's answer (the rating checks the asker), topics and
 * their example questions, the group's language. Every other button (reminders, /kinerja,
 * /lapor) acts on one person's data and never belongs under a group message.
 */
const groupButtons = /^(rate|topic|ask|lang):/;

/**
 * In groups, supergroups and channels, a personal command, a linking code or a personal button
 * is answered only with a pointer to the private chat (a t.me deep link), before any feature can
 * read or record anything. Registered first, so a new personal feature is covered by adding its
 * command here, not by remembering a check in it.
 */
export function privateOnlyFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const outside = composer.filter((ctx) => ctx.chat?.type !== 'private');

  // /start CODE and /daftar CODE: the code is refused unused; the group has seen it.
  outside.command(linkingCommands, async (ctx) => {
    const argument = ctx.match.trim();
    await pointToPrivateChat(ctx, argument !== '' && argument !== privateChatPayload ? 'private-only-code' : 'private-only');
  });
  outside.command(personalCommands, (ctx) => pointToPrivateChat(ctx, 'private-only'));

  // A code pasted in the group for the bot: refused unused, and never logged as a question.
  outside.on('message:text', async (ctx, next) => {
    if (!isBareLinkCode(textWithoutMention(ctx.message.text, ctx.me.username))) return next();
    await pointToPrivateChat(ctx, 'private-only-code');
  });

  outside.on('callback_query:data', async (ctx, next) => {
    if (groupButtons.test(ctx.callbackQuery.data)) return next();
    ctx.state.log.info('personal button refused outside a private chat');
    // A t.me/<bot>?start=... url in the answer opens the private chat at once.
    await ctx.answerCallbackQuery({ text: ctx.t('private-only-button'), url: privateChatLink(ctx) });
  });
  return composer;
}

/** The deep link that opens the private chat with the bot (a plain /start there, never a code). */
function privateChatLink(ctx: BotContext): string {
  return `https://t.me/${ctx.me.username}?start=${privateChatPayload}`;
}

async function pointToPrivateChat(ctx: BotContext, key: 'private-only' | 'private-only-code'): Promise<void> {
  ctx.state.log.info({ reply: key }, 'personal command refused outside a private chat');
  await ctx.reply(ctx.t(key, { bot: ctx.me.username }), {
    reply_markup: new InlineKeyboard().url(ctx.t('private-only-open'), privateChatLink(ctx)),
    ...(ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {}),
  });
}
