import { Composer } from 'grammy';
import { formatIndonesianDate, localTimeOf, zoneLabel, type Zone } from '../../../calendar/local-time.js';
import { AttendanceError } from '../../../attendance/attendance-error.js';
import { recordReminderAnswer, type ReminderAnswerOutcome } from '../../../attendance/record-reminder-answer.js';
import type { BotContext, BotDeps } from '../context.js';
import { escapeHtml } from '../html.js';
import { startKpiFlow } from './kpi-log.js';

/**
 * A tap on a reminder's button: the attendance service checks it against who the reminder was
 * for, the message it was sent in and the day, and records it once (with the day's leave when the
 * answer means absent). The buttons give way to what was recorded.
 */
export function reminderRepliesFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(/^rem:(\d{1,12}):(\w{1,8})$/, async (ctx) => {
    const outboxId = Number(ctx.match[1]);
    const employee = ctx.state.employee;
    if (!employee) return void (await ctx.answerCallbackQuery({ text: ctx.t('reminder-refused') }));
    let outcome: ReminderAnswerOutcome;
    try {
      outcome = await recordReminderAnswer(deps.db, {
        employeeId: employee.id,
        outboxId,
        code: ctx.match[2]!,
        messageId: ctx.callbackQuery.message?.message_id,
        now: deps.now(),
      });
    } catch (error) {
      if (!(error instanceof AttendanceError)) throw error;
      await ctx.answerCallbackQuery({ text: error.problems[0]!.message.slice(0, 200) });
      return;
    }
    switch (outcome.status) {
      case 'refused':
        return void (await ctx.answerCallbackQuery({ text: ctx.t('reminder-refused') }));
      case 'stale_message':
        ctx.state.log.warn({ outboxId }, 'reminder reply refused: not the message it was sent in');
        return void (await ctx.answerCallbackQuery({ text: ctx.t('button-stale') }));
      case 'not_today':
        ctx.state.log.info({ outboxId }, 'reminder reply refused: not today');
        await ctx.answerCallbackQuery({ text: ctx.t('reminder-stale', { date: formatIndonesianDate(outcome.localDate) }) });
        await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
        return;
      case 'already':
        return alreadyAnswered(ctx, outcome.label, outcome.answeredAt, employee.zone);
      case 'recorded':
        await ctx.answerCallbackQuery({ text: ctx.t('reminder-recorded', { answer: outcome.answer.label }) });
        await showRecorded(ctx, outcome.answer.label, outcome.answeredAt, employee.zone);
        // The work being logged is that of the reminder's day.
        if (outcome.answer.startsKpiLog) await startKpiFlow(ctx, deps, outcome.localDate);
    }
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
