import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { AdminBrowser, adminDeps, startAdminServer } from '../helpers/admin-browser.js';
import { asn } from '../helpers/run-asn.js';

describe('asn admin', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'asn-admin-cli-'));
  const env = { DATA_DIR: dataDir, ASN_ADMIN_PASSWORD: '' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates an account with the password from ASN_ADMIN_PASSWORD, refuses a short one or a wrong role', async () => {
    const short = await asn(['admin', 'create', 'sdm@pemkot.go.id', '--role', 'hr'], { ...env, ASN_ADMIN_PASSWORD: 'pendek' });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('Kata sandi minimal 10 karakter');
    const role = await asn(['admin', 'create', 'sdm@pemkot.go.id', '--role', 'boss'], {
      ...env,
      ASN_ADMIN_PASSWORD: 'cukup-panjang-123',
    });
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('--role harus hr (mengubah) atau viewer (hanya melihat)');
    const created = await asn(['admin', 'create', 'SDM@pemkot.go.id', '--role', 'hr'], {
      ...env,
      ASN_ADMIN_PASSWORD: 'cukup-panjang-123',
    });
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Akun admin dibuat: sdm@pemkot.go.id (peran hr)');
  });

  it('resets an existing account from a password piped to stdin, and says so; lists the accounts', async () => {
    const reset = await asn(['admin', 'create', 'sdm@pemkot.go.id', '--role', 'viewer'], env, {
      input: 'sandi-baru-dari-pipa\n',
    });
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('Akun sdm@pemkot.go.id sudah ada: kata sandi dan peran (viewer) diperbarui');
    const list = await asn(['admin', 'list'], env);
    expect(list.stdout).toMatch(/^sdm@pemkot\.go\.id\tviewer\t/m);
  });

  it('the account it made logs in to the web UI with the new password only, and the changes are audited', async () => {
    const db = await openDatabase({ dataDir });
    const server = await startAdminServer(adminDeps(db, { settings: { localChat: true } }));
    try {
      expect((await new AdminBrowser(server.url).login('sdm@pemkot.go.id', 'cukup-panjang-123')).status).toBe(401);
      const page = await new AdminBrowser(server.url).login('sdm@pemkot.go.id', 'sandi-baru-dari-pipa');
      expect(page.status).toBe(200);
      expect(page.text).toContain('pemantau (lihat saja)');
      // With the local chat page on, the menu links it.
      expect(page.html).toContain('<a href="/chat" >Obrolan lokal</a>');
      const actions = (await db.prisma.auditLog.findMany({ where: { actor: 'cli' }, orderBy: { id: 'asc' } })).map(
        (a) => a.action,
      );
      expect(actions).toEqual(['admin.create', 'admin.reset']);
    } finally {
      await server.close();
      await db.close();
    }
  });
});
