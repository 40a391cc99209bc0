import { AppError } from '../../errors.js';
import { formatCount, formatSize, type DocumentLimits } from '../document-limits.js';

/** One file inside a ZIP, as its central directory declares it. */
export interface ZipEntrySize {
  name: string;
  compressed: number;
  uncompressed: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const ZIP64_EXTRA = 0x0001;
const MB = 1024 * 1024;

/**
 * Refuses a DOCX that would unpack to too much, before anything is inflated: the sizes come from
 * the ZIP's central directory alone. A ZIP that lies there (declares little, inflates to much) is
 * caught later by jszip, which compares what it inflated with what was declared, and in any case
 * by the worker's memory and time limits.
 */
export function checkDocxArchive(fileName: string, content: Uint8Array, limits: DocumentLimits): void {
  const entries = readZipDirectory(fileName, content, limits.maxDocxEntries);
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

/** The sizes of every entry of a ZIP's central directory (ZIP64 included); a broken directory is an unreadable DOCX. */
export function readZipDirectory(fileName: string, content: Uint8Array, maxEntries: number): ZipEntrySize[] {
  const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
  const broken = () => new AppError('unreadable_docx', `DOCX ${fileName} rusak atau tidak dapat dibaca.`);
  const u16 = (at: number) => (at + 2 <= view.byteLength ? view.getUint16(at, true) : thrown(broken()));
  const u32 = (at: number) => (at + 4 <= view.byteLength ? view.getUint32(at, true) : thrown(broken()));
  const u64 = (at: number) => (at + 8 <= view.byteLength ? Number(view.getBigUint64(at, true)) : thrown(broken()));

  const end = findEndOfDirectory(view);
  if (end < 0) throw broken();
  let count = u16(end + 10);
  let offset = u32(end + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || u32(locator) !== ZIP64_LOCATOR) throw broken();
    const zip64End = u64(locator + 8);
    if (u32(zip64End) !== ZIP64_END_OF_DIRECTORY) throw broken();
    count = u64(zip64End + 32);
    offset = u64(zip64End + 48);
  }
  if (count > maxEntries) {
    throw new AppError(
      'docx_entries',
      `DOCX ${fileName} berisi ${formatCount(count)} bagian; batasnya ${formatCount(maxEntries)} bagian.`,
    );
  }

  const entries: ZipEntrySize[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (u32(at) !== DIRECTORY_ENTRY) throw broken();
    let compressed = u32(at + 20);
    let uncompressed = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff) {
      // ZIP64 keeps the real sizes in an extra field, uncompressed first, each only when its header field is full.
      const sizes = zip64Sizes(view, at + 46 + nameLength, extraLength) ?? thrown(broken());
      let k = 0;
      if (uncompressed === 0xffffffff) uncompressed = sizes[k++] ?? thrown(broken());
      if (compressed === 0xffffffff) compressed = sizes[k++] ?? thrown(broken());
    }
    const name = Buffer.from(content.buffer, content.byteOffset + at + 46, Math.min(nameLength, view.byteLength - at - 46)).toString('latin1');
    entries.push({ name, compressed, uncompressed });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The end-of-central-directory record: within the last 64 KB (its comment's longest), searched backwards. */
function findEndOfDirectory(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  return -1;
}

function zip64Sizes(view: DataView, from: number, length: number): number[] | undefined {
  for (let at = from; at + 4 <= from + length && at + 4 <= view.byteLength; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === ZIP64_EXTRA) {
      const values: number[] = [];
      for (let v = at + 4; v + 8 <= at + 4 + size && v + 8 <= view.byteLength; v += 8) {
        values.push(Number(view.getBigUint64(v, true)));
      }
      return values;
    }
    at += 4 + size;
  }
  return undefined;
}

function thrown(error: Error): never {
  throw error;
}
