import { Composer } from 'grammy';
import type { Message } from 'grammy/types';
import { AppError } from '../../../errors.js';
import { checkDraftPost } from '../../../posts/check-draft-post.js';
import { describeDraftCheck } from '../../../posts/describe-check.js';
import { employeeUnitScopes } from '../../../posts/employee-unit-scopes.js';
import { saveChatState } from '../chat-state.js';
import type { BotContext, BotDeps } from '../context.js';
import { splitMessage, maxMessageChars } from '../format-answer.js';
import { escapeHtml } from '../html.js';

const html = {
  escape: escapeHtml,
  bold: (t: string) => `<b>${t}</b>`,
  italic: (t: string) => `<i>${t}</i>`,
};

/**
 * /cekpost: is this draft safe for a civil servant to post? The draft is the command's text,
 * or the next message after a bare /cekpost: a text, a photo's caption, or a forwarded post. A
 * forwarded post on its own is checked too (it is a post, not a question). The draft is checked
 * and forgotten: it is not logged, not kept in the chat's state, and never shown to anyone else.
 */
export function cekpostFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const chats = composer.chatType('private');

  chats.command('cekpost', async (ctx) => {
    const draft = ctx.match.trim();
    if (draft) return checkAndReply(ctx, deps, draft);
    // Only the step is kept, never a draft: the next message is the draft.
    await saveChatState(deps.db, ctx.state.chatKey, { flow: { name: 'cekpost', step: 'draft', data: {} } });
    await ctx.reply(ctx.t('cekpost-ask'), { parse_mode: 'HTML' });
  });

  // A photo whose caption is "/cekpost ...": the caption is the draft.
  chats.on('message:caption', async (ctx, next) => {
    const caption = ctx.message.caption;
    const command = /^\/cekpost(?:@\w+)?(?:\s+([\s\S]*))?$/u.exec(caption);
    if (command) return checkAndReply(ctx, deps, command[1] ?? '');
    if (ctx.state.chat.flow?.name === 'cekpost' || isForwarded(ctx.message)) return checkAndReply(ctx, deps, caption);
    return next();
  });

  chats.on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/')) return next();
    if (ctx.state.chat.flow?.name === 'cekpost' || isForwarded(ctx.message)) return checkAndReply(ctx, deps, ctx.message.text);
    return next();
  });

  // A photo without a caption, while a draft is awaited: the checker reads text only.
  chats.on('message:photo', async (ctx, next) => {
    if (ctx.state.chat.flow?.name !== 'cekpost' && !isForwarded(ctx.message)) return next();
    await ctx.reply(ctx.t('cekpost-photo-only'));
  });
  return composer;
}

const isForwarded = (message: Message) => message.forward_origin !== undefined;

async function checkAndReply(ctx: BotContext, deps: BotDeps, draft: string): Promise<void> {
  if (ctx.state.chat.flow?.name === 'cekpost') await saveChatState(deps.db, ctx.state.chatKey, { flow: undefined });
  const setup = deps.posts;
  if (!setup?.posts) {
    ctx.state.log.warn({ code: setup?.error.code ?? 'not_configured' }, 'post check unavailable');
    return void (await ctx.reply(ctx.t('cekpost-unavailable')));
  }
  await ctx.replyWithChatAction('typing');
  const employee = ctx.state.employee;
  try {
    const result = await checkDraftPost(setup.posts, {
      text: draft,
      channel: 'telegram',
      // An unlinked account gets the periods for everyone, not a region's Pilkada.
      unitScopes: employee ? await employeeUnitScopes(deps.db, employee.id) : [],
      zone: employee?.zone,
    });
    // Ids and the verdict only: the draft is the employee's own.
    ctx.state.log.info(
      { verdict: result.verdict, category: result.findings[0]?.code ?? 'umum', mode: result.mode },
      'post checked',
    );
    for (const chunk of splitMessage(describeDraftCheck(result, html), maxMessageChars))
      await ctx.reply(chunk, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
  } catch (error) {
    if (error instanceof AppError) return void (await ctx.reply(error.userMessage));
    throw error;
  }
}
