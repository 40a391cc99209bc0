// `npm run bench -- documents`: what a hostile file costs the server now (time to refusal, the
// process's peak RSS, the longest event-loop stall), and what the sandbox costs an ordinary file
// (a fresh worker, a warmed spare, and reading in the main thread as before).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { AppError } from '../src/errors.js';
import { PARSE_MEMORY_MB, defaultDocumentLimits, type DocumentLimits } from '../src/knowledge/document-limits.js';
import { loadDocument } from '../src/knowledge/load-document.js';
import { readDocx } from '../src/knowledge/parse-sandbox/read-docx.js';
import { readPdf } from '../src/knowledge/parse-sandbox/read-pdf.js';
import { watchRun, type WatchedRun } from '../test/helpers/watch-run.js';
import {
  docxBomb,
  heavyDocx,
  hugeStreamPdf,
  lzwStreamPdf,
  manyPagesPdf,
  plainDocx,
} from '../test/knowledge/hostile-documents.js';
import { printRow } from './measure.js';

const MB = 1024 * 1024;
const root = fileURLToPath(new URL('..', import.meta.url));
const corpusFile = join(root, '..', 'shared', 'corpus', 'pp-11-2017-manajemen-pns.txt');
const mib = (bytes: number) => `${(bytes / MB).toFixed(0)} MiB`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// A heap limit other than the default: no spare fits it, so every call starts a worker.
const freshWorker: DocumentLimits = { ...defaultDocumentLimits, parseMemoryMb: PARSE_MEMORY_MB + 1 };

/** A load as the bench prints it: its result is 'read', or the code of the AppError that refused it. */
type Run = WatchedRun<string>;

/** Watched under a 5 ms timer. */
const measured = (work: () => Promise<unknown>): Promise<Run> =>
  watchRun(
    () =>
      work().then(
        () => 'read',
        (error: unknown) => {
          if (!(error instanceof AppError)) throw error;
          return error.code;
        },
      ),
    5,
  );

const row = (what: string, run: Run, note = '') =>
  printRow(
    what,
    `${run.ms.toFixed(0)} ms`,
    `${run.result}; peak RSS ${mib(run.peakRss)}, longest stall ${run.stall.toFixed(0)} ms${note ? `; ${note}` : ''}`,
  );

/** A PDF of `pages` A4 pages of regulation text (PP 11/2017 when the corpus is here). */
async function regulationPdf(pages: number): Promise<Uint8Array> {
  const text = existsSync(corpusFile)
    ? readFileSync(corpusFile, 'utf8')
    : readdirSync(join(root, 'knowledge'))
        .map((f) => readFileSync(join(root, 'knowledge', f), 'utf8'))
        .join('\n');
  const lines = text
    .replace(/[^\x20-\x7E\n]/g, ' ')
    .split('\n')
    .flatMap((l) => l.match(/.{1,95}(\s|$)/g) ?? ['']);
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < pages; p++) {
    const page = pdf.addPage([595, 842]);
    const from = (p * 50) % lines.length;
    lines.slice(from, from + 50).forEach((line, i) => page.drawText(line, { x: 40, y: 800 - i * 15, size: 10, font }));
  }
  return pdf.save();
}

export async function documentLimitsBench(): Promise<void> {
  console.log('\n## Hostile documents and the parsing sandbox');
  const bombs: [string, string, Uint8Array][] = [
    ['DOCX bomb (200 MB of XML)', 'bom.docx', await docxBomb(200 * MB)],
    ['DOCX lying about its size (1 GB declared 0.9 MB)', 'bohong.docx', await docxBomb(1024 * MB, 900_000)],
    ['PDF of 25,000 pages', 'ribuan.pdf', manyPagesPdf(25_000)],
    ['PDF with one 178 MB content stream', 'aliran.pdf', await hugeStreamPdf(178 * MB)],
    ['PDF with a 1 GB LZW content stream', 'lzw.pdf', lzwStreamPdf(1024 * MB)],
  ];
  for (const [what, name, content] of bombs) {
    await pause(1_500); // the spare worker is ready, as on a server that has read a file before
    row(`${what}, ${(content.byteLength / 1024).toFixed(0)} KB`, await measured(() => loadDocument(name, content)), 'to refusal');
  }

  const pdf = await regulationPdf(100);
  const docx = existsSync(corpusFile)
    ? await plainDocx(readFileSync(corpusFile, 'utf8').split('\n').filter(Boolean))
    : await plainDocx(Array.from({ length: 2_000 }, (_, i) => `Pasal ${i + 1} Pegawai wajib masuk kerja dan menaati jam kerja.`));
  const heavy = await heavyDocx(4 * MB);
  const ordinary: [string, string, Uint8Array, () => Promise<unknown>][] = [
    ['PDF, 100 pages', 'pp.pdf', pdf, () => readPdf('pp.pdf', pdf, defaultDocumentLimits)],
    ['DOCX of PP 11/2017 (240 KB of text)', 'pp.docx', docx, () => readDocx('pp.docx', docx, defaultDocumentLimits)],
    ['DOCX, 4 MB of XML', 'berat.docx', heavy, () => readDocx('berat.docx', heavy, defaultDocumentLimits)],
  ];
  for (const [what, name, content, inline] of ordinary) {
    row(`${what}: fresh worker`, await measured(() => loadDocument(name, content, freshWorker)));
    await pause(1_500);
    row(`${what}: warmed spare worker`, await measured(() => loadDocument(name, content)));
    row(`${what}: main thread (as before)`, await measured(inline));
  }
  const tiny = new TextEncoder().encode('<p>Pasal 1 Pegawai wajib masuk kerja dan menaati jam kerja.</p>');
  row('worker start: a one-line HTML page, fresh worker', await measured(() => loadDocument('a.html', tiny, freshWorker)));
  printRow('peak RSS of the whole run (maxRSS)', mib(process.resourceUsage().maxRSS * 1024));
}
