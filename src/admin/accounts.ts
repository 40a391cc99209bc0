import { z } from 'zod';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import type { AdminRole } from './admin-env.js';
import { hashPassword, minPasswordLength } from './auth/password.js';

const emailSchema = z.email('bukan alamat email yang valid');

/** Emails are compared lower-cased and trimmed: `HR@Pemkot.go.id ` is `hr@pemkot.go.id`. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * Creates an admin account, or resets the password and role of an existing one (and ends its
 * sessions, so a leaked password stops working at once).
 */
export async function saveAdminAccount(
  db: Database,
  input: { email: string; role: AdminRole; password: string },
): Promise<{ id: number; created: boolean }> {
  const email = normalizeEmail(input.email);
  if (!emailSchema.safeParse(email).success) throw new AppError('bad_email', `${input.email} bukan alamat email yang valid.`);
  if (input.password.length < minPasswordLength) {
    throw new AppError('weak_password', `Kata sandi minimal ${minPasswordLength} karakter.`);
  }
  const passwordHash = await hashPassword(input.password);
  const existing = await db.prisma.adminUser.findUnique({ where: { email } });
  if (existing) {
    await db.prisma.$transaction([
      db.prisma.adminUser.update({ where: { id: existing.id }, data: { role: input.role, passwordHash } }),
      db.prisma.adminSession.deleteMany({ where: { adminId: existing.id } }),
    ]);
    return { id: existing.id, created: false };
  }
  const created = await db.prisma.adminUser.create({ data: { email, role: input.role, passwordHash } });
  return { id: created.id, created: true };
}
