import type { MiddlewareFn } from 'grammy';
import { employeeZone } from '../../../calendar/local-time.js';
import { loadChatState } from '../chat-state.js';
import type { BotContext, BotDeps } from '../context.js';

/** Attaches the chat key, the linked employee (if any) and a child logger carrying the update id. */
export function attachState(deps: BotDeps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const chatKey = `tg:${ctx.chat?.id ?? ctx.from?.id ?? 0}`;
    const log = deps.logger.child({ updateId: ctx.update.update_id });
    let employee: BotContext['state']['employee'];
    const chat = await loadChatState(deps.db, chatKey);
    if (ctx.from) {
      const account = await deps.db.prisma.telegramAccount.findUnique({
        where: { telegramUserId: BigInt(ctx.from.id) },
        include: {
          employee: {
            select: { id: true, nip: true, name: true, active: true, timeZone: true, unit: { select: { timeZone: true } } },
          },
        },
      });
      if (account?.employee.active) {
        const e = account.employee;
        const zone = employeeZone(e);
        employee = { id: e.id, nip: e.nip, name: e.name, zone };
      }
    }
    ctx.state = { chatKey, employee, log, chat };
    await next();
  };
}
