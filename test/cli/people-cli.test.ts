import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { saveAdminAccount } from '../../src/admin/accounts.js';
import { openDatabase } from '../../src/db/database.js';
import { asn } from '../helpers/run-asn.js';
import { fixturesDir } from '../helpers/knowledge.js';

describe('asn people', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'asn-people-'));
  const env = { DATA_DIR: dataDir, OPENAI_API_KEY: '', OPENAI_BASE_URL: '', DATABASE_URL: '' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('imports the list, refuses a bad one with every error, and issues a linking code', async () => {
    const good = await asn(['people', 'import', join(fixturesDir, 'people.csv')], env);
    expect(good.code).toBe(0);
    expect(good.stdout).toBe('Selesai: 6 dibuat, 0 diperbarui, 0 tidak berubah; unit: 3 dibuat, 0 diperbarui.\n');

    const bad = await asn(['people', 'import', join(fixturesDir, 'people-bad.csv')], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^baris 3: NIP 198702312010011005 tidak valid: tanggal lahir tidak ada/m);
    expect(bad.stderr).toMatch(/^Tidak ada yang diubah: 12 kesalahan/m);

    const code = await asn(['people', 'code', '19850508 201001 1 003', '--days', '3'], env);
    expect(code.code).toBe(0);
    const shown = code.stdout.match(/: ([2-9A-Z]{4}-[2-9A-Z]{4})\n/)?.[1];
    expect(code.stdout).toMatch(/Kode untuk Andi Pratama, S\.T\. \(NIP 198505082010011003\)/);
    // Andi works in Samarinda: the expiry he reads is in WITA, three days from now.
    const expiry = new Date(Date.now() + 3 * 86_400_000 + 8 * 3_600_000);
    const weekday = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'][expiry.getUTCDay()];
    expect(code.stdout).toMatch(
      new RegExp(`\\nBerlaku sampai: ${weekday}, ${expiry.getUTCDate()} \\w{3} \\d{4} \\d{2}\\.\\d{2} WITA\\. `),
    );
    expect(code.stdout).toContain(`/daftar ${shown}`);
    expect(code.stdout).toContain(`/start ${shown}`);
  });

  it("lists admin accounts with times in this computer's zone, and as ISO 8601 with --json", async () => {
    const db = await openDatabase({ dataDir });
    try {
      const { id } = await saveAdminAccount(db, { email: 'sdm@samarindakota.go.id', role: 'hr', password: 'cukup-panjang-123' });
      await db.prisma.adminUser.update({
        where: { id },
        data: { createdAt: new Date('2026-12-01T01:00:00Z'), lastLoginAt: new Date('2026-12-04T07:05:00Z') },
      });
    } finally {
      await db.close();
    }
    // One after the other: a PGlite directory takes one process at a time.
    const human = await asn(['admin', 'list'], { ...env, TZ: 'Asia/Jayapura' });
    const json = await asn(['admin', 'list', '--json'], { ...env, TZ: 'Asia/Jayapura' });
    expect(human.stdout).toBe(
      'sdm@samarindakota.go.id\thr\tdibuat Selasa, 1 Des 2026 10.00 WIT\tterakhir masuk Jumat, 4 Des 2026 16.05 WIT\n',
    );
    expect(JSON.parse(json.stdout)).toEqual([
      {
        email: 'sdm@samarindakota.go.id',
        role: 'hr',
        createdAt: '2026-12-01T01:00:00.000Z',
        lastLoginAt: '2026-12-04T07:05:00.000Z',
      },
    ]);
  });
});
