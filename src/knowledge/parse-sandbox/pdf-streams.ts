import { constants, createInflate } from 'node:zlib';
import { AppError } from '../../errors.js';
import { formatSize, type DocumentLimits } from '../document-limits.js';

/**
 * Refuses a PDF whose compressed streams (page contents, fonts, object streams: what pdf.js decodes
 * to extract text) would inflate past the budget. Each stream is inflated only up to what is left
 * of the budget, and only counted, never kept; images are skipped, since text extraction never
 * decodes them.
 *
 * This is a scan of the raw file, not a PDF parser: streams that are not Flate, or Flate behind
 * another filter, are not counted. What it misses is still bounded by the page and total time
 * limits of the worker that reads the PDF.
 */
export async function checkPdfStreams(fileName: string, content: Uint8Array, limits: DocumentLimits): Promise<void> {
  // latin1 maps each byte to one character, so string offsets are byte offsets.
  const text = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('latin1');
  let total = 0;
  for (const { start, end } of flateStreams(text)) {
    const budget = Math.min(limits.maxPdfStreamBytes, limits.maxPdfDecodedBytes - total);
    const size = await inflatedSize(content.subarray(start, end), budget + 1);
    if (size > limits.maxPdfStreamBytes) {
      throw new AppError(
        'pdf_stream_too_large',
        `PDF ${fileName} memiliki bagian terkompresi (isi halaman atau huruf) yang membengkak menjadi lebih dari ` +
          `${formatSize(limits.maxPdfStreamBytes)} setelah dibuka; batasnya ${formatSize(limits.maxPdfStreamBytes)} per bagian.`,
      );
    }
    total += size;
    if (total > limits.maxPdfDecodedBytes) {
      throw new AppError(
        'pdf_streams_too_large',
        `Isi PDF ${fileName} membengkak menjadi lebih dari ${formatSize(limits.maxPdfDecodedBytes)} setelah dibuka; ` +
          `batasnya ${formatSize(limits.maxPdfDecodedBytes)}.`,
      );
    }
  }
}

/**
 * The byte ranges of the Flate-compressed streams of a PDF that are not images. One pass: the
 * search only moves forward, so a file made of the word "stream" costs no more than its length.
 */
export function* flateStreams(text: string): Generator<{ start: number; end: number }> {
  let lastObject = -1;
  let nextObject = text.indexOf('obj');
  for (let at = text.indexOf('stream'); at !== -1; at = text.indexOf('stream', at + 6)) {
    if (text.startsWith('end', at - 3)) continue;
    // The keyword ends its line (CRLF or LF); the data starts right after.
    let start = at + 6;
    if (text[start] === '\r') start++;
    if (text[start] !== '\n' && text[start - 1] !== '\r') continue;
    if (text[start] === '\n') start++;
    // The stream's dictionary lies between its `N G obj` and the keyword.
    while (nextObject !== -1 && nextObject < at) {
      lastObject = nextObject;
      nextObject = text.indexOf('obj', nextObject + 3);
    }
    if (lastObject === -1 || at - lastObject > 64 * 1024) continue;
    const dictionary = text.slice(lastObject, at);
    const found = text.indexOf('endstream', start);
    const end = found === -1 ? text.length : found;
    at = end;
    if (!isCountedFlate(dictionary)) continue;
    yield { start, end };
  }
}

function isCountedFlate(dictionary: string): boolean {
  if (/\/Subtype\s*\/Image\b/.test(dictionary)) return false;
  const filter = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dictionary)?.[1];
  if (!filter) return false;
  // Only a Flate first in the chain decodes the raw bytes; other chains are left to the time limits.
  const first = /\/([A-Za-z0-9]+)/.exec(filter)?.[1];
  return first === 'FlateDecode' || first === 'Fl';
}

/** How many bytes `data` inflates to, counting up to `cap` and stopping there; broken data counts what came out. */
function inflatedSize(data: Uint8Array, cap: number): Promise<number> {
  return new Promise((resolve) => {
    let size = 0;
    // A sync flush at the end accepts a stream cut short, as pdf.js does.
    const inflate = createInflate({ finishFlush: constants.Z_SYNC_FLUSH, chunkSize: 64 * 1024 });
    const done = () => resolve(size);
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size >= cap) inflate.destroy();
    });
    inflate.on('end', done);
    inflate.on('error', done);
    inflate.on('close', done);
    inflate.end(data);
  });
}
