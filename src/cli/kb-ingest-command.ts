import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DocumentMeta } from '../knowledge/document-metadata.js';
import { collectFiles, ingestPaths, type PathOutcome } from '../knowledge/ingest-paths.js';
import { out, progress } from './cli-io.js';
import { defineCommand } from './command-spec.js';
import { UsageError } from './usage-error.js';

/** One path as written on the command line: the files found in it, or why there are none. */
type Found = { path: string; files: string[] } | { path: string; problem: string };

/** Looks at each path first, so that one missing path does not stop the others. */
async function findFiles(paths: string[]): Promise<Found[]> {
  const found: Found[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) {
      const problem =
        info.code === 'EACCES' ? 'Tidak boleh dibaca (izin ditolak).' : 'Tidak ditemukan (periksa nama berkas atau foldernya).';
      found.push({ path, problem });
      continue;
    }
    const files = await collectFiles([path]);
    found.push(
      files.length > 0 ? { path, files } : { path, problem: 'Folder ini tidak berisi PDF, DOCX, Markdown, TXT atau HTML.' },
    );
  }
  return found;
}

export const kbIngestCommand = defineCommand({
  name: 'kb ingest',
  args: ['<berkas-atau-folder>...'],
  options: {
    status: { type: 'string', value: 'berlaku|dicabut', help: 'Status peraturan untuk semua berkas ini.' },
    'replaced-by': { type: 'string', value: '"<peraturan>"', help: 'Peraturan penggantinya, misalnya "PP 94/2021".' },
    separate: {
      type: 'boolean',
      help: 'Jadikan dokumen tersendiri walau peraturannya sudah ada dengan nama berkas lain.',
    },
  },
  summary: 'Memasukkan dan menerbitkan dokumen (PDF, DOCX, Markdown, TXT, HTML).',
  details: [
    'Folder dibaca beserta subfoldernya. Setiap berkas dilaporkan: ditambahkan, versi baru diterbitkan, atau',
    'tidak berubah. Berkas yang rusak atau tidak ditemukan dilaporkan dengan alasannya (stderr) dan tidak',
    'menambah apa pun; berkas lainnya tetap masuk. Kode keluar 1 bila ada yang gagal.',
    'Berkas bernama lain yang peraturannya (mis. PP 94/2021) sudah ada diterbitkan sebagai versi baru dokumen',
    'itu, agar tidak ada dua salinan yang berlaku; --separate menjadikannya dokumen tersendiri.',
  ],
  examples: ['asn kb ingest peraturan/', 'asn kb ingest pp-53-2010.pdf --status dicabut --replaced-by "PP 94/2021"'],
  plan(input) {
    const status = input.text('status');
    if (status !== undefined && status !== 'berlaku' && status !== 'dicabut')
      throw new UsageError('--status harus berlaku atau dicabut.');
    const replacedBy = input.text('replaced-by');
    const meta: DocumentMeta = { ...(status ? { status } : {}), ...(replacedBy ? { replacedBy } : {}) };
    return { paths: input.positionals, meta, separate: input.flag('separate') };
  },
  async run(ctx, { paths, meta, separate }) {
    const found = await findFiles(paths);
    const total = found.reduce((n, f) => n + ('files' in f ? f.files.length : 1), 0);
    // Reported in the order written: a missing path in its place among the files.
    let reported = 0;
    let failed = 0;
    const pending = [...found];
    const reportProblemsBeforeFiles = () => {
      while (pending[0] && 'problem' in pending[0]) {
        failed++;
        progress(`[${++reported}/${total}] GAGAL ${pending[0].path}: ${pending[0].problem}`);
        pending.shift();
      }
    };
    let leftInPath = 0;
    const onFile = (o: PathOutcome) => {
      if (leftInPath === 0) {
        reportProblemsBeforeFiles();
        const next = pending.shift();
        leftInPath = next && 'files' in next ? next.files.length : 0;
      }
      leftInPath--;
      const n = `[${++reported}/${total}]`;
      if ('error' in o) {
        failed++;
        progress(`${n} GAGAL ${o.path}: ${o.error.userMessage}`);
        return;
      }
      const r = o.result;
      const label = r.regulation ? `${r.regulation}, ` : '';
      const what = { added: 'ditambahkan', updated: `versi ${r.version} diterbitkan`, unchanged: 'tidak berubah' }[r.outcome];
      const details = `(${label}${r.passages} bagian${r.pages ? `, ${r.pages} halaman` : ''})`;
      // A second copy of a known regulation becomes a new version of it rather than a refusal: a
      // script re-ingesting a folder that holds the PDF and the TXT of one regulation still succeeds
      // (and stays idempotent: the second run finds both unchanged), yet never leaves two copies in
      // force. The line says which document the file joined, so nobody looks for it under its name.
      if (r.matched) {
        const joined = `${r.matched.regulation} sudah ada sebagai ${r.matched.source}`;
        const did = r.outcome === 'unchanged' ? 'tidak berubah' : `diterbitkan sebagai versi ${r.version} dokumen itu`;
        out(`${n} ${basename(o.path)}: ${joined}; ${did} ${details}`);
        return;
      }
      out(`${n} ${r.source}: ${what} ${details}`);
    };
    const files = found.flatMap((f) => ('files' in f ? f.files : []));
    if (files.length > 0) await ingestPaths(ctx.db, files, { meta, duplicates: separate ? 'separate' : 'version', onFile });
    reportProblemsBeforeFiles();
    ctx.lexicons.invalidate();
    const embedded = await ctx.embedPassages((done, all) => progress(`embedding ${done}/${all}`));
    out(`Selesai: ${total - failed} berkas berhasil, ${failed} gagal${embedded ? `, ${embedded} bagian di-embed` : ''}.`);
    return failed > 0 ? 1 : 0;
  },
});
