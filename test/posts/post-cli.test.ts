/**
 * `asn post check "<teks>" [--json]` as scripts call it: the real command in a child process, on a
 * fresh data folder; --json prints exactly the contract's object; a broken data file is reported
 * with HR's message and exit code 1, not a stack trace.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asn } from '../helpers/run-asn.js';

const knowledgeDir = fileURLToPath(new URL('../../knowledge/', import.meta.url));

describe('asn post check', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asn-post-'));
    env = { DATA_DIR: join(dir, 'data'), DATABASE_URL: '', OPENAI_API_KEY: '', LOG_LEVEL: 'warn' };
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints {verdict, rules [{source, title, section}], reasons, advice} with --json', async () => {
    const result = await asn(['post', 'check', 'Jgn lupa tgl 27 coblos no 1 ya gaes!!', '--json'], env);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(Object.keys(parsed)).toEqual(['verdict', 'rules', 'reasons', 'advice']);
    expect(parsed.verdict).toBe('melanggar');
    expect(parsed.rules[0]).toEqual({
      source: 'pp-94-2021-disiplin-pns.md',
      title: 'Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil',
      section: 'Pasal 5 huruf n',
    });
    expect(parsed.reasons[0]).toContain('"coblos no 1"');
    expect(typeof parsed.advice).toBe('string');

    const safe = await asn(['post', 'check', 'Apel', 'pagi,', 'semangat', 'melayani!'], env);
    expect(safe.code).toBe(0);
    expect(safe.stdout).toMatch(/^✅ AMAN/);
  }, 60_000);

  it('says what is wrong with the data file and exits 1', async () => {
    const broken = join(dir, 'knowledge');
    await cp(knowledgeDir, broken, { recursive: true });
    await writeFile(join(broken, 'cek-post', 'kategori.yaml'), 'versi: 2\nkategori: []\n');
    const result = await asn(['post', 'check', 'halo'], { ...env, KNOWLEDGE_DIR: broken });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Gagal: Pemeriksaan draf tidak tersedia. kategori.yaml tidak valid:');
    expect(result.stderr).toContain('versi: versi harus 1');
  }, 60_000);
});
