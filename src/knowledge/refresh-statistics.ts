import type { Database } from '../db/database.js';

/**
 * Updates the planner's statistics after passages were added. Without them PostgreSQL (and
 * PGlite, which has no autovacuum) may scan every passage instead of using the full-text index.
 */
export async function refreshSearchStatistics(db: Database): Promise<void> {
  await db.prisma.$executeRawUnsafe('ANALYZE document, document_version, passage');
}
