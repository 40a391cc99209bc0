// Removing a wrong entry. Only the entry of the employee named is removed, so an id from another
// employee's page (a stale or hand-made link) removes nothing. A flag raised on a removed absence
// is updated by the next run when the remaining records still raise it, and otherwise left as it
// was (the rules never withdraw a flag): HR resolves it on its page, noting the correction.
import type { Database } from '../db/database.js';
import { localDateOfColumn } from '../calendar/local-time.js';
import type { AbsenceEntry } from './list-attendance.js';
import { leaveEntry, type LeaveEntry } from './record-leave.js';

/** Removes one recorded absence of the employee; returns what was removed, or null when there was none. */
export async function removeAbsence(
  db: Database,
  options: { employeeId: number; absenceId: number },
): Promise<AbsenceEntry | null> {
  const row = await db.prisma.absence.findFirst({ where: { id: options.absenceId, employeeId: options.employeeId } });
  if (!row) return null;
  const { count } = await db.prisma.absence.deleteMany({ where: { id: row.id, employeeId: options.employeeId } });
  if (count === 0) return null; // removed meanwhile by someone else
  return {
    id: row.id,
    date: localDateOfColumn(row.localDate),
    note: row.note,
    recordedBy: row.recordedBy,
    createdAt: row.createdAt,
  };
}

/** Removes one recorded leave of the employee; returns what was removed, or null when there was none. */
export async function removeLeave(db: Database, options: { employeeId: number; leaveId: number }): Promise<LeaveEntry | null> {
  const row = await db.prisma.leave.findFirst({ where: { id: options.leaveId, employeeId: options.employeeId } });
  if (!row) return null;
  const { count } = await db.prisma.leave.deleteMany({ where: { id: row.id, employeeId: options.employeeId } });
  return count === 0 ? null : leaveEntry(row);
}
