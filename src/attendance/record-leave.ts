import type { Database } from '../db/database.js';
import type { Prisma } from '../generated/prisma/client.js';
import { localDateOf, localDateOfColumn } from '../calendar/local-time.js';
import { AttendanceError } from './attendance-error.js';
import { findAttendanceEmployee, lockEmployee, type AttendanceEmployee, type EmployeeRef } from './attendance-employee.js';
import { checkLeave, dateRangeText, daysBetween, leaveKindLabels, type LeaveKind, type LeaveSource } from './attendance-rules.js';

export interface RecordLeaveOptions {
  employee: EmployeeRef;
  /** cuti, izin, sakit or dl; checked, so a form's or a command's text can be passed as it is. */
  kind: string;
  /** As written: 'YYYY-MM-DD' or 'DD-MM-YYYY', local dates of the employee's zone. */
  start: string;
  /** The last day; empty or left out for one day. */
  end?: string;
  /** Whose limits apply (leavePolicies): HR corrects the past, an employee records from today on. */
  source: LeaveSource;
  now: Date;
  /** When the caller is already in a transaction (a reminder's reply and its leave together). */
  tx?: Prisma.TransactionClient;
}

export interface LeaveEntry {
  id: number;
  kind: string;
  start: string;
  end: string;
  days: number;
  source: string;
  createdAt: Date;
}

export interface RecordedLeave {
  employee: AttendanceEmployee;
  /** The new leave, or the recorded one that already covers these days (then `created` is false). */
  leave: LeaveEntry;
  created: boolean;
  /** Other leave of the employee sharing days with the new one (kept: a sick day within a cuti is possible). */
  overlapping: LeaveEntry[];
}

const day = (date: string) => new Date(`${date}T00:00:00Z`);

/** A leave row as the service reports it. */
export function leaveEntry(row: {
  id: number;
  kind: string;
  startDate: Date;
  endDate: Date;
  source: string;
  createdAt: Date;
}): LeaveEntry {
  const start = localDateOfColumn(row.startDate);
  const end = localDateOfColumn(row.endDate);
  return { id: row.id, kind: row.kind, start, end, days: daysBetween(start, end), source: row.source, createdAt: row.createdAt };
}

/**
 * Records an employee's leave (no reminders on those days; the flag rules treat them as days off).
 * Checked by `checkLeave` under the policy of `source`. A leave of the same kind that already
 * covers every day is not recorded again (it is returned, `created: false`). A day recorded as an
 * unexcused absence is refused: a day is one or the other, and HR removes the wrong one first.
 */
export async function recordLeave(db: Database, options: RecordLeaveOptions): Promise<RecordedLeave> {
  if (options.tx) return recordIn(options.tx, options);
  return db.prisma.$transaction((tx) => recordIn(tx, options));
}

async function recordIn(tx: Prisma.TransactionClient, options: RecordLeaveOptions): Promise<RecordedLeave> {
  const employee = await findAttendanceEmployee(tx, options.employee);
  const today = localDateOf(options.now, employee.zone);
  const checked = checkLeave({ kind: options.kind, start: options.start, end: options.end, today, source: options.source });
  if (!checked.ok) throw new AttendanceError(checked.problems);
  const { start, end } = checked;
  const kind: LeaveKind = checked.kind;

  await lockEmployee(tx, employee.id);
  const absences = await tx.absence.findMany({
    where: { employeeId: employee.id, localDate: { gte: day(start), lte: day(end) } },
    orderBy: { localDate: 'asc' },
    select: { localDate: true },
  });
  if (absences.length) {
    const dates = absences.map((a) => dateRangeText(localDateOfColumn(a.localDate), localDateOfColumn(a.localDate)));
    throw new AttendanceError([
      {
        field: 'start',
        code: 'absence_recorded',
        message: `Pada ${dates.join(', ')} tercatat tidak masuk tanpa keterangan; hapus catatan itu dahulu bila ${leaveKindLabels[kind].toLowerCase()} ini menggantikannya.`,
        params: { dates: absences.map((a) => localDateOfColumn(a.localDate)).join(',') },
      },
    ]);
  }
  const touching = (
    await tx.leave.findMany({
      where: { employeeId: employee.id, startDate: { lte: day(end) }, endDate: { gte: day(start) } },
      orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
    })
  ).map(leaveEntry);
  const covering = touching.find((l) => l.kind === kind && l.start <= start && end <= l.end);
  if (covering) return { employee, leave: covering, created: false, overlapping: touching.filter((l) => l !== covering) };
  const row = await tx.leave.create({
    data: {
      employeeId: employee.id,
      startDate: day(start),
      endDate: day(end),
      kind,
      source: options.source,
      createdAt: options.now,
    },
  });
  return { employee, leave: leaveEntry(row), created: true, overlapping: touching };
}
