import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { applyMigrations, type MigrationResult, type SqlRunner } from './migrate.js';

export type { PrismaClient };

/** The store every service takes as an argument: the Prisma client plus what Prisma cannot do. */
export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  /** True when pgvector is installed, so that embeddings can be compared in SQL. */
  hasVector: boolean;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL server; without it PGlite runs in-process. */
  url?: string;
  /** Where PGlite keeps its files; `memory://` keeps nothing (tests). */
  dataDir?: string;
  migrationsDir?: string;
  onMigration?: (result: MigrationResult) => void;
}

const defaultMigrationsDir = new URL('../../prisma/migrations/', import.meta.url).pathname;

/** Opens the database, applies pending migrations and returns a ready store. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir;
  if (options.url) return openPostgres(options.url, migrationsDir, options.onMigration);
  return openPGlite(options.dataDir ?? 'memory://', migrationsDir, options.onMigration);
}

async function openPGlite(dataDir: string, migrationsDir: string, onMigration?: (r: MigrationResult) => void): Promise<Database> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { extensions: { vector } });
  const runner: SqlRunner = {
    exec: async (sql) => void (await client.exec(sql)),
    query: async (sql, params) => (await client.query(sql, params)).rows as Record<string, unknown>[],
    // PGlite has a single connection: there is nobody to race with.
    withLock: (fn) => fn(),
  };
  try {
    const results = await applyMigrations(runner, migrationsDir);
    for (const r of results) onMigration?.(r);
  } catch (error) {
    await client.close();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
  return {
    prisma,
    kind: 'pglite',
    hasVector: await detectVector(runner),
    close: once(async () => {
      await prisma.$disconnect();
      await client.close();
    }),
  };
}

async function openPostgres(url: string, migrationsDir: string, onMigration?: (r: MigrationResult) => void): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  try {
    const hasVector = await migrateOnOneConnection(pool, migrationsDir, onMigration);
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return {
      prisma,
      kind: 'postgres',
      hasVector,
      close: once(async () => {
        await prisma.$disconnect();
        await pool.end();
      }),
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

async function migrateOnOneConnection(
  pool: pg.Pool,
  migrationsDir: string,
  onMigration?: (r: MigrationResult) => void,
): Promise<boolean> {
  const connection = await pool.connect();
  try {
    const runner: SqlRunner = {
      exec: async (sql) => void (await connection.query(sql)),
      query: async (sql, params) => (await connection.query(sql, params)).rows,
      // Several instances may start at once; the same advisory lock key as `prisma migrate`.
      withLock: async (fn) => {
        await connection.query('SELECT pg_advisory_lock(72707369)');
        try {
          return await fn();
        } finally {
          await connection.query('SELECT pg_advisory_unlock(72707369)');
        }
      },
    };
    const results = await applyMigrations(runner, migrationsDir);
    for (const r of results) onMigration?.(r);
    return await detectVector(runner);
  } finally {
    connection.release();
  }
}

async function detectVector(runner: SqlRunner): Promise<boolean> {
  const rows = await runner.query(`SELECT 1 FROM pg_extension WHERE extname = 'vector'`);
  return rows.length > 0;
}

/** Closing twice (SIGINT then SIGTERM) must not throw. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
