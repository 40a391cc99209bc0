import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asn } from '../helpers/run-asn.js';

describe('asn command line', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'asn-cli-'));
  const docs = mkdtempSync(join(tmpdir(), 'asn-docs-'));
  const env = { DATA_DIR: dataDir, OPENAI_API_KEY: '', OPENAI_BASE_URL: '', DATABASE_URL: '' };

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(docs, { recursive: true, force: true });
  });

  beforeAll(() => {
    writeFileSync(
      join(docs, 'perwali-99-2024-apel.md'),
      '---\ntitle: Peraturan Wali Kota tentang Apel Pagi\nregulation: Perwali 99/2024\n---\n' +
        '## Pasal 2 — Jadwal apel pagi\nApel pagi dilaksanakan setiap hari Senin pukul 07.15 WIB di halaman balai kota dan wajib diikuti seluruh pegawai.\n\n' +
        '## Pasal 3 — Pakaian apel\nPegawai mengenakan pakaian dinas harian lengkap dengan tanda pengenal selama apel pagi.\n',
    );
    writeFileSync(join(docs, 'rusak.pdf'), Buffer.from('%PDF-1.7\nini bukan pdf yang utuh'));
    writeFileSync(join(docs, 'kosong.txt'), '');
  });

  it('ingests the good file of good.md missing.pdf, reports the missing one in its place, and exits 1', async () => {
    const good = join(docs, 'perwali-99-2024-apel.md');
    const r = await asn(['kb', 'ingest', good, join(docs, 'hilang.pdf')], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      '[1/2] perwali-99-2024-apel.md: ditambahkan (Perwali 99/2024, 2 bagian)\nSelesai: 1 berkas berhasil, 1 gagal.\n',
    );
    expect(r.stderr).toBe(`[2/2] GAGAL ${join(docs, 'hilang.pdf')}: Tidak ditemukan (periksa nama berkas atau foldernya).\n`);

    const list = await asn(['kb', 'list', '--json'], env);
    const documents = JSON.parse(list.stdout) as { source: string; passages: number }[];
    // The default knowledge base is loaded by `npm start`, not by the CLI: only what we ingested.
    expect(documents.map((d) => d.source)).toEqual(['perwali-99-2024-apel.md']);
  });

  it('reads a folder: each broken file by name, the unchanged one as such, an unknown type refused', async () => {
    const exe = join(docs, 'program.exe');
    writeFileSync(exe, 'MZ');
    const r = await asn(['kb', 'ingest', docs, exe], env);
    expect(r.code).toBe(1);
    // Sorted by name inside the folder; the folder skips types it cannot read, a named file is tried.
    expect(r.stderr).toMatch(/^\[1\/4\] GAGAL .*kosong\.txt: Berkas kosong\.txt tidak berisi teks/m);
    expect(r.stdout).toMatch(/^\[2\/4\] perwali-99-2024-apel\.md: tidak berubah/m);
    expect(r.stderr).toMatch(/^\[3\/4\] GAGAL .*rusak\.pdf: PDF rusak\.pdf rusak atau tidak dapat dibaca/m);
    expect(r.stderr).toMatch(/^\[4\/4\] GAGAL .*program\.exe: Jenis berkas \.exe tidak didukung/m);
    expect(r.stdout).toMatch(/Selesai: 1 berkas berhasil, 3 gagal/);
  });

  it('answers with --json in the contract shape, citing source and article', async () => {
    const r = await asn(['ask', 'jam berapa apel pagi hari senin?', '--json'], env);
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(Object.keys(answer).sort()).toEqual(['answer', 'citations', 'grounded']);
    expect(answer.grounded).toBe(true);
    expect(answer.citations[0]).toEqual({
      source: 'perwali-99-2024-apel.md',
      title: 'Peraturan Wali Kota tentang Apel Pagi',
      section: 'Pasal 2',
      snippet: expect.stringContaining('07.15'),
    });
  });

  it('evaluates retrieval from a JSONL file: recall@k, MRR, refusals and misses', async () => {
    const file = join(docs, 'eval.jsonl');
    writeFileSync(
      file,
      [
        { question: 'apel pagi jam berapa', expect: [{ source: 'perwali-99', section: 'Pasal 2' }] },
        { question: 'pakai baju apa waktu apel', expect: [{ source: 'perwali-99', section: 'Pasal 3' }] },
        { question: 'resep soto ayam kuning', expect: [] },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    const r = await asn(['eval', file, '--k', '3', '--json'], env);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ k: 3, questions: 3, inScope: 2, outOfScope: 1, recallAtK: 1, refusalRate: 1 });
    expect(report).toMatchObject({ recallAt: { 1: 1, 3: 1, 5: 1, 10: 1 }, mrrAt10: 1 });

    const text = await asn(['eval', file], env);
    expect(text.stdout).toMatch(/recall@5: 1\.000\s+MRR: 1\.000/);
    expect(text.stdout).toMatch(/recall@1: 1\.000\s+recall@3: 1\.000\s+recall@5: 1\.000\s+recall@10: 1\.000\s+MRR@10: 1\.000/);
  });

  it('names the line of a broken evaluation file', async () => {
    const file = join(docs, 'bad.jsonl');
    writeFileSync(file, '{"question": "a", "expect": []}\n{"question": 5}\n');
    const r = await asn(['eval', file], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/baris 2/);
  });

  it('publishes a copy of a known regulation under another name as a new version of it, and a separate one only with --separate', async () => {
    const copies = mkdtempSync(join(tmpdir(), 'asn-copies-'));
    try {
      const copy = (name: string, dress: string) => {
        const path = join(copies, name);
        writeFileSync(
          path,
          '---\ntitle: Peraturan Wali Kota tentang Apel Pagi\nregulation: Perwali 99/2024\n---\n' +
            '## Pasal 2 — Jadwal apel pagi\nApel pagi dilaksanakan setiap hari Senin pukul 07.15 WIB di halaman balai kota.\n\n' +
            `## Pasal 3 — Pakaian apel\nPegawai mengenakan ${dress} selama apel pagi.\n`,
        );
        return path;
      };
      const scan = copy('scan-apel.md', 'pakaian dinas harian');
      const r = await asn(['kb', 'ingest', scan], env);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(
        '[1/1] scan-apel.md: Perwali 99/2024 sudah ada sebagai perwali-99-2024-apel.md; diterbitkan sebagai versi 2 dokumen itu (Perwali 99/2024, 2 bagian)\n' +
          'Selesai: 1 berkas berhasil, 0 gagal.\n',
      );
      const again = await asn(['kb', 'ingest', scan], env);
      expect(again.stdout).toMatch(
        /^\[1\/1\] scan-apel\.md: Perwali 99\/2024 sudah ada sebagai perwali-99-2024-apel\.md; tidak berubah/,
      );
      const sources = async () =>
        (JSON.parse((await asn(['kb', 'list', '--json'], env)).stdout) as { source: string }[]).map((d) => d.source).sort();
      expect(await sources()).toEqual(['perwali-99-2024-apel.md']);

      const separate = await asn(['kb', 'ingest', copy('apel-lampiran.md', 'batik'), '--separate'], env);
      expect(separate.stdout).toMatch(/^\[1\/1\] apel-lampiran\.md: ditambahkan \(Perwali 99\/2024, 2 bagian\)$/m);
      expect(await sources()).toEqual(['apel-lampiran.md', 'perwali-99-2024-apel.md']);
    } finally {
      rmSync(copies, { recursive: true, force: true });
    }
  });
});
