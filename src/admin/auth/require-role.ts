import type { MiddlewareHandler } from 'hono';
import type { AdminEnv, AdminRole } from '../admin-env.js';
import { messagePage } from '../views/layout.js';

/** Lets only accounts of the given role through; others get a 403 page saying why. */
export function requireRole(role: AdminRole): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    if (c.get('admin').role === role) return next();
    return messagePage(
      c,
      403,
      'Tidak diizinkan',
      'Akun Anda hanya dapat melihat (peran pemantau). Perubahan hanya dapat dilakukan oleh akun SDM (peran hr); hubungi admin SDM bila Anda perlu mengubah sesuatu.',
    );
  };
}

/** Put on every POST that changes something: only HR accounts may edit. */
export const requireHr = requireRole('hr');
