import { AppError, type AttendanceErrorCode } from '../errors.js';

/** The field of a form (or argument of a command) a problem belongs to. */
export type AttendanceField = 'employee' | 'dates' | 'note' | 'kind' | 'start' | 'end' | 'activity' | 'target' | 'progress';

/**
 * One reason an absence or a leave was not recorded. `code` is stable (a channel with its own
 * wording, e.g. Telegram's locales, translates it, using `params`); `message` is Indonesian.
 */
export interface AttendanceProblem {
  field: AttendanceField;
  code: AttendanceErrorCode;
  message: string;
  params?: Record<string, string | number>;
}

/**
 * Nothing was recorded, for these reasons (all of them, so a form can mark every field at once).
 * An AppError: the CLI prints `userMessage`, the admin UI shows each problem beside its field.
 */
export class AttendanceError extends AppError {
  override name = 'AttendanceError';
  constructor(readonly problems: AttendanceProblem[]) {
    super(problems[0]?.code ?? 'attendance_invalid', problems.map((p) => p.message).join(' '));
  }
}
