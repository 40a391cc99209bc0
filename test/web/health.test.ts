import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createWebServer } from '../../src/web/create-web-server.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { openTestDatabase } from '../helpers/test-database.js';

describe('GET /healthz', () => {
  let db: Database;
  let ready = false;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(() => db?.close());

  it('answers 503 while starting and 200 once ready, naming the database kind', async () => {
    const app = createWebServer({ db, logger: silentLogger, isReady: () => ready });
    expect((await app.request('/healthz')).status).toBe(503);
    ready = true;
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'pglite' });
  });

  it('answers unknown paths with a 404 in Indonesian', async () => {
    const app = createWebServer({ db, logger: silentLogger, isReady: () => true });
    const res = await app.request('/tidak-ada');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { message: string }).message).toBe('Halaman tidak ditemukan.');
  });
});
