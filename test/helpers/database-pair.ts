import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';
import { openTestDatabase, type Backend } from './test-database.js';

/**
 * Two Database objects on one fresh, migrated database, as two instances of the service would
 * have: on PostgreSQL two separate connection pools (each its own openDatabase on the same URL);
 * PGlite lives in one process with one connection, so there both are the same object.
 */
export async function openDatabasePair(backend: Backend): Promise<{ first: Database; second: Database; close(): Promise<void> }> {
  if (backend === 'pglite') {
    const db = await openTestDatabase('pglite');
    return { first: db, second: db, close: () => db.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `asn_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const first = await openDatabase({ url: url.toString() });
  const second = await openDatabase({ url: url.toString() });
  return {
    first,
    second,
    close: async () => {
      await Promise.all([first.close(), second.close()]);
      await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
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
