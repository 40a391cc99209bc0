import type { Database } from '../db/database.js';
import { employeeZone, localDateOf, localDateOfColumn } from '../calendar/local-time.js';
import { recordLeave } from './record-leave.js';
import { reminderAnswer, type ReminderAnswer } from './reminder-answers.js';

export interface RecordReminderAnswerOptions {
  /** The employee who answered (the linked account's), never the one the row names. */
  employeeId: number;
  outboxId: number;
  code: string;
  /** The chat message the answer came from: only the message that carried the reminder counts. */
  messageId: number | undefined;
  now: Date;
}

export type ReminderAnswerOutcome =
  /** Recorded now, with the day of leave when the answer means absent. */
  | { status: 'recorded'; answer: ReminderAnswer; localDate: string; answeredAt: Date }
  /** Answered before (an earlier tap, or another instance a moment ago): nothing changed. */
  | { status: 'already'; label: string; answeredAt: Date }
  /** Not this employee's reminder, or no such answer to it. */
  | { status: 'refused' }
  /** Not from the message the reminder was sent in (an old copy, a forged button). */
  | { status: 'stale_message' }
  /** Another day's reminder: "Sakit" on yesterday's would record the wrong day's leave. */
  | { status: 'not_today'; localDate: string };

/**
 * An employee's answer to a reminder, recorded once per reminder: a later tap, or two taps at
 * once, find the reply already there (one row per reminder, ON CONFLICT DO NOTHING) and change
 * nothing. An answer that means absent records that day's leave in the same transaction, under
 * the leave rules of an employee (checkLeave); their refusal is thrown as an AttendanceError.
 */
export async function recordReminderAnswer(db: Database, options: RecordReminderAnswerOptions): Promise<ReminderAnswerOutcome> {
  const { employeeId, outboxId, code, now } = options;
  const row = await db.prisma.reminderOutbox.findUnique({
    where: { id: outboxId },
    select: {
      employeeId: true,
      status: true,
      messageId: true,
      localDate: true,
      schedule: { select: { kind: true } },
      employee: { select: { timeZone: true, unit: { select: { timeZone: true } } } },
    },
  });
  const answer = row ? reminderAnswer(row.schedule.kind, code) : undefined;
  if (!row || row.employeeId !== employeeId || !answer) return { status: 'refused' };
  const { messageId } = options;
  if (row.status !== 'sent' || row.messageId === null || messageId === undefined || row.messageId !== BigInt(messageId))
    return { status: 'stale_message' };
  const already = async () => {
    const reply = await db.prisma.reminderReply.findUnique({ where: { outboxId } });
    if (!reply) return undefined;
    const label = reminderAnswer(row.schedule.kind, reply.answer)?.label ?? reply.answer;
    return { status: 'already', label, answeredAt: reply.answeredAt } as const;
  };
  const earlier = await already();
  if (earlier) return earlier;
  const localDate = localDateOfColumn(row.localDate);
  if (localDate !== localDateOf(now, employeeZone(row.employee))) return { status: 'not_today', localDate };

  const recorded = await db.prisma.$transaction(async (tx) => {
    const inserted = await tx.reminderReply.createMany({
      data: [{ outboxId, employeeId, localDate: row.localDate, answer: code, answeredAt: now }],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return false;
    if (answer.leave)
      await recordLeave(db, { tx, employee: { id: employeeId }, kind: answer.leave, start: localDate, source: 'pegawai', now });
    return true;
  });
  if (recorded) return { status: 'recorded', answer, localDate, answeredAt: now };
  // Another tap of this reminder was recorded in the meantime (another instance).
  return (await already()) ?? { status: 'refused' };
}
