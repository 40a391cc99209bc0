import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
    expect(code.stdout).toMatch(/Berlaku sampai: .+ WIB/);
    expect(code.stdout).toContain(`/daftar ${shown}`);
    expect(code.stdout).toContain(`/start ${shown}`);
  });
});
