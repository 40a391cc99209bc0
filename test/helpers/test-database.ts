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
    drop: () => withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
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
