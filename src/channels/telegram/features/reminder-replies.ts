import { Composer } from 'grammy';
import { localTimeOf, zoneLabel } from '../../../reminders/local-time.js';
import type { BotContext, BotDeps } from '../context.js';
import { escapeHtml } from '../html.js';
import { reminderAnswers } from '../reminder-sender.js';
import { startKpiFlow } from './kpi-log.js';

/** Absences that also mean no more reminders that day. */
const absences = new Set(['izin', 'sakit', 'cuti', 'dl']);

/**
 * A tap on a reminder's button: recorded once per reminder (a second tap changes nothing), checked
 * against who the reminder was for; the buttons give way to what was recorded.
 */
export function reminderRepliesFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(/^rem:(\d{1,12}):(\w{1,8})$/, async (ctx) => {
    const outboxId = Number(ctx.match[1]);
    const code = ctx.match[2]!;
    const employee = ctx.state.employee;
    const row = await deps.db.prisma.reminderOutbox.findUnique({ where: { id: outboxId }, include: { schedule: true } });
    const answer = row && reminderAnswers[row.schedule.kind]?.find((a) => a.code === code);
    if (!row || !employee || row.employeeId !== employee.id || !answer) {
      await ctx.answerCallbackQuery({ text: ctx.t('reminder-refused') });
      return;
    }
    const now = deps.now();
    const existing = await deps.db.prisma.reminderReply.findUnique({ where: { outboxId } });
    if (!existing) {
      await deps.db.prisma.reminderReply.create({
        data: { outboxId, employeeId: employee.id, localDate: row.localDate, answer: code, answeredAt: now },
      });
      if (absences.has(code)) {
        await deps.db.prisma.leave.create({
          data: { employeeId: employee.id, startDate: row.localDate, endDate: row.localDate, kind: code, source: 'pegawai' },
        });
      }
    }
    const recorded = reminderAnswers[row.schedule.kind]!.find((a) => a.code === (existing?.answer ?? code))!;
    await ctx.answerCallbackQuery({ text: ctx.t('reminder-recorded', { answer: recorded.label }) });
    const zone = employee.zone;
    const time = localTimeOf(existing?.answeredAt ?? now, zone);
    await ctx
      .editMessageText(
        `${escapeHtml(ctx.callbackQuery.message?.text ?? '')}\n\n✅ <b>${escapeHtml(recorded.label)}</b> (${time} ${zoneLabel(zone)})`,
        {
          parse_mode: 'HTML',
          reply_markup: undefined,
        },
      )
      .catch(() => undefined);
    // The work being logged is that of the reminder's day.
    if (!existing && code === 'isi') await startKpiFlow(ctx, deps, row.localDate.toISOString().slice(0, 10));
  });
  return composer;
}
