import { AppError } from '../../errors.js';
import { formatCount } from '../document-limits.js';

/** One file inside a ZIP, as its central directory declares it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated (the two a DOCX uses). */
  method: number;
  compressed: number;
  uncompressed: number;
  /** Where the entry's local header starts. */
  offset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_EXTRA = 0x0001;

const broken = (fileName: string) => new AppError('unreadable_docx', `DOCX ${fileName} rusak atau tidak dapat dibaca.`);

/**
 * Every entry of a ZIP's central directory (ZIP64 included), read without inflating anything.
 * A broken directory is an unreadable DOCX; more entries than `maxEntries` is refused.
 */
export function readZipDirectory(fileName: string, content: Uint8Array, maxEntries: number): ZipEntry[] {
  const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
  const fail = (): never => {
    throw broken(fileName);
  };
  const u16 = (at: number) => (at + 2 <= view.byteLength ? view.getUint16(at, true) : fail());
  const u32 = (at: number) => (at + 4 <= view.byteLength ? view.getUint32(at, true) : fail());
  const u64 = (at: number) => (at + 8 <= view.byteLength ? Number(view.getBigUint64(at, true)) : fail());

  const end = findEndOfDirectory(view);
  if (end < 0) fail();
  let count = u16(end + 10);
  let directory = u32(end + 16);
  if (count === 0xffff || directory === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || u32(locator) !== ZIP64_LOCATOR) fail();
    const zip64End = u64(locator + 8);
    if (u32(zip64End) !== ZIP64_END_OF_DIRECTORY) fail();
    count = u64(zip64End + 32);
    directory = u64(zip64End + 48);
  }
  if (count > maxEntries) {
    throw new AppError(
      'docx_entries',
      `DOCX ${fileName} berisi ${formatCount(count)} bagian; batasnya ${formatCount(maxEntries)} bagian.`,
    );
  }

  const entries: ZipEntry[] = [];
  let at = directory;
  for (let i = 0; i < count; i++) {
    if (u32(at) !== DIRECTORY_ENTRY) fail();
    const method = u16(at + 10);
    let compressed = u32(at + 20);
    let uncompressed = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let offset = u32(at + 42);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff || offset === 0xffffffff) {
      // ZIP64 keeps the real values in an extra field, in this order, each only when its header field is full.
      const sizes = zip64Sizes(view, at + 46 + nameLength, extraLength) ?? fail();
      let k = 0;
      if (uncompressed === 0xffffffff) uncompressed = sizes[k++] ?? fail();
      if (compressed === 0xffffffff) compressed = sizes[k++] ?? fail();
      if (offset === 0xffffffff) offset = sizes[k++] ?? fail();
    }
    const name = Buffer.from(content.buffer, content.byteOffset + at + 46, Math.min(nameLength, view.byteLength - at - 46)).toString('latin1');
    entries.push({ name, method, compressed, uncompressed, offset });
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


/** Where an entry's data starts: after its local header, whose name and extra lengths may differ from the directory's. */
export function entryDataStart(fileName: string, content: Uint8Array, entry: ZipEntry): number {
  const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
  if (entry.offset + 30 > view.byteLength || view.getUint32(entry.offset, true) !== LOCAL_HEADER) throw broken(fileName);
  const start = entry.offset + 30 + view.getUint16(entry.offset + 26, true) + view.getUint16(entry.offset + 28, true);
  if (start + entry.compressed > view.byteLength) throw broken(fileName);
  return start;
}
