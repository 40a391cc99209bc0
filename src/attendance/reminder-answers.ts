// The vocabulary of reminder answers: the buttons under each kind of reminder and what each one
// means for attendance. It lives with attendance, not with a chat channel, because the flag
// rules and the planner depend on it: an answer that means absent records a day of leave, and a
// day of leave is no KPI day, no discipline miss and no further reminder.
import type { LeaveKind } from './attendance-rules.js';

export interface ReminderAnswer {
  /** Stable, short (it travels in Telegram's 64-byte callback data). */
  code: string;
  /** As the button shows it. */
  label: string;
  /** The leave this answer records for the reminder's day: the answers that mean "absent". */
  leave?: LeaveKind;
  /** Answering starts the KPI log of the reminder's day. */
  startsKpiLog?: boolean;
}

/** The answers of each reminder kind, in the order of the buttons; a kind not listed has none. */
export const reminderAnswers: Readonly<Record<string, readonly ReminderAnswer[]>> = Object.freeze({
  disiplin: [
    { code: 'hadir', label: 'Hadir' },
    { code: 'izin', label: 'Izin', leave: 'izin' },
    { code: 'sakit', label: 'Sakit', leave: 'sakit' },
    { code: 'cuti', label: 'Cuti', leave: 'cuti' },
    { code: 'dl', label: 'Dinas luar', leave: 'dl' },
  ],
  kinerja: [
    { code: 'isi', label: 'Isi sekarang', startsKpiLog: true },
    { code: 'nanti', label: 'Nanti' },
  ],
});

/** The answer `code` of a reminder of `kind`, or undefined when that reminder has no such button. */
export function reminderAnswer(kind: string, code: string): ReminderAnswer | undefined {
  return reminderAnswers[kind]?.find((a) => a.code === code);
}
