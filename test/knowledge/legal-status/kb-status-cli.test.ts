import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asn } from '../../helpers/run-asn.js';
import { backends, createServerDatabase } from '../../helpers/test-database.js';
import { syntheticTexts } from './synthetic-texts.js';

describe.each(backends)('asn kb list and kb missing show legal status (%s)', (backend) => {
  let dir: string;
  let env: Record<string, string>;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'asn-status-'));
    const docs = join(dir, 'docs');
    (await import('node:fs')).mkdirSync(docs);
    for (const [name, text] of Object.entries(syntheticTexts)) writeFileSync(join(docs, name), text);
    const server = backend === 'postgres' ? await createServerDatabase() : undefined;
    drop = server?.drop;
    env = { DATA_DIR: join(dir, 'data'), OPENAI_API_KEY: '', OPENAI_BASE_URL: '', DATABASE_URL: server?.url ?? '' };
    const ingested = await asn(['kb', 'ingest', docs], env);
    expect(ingested.code, ingested.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists each document with its status and the article that decides it', async () => {
    const listed = await asn(['kb', 'list'], env);
    expect(listed.code, listed.stderr).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^BERKAS\s+PERATURAN\s+STATUS\s+VERSI\s+BAGIAN\s+KETERANGAN$/);
    const pp53 = lines.find((l) => l.startsWith('pp-53-2010.txt'))!;
    expect(pp53).toMatch(/PP 53\/2010\s+dicabut\s+v1 terbit/);
    expect(pp53).toContain('dicabut oleh PP 94/2021 Pasal 3, kecuali jenis Hukuman Disiplin sedang');
    expect(lines.find((l) => l.startsWith('pp-94-2021.txt'))).toMatch(/PP 94\/2021\s+berlaku\s+v1 terbit/);

    const json = JSON.parse((await asn(['kb', 'list', '--json'], env)).stdout) as Record<string, unknown>[];
    expect(json.find((d) => d.source === 'pp-53-2010.txt')).toMatchObject({
      status: 'dicabut',
      metadataStatus: 'berlaku',
      statusEvidence: 'dicabut oleh PP 94/2021 Pasal 3, kecuali jenis Hukuman Disiplin sedang',
    });
  });

  it('lists the regulations named but absent, most named first', async () => {
    const missing = await asn(['kb', 'missing'], env);
    expect(missing.code, missing.stderr).toBe(0);
    expect(missing.stdout.split('\n')[0]).toBe('PP 17/2020 disebut di 2 pasal tetapi belum ada di basis pengetahuan');
    expect(missing.stdout).toContain('PP 11/2017 disebut di 1 pasal tetapi belum ada di basis pengetahuan');
    expect(missing.stdout).toContain('PP 30/1980 disebut di 1 pasal tetapi belum ada di basis pengetahuan (menurut teks sudah dicabut)');
    expect(missing.stdout).not.toContain('PP 53/2010');
  });
});
