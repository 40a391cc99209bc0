import { openDatabase, type Database } from '../../src/db/database.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServerDatabase, type Backend } from './test-database.js';

/**
 * Two Database objects on one fresh, migrated database, as two processes would have: on
 * PostgreSQL two separate connection pools (each its own openDatabase on the same URL); on PGlite
 * the server's (which owns a DATA_DIR and serves it on its socket) and an `asn` command's (which
 * joins through that socket).
 */
export async function openDatabasePair(backend: Backend): Promise<{ first: Database; second: Database; close(): Promise<void> }> {
  if (backend === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'asn-pair-'));
    const first = await openDatabase({ dataDir, serve: true });
    const second = await openDatabase({ dataDir });
    return {
      first,
      second,
      close: async () => {
        await second.close();
        await first.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
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
