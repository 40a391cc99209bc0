import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { formatIndonesianDate, localDateOfColumn } from '../calendar/local-time.js';
import { loadPlanningInput } from '../reminders/plan-outbox.js';
import { planDay, renderReminderText } from '../reminders/plan-reminders.js';
import { claimRows, holdClaims, releaseClaims } from './claim-rows.js';
import { deliveryOutcome } from './delivery-outcome.js';
import type { ReminderSender } from './outbox-senders.js';

export type { OutgoingReminder, ReminderSender } from './outbox-senders.js';

export interface DispatchResult {
  sent: number;
  missed: number;
  skipped: number;
  blocked: number;
  failed: number;
  retried: number;
}

/**
 * Sends the reminders that are due. Rows are claimed (claimRows: FOR UPDATE SKIP LOCKED, a lease
 * renewed while sending), so any number of instances may dispatch at once and none sends a row
 * another holds; a row is marked sent, with the moment Telegram accepted it, as soon as it did.
 * Reminders past their window are marked missed, never sent late; employees who went on leave
 * after planning are skipped, and so is a reminder no longer in its employee's plan for the day
 * (see stillPlanned). A failed send follows the outbox's one rule (deliveryOutcome). Sent all at
 * once: the bot's throttler spaces them within Telegram's limits.
 */
export async function dispatchReminders(
  db: Database,
  sender: ReminderSender,
  options: { now: Date | (() => Date); batchSize?: number; log?: Logger; signal?: AbortSignal },
): Promise<DispatchResult> {
  const clock = typeof options.now === 'function' ? options.now : () => options.now as Date;
  const now = clock();
  const result: DispatchResult = { sent: 0, missed: 0, skipped: 0, blocked: 0, failed: 0, retried: 0 };
  if (options.signal?.aborted) return result;
  result.missed = await db.prisma.$executeRawUnsafe(
    `UPDATE reminder_outbox SET status = 'missed' WHERE status = 'pending' AND expires_at <= $1`,
    now,
  );
  result.skipped = await db.prisma.$executeRawUnsafe(
    `UPDATE reminder_outbox o SET status = 'skipped', error = 'cuti/izin'
     WHERE o.status = 'pending' AND o.due_at <= $1
       AND EXISTS (SELECT 1 FROM leave l WHERE l.employee_id = o.employee_id AND o.local_date BETWEEN l.start_date AND l.end_date)`,
    now,
  );
  const ids = await claimRows(db, {
    table: 'reminder_outbox',
    ready: `status = 'pending' AND due_at <= $1 AND expires_at > $1 AND (not_before IS NULL OR not_before <= $1)`,
    order: 'due_at, id',
    now,
    limit: options.batchSize ?? 200,
  });
  if (ids.length === 0) return result;
  const attemptsOf = new Map(ids.map((r) => [r.id, r.attempts]));
  const claimed = await db.prisma.$queryRawUnsafe<
    {
      id: number;
      employee_id: number;
      schedule_id: number;
      local_date: Date;
      chat_id: bigint | null;
      name: string;
      kind: string;
      text: string;
    }[]
  >(
    `SELECT o.id, o.employee_id, o.schedule_id, o.local_date, t.chat_id, e.name, s.kind, s.text
     FROM reminder_outbox o JOIN employee e ON e.id = o.employee_id JOIN reminder_schedule s ON s.id = o.schedule_id
     LEFT JOIN telegram_account t ON t.employee_id = o.employee_id
     WHERE o.id = ANY($1::int[])`,
    ids.map((r) => r.id),
  );
  if (options.signal?.aborted) {
    await releaseClaims(
      db,
      'reminder_outbox',
      ids.map((r) => r.id),
    );
    return result;
  }
  const planned = await stillPlanned(db, claimed, now);
  const lease = holdClaims(
    db,
    'reminder_outbox',
    ids.map((r) => r.id),
    clock,
  );
  try {
    await Promise.all(claimed.map((row) => sendOne(row).finally(() => lease.done(row.id))));
  } finally {
    lease.stop();
  }
  return result;

  async function sendOne(row: (typeof claimed)[number]): Promise<void> {
    const finish = (status: string, extra: { messageId?: number; error?: string } = {}) =>
      db.prisma.$executeRawUnsafe(
        `UPDATE reminder_outbox SET status = $2, sent_at = CASE WHEN $2 = 'sent' THEN $3::timestamptz ELSE sent_at END,
           message_id = $4, error = $5, claimed_at = NULL WHERE id = $1`,
        row.id,
        status,
        clock(),
        extra.messageId === undefined ? null : BigInt(extra.messageId),
        extra.error ?? null,
      );
    if (row.chat_id === null) {
      // Unlinked since planning: nobody to send to.
      await finish('failed', { error: 'akun Telegram tidak terhubung' });
      result.failed++;
      return;
    }
    if (!planned.has(row.id)) {
      await finish('skipped', { error: 'tidak lagi terjadwal' });
      result.skipped++;
      return;
    }
    const localDate = row.local_date.toISOString().slice(0, 10);
    try {
      const messageId = await sender.send({
        outboxId: row.id,
        chatId: row.chat_id,
        kind: row.kind,
        text: renderReminderText(row.text, { nama: row.name, tanggal: formatIndonesianDate(localDate) }),
      });
      await finish('sent', { messageId });
      result.sent++;
    } catch (error) {
      const outcome = deliveryOutcome(error, attemptsOf.get(row.id) ?? 1);
      if (outcome.status === 'retry') {
        // Tried again after the wait, as long as the window lasts.
        await db.prisma.$executeRawUnsafe(
          `UPDATE reminder_outbox SET claimed_at = NULL, not_before = $3, error = $2 WHERE id = $1`,
          row.id,
          outcome.reason,
          new Date(clock().getTime() + outcome.afterMs),
        );
        result.retried++;
      } else {
        await finish(outcome.status, { error: outcome.reason });
        result[outcome.status]++;
      }
      options.log?.warn({ outboxId: row.id, outcome: outcome.status }, 'reminder not sent');
    }
  }
}
/**
 * The claimed rows still in their employee's plan for that day. Planning runs every 10 minutes;
 * since then HR may have switched the schedule off, given the unit its own schedule or removed it,
 * added a day off, or deactivated the employee. Such a reminder must not go out.
 */
async function stillPlanned(
  db: Database,
  rows: { id: number; employee_id: number; schedule_id: number; local_date: Date }[],
  now: Date,
): Promise<Set<number>> {
  const input = await loadPlanningInput(db, now, [...new Set(rows.map((r) => r.employee_id))]);
  const employees = new Map(input.employees.map((e) => [e.id, e]));
  const planned = new Set<number>();
  for (const row of rows) {
    const employee = employees.get(row.employee_id);
    if (!employee) continue;
    const day = planDay(employee, input.schedules, localDateOfColumn(row.local_date), input.calendar);
    if (day.due.some((d) => d.scheduleId === row.schedule_id)) planned.add(row.id);
  }
  return planned;
}
