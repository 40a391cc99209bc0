import { createInflateRaw } from 'node:zlib';
import { AppError } from '../../errors.js';
import { formatCount, formatSize, type DocumentLimits } from '../document-limits.js';
import { entryDataStart, readZipDirectory, type ZipEntry } from './zip-directory.js';

const MB = 1024 * 1024;

/**
 * Refuses a DOCX that would unpack to too much. First from the ZIP's central directory alone,
 * before anything is inflated: the total size, the size of the XML, the packing ratio. Then each
 * deflated part is inflated, counted and dropped, up to one byte past its declared size: a ZIP
 * that lies in its directory is refused there, before jszip would inflate all of it into memory
 * the worker's heap limit does not cover (1 GB for a 3.6 MB file).
 */
export async function checkDocxArchive(fileName: string, content: Uint8Array, limits: DocumentLimits): Promise<void> {
  const entries = readZipDirectory(fileName, content, limits.maxDocxEntries);
  checkDeclaredSizes(fileName, entries, limits);
  for (const entry of entries) {
    if (entry.method !== 8) continue; // stored parts cannot grow; other methods jszip refuses itself
    const data = content.subarray(entryDataStart(fileName, content, entry)).subarray(0, entry.compressed);
    if ((await inflatedSize(data, entry.uncompressed + 1)) > entry.uncompressed) {
      throw new AppError(
        'docx_size_mismatch',
        `DOCX ${fileName} berisi lebih banyak daripada yang dicatat di dalamnya (ciri bom zip); berkas ditolak.`,
      );
    }
  }
}

function checkDeclaredSizes(fileName: string, entries: ZipEntry[], limits: DocumentLimits): void {
  const unpacked = entries.reduce((sum, e) => sum + e.uncompressed, 0);
  if (unpacked > limits.maxDocxUncompressedBytes) {
    throw new AppError(
      'docx_too_large',
      `DOCX ${fileName} berisi ${formatSize(unpacked)} setelah dibuka; batasnya ${formatSize(limits.maxDocxUncompressedBytes)}.`,
    );
  }
  const xml = entries.filter((e) => /\.(xml|rels)$/i.test(e.name)).reduce((sum, e) => sum + e.uncompressed, 0);
  if (xml > limits.maxDocxXmlBytes) {
    throw new AppError(
      'docx_xml_too_large',
      `DOCX ${fileName} berisi ${formatSize(xml)} XML (teks dan tata letaknya) setelah dibuka; ` +
        `batasnya ${formatSize(limits.maxDocxXmlBytes)}.`,
    );
  }
  // Small parts may pack very well (a style list of blanks); only a part of a MB or more, or the whole, counts.
  const packed = entries.reduce((sum, e) => sum + e.compressed, 0);
  const ratios = [
    ...entries.filter((e) => e.uncompressed >= MB).map((e) => e.uncompressed / Math.max(1, e.compressed)),
    unpacked >= MB ? unpacked / Math.max(1, packed) : 0,
  ];
  const ratio = Math.max(0, ...ratios);
  if (ratio > limits.maxDocxRatio) {
    throw new AppError(
      'docx_ratio',
      `DOCX ${fileName} memadat ${formatCount(ratio)} kali lipat (ciri bom zip); batasnya ${formatCount(limits.maxDocxRatio)} kali.`,
    );
  }
}


/** How many bytes raw deflate `data` inflates to, counting up to `cap` and stopping there; broken data counts what came out. */
function inflatedSize(data: Uint8Array, cap: number): Promise<number> {
  return new Promise((resolve) => {
    let size = 0;
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
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
