import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-server.js';
import { AdminBrowser } from '../helpers/admin-browser.js';
import { asn } from '../helpers/run-asn.js';
import { startServerProcess, waitForHealth, type ServerProcess } from '../helpers/server-process.js';
import { backends, createServerDatabase } from '../helpers/test-database.js';

const peopleCsv = fileURLToPath(new URL('../fixtures/people.csv', import.meta.url));
const password = 'kata-sandi-rahasia';
const dewi = { id: 5_550_001, first_name: 'Dewi' };

async function started(env: Record<string, string>): Promise<ServerProcess> {
  const server = await startServerProcess(env);
  const status = await waitForHealth(`${server.url}/healthz`, 90_000);
  if (status !== 200) throw new Error(`server not healthy (${status}):\n${server.logs()}`);
  return server;
}

describe.each(backends)('the asn CLI beside a running server (%s)', (backend) => {
  let telegram: FakeTelegram;
  let env: Record<string, string>;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    telegram = await startFakeTelegram({ perChatPerSecond: 20 });
    const dataDir = mkdtempSync(join(tmpdir(), 'asn-beside-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    env = { DATA_DIR: dataDir, TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.url, LOG_LEVEL: 'info' };
    if (backend === 'postgres') {
      const server = await createServerDatabase();
      cleanups.push(() => server.drop());
      env.DATABASE_URL = server.url;
    }
  });
  afterAll(async () => {
    await telegram?.close();
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('what the CLI writes the running server sees at once, and a restart keeps all of it', async () => {
    let server = await started(env);
    try {
      // An admin account made from a second terminal logs in at once, without a restart.
      const created = await asn(['admin', 'create', 'sdm@pemkot.go.id', '--role', 'hr'], {
        ...env,
        ASN_ADMIN_PASSWORD: password,
      });
      expect(created.code, created.stderr).toBe(0);
      const hr = new AdminBrowser(server.url);
      expect((await hr.login('sdm@pemkot.go.id', password)).status).toBe(200);

      // Employees imported and a linking code made by the CLI are known to the running bot.
      expect((await asn(['people', 'import', peopleCsv], env)).code).toBe(0);
      const issued = await asn(['people', 'code', '199002142015032001'], env);
      expect(issued.code, issued.stderr).toBe(0);
      const code = /\): (\S+)$/m.exec(issued.stdout)![1]!;
      telegram.sendCommand(dewi, `/start ${code}`);
      const [linked] = await telegram.waitForMessages(dewi.id, 1, 20_000);
      expect(linked!.text).toContain('Akun terhubung');

      // A document ingested by the CLI is used by the running server's very next answer.
      const docDir = mkdtempSync(join(tmpdir(), 'asn-beside-doc-'));
      cleanups.push(() => rmSync(docDir, { recursive: true, force: true }));
      const doc = join(docDir, 'perwali-77-2026-bersepeda.md');
      writeFileSync(
        doc,
        '---\ntitle: Peraturan Wali Kota 77/2026 tentang Bersepeda ke Kantor\nregulation: Perwali 77/2026\nstatus: berlaku\n---\n' +
          '## Pasal 4\nSetiap PNS wajib bersepeda ke kantor setiap hari Jumat pertama, kecuali sedang sakit atau dinas luar.\n',
      );
      const ingested = await asn(['kb', 'ingest', doc], env);
      expect(ingested.code, ingested.stderr).toBe(0);
      const tried = await hr.post('/admin/coba', { pertanyaan: 'apakah PNS wajib bersepeda ke kantor setiap Jumat pertama?' });
      expect(tried.status).toBe(200);
      expect(tried.text).toContain('Perwali 77/2026 Pasal 4');
    } finally {
      expect(await server.stop()).toBe(0);
    }

    // After a restart nothing is gone: the account, the link, the document.
    server = await started(env);
    try {
      expect((await new AdminBrowser(server.url).login('sdm@pemkot.go.id', password)).status).toBe(200);
      const before = telegram.messages(dewi.id).length;
      telegram.sendCommand(dewi, '/saya');
      const replies = await telegram.waitForMessages(dewi.id, before + 1, 20_000);
      expect(replies.at(-1)!.text).toContain('Dewi Lestari');
      const listed = await asn(['kb', 'list', '--json'], env);
      expect(listed.stdout).toContain('perwali-77-2026-bersepeda.md');
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 300_000);

  it.runIf(backend === 'pglite')(
    'refuses a second server on the same DATA_DIR, and starts again after kill -9',
    async () => {
      const first = await started(env);
      let second: ServerProcess | undefined;
      try {
        second = await startServerProcess(env);
        expect(await second.exited).toBe(1);
        expect(second.logs()).toContain('sudah dipakai oleh server Asisten ASN lain');
        expect(second.logs()).toContain(`pid ${first.child.pid}`);
        expect(second.logs()).toContain('DATABASE_URL');
        // The first one is unharmed.
        expect(await waitForHealth(`${first.url}/healthz`, 5_000)).toBe(200);
      } finally {
        first.child.kill('SIGKILL');
        await first.exited;
      }
      // The lock of a killed server is stale: the next start takes it over, and the data is all there.
      const again = await started(env);
      try {
        const listed = await asn(['kb', 'list', '--json'], env);
        expect(listed.code).toBe(0);
        expect(listed.stdout).toContain('perwali-77-2026-bersepeda.md');
      } finally {
        expect(await again.stop()).toBe(0);
      }
    },
    300_000,
  );
});
