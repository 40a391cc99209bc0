import { describeAbsent, listAbsentRegulations } from '../knowledge/legal-status/absent-regulations.js';
import { describeStatus, legalStatusOfDocuments } from '../knowledge/legal-status/legal-status.js';
import { out } from './cli-io.js';
import { defineCommand } from './command-spec.js';

const json = { type: 'boolean', help: 'Mencetak hasilnya sebagai JSON.' } as const;

/** Columns padded to their widest cell, the last one left free: readable in a terminal, cut-able by a script. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** `asn kb list`: every document with its published version and its legal status, with the evidence. */
export const kbList = defineCommand({
  name: 'kb list',
  options: { json },
  summary: 'Menampilkan dokumen di basis pengetahuan: versi terbit, status hukum beserta buktinya, jumlah bagian.',
  async run(ctx, input) {
    const [documents, statuses] = await Promise.all([
      ctx.db.prisma.document.findMany({
        orderBy: { source: 'asc' },
        include: { versions: { orderBy: { version: 'desc' }, include: { _count: { select: { passages: true } } } } },
      }),
      legalStatusOfDocuments(ctx.db),
    ]);
    const rows = documents.map((d) => {
      const published = d.versions.find((v) => v.published);
      const legal = statuses.get(d.id)!;
      return {
        source: d.source,
        title: d.title,
        regulation: d.regulation,
        /** In force or revoked, by the metadata or by a text in the knowledge base. */
        status: legal.status,
        statusEvidence: describeStatus(legal, d.replacedBy),
        metadataStatus: d.status,
        versions: d.versions.length,
        publishedVersion: published?.version ?? null,
        passages: published?._count.passages ?? 0,
      };
    });
    if (input.flag('json')) out(JSON.stringify(rows, null, 2));
    else if (rows.length === 0) out('Basis pengetahuan masih kosong. Tambahkan dokumen dengan: asn kb ingest <berkas>');
    else
      out(
        formatTable(
          ['BERKAS', 'PERATURAN', 'STATUS', 'VERSI', 'BAGIAN', 'KETERANGAN'],
          rows.map((r) => [
            r.source,
            r.regulation ?? '-',
            r.status,
            r.publishedVersion ? `v${r.publishedVersion} terbit` : 'tidak terbit',
            String(r.passages),
            r.status === 'berlaku' && r.statusEvidence === 'berlaku' ? r.title : `${r.statusEvidence} — ${r.title}`,
          ]),
        ),
      );
    return 0;
  },
});

/** `asn kb missing`: regulations named in articles or questions that no document holds. */
export const kbMissing = defineCommand({
  name: 'kb missing',
  options: { json },
  summary: 'Menampilkan peraturan yang disebut di pasal atau pertanyaan tetapi belum ada di basis pengetahuan.',
  async run(ctx, input) {
    const absent = await listAbsentRegulations(ctx.db);
    if (input.flag('json')) out(JSON.stringify(absent, null, 2));
    else if (absent.length === 0) out('Semua peraturan yang disebut sudah ada di basis pengetahuan.');
    else for (const a of absent) out(describeAbsent(a));
    return 0;
  },
});
