import { openDatabase, type Database } from '../../src/db/database.js';
import { createServerDatabase, openTestDatabase, type Backend } from './test-database.js';

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
  const server = await createServerDatabase();
  const first = await openDatabase({ url: server.url });
  const second = await openDatabase({ url: server.url });
  return {
    first,
    second,
    close: async () => {
      await Promise.all([first.close(), second.close()]);
      await server.drop();
    },
  };
}
