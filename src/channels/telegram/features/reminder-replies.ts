import { Composer } from 'grammy';
import { formatIndonesianDate, localDateOf, localTimeOf, zoneLabel, type Zone } from '../../../calendar/local-time.js';
import { AttendanceError } from '../../../attendance/attendance-error.js';
import { recordLeave } from '../../../attendance/record-leave.js';
import type { BotContext, BotDeps } from '../context.js';
import { escapeHtml } from '../html.js';
import { reminderAnswers } from '../reminder-sender.js';
import { startKpiFlow } from './kpi-log.js';

/** Absences that also mean no more reminders that day. */
const absences = new Set(['izin', 'sakit', 'cuti', 'dl']);

/**
 * A tap on a reminder's button, checked against who the reminder was for and the message it was
 * sent in. Recorded once per reminder: a later tap, or two taps at once, find the reply already
 * there (one row per reminder, inserted with ON CONFLICT DO NOTHING) and change nothing. Only
 * today's reminder is answered: "Sakit" pressed on yesterday's would record the wrong day's leave.
 * The buttons give way to what was recorded.
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
    // The buttons act only under the message that carried this reminder.
    const messageId = ctx.callbackQuery.message?.message_id;
    if (row.status !== 'sent' || row.messageId === null || messageId === undefined || row.messageId !== BigInt(messageId)) {
      ctx.state.log.warn({ outboxId }, 'reminder reply refused: not the message it was sent in');
      await ctx.answerCallbackQuery({ text: ctx.t('button-stale') });
      return;
    }
    const labelOf = (c: string) => reminderAnswers[row.schedule.kind]!.find((a) => a.code === c)?.label ?? c;
    const localDate = row.localDate.toISOString().slice(0, 10);

    const existing = await deps.db.prisma.reminderReply.findUnique({ where: { outboxId } });
    if (existing) return alreadyAnswered(ctx, labelOf(existing.answer), existing.answeredAt, employee.zone);
    const now = deps.now();
    if (localDate !== localDateOf(now, employee.zone)) {
      ctx.state.log.info({ outboxId }, 'reminder reply refused: not today');
      await ctx.answerCallbackQuery({ text: ctx.t('reminder-stale', { date: formatIndonesianDate(localDate) }) });
      await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
      return;
    }

    let recorded: boolean;
    try {
      recorded = await deps.db.prisma.$transaction(async (tx) => {
        const inserted = await tx.reminderReply.createMany({
          data: [{ outboxId, employeeId: employee.id, localDate: row.localDate, answer: code, answeredAt: now }],
          skipDuplicates: true,
        });
        if (inserted.count === 0) return false;
        // The reply and its day of leave together, under the attendance service's rules.
        if (absences.has(code))
          await recordLeave(deps.db, { tx, employee: { id: employee.id }, kind: code, start: localDate, source: 'pegawai', now });
        return true;
      });
    } catch (error) {
      if (!(error instanceof AttendanceError)) throw error;
      await ctx.answerCallbackQuery({ text: error.problems[0]!.message.slice(0, 200) });
      return;
    }
    if (!recorded) {
      // Another press of this reminder was recorded in the meantime (another instance).
      const winner = await deps.db.prisma.reminderReply.findUniqueOrThrow({ where: { outboxId } });
      return alreadyAnswered(ctx, labelOf(winner.answer), winner.answeredAt, employee.zone);
    }
    await ctx.answerCallbackQuery({ text: ctx.t('reminder-recorded', { answer: answer.label }) });
    await showRecorded(ctx, answer.label, now, employee.zone);
    // The work being logged is that of the reminder's day.
    if (code === 'isi') await startKpiFlow(ctx, deps, localDate);
  });
  return composer;
}

async function alreadyAnswered(ctx: BotContext, label: string, answeredAt: Date, zone: Zone): Promise<void> {
  await ctx.answerCallbackQuery({ text: ctx.t('reminder-already', { answer: label }) });
  await showRecorded(ctx, label, answeredAt, zone);
}

/** The reminder's message, its buttons replaced by what was recorded and when. */
async function showRecorded(ctx: BotContext, label: string, answeredAt: Date, zone: Zone): Promise<void> {
  const text = ctx.callbackQuery?.message?.text ?? '';
  // Already shown (a second tap): Telegram would answer "message is not modified".
  if (text.includes('\n\n✅ ')) return;
  await ctx
    .editMessageText(
      `${escapeHtml(text)}\n\n✅ <b>${escapeHtml(label)}</b> (${localTimeOf(answeredAt, zone)} ${zoneLabel(zone)})`,
      {
        parse_mode: 'HTML',
        reply_markup: undefined,
      },
    )
    .catch(() => undefined);
}
