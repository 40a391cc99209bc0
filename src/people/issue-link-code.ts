import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { generateLinkCode, hashLinkCode } from './link-code.js';
import { normalizeNip, validateNip } from './nip.js';

export interface IssueLinkCodeOptions {
  now: Date;
  ttlDays?: number;
}

export interface IssuedLinkCode {
  /** Shown once, to be handed to the employee; only its hash is kept. */
  code: string;
  expiresAt: Date;
  employee: { nip: string; name: string };
}

/**
 * Creates the one-time code HR gives an employee to link a Telegram account (`/daftar KODE`).
 * The employee's earlier unused codes stop working, so that only the latest one handed out counts.
 */
export async function issueLinkCode(db: Database, nipInput: string, options: IssueLinkCodeOptions): Promise<IssuedLinkCode> {
  const { now, ttlDays = 7 } = options;
  if (!Number.isInteger(ttlDays) || ttlDays < 1 || ttlDays > 90)
    throw new AppError('invalid_ttl', 'Masa berlaku kode harus 1 sampai 90 hari.');
  const nip = normalizeNip(nipInput);
  const invalid = validateNip(nip);
  if (invalid) throw new AppError('invalid_nip', `NIP ${nipInput} tidak valid: ${invalid}.`);
  const employee = await db.prisma.employee.findUnique({
    where: { nip },
    select: { id: true, nip: true, name: true, active: true },
  });
  if (!employee)
    throw new AppError('employee_not_found', `Pegawai dengan NIP ${nip} tidak ditemukan. Impor data pegawai dahulu.`);
  if (!employee.active)
    throw new AppError('employee_inactive', `Pegawai ${employee.name} (NIP ${nip}) tidak aktif; kode tidak dapat dibuat.`);

  const expiresAt = new Date(now.getTime() + ttlDays * 24 * 60 * 60_000);
  // Two codes can collide (31^8 is large, but a whole country's codes add up): draw again.
  for (let attempt = 1; ; attempt++) {
    const code = generateLinkCode();
    try {
      await db.prisma.$transaction(async (tx) => {
        // Ending them now (rather than deleting) lets the bot say "expired" to someone holding an old code.
        await tx.linkCode.updateMany({
          where: { employeeId: employee.id, usedAt: null, expiresAt: { gt: now } },
          data: { expiresAt: now },
        });
        await tx.linkCode.create({ data: { employeeId: employee.id, codeHash: hashLinkCode(code), expiresAt, createdAt: now } });
      });
      return { code, expiresAt, employee: { nip: employee.nip, name: employee.name } };
    } catch (error) {
      if (attempt >= 3 || (error as { code?: string }).code !== 'P2002') throw error;
    }
  }
}
