import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { AdminBrowser, adminDeps, signIn, startAdminServer } from '../helpers/admin-browser.js';
import { apelPagiPdf, corpusDir, hasCorpus } from '../helpers/knowledge.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

const wfh = (extra = '') => `---
title: Peraturan Bupati Contoh tentang Kerja dari Rumah
regulation: Perbup 7/2026
topic: kehadiran
---
# Perbup 7/2026

## Pasal 1 — Kerja dari rumah

Pegawai boleh bekerja dari rumah paling lama dua hari dalam seminggu dengan izin atasan langsung.${extra}

## Pasal 2 — Laporan harian

Pegawai yang bekerja dari rumah wajib mengirim laporan harian kepada atasan langsung sebelum pukul 16.00.
`;

const question = 'berapa hari boleh kerja dari rumah dalam seminggu?';

describe('admin UI: knowledge base', () => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let hr: AdminBrowser;
  const limit = 64 * 1024;

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    server = await startAdminServer(adminDeps(db, { settings: { uploadMaxBytes: limit } }));
    hr = await signIn(db, server.url, 'sdm@pemkot.go.id', 'hr');
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const tryQuestion = (q: string) => hr.post('/admin/coba', { pertanyaan: q });

  it('offers an upload form with progress that works without JavaScript', async () => {
    const page = await hr.get('/admin/pengetahuan');
    expect(page.html).toMatch(
      /<form\s+id="form-unggah"\s+method="post"\s+action="\/admin\/pengetahuan\/unggah"\s+enctype="multipart\/form-data"/,
    );
    expect(page.html).toMatch(/<label for="form-unggah-berkas">Berkas peraturan<\/label>/);
    expect(page.html).toContain('data-too-big="Berkas terlalu besar: paling besar 0,1 MB."');
    // The progress comes from a script file: the page's CSP runs no inline script.
    expect(page.html).toContain('<script src="/admin/unggah.js" defer></script>');
    expect(page.html).not.toMatch(/<script>|style="/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = await hr.get('/admin/unggah.js');
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(script.html).toContain('xhr.upload.onprogress');
  });

  it('refuses an upload over the size limit or of the wrong type, with a message, changing nothing', async () => {
    const big = await hr.upload('/admin/pengetahuan/unggah', {
      name: 'besar.md',
      content: `## Pasal 1\n\n${'x'.repeat(limit + 1_000)}`,
    });
    expect(big.status).toBe(413);
    expect(big.text).toContain('terlalu besar');
    const huge = await hr.upload('/admin/pengetahuan/unggah', { name: 'raksasa.pdf', content: new Uint8Array(limit * 3) });
    expect(huge.status).toBe(413);
    expect(huge.text).toContain('lebih dari batas');
    const exe = await hr.upload('/admin/pengetahuan/unggah', { name: 'virus.exe', content: 'MZ bukan dokumen sama sekali' });
    expect(exe.status).toBe(415);
    expect(exe.text).toContain('Jenis berkas .exe tidak didukung');
    expect(exe.text).toContain('Tidak ada yang diubah');
    const broken = await hr.upload('/admin/pengetahuan/unggah', {
      name: 'rusak.pdf',
      content: '%PDF-1.4 ini bukan PDF yang utuh',
    });
    expect(broken.status).toBe(422);
    expect(broken.text).toContain('PDF rusak.pdf rusak atau tidak dapat dibaca');
    expect(broken.text).toContain('Tidak ada yang diubah');
    expect(await db.prisma.document.count()).toBe(0);
    expect(await db.prisma.auditLog.count({ where: { action: 'document.upload' } })).toBe(0);
  });

  let documentId: number;

  it('uploads Markdown, previews its articles, publishes, and then the try page answers with a citation from it', async () => {
    const preview = await hr.upload('/admin/pengetahuan/unggah', { name: 'perbup-7-2026-kerja-dari-rumah.md', content: wfh() });
    expect(preview.status).toBe(200);
    expect(preview.url).toMatch(/\/admin\/pengetahuan\/\d+\/versi\/1$/);
    documentId = Number(/pengetahuan\/(\d+)\//.exec(preview.url)![1]);
    expect(preview.text).toContain('Berkas diterima: 2 bagian');
    expect(preview.text).toContain('terpecah menjadi 2 bagian , 2 di antaranya pasal');
    expect(preview.html).toMatch(/<h3>Pasal 1<\/h3>[\s\S]*<h3>Pasal 2<\/h3>/);
    expect(preview.text).toContain('Draf');

    // A draft is not used for answers yet.
    const before = await tryQuestion(question);
    expect(before.text).toContain('Tidak dijawab');

    const published = await hr.post(`/admin/pengetahuan/${documentId}/versi/1/terbitkan`);
    expect(published.url).toMatch(new RegExp(`/admin/pengetahuan/${documentId}$`));
    expect(published.text).toContain('Versi 1 diterbitkan');
    expect(published.text).toContain('Dipakai untuk menjawab: versi 1');

    const answer = await tryQuestion(question);
    expect(answer.text).toContain('Dijawab dengan kutipan');
    expect(answer.text).toContain('Perbup 7/2026 Pasal 1');
    expect(answer.text).toContain('dua hari dalam seminggu');
    expect(answer.text).toMatch(/Cakupan[\s\S]*\d+%/);
    expect(answer.html).toContain(`href="/admin/pengetahuan/${documentId}"`);
  });

  it('unpublishing takes the document out of answers', async () => {
    const page = await hr.post(`/admin/pengetahuan/${documentId}/tarik`);
    expect(page.text).toContain('Dokumen ditarik');
    expect(page.text).toContain('Tidak dipakai untuk menjawab');
    const answer = await tryQuestion(question);
    expect(answer.text).toContain('Tidak dijawab');
    expect(answer.text).not.toContain('Perbup 7/2026 Pasal 1 —');
    await hr.post(`/admin/pengetahuan/${documentId}/versi/1/terbitkan`);
  });

  it('replaces a document with a new version, keeps the old one, and shows both side by side', async () => {
    const draft = await hr.upload(
      '/admin/pengetahuan/unggah',
      { name: 'perbup-7-2026-perubahan.md', content: wfh(' Izin diajukan sehari sebelumnya.') },
      { dokumen: String(documentId) },
    );
    expect(draft.url).toMatch(new RegExp(`/admin/pengetahuan/${documentId}/versi/2$`));
    const detail = await hr.get(`/admin/pengetahuan/${documentId}`);
    expect(detail.text).toMatch(/v2 MD Draf/);
    expect(detail.text).toMatch(/v1 MD Terbit/);
    const compare = await hr.get(`/admin/pengetahuan/${documentId}/banding?a=1&b=2`);
    expect(compare.text).toContain('1 dari 2 bagian berbeda');
    expect(compare.text).toMatch(/Pasal 1 berubah v1 .* v2 .*Izin diajukan sehari sebelumnya/);
    expect(compare.text).toMatch(/Pasal 2 sama/);
    await hr.post(`/admin/pengetahuan/${documentId}/versi/2/terbitkan`);
    const after = await hr.get(`/admin/pengetahuan/${documentId}`);
    expect(after.text).toMatch(/v2 MD Terbit/);
    expect(after.text).toMatch(/v1 MD Arsip/);
    // The same bytes again make no new version.
    const same = await hr.upload(
      '/admin/pengetahuan/unggah',
      { name: 'lagi.md', content: wfh(' Izin diajukan sehari sebelumnya.') },
      { dokumen: String(documentId) },
    );
    expect(same.text).toContain('sama persis dengan versi 2');
  });

  it('marks a regulation revoked with its replacement: it is no longer cited', async () => {
    const page = await hr.post(`/admin/pengetahuan/${documentId}/cabut`, { pengganti: 'Perbup 9/2027' });
    expect(page.text).toContain('Ditandai dicabut, diganti Perbup 9/2027');
    expect(page.text).toContain('Dicabut diganti Perbup 9/2027');
    const list = await hr.get('/admin/pengetahuan');
    expect(list.text).toContain('Dicabut diganti Perbup 9/2027');
    const answer = await tryQuestion(question);
    expect(answer.text).toContain('Tidak dijawab');
    const reinstated = await hr.post(`/admin/pengetahuan/${documentId}/berlakukan`);
    expect(reinstated.text).toContain('Ditandai berlaku lagi');
    expect((await tryQuestion(question)).text).toContain('Dijawab dengan kutipan');
  });

  it('uploads a PDF and previews the articles read from it', async () => {
    const preview = await hr.upload('/admin/pengetahuan/unggah', {
      name: 'perwali-apel-pagi.pdf',
      content: await apelPagiPdf('PERATURAN WALIKOTA CONTOH'),
    });
    expect(preview.status).toBe(200);
    expect(preview.html).toMatch(/<h3>Pasal 1<\/h3>[\s\S]*apel pagi pada hari Senin[\s\S]*<h3>Pasal 2<\/h3>/);
    const id = Number(/pengetahuan\/(\d+)\//.exec(preview.url)![1]);
    await hr.post(`/admin/pengetahuan/${id}/versi/1/terbitkan`);
    const answer = await tryQuestion('kapan apel pagi hari senin?');
    expect(answer.text).toContain('Dijawab dengan kutipan');
    expect(answer.text).toContain('Pasal 1');
  });

  it('records every change in the audit log, visible on its page', async () => {
    const actions = (await db.prisma.auditLog.findMany({ orderBy: { id: 'asc' } })).map((a) => a.action);
    for (const action of ['document.upload', 'document.publish', 'document.unpublish', 'document.revoke', 'document.reinstate']) {
      expect(actions).toContain(action);
    }
    const row = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'document.revoke' } });
    expect(row.actor).toMatch(/^admin:\d+$/);
    expect(row.target).toBe(`document:${documentId}`);
    expect(row.detail).toEqual({ replacedBy: 'Perbup 9/2027' });
    const page = await hr.get('/admin/audit');
    expect(page.text).toMatch(/sdm@pemkot\.go\.id document\.revoke document:\d+/);
  });
});

const kerja = (body: string) => `---
title: Peraturan Bupati Contoh tentang Hari Kerja
regulation: Perbup 3/2026
---
## Pasal 1 — Hari kerja

Hari kerja pegawai adalah Senin sampai Jumat.${body}

## Pasal 2 — Jam kerja

Jam kerja dimulai pukul 07.30 dan berakhir pukul 16.00.
`;

describe.each(backends)('admin UI: a regulation uploaded twice, and lost articles (%s)', (backend) => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let hr: AdminBrowser;

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    server = await startAdminServer(adminDeps(db));
    hr = await signIn(db, server.url, 'sdm@pemkot.go.id', 'hr');
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const inForce = () => db.prisma.document.count({ where: { regulation: 'Perbup 3/2026', status: 'berlaku' } });
  const idIn = (url: string) => Number(/pengetahuan\/(\d+)/.exec(url)![1]);

  it('lists the articles missing from the numbering in the preview, and nothing when it is whole', async () => {
    const gappy = await hr.upload('/admin/pengetahuan/unggah', {
      name: 'perwali-9-2026-bolong.md',
      content: ['## Pasal 1', 'Satu.', '## Pasal 2', 'Dua.', '## Pasal 5', 'Lima.', '## Pasal 9', 'Sembilan.'].join('\n\n'),
    });
    expect(gappy.text).toContain('Periksa penomoran pasal');
    expect(gappy.html).toMatch(/<li>Pasal 3–4 tidak ditemukan<\/li>\s*<li>Pasal 6–8 tidak ditemukan<\/li>/);
    const whole = await hr.upload('/admin/pengetahuan/unggah', { name: 'perbup-3-2026-hari-kerja.md', content: kerja('') });
    expect(whole.text).not.toContain('Periksa penomoran pasal');
    expect(whole.text).not.toContain('sudah ada di basis pengetahuan');
    await hr.post(`/admin/pengetahuan/${idIn(whole.url)}/versi/1/terbitkan`);
    expect(await inForce()).toBe(1);
  });

  it('says a copy under another name is already there, and publishes it as a new version by default', async () => {
    const original = await db.prisma.document.findUniqueOrThrow({ where: { source: 'perbup-3-2026-hari-kerja.md' } });
    const copy = await hr.upload('/admin/pengetahuan/unggah', { name: 'scan-hari-kerja.md', content: kerja(' Sabtu libur.') });
    expect(copy.url).toMatch(new RegExp(`/admin/pengetahuan/${original.id}/versi/2$`));
    expect(copy.text).toContain(
      'Perbup 3/2026 sudah ada di basis pengetahuan sebagai Peraturan Bupati Contoh tentang Hari Kerja (berkas perbup-3-2026-hari-kerja.md)',
    );
    expect(copy.text).toContain('Berkas scan-hari-kerja.md disimpan sebagai versi 2 dokumen itu');
    expect(copy.html).toMatch(/<button type="submit">\s*Terbitkan versi 2 sebagai versi baru Perbup 3\/2026\s*<\/button>/);
    expect(copy.html).toMatch(/<input type="checkbox" id="yakin-terpisah" name="yakin" value="ya" required \/>/);
    expect(await db.prisma.document.count()).toBe(2);

    const published = await hr.post(`/admin/pengetahuan/${original.id}/versi/2/terbitkan`);
    expect(published.text).toMatch(/v2 MD Terbit/);
    expect(published.text).toMatch(/v1 MD Arsip/);
    expect(await inForce()).toBe(1);
    const upload = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'document.upload' }, orderBy: { id: 'desc' } });
    expect(upload.detail).toMatchObject({ matchedRegulation: 'Perbup 3/2026', uploadedAs: 'scan-hari-kerja.md' });
    // Once published, the preview no longer offers a separate document.
    expect((await hr.get(`/admin/pengetahuan/${original.id}/versi/2`)).text).not.toContain('dokumen terpisah');
  });

  it('publishes such a copy as a separate document only when HR ticks that it is another one, audited', async () => {
    const original = await db.prisma.document.findUniqueOrThrow({ where: { source: 'perbup-3-2026-hari-kerja.md' } });
    const copy = await hr.upload('/admin/pengetahuan/unggah', { name: 'lampiran-hari-kerja.md', content: kerja(' Lampiran.') });
    expect(copy.url).toMatch(new RegExp(`/admin/pengetahuan/${original.id}/versi/3$`));

    const unticked = await hr.post(`/admin/pengetahuan/${original.id}/versi/3/terpisah`);
    expect(unticked.text).toContain('Centang pernyataan bahwa ini dokumen lain');
    expect(await db.prisma.document.count({ where: { regulation: 'Perbup 3/2026' } })).toBe(1);

    const separate = await hr.post(`/admin/pengetahuan/${original.id}/versi/3/terpisah`, { yakin: 'ya' });
    expect(separate.text).toContain('Diterbitkan sebagai dokumen terpisah');
    const moved = idIn(separate.url);
    expect(moved).not.toBe(original.id);
    expect(separate.text).toContain('berkas lampiran-hari-kerja.md');
    expect(separate.text).toContain('Dipakai untuk menjawab: versi 1');
    expect(await inForce()).toBe(2);
    // The original keeps its own versions.
    const detail = await hr.get(`/admin/pengetahuan/${original.id}`);
    expect(detail.text).toMatch(/v2 MD Terbit/);
    expect(detail.text).not.toMatch(/v3/);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'document.publish_separate' } });
    expect(audit.actor).toMatch(/^admin:\d+$/);
    expect(audit.detail).toEqual({ documentId: moved, sameRegulationAs: original.id, regulation: 'Perbup 3/2026' });
  });

  it.skipIf(!hasCorpus)('shows that the text of PP 94/2021 loses Pasal 39', async () => {
    const preview = await hr.upload('/admin/pengetahuan/unggah', {
      name: 'pp-94-2021-disiplin-pns.txt',
      content: readFileSync(join(corpusDir, 'pp-94-2021-disiplin-pns.txt')),
    });
    expect(preview.status).toBe(200);
    expect(preview.html).toMatch(/<ul>\s*<li>Pasal 39 tidak ditemukan<\/li>\s*<\/ul>/);
  });
});
