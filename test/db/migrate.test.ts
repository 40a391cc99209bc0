import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { readMigrations } from '../../src/db/migrate.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

const migrationsDir = fileURLToPath(new URL('../../prisma/migrations/', import.meta.url));

describe('migration files', () => {
  it('follow Prisma layout: <timestamp>_<name>/migration.sql, in order, with a lock file', () => {
    const migrations = readMigrations(migrationsDir);
    expect(migrations.length).toBeGreaterThan(0);
    for (const m of migrations) expect(m.name).toMatch(/^\d{14}_[a-z0-9_]+$/);
    expect(readFileSync(join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');
  });
});

describe.each(backends)('migrator (%s)', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
  });
  afterAll(() => db?.close());

  it('records each migration as Prisma does, with its checksum', async () => {
    const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string; checksum: string; finished_at: Date | null }[]>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const files = readMigrations(migrationsDir);
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    expect(rows.map((r) => r.checksum)).toEqual(files.map((f) => f.checksum));
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it('has the indonesian text-search configuration the index is built with', async () => {
    const [row] = await db.prisma.$queryRawUnsafe<{ v: string }[]>(
      `SELECT to_tsvector('indonesian', 'pegawai yang dipecat')::text AS v`,
    );
    expect(row!.v).toContain("'pecat'");
  });
});

describe('migrator on a kept PGlite directory', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'asn-migrate-'));
  const dataDir = join(scratch, 'data');
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('applies migrations once; a second start applies nothing and keeps the data', async () => {
    const first: string[] = [];
    const db1 = await openDatabase({ dataDir, onMigration: (m) => m.applied && first.push(m.name) });
    await db1.prisma.document.create({ data: { source: 'tetap.md', title: 'Tetap ada' } });
    await db1.close();
    expect(first.length).toBe(readMigrations(migrationsDir).length);

    const second: string[] = [];
    const db2 = await openDatabase({ dataDir, onMigration: (m) => m.applied && second.push(m.name) });
    expect(second).toEqual([]);
    expect(await db2.prisma.document.count()).toBe(1);
    await db2.close();
  });

  it('refuses to start when an applied migration was edited afterwards', async () => {
    const edited = mkdtempSync(join(scratch, 'migrations-'));
    cpSync(migrationsDir, edited, { recursive: true });
    const first = readMigrations(edited)[0]!;
    writeFileSync(join(edited, first.name, 'migration.sql'), `${first.sql}\n-- edited later\n`);
    await expect(openDatabase({ dataDir, migrationsDir: edited })).rejects.toThrow(/sudah diterapkan tetapi isinya berubah/);
  });

  it('rolls back a failing migration completely and names it', async () => {
    const broken = mkdtempSync(join(scratch, 'migrations-'));
    cpSync(migrationsDir, broken, { recursive: true });
    const dir = join(broken, '29991231000000_broken');
    cpSync(join(broken, readMigrations(broken)[0]!.name), dir, { recursive: true });
    writeFileSync(join(dir, 'migration.sql'), 'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;');
    await expect(openDatabase({ dataDir, migrationsDir: broken })).rejects.toThrow(/29991231000000_broken gagal/);
    const db = await openDatabase({ dataDir });
    const rows = await db.prisma.$queryRawUnsafe<unknown[]>(
      `SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`,
    );
    expect(rows).toEqual([]);
    await db.close();
  });
});
