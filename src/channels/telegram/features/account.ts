import { Composer } from 'grammy';
import { linkTelegramAccount, unlinkTelegramAccount } from '../../../people/link-telegram-account.js';
import { findLinkedEmployee } from '../../../people/find-linked-employee.js';
import { isWellFormedLinkCode } from '../../../people/link-code.js';
import type { BotContext, BotDeps } from '../context.js';
import { escapeHtml } from '../html.js';

/** The deep link a group sends people to (t.me/<bot>?start=pribadi): a plain /start, not a code. */
export const privateChatPayload = 'pribadi';

/**
 * A message that is nothing but a linking code as HR hands it out (`ABCD-EFGH`, any case). The
 * dash is required: an eight-letter word such as "semangat" is a message, not a code attempt.
 */
export function isBareLinkCode(text: string): boolean {
  const t = text.trim();
  return /^[a-z0-9]{4}-[a-z0-9]{4}$/i.test(t) && isWellFormedLinkCode(t);
}

/** /start (with a code from a deep link), /daftar CODE or a bare code, /saya and /keluar. */
export function accountFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command('start', async (ctx) => {
    const code = ctx.match.trim();
    if (code && code !== privateChatPayload) return link(ctx, deps, code);
    if (ctx.state.employee) return void (await ctx.reply(ctx.t('welcome-linked', { name: escapeHtml(ctx.state.employee.name) })));
    await ctx.reply(ctx.t('welcome'), { parse_mode: 'HTML' });
  });

  composer.command('daftar', async (ctx) => {
    const code = ctx.match.trim();
    if (!code) return void (await ctx.reply(ctx.t('link-usage'), { parse_mode: 'HTML' }));
    await link(ctx, deps, code);
  });

  // A pasted code links too (and is never asked of the knowledge base, which would log it).
  composer.chatType('private').on('message:text', async (ctx, next) => {
    if (!isBareLinkCode(ctx.message.text)) return next();
    await link(ctx, deps, ctx.message.text.trim());
  });

  composer.command('saya', async (ctx) => {
    if (!ctx.from) return;
    const employee = await findLinkedEmployee(deps.db, BigInt(ctx.from.id));
    if (!employee) return void (await ctx.reply(ctx.t('profile-unlinked'), { parse_mode: 'HTML' }));
    await ctx.reply(
      ctx.t('profile', {
        name: escapeHtml(employee.name),
        nip: employee.nip,
        unit: escapeHtml(employee.unit?.name ?? '-'),
        position: escapeHtml(employee.position ?? '-'),
        supervisor: escapeHtml(employee.supervisor?.name ?? '-'),
      }),
      { parse_mode: 'HTML' },
    );
  });

  composer.command('keluar', async (ctx) => {
    if (!ctx.from) return;
    const removed = await unlinkTelegramAccount(deps.db, BigInt(ctx.from.id));
    await ctx.reply(ctx.t(removed ? 'unlink-ok' : 'unlink-none'));
  });

  return composer;
}

async function link(ctx: BotContext, deps: BotDeps, code: string): Promise<void> {
  if (!ctx.from || !ctx.chat) return;
  if (ctx.chat.type !== 'private') return; // codes are personal: privateOnlyFeature answers groups
  const result = await linkTelegramAccount(deps.db, {
    code,
    telegramUserId: BigInt(ctx.from.id),
    chatId: BigInt(ctx.chat.id),
    now: deps.now(),
  });
  ctx.state.log.info({ status: result.status }, 'link attempt');
  switch (result.status) {
    case 'linked':
      await ctx.reply(ctx.t('link-ok', { name: escapeHtml(result.employee.name), nip: result.employee.nip }));
      return;
    case 'locked':
      await ctx.reply(ctx.t('link-locked', { minutes: result.retryAfterMinutes ?? 30 }));
      return;
    case 'other_account':
      await ctx.reply(ctx.t('link-other-account'));
      return;
    default:
      await ctx.reply(ctx.t(`link-${result.status}`));
  }
}
