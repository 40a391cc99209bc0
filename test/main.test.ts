import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { startFakeSlack } from './fakes/slack-server.js';
import { postToSlackEndpoint } from './helpers/slack-requests.js';
import { freePort, waitForHealth } from './helpers/server-process.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('npm start on a fresh machine', () => {
  it('migrates, loads the default knowledge base, reports healthy, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'asn-start-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', OPENAI_API_KEY: '', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logs = '';
    child.stdout.on('data', (d) => (logs += d));
    child.stderr.on('data', (d) => (logs += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    expect(await waitForHealth(`http://127.0.0.1:${port}/healthz`, 60_000)).toBe(200);
    expect(logs).toContain('"msg":"ready"');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(logs).toContain('"msg":"stopped"');
    // No names, NIPs or question texts in the logs: only ids, counts and file names.
    expect(logs).not.toMatch(/"question"/);

    const db = await openDatabase({ dataDir });
    expect(await db.prisma.document.count()).toBeGreaterThanOrEqual(10);
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('with Slack tokens, serves the Slack app on the same port: signed requests answered, forged ones refused', async () => {
    const slack = await startFakeSlack();
    const secret = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const dataDir = mkdtempSync(join(tmpdir(), 'asn-start-slack-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        OPENAI_API_KEY: '',
        DATABASE_URL: '',
        SLACK_BOT_TOKEN: slack.token,
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: `${slack.url}/api/`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      expect(await waitForHealth(`http://127.0.0.1:${port}/healthz`, 60_000)).toBe(200);
      const endpoint = `http://127.0.0.1:${port}/slack/events`;
      const command = { command: { command: '/asn', text: 'status', user_id: 'U0NOBODY', team_id: 'T0TEST', trigger_id: 't' } };
      expect((await postToSlackEndpoint(endpoint, secret, command, { forge: true })).status).toBe(401);
      const answer = await postToSlackEndpoint(endpoint, secret, command);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({
        response_type: 'ephemeral',
        text: expect.stringContaining('belum tercatat sebagai pegawai'),
      });
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await slack.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
