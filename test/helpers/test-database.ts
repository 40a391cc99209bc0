import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';

export type Backend = 'pglite' | 'postgres';

/**
 * Every store test runs on PGlite; when `TEST_DATABASE_URL` names a PostgreSQL server (.ci/run
 * starts one), it runs there too.
 */
export const backends: Backend[] = ['pglite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];

/** A fresh, migrated database: in memory for PGlite, a new throw-away database on the server. */
export async function openTestDatabase(backend: Backend): Promise<Database> {
  if (backend === 'pglite') return openDatabase({ dataDir: 'memory://' });
  const server = await createServerDatabase();
  const db = await openDatabase({ url: server.url });
  return {
    ...db,
    close: async () => {
      await db.close();
      await server.drop();
    },
  };
}

/** A new empty database on the test server (TEST_DATABASE_URL), and how to drop it. */
export async function createServerDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `asn_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => dropWithRetry(adminUrl, name),
  };
}

/**
 * An autovacuum worker can still be in the database when a test ends; without pg_signal_backend
 * FORCE may not end it, so wait for it a few times before giving up.
 */
async function dropWithRetry(adminUrl: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

async function withAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
