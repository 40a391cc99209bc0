// Socket Mode needs no public URL: with an app token the app serves no HTTP endpoint at all, and
// HTTP mode without a signing secret refuses to start rather than accept unsigned requests.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp } from '../../src/channels/slack/slack-app.js';
import type { Database } from '../../src/db/database.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { openTestDatabase } from '../helpers/test-database.js';

describe('Slack app modes', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await db?.close();
  });
  const options = () => ({ db, logger: silentLogger, now: () => new Date(), onChange: () => undefined });

  it('in Socket Mode mounts nothing on the web server', async () => {
    const web = new Hono();
    createSlackApp(web, {
      ...options(),
      settings: { botToken: 'xoxb-1', appToken: 'xapp-1-A-2', apiUrl: 'http://127.0.0.1:9/api/', hrUsers: [] },
    });
    expect((await web.request('/slack/events', { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('in HTTP mode refuses to start without a signing secret', () => {
    expect(() =>
      createSlackApp(new Hono(), {
        ...options(),
        settings: { botToken: 'xoxb-1', apiUrl: 'http://127.0.0.1:9/api/', hrUsers: [] },
      }),
    ).toThrow(/SLACK_SIGNING_SECRET/);
  });
});
