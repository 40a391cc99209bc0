import type { Database } from '../db/database.js';
import { localDateOfColumn } from '../calendar/local-time.js';
import { leaveEntry, type LeaveEntry } from './record-leave.js';

export interface AbsenceEntry {
  id: number;
  date: string;
  note: string | null;
  /** 'cli' or 'admin:<id>'. */
  recordedBy: string;
  createdAt: Date;
}

export interface AttendanceList {
  /** Newest date first. */
  absences: AbsenceEntry[];
  /** Latest start first. */
  leaves: LeaveEntry[];
  /** Whether older entries exist beyond `limit`. */
  moreAbsences: boolean;
  moreLeaves: boolean;
}

/** The employee's most recent absences and leave (`limit` of each, default 100), newest first. */
export async function listAttendance(db: Database, options: { employeeId: number; limit?: number }): Promise<AttendanceList> {
  const limit = options.limit ?? 100;
  const [absences, leaves] = await Promise.all([
    db.prisma.absence.findMany({
      where: { employeeId: options.employeeId },
      orderBy: [{ localDate: 'desc' }, { id: 'desc' }],
      take: limit + 1,
    }),
    db.prisma.leave.findMany({
      where: { employeeId: options.employeeId },
      orderBy: [{ startDate: 'desc' }, { id: 'desc' }],
      take: limit + 1,
    }),
  ]);
  return {
    absences: absences.slice(0, limit).map((a) => ({
      id: a.id,
      date: localDateOfColumn(a.localDate),
      note: a.note,
      recordedBy: a.recordedBy,
      createdAt: a.createdAt,
    })),
    leaves: leaves.slice(0, limit).map(leaveEntry),
    moreAbsences: absences.length > limit,
    moreLeaves: leaves.length > limit,
  };
}
