import { AppError } from '../../errors.js';
import { formatSize, type DocumentLimits } from '../document-limits.js';
import { decodedSize } from './stream-filters.js';

/**
 * Refuses a PDF whose compressed streams (page contents, fonts, object streams: what pdf.js decodes
 * to extract text) would decode past the budget. Each stream is decoded only up to what is left
 * of the budget, and only counted, never kept; images are skipped, since text extraction never
 * decodes them. The budget matters beyond time: pdf.js keeps decoded streams in ArrayBuffers,
 * which the worker's heap limit does not cover.
 *
 * This is a scan of the raw file, not a PDF parser. It cannot see into an encrypted PDF (one
 * with an owner password only opens without asking): what it misses is still bounded by the
 * worker's heap and time limits.
 */
export async function checkPdfStreams(fileName: string, content: Uint8Array, limits: DocumentLimits): Promise<void> {
  // latin1 maps each byte to one character, so string offsets are byte offsets.
  const text = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('latin1');
  let total = 0;
  for (const { start, end, filters } of compressedStreams(text)) {
    const budget = Math.min(limits.maxPdfStreamBytes, limits.maxPdfDecodedBytes - total);
    const size = await decodedSize(content.subarray(start, end), filters, budget + 1);
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
 * The byte ranges and filters of the compressed streams of a PDF that are not images. One pass:
 * the search only moves forward, so a file made of the word "stream" costs no more than its length.
 */
export function* compressedStreams(text: string): Generator<{ start: number; end: number; filters: string[] }> {
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
    const filters = streamFilters(dictionary);
    if (filters) yield { start, end, filters };
  }
}

/** The filter names of a stream's dictionary, in order; none for an image or an uncompressed stream. */
function streamFilters(dictionary: string): string[] | undefined {
  if (/\/Subtype\s*\/Image\b/.test(dictionary)) return undefined;
  const filter = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dictionary)?.[1];
  const names = filter ? [...filter.matchAll(/\/([A-Za-z0-9]+)/g)].map((m) => m[1]!) : [];
  return names.length ? names : undefined;
}
