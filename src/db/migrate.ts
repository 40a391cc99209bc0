import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** The few raw SQL operations the migrator needs, on PGlite or a server connection. */
export interface SqlRunner {
  exec(sql: string): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  withLock<T>(fn: () => Promise<T>): Promise<T>;
}

export interface MigrationResult {
  name: string;
  applied: boolean;
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

// Prisma's own bookkeeping table, so that `prisma migrate deploy` (where the native engine exists)
// sees these migrations as applied and stays usable on the same database.
const createMigrationsTable = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
);`;

/** Reads `prisma/migrations/<stamp>_<name>/migration.sql` in order. */
export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies the migrations that are not yet recorded, each in its own transaction. Refuses to go on
 * when an applied migration was edited afterwards or an earlier run failed half-way.
 */
export async function applyMigrations(runner: SqlRunner, dir: string): Promise<MigrationResult[]> {
  const migrations = readMigrations(dir);
  return runner.withLock(async () => {
    await runner.exec(createMigrationsTable);
    const rows = await runner.query(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((r) => [String(r.migration_name), r]));
    const results: MigrationResult[] = [];
    for (const m of migrations) {
      const row = applied.get(m.name);
      if (row) {
        if (!row.finished_at) throw new Error(`Migrasi ${m.name} pernah gagal di tengah jalan; periksa basis data.`);
        if (row.checksum !== m.checksum) throw new Error(`Migrasi ${m.name} sudah diterapkan tetapi isinya berubah.`);
        results.push({ name: m.name, applied: false });
        continue;
      }
      await runner.exec('BEGIN');
      try {
        await runner.exec(m.sql);
        await runner.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await runner.exec('COMMIT');
      } catch (error) {
        await runner.exec('ROLLBACK');
        throw new Error(`Migrasi ${m.name} gagal: ${(error as Error).message}`, { cause: error });
      }
      results.push({ name: m.name, applied: true });
    }
    return results;
  });
}
