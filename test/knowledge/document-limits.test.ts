import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import {
  MAX_DOCX_RATIO,
  MAX_DOCX_UNCOMPRESSED_BYTES,
  MAX_DOCX_XML_BYTES,
  MAX_PDF_PAGES,
  MAX_PDF_STREAM_BYTES,
  defaultDocumentLimits,
  type DocumentLimits,
} from '../../src/knowledge/document-limits.js';
import { loadDocument } from '../../src/knowledge/load-document.js';
import { checkPdfStreams, compressedStreams } from '../../src/knowledge/parse-sandbox/pdf-streams.js';
import { watchRun } from '../helpers/watch-run.js';
import { docxBomb, heavyDocx, hugeStreamPdf, lzwStreamPdf, manyPagesPdf, plainDocx, plainPdf } from './hostile-documents.js';

const MB = 1024 * 1024;
const bytes = (s: string) => new TextEncoder().encode(s);
const narrowed = (limits: Partial<DocumentLimits>): DocumentLimits => ({ ...defaultDocumentLimits, ...limits });

/** The AppError a load fails with, and how long it took to say so. */
async function refusal(fileName: string, content: Uint8Array, limits?: DocumentLimits): Promise<{ error: AppError; ms: number }> {
  const start = performance.now();
  const error = await loadDocument(fileName, content, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  const ms = performance.now() - start;
  expect(error).toBeInstanceOf(AppError);
  return { error: error as AppError, ms };
}

describe('document limits: the attacks of issue 10', () => {
  // Built once: a 200 MB XML in a ~600 KB DOCX, 25,000 pages in 2.4 MB, 178 MB of drawing in ~600 KB.
  let bomb: Uint8Array;
  let manyPages: Uint8Array;
  let hugeStream: Uint8Array;
  beforeAll(async () => {
    bomb = await docxBomb(200 * MB);
    manyPages = manyPagesPdf(25_000);
    hugeStream = await hugeStreamPdf(178 * MB);
  });

  it('the files are what the attacker uploaded: small on disk', () => {
    expect(bomb.byteLength).toBeLessThan(1 * MB);
    expect(manyPages.byteLength).toBeLessThan(4 * MB);
    expect(hugeStream.byteLength).toBeLessThan(1 * MB);
  });

  it('refuses the DOCX bomb from its ZIP directory, within seconds, naming the limit', async () => {
    const { error, ms } = await refusal('bom.docx', bomb);
    expect(error.code).toBe('docx_too_large');
    expect(error.userMessage).toBe(`DOCX bom.docx berisi 200 MB setelah dibuka; batasnya ${MAX_DOCX_UNCOMPRESSED_BYTES / MB} MB.`);
    expect(ms).toBeLessThan(10_000);
  });

  it('refuses the PDF of 25,000 pages from its page count, within seconds', async () => {
    const { error, ms } = await refusal('ribuan.pdf', manyPages);
    expect(error.code).toBe('pdf_too_many_pages');
    expect(error.userMessage).toBe(`PDF ribuan.pdf memiliki 25.000 halaman; batasnya ${MAX_PDF_PAGES.toLocaleString('id-ID')} halaman.`);
    expect(ms).toBeLessThan(10_000);
  });

  it('refuses the PDF with one 178 MB content stream before pdf.js draws it, within seconds', async () => {
    const { error, ms } = await refusal('aliran.pdf', hugeStream);
    expect(error.code).toBe('pdf_stream_too_large');
    expect(error.userMessage).toContain('PDF aliran.pdf');
    expect(error.userMessage).toContain(`batasnya ${MAX_PDF_STREAM_BYTES / MB} MB per bagian`);
    expect(ms).toBeLessThan(10_000);
  });
});

describe('document limits: DOCX', () => {
  it('refuses a DOCX that lies about its unpacked size, counting the inflation without keeping it', async () => {
    // The directory says 900 KB; the part inflates to 1 GB. jszip would hold all of it (outside the worker's heap limit).
    const liar = await docxBomb(1024 * MB, 900_000);
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const { error, ms } = await refusal('bohong.docx', liar).finally(() => clearInterval(sampler));
    expect(error.code).toBe('docx_size_mismatch');
    expect(error.userMessage).toBe('DOCX bohong.docx berisi lebih banyak daripada yang dicatat di dalamnya (ciri bom zip); berkas ditolak.');
    expect(ms).toBeLessThan(10_000);
    expect(peak - baseline).toBeLessThan(400 * MB);
  });

  it('refuses a DOCX whose XML packs too well, or is more than mammoth can read', async () => {
    // 20 MB of the same paragraph packs about 300 times; the XML limit comes first.
    const { error: xml } = await refusal('padat.docx', await docxBomb(20 * MB));
    expect(xml.code).toBe('docx_xml_too_large');
    expect(xml.userMessage).toBe(`DOCX padat.docx berisi 20 MB XML (teks dan tata letaknya) setelah dibuka; batasnya ${MAX_DOCX_XML_BYTES / MB} MB.`);
    const { error: ratio } = await refusal('padat.docx', await docxBomb(5 * MB));
    expect(ratio.code).toBe('docx_ratio');
    expect(ratio.userMessage).toMatch(new RegExp(`memadat [\\d.]+ kali lipat \\(ciri bom zip\\); batasnya ${MAX_DOCX_RATIO} kali\\.$`));
  });

  it('refuses a DOCX of too many parts', async () => {
    const zip = new JSZip();
    for (let i = 0; i < 30; i++) zip.file(`word/media/gambar${i}.png`, 'x', { createFolders: false });
    const { error } = await refusal('banyak.docx', await zip.generateAsync({ type: 'uint8array' }), narrowed({ maxDocxEntries: 20 }));
    expect(error.code).toBe('docx_entries');
    expect(error.userMessage).toBe('DOCX banyak.docx berisi 30 bagian; batasnya 20 bagian.');
  });

  it('still reads an ordinary DOCX', async () => {
    const doc = await loadDocument('biasa.docx', await plainDocx(['Pasal 1', 'Pegawai wajib masuk kerja dan menaati jam kerja.']));
    expect(doc.text).toContain('Pegawai wajib masuk kerja dan menaati jam kerja.');
  });
});

describe('document limits: PDF', () => {
  it('measures an LZW content stream too: 1 GB from 420 KB, refused before pdf.js would hold it', async () => {
    // Read without the scan, pdf.js keeps 768 MB of buffers (outside the heap limit) for a 108 KB file of this kind.
    const bomb = lzwStreamPdf(1024 * MB);
    expect(bomb.byteLength).toBeLessThan(500_000);
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const { error, ms } = await refusal('lzw.pdf', bomb).finally(() => clearInterval(sampler));
    expect(error.code).toBe('pdf_stream_too_large');
    expect(ms).toBeLessThan(10_000);
    expect(peak - baseline).toBeLessThan(400 * MB);
  });

  it('counts the pages before reading any: one page over the limit is refused', async () => {
    const pdf = plainPdf(['Pasal 1 Pegawai wajib masuk kerja.', 'Pasal 2 Pegawai wajib menaati jam kerja.', 'Pasal 3 Pegawai dilarang bolos.']);
    const { error } = await refusal('tiga.pdf', pdf, narrowed({ maxPdfPages: 2 }));
    expect(error.userMessage).toBe('PDF tiga.pdf memiliki 3 halaman; batasnya 2 halaman.');
    const doc = await loadDocument('tiga.pdf', pdf, narrowed({ maxPdfPages: 3 }));
    expect(doc.pageCount).toBe(3);
    expect(doc.text).toContain('Pegawai dilarang bolos.');
  });

  it('adds up the streams of all pages against the total budget', async () => {
    const pages = Array.from({ length: 4 }, (_, i) => `Pasal ${i + 1} Pegawai wajib masuk kerja dan menaati jam kerja.`);
    const { error } = await refusal('jumlah.pdf', plainPdf(pages), narrowed({ maxPdfDecodedBytes: 150 }));
    expect(error.code).toBe('pdf_streams_too_large');
    expect(error.userMessage).toContain('batasnya 1 KB.');
  });

  it('stops a page that takes longer than its time limit, and answers with the page', async () => {
    // 6 MB of drawing, under the stream limit, takes pdf.js about a second: more than the page limit set here.
    const heavy = await hugeStreamPdf(6 * MB);
    const { error, ms } = await refusal('berat.pdf', heavy, narrowed({ pdfPageTimeoutMs: 200 }));
    expect(error.code).toBe('pdf_page_timeout');
    expect(error.userMessage).toBe('Halaman 1 PDF berat.pdf tidak selesai dibaca dalam 0,2 detik; batasnya 0,2 detik per halaman.');
    expect(ms).toBeLessThan(5_000);
  });

  it('stops a document that takes longer than the total time limit', async () => {
    const heavy = await hugeStreamPdf(6 * MB);
    const { error } = await refusal('lama.pdf', heavy, narrowed({ parseTimeoutMs: 300 }));
    expect(error.code).toBe('parse_timeout');
    expect(error.userMessage).toBe('Membaca berkas lama.pdf tidak selesai dalam 0,3 detik; batasnya 0,3 detik per berkas.');
  });

  it('ends a worker that runs out of memory, and the caller gets an AppError', async () => {
    // pdf.js keeps every text item of the page: 6 MB of text operators need far more than 16 MB.
    const heavy = await hugeStreamPdf(6 * MB);
    const limits = narrowed({ parseMemoryMb: 16, parseTimeoutMs: 30_000 });
    const { error } = await refusal('rakus.pdf', heavy, limits);
    expect(error.code).toBe('parse_out_of_memory');
    expect(error.userMessage).toBe('Membaca berkas rakus.pdf memerlukan lebih dari 16 MB memori; batasnya 16 MB.');
    // The same heap reads an ordinary PDF: it was the file, not the worker's start, that needed more.
    const doc = await loadDocument('biasa.pdf', plainPdf(['Pasal 1 Pegawai wajib masuk kerja dan menaati jam kerja.']), limits);
    expect(doc.pageCount).toBe(1);
  });

  it("stops a worker whose buffers grow the process's memory past its limit, which the heap limit does not see", async () => {
    // With the stream budget out of the way (as for an encrypted PDF, whose streams the scan cannot read),
    // pdf.js decodes the 1 GB stream into buffers; the RSS watch ends it.
    const limits = narrowed({ maxPdfStreamBytes: 4096 * MB, maxPdfDecodedBytes: 4096 * MB, parseRssGrowthMb: 200 });
    const { error, ms } = await refusal('buffer.pdf', lzwStreamPdf(1024 * MB), limits);
    expect(error.code).toBe('parse_out_of_memory');
    expect(error.userMessage).toBe('Membaca berkas buffer.pdf memerlukan lebih dari 200 MB memori; batasnya 200 MB.');
    expect(ms).toBeLessThan(15_000);
  });

  it('refuses a PDF whose text is longer than the limit', async () => {
    const pages = Array.from({ length: 3 }, (_, i) => `Pasal ${i + 1} ${'Pegawai wajib masuk kerja. '.repeat(3)}`);
    const { error } = await refusal('panjang.pdf', plainPdf(pages), narrowed({ maxTextChars: 150 }));
    expect(error.code).toBe('text_too_long');
    expect(error.userMessage).toMatch(/^Teks berkas panjang\.pdf lebih dari \d+ karakter; batasnya 150 karakter\.$/);
  });
});

describe('document limits: the reading happens off the event loop', () => {
  // Read here, mammoth and pdf.js stall the loop about 850 ms on these two (bench/document-limits-bench.ts).
  it('reads a heavy but allowed DOCX and PDF while timers keep firing', async () => {
    const docx = await heavyDocx(4 * MB);
    const pdf = await hugeStreamPdf(6 * MB);
    const read = await watchRun(() => loadDocument('berat.docx', docx), 10);
    expect(read.result.text.length).toBeGreaterThan(1_000_000);
    expect(read.stall).toBeLessThan(250);
    const drawn = await watchRun(() => loadDocument('berat.pdf', pdf), 10);
    expect(drawn.result.pageCount).toBe(1);
    expect(drawn.stall).toBeLessThan(250);
  });
});

describe('document limits: every format', () => {
  it('refuses a file over the size limit before reading it', async () => {
    const { error } = await refusal('besar.txt', bytes('Pasal 1 '.repeat(200)), narrowed({ maxDocumentBytes: 1_000 }));
    expect(error.code).toBe('document_too_large');
    expect(error.userMessage).toBe('Berkas besar.txt berukuran 2 KB; batasnya 1 KB.');
  });

  it('refuses Markdown, TXT and HTML whose text is longer than the limit', async () => {
    const limits = narrowed({ maxTextChars: 100 });
    const long = 'Pegawai wajib masuk kerja dan menaati jam kerja. '.repeat(5);
    for (const [name, content] of [
      ['a.md', `## Pasal 1\n\n${long}`],
      ['a.txt', long],
      ['a.html', `<p>${long}</p>`],
    ] as const) {
      const { error } = await refusal(name, bytes(content), limits);
      expect(error.code, name).toBe('text_too_long');
      expect(error.userMessage, name).toContain('batasnya 100 karakter');
    }
  });
});

describe('document limits: the stream scan of a PDF', () => {
  it('counts only Flate streams that are not images, and is linear in a file made of the word "stream"', async () => {
    const image = `1 0 obj\n<< /Subtype /Image /Filter /FlateDecode /Length 5 >>\nstream\n${'x'.repeat(5)}\nendstream\nendobj\n`;
    const content = `2 0 obj\n<< /Filter /FlateDecode /Length 5 >>\nstream\nxxxxx\nendstream\nendobj\n`;
    expect([...compressedStreams(image + content)]).toEqual([{ start: image.length + content.indexOf('xxxxx'), end: image.length + content.indexOf('\nendstream') + 1, filters: ['FlateDecode'] }]);
    const words = 'stream\n'.repeat(3_000_000);
    const start = performance.now();
    expect([...compressedStreams(words)]).toEqual([]);
    await checkPdfStreams('kata.pdf', bytes(words), defaultDocumentLimits);
    expect(performance.now() - start).toBeLessThan(3_000);
  });
});
