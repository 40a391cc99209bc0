import type { Database } from '../db/database.js';
import type { AdminUserInfo } from './admin-env.js';

export interface AuditEntry {
  /** The account that made the change, or `cli` for `asn admin`. */
  actor: AdminUserInfo | 'cli';
  /** What was done, `area.verb`: `document.publish`, `question.handled`, `admin.create`... */
  action: string;
  /** What it was done to, `kind:id`: `document:5`, `document_version:12`. */
  target: string;
  /** Ids, counts, names of regulations: never an employee's personal data. */
  detail?: Record<string, unknown>;
}

/** Records one change in the audit log: who, when, what, on what. */
export async function recordAudit(db: Database, entry: AuditEntry, at: Date = new Date()): Promise<void> {
  const admin = entry.actor === 'cli' ? undefined : entry.actor;
  await db.prisma.auditLog.create({
    data: {
      at,
      actor: admin ? `admin:${admin.id}` : 'cli',
      adminId: admin?.id ?? null,
      action: entry.action,
      target: entry.target,
      detail: (entry.detail ?? {}) as object,
    },
  });
}
