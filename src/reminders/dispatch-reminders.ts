import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { formatIndonesianDate, localDateOfColumn } from '../calendar/local-time.js';
import { loadPlanningInput } from './plan-outbox.js';
import { planDay, renderReminderText } from './plan-reminders.js';

/** One reminder ready to go out. */
export interface OutgoingReminder {
  outboxId: number;
  chatId: bigint;
  kind: string;
  text: string;
}

/** Why a send failed: the user blocked the bot (stop), Telegram refused it (stop), or try again. */
export class ReminderSendError extends Error {
  constructor(
    readonly outcome: 'blocked' | 'failed' | 'retry',
    message: string,
  ) {
    super(message);
  }
}

export interface ReminderSender {
  /** Sends and returns Telegram's message id; throws ReminderSendError. */
  send(reminder: OutgoingReminder): Promise<number>;
}

export interface DispatchResult {
  sent: number;
  missed: number;
  skipped: number;
  blocked: number;
  failed: number;
  retried: number;
}

/** A claim older than this belongs to an instance that died while sending. */
const claimTimeoutSeconds = 300;

/**
 * Sends the reminders that are due. Rows are claimed with FOR UPDATE SKIP LOCKED, so any number
 * of instances may dispatch at once and none sends a row another holds; a row is marked sent as
 * soon as Telegram accepts it. Reminders past their window are marked missed, never sent late;
 * employees who went on leave after planning are skipped, and so is a reminder no longer in its
 * employee's plan for the day (see stillPlanned).
 */
export async function dispatchReminders(
  db: Database,
  sender: ReminderSender,
  options: { now: Date; batchSize?: number; log?: Logger },
): Promise<DispatchResult> {
  const { now } = options;
  const result: DispatchResult = { sent: 0, missed: 0, skipped: 0, blocked: 0, failed: 0, retried: 0 };
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
    `WITH claimed AS (
       UPDATE reminder_outbox SET claimed_at = $1, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM reminder_outbox
         WHERE status = 'pending' AND due_at <= $1 AND expires_at > $1
           AND (claimed_at IS NULL OR claimed_at < $1 - make_interval(secs => ${claimTimeoutSeconds}))
         ORDER BY due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id, employee_id, schedule_id, local_date)
     SELECT c.id, c.employee_id, c.schedule_id, c.local_date, t.chat_id, e.name, s.kind, s.text
     FROM claimed c JOIN employee e ON e.id = c.employee_id JOIN reminder_schedule s ON s.id = c.schedule_id
     LEFT JOIN telegram_account t ON t.employee_id = c.employee_id`,
    now,
    options.batchSize ?? 200,
  );
  const planned = claimed.length ? await stillPlanned(db, claimed, now) : new Set<number>();
  await Promise.all(
    claimed.map(async (row) => {
      const finish = (status: string, extra: { messageId?: number; error?: string } = {}) =>
        db.prisma.$executeRawUnsafe(
          `UPDATE reminder_outbox SET status = $2, sent_at = CASE WHEN $2 = 'sent' THEN $3::timestamptz ELSE sent_at END,
             message_id = $4, error = $5 WHERE id = $1`,
          row.id,
          status,
          now,
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
        const outcome = error instanceof ReminderSendError ? error.outcome : 'retry';
        if (outcome === 'retry') {
          // Released for the next round, as long as the window lasts.
          await db.prisma.$executeRawUnsafe(
            `UPDATE reminder_outbox SET claimed_at = NULL, error = $2 WHERE id = $1`,
            row.id,
            (error as Error).message,
          );
          result.retried++;
        } else {
          await finish(outcome, { error: (error as Error).message });
          result[outcome]++;
        }
        options.log?.warn({ outboxId: row.id, outcome }, 'reminder not sent');
      }
    }),
  );
  return result;
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
