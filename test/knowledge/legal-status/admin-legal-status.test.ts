import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/database.js';
import { ingestDocument } from '../../../src/knowledge/ingest-document.js';
import { AdminBrowser, adminDeps, signIn, startAdminServer } from '../../helpers/admin-browser.js';
import { backends, openTestDatabase } from '../../helpers/test-database.js';
import { syntheticTexts } from './synthetic-texts.js';

const rowOf = (html: string, source: string) => {
  const at = html.indexOf(source);
  return at < 0 ? '' : html.slice(html.lastIndexOf('<tr>', at), html.indexOf('</tr>', at));
};

describe.each(backends)('admin UI: legal status read from the texts (%s)', (backend) => {
  let db: Database;
  let server: { url: string; close(): Promise<void> };
  let hr: AdminBrowser;
  let viewer: AdminBrowser;

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    server = await startAdminServer(adminDeps(db));
    hr = await signIn(db, server.url, 'sdm@pemkot.go.id', 'hr');
    viewer = await signIn(db, server.url, 'pantau@pemkot.go.id', 'viewer');
    await ingestDocument(db, { fileName: 'pp-53-2010.txt', content: new TextEncoder().encode(syntheticTexts['pp-53-2010.txt']) });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('marks the revoked document with its evidence once the revoking one is uploaded and published', async () => {
    expect(rowOf((await hr.get('/admin/pengetahuan')).html, 'pp-53-2010.txt')).toContain('Berlaku');
    const preview = await hr.upload('/admin/pengetahuan/unggah', { name: 'pp-94-2021.txt', content: syntheticTexts['pp-94-2021.txt']! });
    const [, id, version] = /\/admin\/pengetahuan\/(\d+)\/versi\/(\d+)/.exec(preview.url)!;
    await hr.post(`/admin/pengetahuan/${id}/versi/${version}/terbitkan`);
    const row = rowOf((await hr.get('/admin/pengetahuan')).html, 'pp-53-2010.txt');
    expect(row).toContain('<span class="tag bad">Dicabut</span>');
    expect(row).toContain('dicabut oleh PP 94/2021 Pasal 3, kecuali jenis Hukuman Disiplin sedang');
  });

  it('lists the relations with their evidence and the regulations named but absent', async () => {
    const page = await hr.get('/admin/status-hukum');
    expect(page.status).toBe(200);
    expect(page.text).toContain('dicabut oleh PP 94/2021 Pasal 3, kecuali jenis Hukuman Disiplin sedang');
    expect(page.text).toContain('dicabut dan dinyatakan tidak berlaku');
    expect(page.text).toContain('PP 17/2020 disebut di 2 pasal tetapi belum ada di basis pengetahuan');
    // A viewer sees the evidence but no review buttons.
    const seen = await viewer.get('/admin/status-hukum');
    expect(seen.text).toContain('dicabut oleh PP 94/2021 Pasal 3');
    expect(seen.html).not.toContain('name="aksi"');
  });

  it('lets HR reject, correct and confirm a detected relation, each audited', async () => {
    const relation = await db.prisma.regulationRelation.findFirstOrThrow({ where: { target: 'PP 53/2010' } });
    const path = `/admin/status-hukum/${relation.id}`;
    expect((await viewer.post(path, { aksi: 'tolak' })).status).toBe(403);

    const rejected = await hr.post(path, { aksi: 'tolak' });
    expect(rejected.text).toContain('Relasi PP 94/2021 → PP 53/2010 ditolak; tidak lagi memengaruhi status PP 53/2010.');
    expect(rowOf((await hr.get('/admin/pengetahuan')).html, 'pp-53-2010.txt')).toContain('<span class="tag ok">Berlaku</span>');

    const refused = await hr.post(path, { aksi: 'koreksi', jenis: 'revokes', pelaku: 'peraturan baru', sasaran: 'PP 53/2010' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('bukan nama peraturan. Tulis seperti PP 94/2021 atau UU 5/2014.');

    await hr.post(path, { aksi: 'koreksi', jenis: 'revokes', pelaku: 'PP 94/2021', sasaran: 'PP 53/2010', tetap: 'hukuman disiplin sedang' });
    expect(rowOf((await hr.get('/admin/pengetahuan')).html, 'pp-53-2010.txt')).toContain(
      'dicabut oleh PP 94/2021 Pasal 3, kecuali hukuman disiplin sedang',
    );
    await hr.post(path, { aksi: 'konfirmasi' });

    const audit = await db.prisma.auditLog.findMany({ where: { target: `regulation_relation:${relation.id}` }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual([
      'regulation_relation.reject',
      'regulation_relation.correct',
      'regulation_relation.confirm',
    ]);
    expect(audit[1]!.detail).toMatchObject({ before: { review: 'rejected' }, after: { review: 'confirmed', keeps: 'hukuman disiplin sedang' } });
  });

  it('keeps HR reviews when the revoking document is published again', async () => {
    const pp94 = await db.prisma.document.findUniqueOrThrow({ where: { source: 'pp-94-2021.txt' } });
    await ingestDocument(db, {
      fileName: 'pp-94-2021.txt',
      content: new TextEncoder().encode(`${syntheticTexts['pp-94-2021.txt']}\nPasal 4\nPeraturan Pemerintah ini mulai berlaku pada tanggal diundangkan.`),
    });
    const relations = await db.prisma.regulationRelation.findMany({ where: { documentId: pp94.id, target: 'PP 53/2010' } });
    expect(relations).toHaveLength(1);
    expect(relations[0]).toMatchObject({ review: 'confirmed', keeps: 'hukuman disiplin sedang' });
  });
});
