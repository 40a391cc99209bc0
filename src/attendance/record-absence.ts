import type { Database } from '../db/database.js';
import { isWeekend } from '../calendar/working-day.js';
import { formatIndonesianDate, localDateOf, localDateOfColumn } from '../calendar/local-time.js';
import { loadUnitDaysOff } from '../calendar/unit-days-off.js';
import { AttendanceError, type AttendanceProblem } from './attendance-error.js';
import { findAttendanceEmployee, lockEmployee, type AttendanceEmployee, type EmployeeRef } from './attendance-employee.js';
import { checkAbsences, dateRangeText, leaveKindLabels, isLeaveKind } from './attendance-rules.js';

export interface RecordAbsencesOptions {
  employee: EmployeeRef;
  /** As written: 'YYYY-MM-DD' or 'DD-MM-YYYY', local dates of the employee's zone. */
  dates: string[];
  note?: string;
  /** Who records them, as stored: 'cli' or 'admin:<id>'. */
  recordedBy: string;
  now: Date;
}

export interface RecordedAbsences {
  employee: AttendanceEmployee;
  /** The dates written now, sorted. */
  added: string[];
  /** The dates that were already recorded, left as they were. */
  alreadyRecorded: string[];
}

const day = (date: string) => new Date(`${date}T00:00:00Z`);

/**
 * Records days an employee did not come to work without a valid reason (the facts the PP 94/2021
 * absence flag counts). All dates or none: a date that is not a working day of the employee
 * (weekend, holiday of their unit, a recorded leave) is refused with the reason, because the rule
 * would not count it and the record would only mislead. A date already recorded is left as it is
 * and reported, so sending the same form twice records nothing twice.
 */
export async function recordAbsences(db: Database, options: RecordAbsencesOptions): Promise<RecordedAbsences> {
  const employee = await findAttendanceEmployee(db.prisma, options.employee);
  const today = localDateOf(options.now, employee.zone);
  const checked = checkAbsences({ dates: options.dates, note: options.note, today });
  if (!checked.ok) throw new AttendanceError(checked.problems);
  const { dates, note } = checked;

  const first = dates[0]!;
  const last = dates.at(-1)!;
  const isHoliday = (await loadUnitDaysOff(db, day(first), day(last)))(employee.unitId);
  const problems: AttendanceProblem[] = [];
  for (const date of dates) {
    if (isWeekend(date))
      problems.push({
        field: 'dates',
        code: 'not_working_day',
        message: `${formatIndonesianDate(date)} bukan hari kerja (akhir pekan).`,
        params: { date },
      });
    else if (isHoliday(date))
      problems.push({
        field: 'dates',
        code: 'not_working_day',
        message: `${formatIndonesianDate(date)} hari libur bagi unit pegawai ini (lihat halaman Hari libur).`,
        params: { date },
      });
  }
  if (problems.length) throw new AttendanceError(problems);

  return db.prisma.$transaction(async (tx) => {
    await lockEmployee(tx, employee.id);
    const leaves = await tx.leave.findMany({
      where: { employeeId: employee.id, startDate: { lte: day(last) }, endDate: { gte: day(first) } },
      orderBy: { startDate: 'asc' },
    });
    for (const date of dates) {
      const leave = leaves.find((l) => localDateOfColumn(l.startDate) <= date && date <= localDateOfColumn(l.endDate));
      if (leave)
        problems.push({
          field: 'dates',
          code: 'on_leave',
          message: `${formatIndonesianDate(date)} tercatat ${isLeaveKind(leave.kind) ? leaveKindLabels[leave.kind].toLowerCase() : leave.kind} (${dateRangeText(localDateOfColumn(leave.startDate), localDateOfColumn(leave.endDate))}); hapus catatan itu dahulu bila keliru.`,
          params: { date },
        });
    }
    if (problems.length) throw new AttendanceError(problems);
    const existing = await tx.absence.findMany({
      where: { employeeId: employee.id, localDate: { in: dates.map(day) } },
      select: { localDate: true },
    });
    const known = new Set(existing.map((a) => localDateOfColumn(a.localDate)));
    const added = dates.filter((d) => !known.has(d));
    if (added.length)
      await tx.absence.createMany({
        data: added.map((d) => ({
          employeeId: employee.id,
          localDate: day(d),
          note,
          recordedBy: options.recordedBy,
          createdAt: options.now,
        })),
        skipDuplicates: true,
      });
    return { employee, added, alreadyRecorded: dates.filter((d) => known.has(d)) };
  });
}
