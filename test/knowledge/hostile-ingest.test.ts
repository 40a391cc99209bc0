import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { loadDefaultKnowledge } from '../../src/knowledge/ingest-paths.js';
import { asn } from '../helpers/run-asn.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';
import { docxBomb, hostileFrontMatter, hugeStreamPdf, manyPagesPdf, writeTo } from './hostile-documents.js';

const MB = 1024 * 1024;
const good =
  '---\ntitle: Peraturan Wali Kota tentang Apel Pagi\nregulation: Perwali 99/2024\n---\n' +
  '## Pasal 2 — Jadwal apel pagi\nApel pagi dilaksanakan setiap hari Senin pukul 07.15 WIB di halaman balai kota.\n';

describe('asn kb ingest: hostile files are refused one by one, nothing of theirs runs or is stored', () => {
  const root = mkdtempSync(join(tmpdir(), 'asn-hostile-'));
  const docs = join(root, 'dokumen');
  const marker = join(root, 'dijalankan');
  const env = { DATA_DIR: join(root, 'data'), OPENAI_API_KEY: '', OPENAI_BASE_URL: '', DATABASE_URL: '' };

  beforeAll(async () => {
    mkdirSync(docs);
    writeFileSync(join(docs, 'apel.md'), good);
    writeFileSync(join(docs, 'jahat.md'), hostileFrontMatter(marker));
    await writeTo(join(docs, 'bom.docx'), await docxBomb(200 * MB));
    await writeTo(join(docs, 'ribuan.pdf'), manyPagesPdf(25_000));
    await writeTo(join(docs, 'aliran.pdf'), await hugeStreamPdf(178 * MB));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reports each refusal in Indonesian, names the limit, and keeps the good file', async () => {
    const start = performance.now();
    const r = await asn(['kb', 'ingest', docs], env);
    const ms = performance.now() - start;
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/apel\.md: ditambahkan \(Perwali 99\/2024, 1 bagian\)/);
    expect(r.stderr).toMatch(/GAGAL .*jahat\.md: Front matter di jahat\.md meminta bahasa "js"; hanya YAML yang diterima/);
    expect(r.stderr).toMatch(/GAGAL .*bom\.docx: DOCX bom\.docx berisi 200 MB setelah dibuka; batasnya 100 MB\./);
    expect(r.stderr).toMatch(/GAGAL .*ribuan\.pdf: PDF ribuan\.pdf memiliki 25\.000 halaman; batasnya 2\.000 halaman\./);
    expect(r.stderr).toMatch(/GAGAL .*aliran\.pdf: PDF aliran\.pdf memiliki bagian terkompresi .* batasnya 32 MB per bagian\./);
    expect(r.stdout).toMatch(/Selesai: 1 berkas berhasil, 4 gagal/);
    expect(existsSync(marker)).toBe(false);
    // The command starts, opens its database and reads five files in well under the old minutes.
    expect(ms).toBeLessThan(45_000);

    const list = await asn(['kb', 'list', '--json'], env);
    expect((JSON.parse(list.stdout) as { source: string }[]).map((d) => d.source)).toEqual(['apel.md']);
  });
});

describe.each(backends)('KNOWLEDGE_DIR at start-up (%s): a JavaScript front matter is refused, not run', (backend) => {
  let db: Database;
  const dir = mkdtempSync(join(tmpdir(), 'asn-knowledge-dir-'));
  const marker = join(dir, 'dijalankan');
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    writeFileSync(join(dir, 'apel.md'), good);
    writeFileSync(join(dir, 'jahat.md'), hostileFrontMatter(marker, '--- javascript'));
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the good file, reports the bad one, and writes nothing of it', async () => {
    const outcomes = (await loadDefaultKnowledge(db, dir))!;
    const bad = outcomes.find((o) => o.path.endsWith('jahat.md'))!;
    expect('error' in bad && bad.error.code).toBe('front_matter_language');
    expect(existsSync(marker)).toBe(false);
    const documents = await db.prisma.document.findMany({ select: { source: true, regulation: true } });
    expect(documents).toEqual([{ source: 'apel.md', regulation: 'Perwali 99/2024' }]);
  });
});
