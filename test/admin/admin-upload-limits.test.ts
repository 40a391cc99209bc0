import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { AdminBrowser, adminDeps, signIn, startAdminServer } from '../helpers/admin-browser.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';
import { docxBomb, hostileFrontMatter, hugeStreamPdf, manyPagesPdf, plainPdf } from '../knowledge/hostile-documents.js';

const MB = 1024 * 1024;

/**
 * Asks `GET /healthz` every 50 ms while `work` runs, as a load balancer would, and returns how
 * long each answer took and the longest gap between two answers (a blocked event loop shows in both).
 */
async function pollHealthWhile<T>(
  url: string,
  work: () => Promise<T>,
): Promise<{ result: T; slowest: number; gap: number; polls: number }> {
  const latencies: number[] = [];
  let last = performance.now();
  let gap = 0;
  let done = false;
  const poller = (async () => {
    while (!done) {
      const start = performance.now();
      const res = await fetch(`${url}/healthz`);
      expect(res.status).toBe(200);
      await res.body?.cancel();
      const now = performance.now();
      latencies.push(now - start);
      gap = Math.max(gap, now - last);
      last = now;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    return { result: await work(), slowest: Math.max(...latencies), gap, polls: latencies.length };
  } finally {
    done = true;
    await poller;
  }
}

describe.each(backends)(
  'admin upload of hostile files (%s): refused, nothing stored, the server answers throughout',
  (backend) => {
    let db: Database;
    let server: { url: string; close(): Promise<void> };
    let hr: AdminBrowser;
    const dir = mkdtempSync(join(tmpdir(), 'asn-upload-limits-'));
    const files: { name: string; content: Uint8Array | string; message: RegExp }[] = [];

    beforeAll(async () => {
      db = await openTestDatabase(backend);
      server = await startAdminServer(adminDeps(db));
      hr = await signIn(db, server.url, 'sdm@pemkot.go.id', 'hr');
      await hr.get('/admin/pengetahuan');
      files.push(
        {
          name: 'jahat.md',
          content: hostileFrontMatter(join(dir, 'dijalankan')),
          message: /Front matter di jahat\.md meminta bahasa "js"; hanya YAML yang diterima/,
        },
        {
          name: 'bom.docx',
          content: await docxBomb(200 * MB),
          message: /DOCX bom\.docx berisi 200 MB setelah dibuka; batasnya 100 MB\./,
        },
        {
          name: 'ribuan.pdf',
          content: manyPagesPdf(25_000),
          message: /PDF ribuan\.pdf memiliki 25\.000 halaman; batasnya 2\.000 halaman\./,
        },
        {
          name: 'aliran.pdf',
          content: await hugeStreamPdf(178 * MB),
          message: /PDF aliran\.pdf memiliki bagian terkompresi .* batasnya 32 MB per bagian\./,
        },
      );
    });
    afterAll(async () => {
      await server?.close();
      await db?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('refuses each within seconds with the limit it hit, while /healthz answers in under 500 ms', async () => {
      for (const file of files) {
        const started = performance.now();
        const {
          result: page,
          slowest,
          gap,
          polls,
        } = await pollHealthWhile(server.url, () => hr.upload('/admin/pengetahuan/unggah', file));
        const ms = performance.now() - started;
        expect(page.status, file.name).toBe(422);
        expect(page.text, file.name).toMatch(file.message);
        expect(page.text, file.name).toContain('Tidak ada yang diubah');
        expect(ms, file.name).toBeLessThan(15_000);
        expect(polls, file.name).toBeGreaterThan(0);
        expect(slowest, file.name).toBeLessThan(500);
        expect(gap, file.name).toBeLessThan(600);
      }
      expect(existsSync(join(dir, 'dijalankan'))).toBe(false);
      expect(await db.prisma.document.count()).toBe(0);
      expect(await db.prisma.documentVersion.count()).toBe(0);
      expect(await db.prisma.auditLog.count({ where: { action: 'document.upload' } })).toBe(0);
    });

    it('still takes an ordinary PDF afterwards', async () => {
      const pdf = plainPdf(['Pasal 1 Pegawai wajib mengikuti apel pagi pada hari Senin pukul 07.30.']);
      const page = await hr.upload('/admin/pengetahuan/unggah', { name: 'perwali-apel.pdf', content: pdf });
      expect(page.status).toBe(200);
      expect(page.text).toContain('Berkas diterima');
      expect(await db.prisma.document.count()).toBe(1);
    });
  },
);
