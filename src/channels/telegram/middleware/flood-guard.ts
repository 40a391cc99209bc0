import type { MiddlewareFn } from 'grammy';
import type { BotContext } from '../context.js';

/**
 * At most `perMinute` messages per user per minute are answered. The first message over the
 * limit gets one polite warning; the rest of the flood is ignored until the minute has passed.
 */
export function floodGuard(perMinute: number, now: () => Date): MiddlewareFn<BotContext> {
  const windows = new Map<number, { start: number; count: number; warned: boolean }>();
  return async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined || !ctx.message) return next();
    const t = now().getTime();
    let w = windows.get(userId);
    if (!w || t - w.start >= 60_000) {
      w = { start: t, count: 0, warned: false };
      windows.set(userId, w);
      if (windows.size > 50_000) pruneOld(windows, t);
    }
    w.count++;
    if (w.count <= perMinute) return next();
    if (!w.warned) {
      w.warned = true;
      await ctx.reply(ctx.t('flood'));
    }
  };
}

function pruneOld(windows: Map<number, { start: number }>, t: number): void {
  for (const [id, w] of windows) if (t - w.start >= 60_000) windows.delete(id);
}
