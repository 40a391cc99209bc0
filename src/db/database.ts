import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { acquireDataDirLock, DataDirLockedError, liveHolder, type LockHolder } from './data-dir-lock.js';
import { applyMigrations, type MigrationResult, type SqlRunner } from './migrate.js';

export type { PrismaClient };
export { DataDirLockedError } from './data-dir-lock.js';

/** The store every service takes as an argument: the Prisma client plus what Prisma cannot do. */
export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  /** True when pgvector is installed, so that embeddings can be compared in SQL. */
  hasVector: boolean;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL server; without it PGlite keeps the data in `dataDir`. */
  url?: string;
  /** Where PGlite keeps its files; `memory://` keeps nothing (tests). */
  dataDir?: string;
  /**
   * `npm start`: own `dataDir` and serve it on a local socket to every other process. Without it
   * a process goes through a running server's socket, or owns `dataDir` alone for its run.
   */
  serve?: boolean;
  /** How long to wait for another process to give `dataDir` up (default 60 s). */
  lockWaitMs?: number;
  migrationsDir?: string;
  onMigration?: (result: MigrationResult) => void;
}

const defaultMigrationsDir = new URL('../../prisma/migrations/', import.meta.url).pathname;

/** Opens the database, applies pending migrations and returns a ready store. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir;
  if (options.url) return openPostgres({ connectionString: options.url }, 'postgres', migrationsDir, options.onMigration);
  const dataDir = options.dataDir ?? 'memory://';
  if (dataDir.startsWith('memory://')) return openPGlite(dataDir, migrationsDir, options.onMigration);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const waitMs = options.lockWaitMs ?? 60_000;
  if (options.serve) return serveEmbedded(dataDir, migrationsDir, waitMs, options.onMigration);
  return joinOrOpenEmbedded(dataDir, migrationsDir, waitMs, options.onMigration);
}

/**
 * The server's side: takes DATA_DIR (refused at once if another server has it; an `asn` command
 * running alone is waited for), migrates, and serves the database on a socket inside DATA_DIR.
 * The server itself goes through that socket too, with the PostgreSQL adapter: PGlite is one
 * session, and the socket's multiplexer is what keeps one client's transaction from mixing with
 * another's, so every client must pass through it.
 */
async function serveEmbedded(
  dataDir: string,
  migrationsDir: string,
  waitMs: number,
  onMigration?: (r: MigrationResult) => void,
): Promise<Database> {
  const other = liveHolder(dataDir);
  if (other?.role === 'server') throw new DataDirLockedError(dataDir, other);
  const lock = await acquireDataDirLock(dataDir, 'server', { waitMs });
  let embedded: PGlite | undefined;
  let socketServer: PGLiteSocketServer | undefined;
  try {
    const client = (embedded = await createPGlite(dataDir));
    const socket = await listenOnSocket(client, dataDir);
    socketServer = socket.server;
    // Migrated through the socket like any server; only then is the socket named for the others.
    const db = await openPostgres(poolConfigOf(socket.address), 'pglite', migrationsDir, onMigration);
    lock.update(socket.address);
    return {
      ...db,
      close: once(async () => {
        await db.close();
        await socket.server.stop();
        await client.close();
        lock.release();
      }),
    };
  } catch (error) {
    await socketServer?.stop().catch(() => undefined);
    await embedded?.close().catch(() => undefined);
    lock.release();
    throw error;
  }
}

/**
 * Everyone else (an `asn` command, a test): through the running server's socket when there is
 * one, so that what it writes the server sees at once; otherwise it owns DATA_DIR for its run.
 */
async function joinOrOpenEmbedded(
  dataDir: string,
  migrationsDir: string,
  waitMs: number,
  onMigration?: (r: MigrationResult) => void,
): Promise<Database> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const holder = liveHolder(dataDir);
    if (holder?.role === 'server' && holder.socket)
      return openPostgres(poolConfigOf(holder.socket), 'pglite', migrationsDir, onMigration);
    if (!holder) {
      try {
        const lock = await acquireDataDirLock(dataDir, 'alone');
        try {
          const db = await openPGlite(dataDir, migrationsDir, onMigration);
          return {
            ...db,
            close: once(async () => {
              await db.close();
              lock.release();
            }),
          };
        } catch (error) {
          lock.release();
          throw error;
        }
      } catch (error) {
        if (!(error instanceof DataDirLockedError)) throw error;
        // Taken a moment ago by someone else: look again at who.
        continue;
      }
    }
    // A server still starting (no socket yet), or another command alone: wait for it.
    if (Date.now() >= deadline) throw new DataDirLockedError(dataDir, holder!);
    await sleep(100);
  }
}

/** Unix socket paths are limited to about 100 bytes; a deeper DATA_DIR is served on loopback TCP. */
const maxSocketPathBytes = 100;

async function listenOnSocket(
  db: PGlite,
  dataDir: string,
): Promise<{ server: PGLiteSocketServer; address: NonNullable<LockHolder['socket']> }> {
  const path = join(resolve(dataDir), '.s.PGSQL.5432');
  // Connections: the server's own pool plus a few `asn` commands at a time, with room to spare.
  const maxConnections = 100;
  if (Buffer.byteLength(path) <= maxSocketPathBytes) {
    // We hold the lock: a socket file still there was left by a process that died.
    rmSync(path, { force: true });
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const server = new PGLiteSocketServer({ db, path, maxConnections });
    await server.start();
    return { server, address: { path } };
  }
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  const port = Number(/:(\d+)$/.exec(server.getServerConn())?.[1]);
  return { server, address: { host: '127.0.0.1', port } };
}

function poolConfigOf(socket: NonNullable<LockHolder['socket']>): pg.PoolConfig {
  const where = 'path' in socket ? { host: dirname(socket.path), port: 5432 } : socket;
  // PGlite does not check credentials; the socket is reachable only by this user (DATA_DIR is 0700) or on loopback.
  return { ...where, user: 'postgres', database: 'postgres' };
}

/**
 * PGlite and its companions are loaded only by the process that opens the files: an `asn`
 * command going through the server's socket starts without them (half a second less).
 */
async function createPGlite(dataDir: string): Promise<PGlite> {
  const [{ PGlite }, { vector }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite/vector')]);
  return PGlite.create(dataDir, { extensions: { vector } });
}

async function migrateEmbedded(client: PGlite, migrationsDir: string, onMigration?: (r: MigrationResult) => void) {
  const runner: SqlRunner = {
    exec: async (sql) => void (await client.exec(sql)),
    query: async (sql, params) => (await client.query(sql, params)).rows as Record<string, unknown>[],
    // PGlite has a single connection: there is nobody to race with.
    withLock: (fn) => fn(),
  };
  const results = await applyMigrations(runner, migrationsDir);
  for (const r of results) onMigration?.(r);
  return runner;
}

/** PGlite in this process alone: `memory://` for tests, or a DATA_DIR this process holds the lock of. */
async function openPGlite(dataDir: string, migrationsDir: string, onMigration?: (r: MigrationResult) => void): Promise<Database> {
  const client = await createPGlite(dataDir);
  let runner: SqlRunner;
  try {
    runner = await migrateEmbedded(client, migrationsDir, onMigration);
  } catch (error) {
    await client.close();
    throw error;
  }
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
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

async function openPostgres(
  config: pg.PoolConfig,
  kind: Database['kind'],
  migrationsDir: string,
  onMigration?: (r: MigrationResult) => void,
): Promise<Database> {
  const pool = new pg.Pool({ ...config, max: 10 });
  // An idle connection the server ends (a restart, a failover, an administrator) is an 'error' on
  // the pool; unheard, it would take the process down. pg has already dropped that connection, and
  // the next query opens a new one, so there is nothing more to do here.
  pool.on('error', () => {});
  try {
    const hasVector = await migrateOnOneConnection(pool, migrationsDir, onMigration);
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return {
      prisma,
      kind,
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
