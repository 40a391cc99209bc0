import type { Prisma } from '../generated/prisma/client.js';
import { normalizeNip, validateNip } from '../people/nip.js';
import { employeeZone, type Zone } from '../calendar/local-time.js';
import { AttendanceError } from './attendance-error.js';

/** Whom a record is about: a NIP as typed (CLI, forms) or an id already known (admin URL, Telegram). */
export type EmployeeRef = { nip: string } | { id: number };

/** The employee a record is about, with the zone whose calendar its dates are in. */
export interface AttendanceEmployee {
  id: number;
  nip: string;
  name: string;
  unitId: number | null;
  /** The employee's own zone, else the unit's, else WIB: "today" is today there. */
  zone: Zone;
  active: boolean;
}

type Reader = Pick<Prisma.TransactionClient, 'employee'>;

/**
 * The employee named by `ref`, or an AttendanceError saying in Indonesian why there is none: a
 * NIP that cannot be one (with the reason), or one nobody has. Inactive employees are found: HR
 * corrects the records of someone who has left, too.
 */
export async function findAttendanceEmployee(db: Reader, ref: EmployeeRef): Promise<AttendanceEmployee> {
  const nip = 'nip' in ref ? normalizeNip(ref.nip) : undefined;
  const row = await db.employee.findUnique({
    where: nip === undefined ? { id: (ref as { id: number }).id } : { nip },
    select: { id: true, nip: true, name: true, unitId: true, timeZone: true, active: true, unit: { select: { timeZone: true } } },
  });
  if (!row) {
    const invalid = nip === undefined ? undefined : validateNip(nip);
    throw new AttendanceError([
      {
        field: 'employee',
        code: 'employee_not_found',
        message:
          nip === undefined
            ? 'Pegawai ini tidak ditemukan.'
            : invalid
              ? `NIP ${nip} tidak valid: ${invalid}.`
              : `Pegawai dengan NIP ${nip} tidak ditemukan; periksa NIP-nya atau impor data pegawai dahulu.`,
      },
    ]);
  }
  return {
    id: row.id,
    nip: row.nip,
    name: row.name,
    unitId: row.unitId,
    zone: employeeZone(row),
    active: row.active,
  };
}

/**
 * Takes the employee's row lock until the transaction ends, so that two records for one employee
 * (two instances, a double click) are checked and written one after the other: the second sees the
 * first and is not recorded twice. The leave table has no unique key a conflict could rest on.
 */
export async function lockEmployee(tx: Prisma.TransactionClient, employeeId: number): Promise<void> {
  await tx.$queryRaw`SELECT id FROM employee WHERE id = ${employeeId} FOR UPDATE`;
}
