// Files an attacker would upload: small on disk, enormous once read. They are built at run time
// (no megabytes in git), each with Node's own zlib, streamed, so building one costs a second or two.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createDeflate, createDeflateRaw, deflateSync } from 'node:zlib';
import JSZip from 'jszip';

const MB = 1024 * 1024;

/**
 * `unit` repeated as many whole times as fit in `total` bytes, as a stream of about 1 MB chunks
 * (never the whole thing in memory). Returns the stream and the exact number of bytes it yields.
 */
function repeated(unit: string, total: number): { stream: Readable; bytes: number } {
  const perChunk = Math.max(1, Math.floor(MB / unit.length));
  const chunk = Buffer.from(unit.repeat(perChunk));
  let units = Math.floor(total / unit.length);
  const bytes = units * unit.length;
  const stream = new Readable({
    read() {
      if (units <= 0) return this.push(null);
      const n = Math.min(units, perChunk);
      units -= n;
      this.push(n === perChunk ? chunk : chunk.subarray(0, n * unit.length));
    },
  });
  return { stream, bytes };
}

async function compressed(source: Readable, raw: boolean): Promise<Buffer> {
  const parts: Buffer[] = [];
  const deflate = raw ? createDeflateRaw({ level: constants.Z_BEST_COMPRESSION }) : createDeflate({ level: constants.Z_BEST_COMPRESSION });
  deflate.on('data', (c: Buffer) => parts.push(c));
  await pipeline(source, deflate);
  return Buffer.concat(parts);
}

/** A PDF written object by object: `objects[i]` is object i + 1; offsets and xref are computed. */
function assemblePdf(objects: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.isBuffer(body) ? body : Buffer.from(body), Buffer.from('\nendobj\n')]);
    parts.push(part);
    offset += part.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)];
  parts.push(Buffer.from(`${xref.join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`));
  return Buffer.concat(parts);
}

const font = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
const stream = (dict: string, data: Buffer) =>
  Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);

/**
 * A PDF of `pages` pages that all share one small content stream: 25,000 pages fit in about 3 MB,
 * and reading every page used to take minutes and all the memory there was.
 */
export function manyPagesPdf(pages: number): Buffer {
  const first = 4; // 1 catalog, 2 page tree, 3 content; pages from 4 on
  const kids = Array.from({ length: pages }, (_, i) => `${first + i} 0 R`).join(' ');
  const content = Buffer.from('BT /F1 12 Tf 20 100 Td (Pasal 1 Pegawai wajib masuk kerja.) Tj ET');
  return assemblePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Count ${pages} /Kids [${kids}] /Resources << /Font << /F1 ${font} >> >> /MediaBox [0 0 300 200] >>`,
    stream('', content),
    ...Array.from({ length: pages }, () => '<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>'),
  ]);
}

/**
 * A one-page PDF whose content stream inflates to `decodedBytes` of drawing operators: 178 MB
 * from 600 KB blocked the event loop for three minutes.
 */
export async function hugeStreamPdf(decodedBytes: number): Promise<Buffer> {
  const data = await compressed(repeated('BT /F1 12 Tf 20 100 Td (Pasal 1 bom) Tj ET\n', decodedBytes).stream, false);
  return assemblePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Count 1 /Kids [4 0 R] /Resources << /Font << /F1 ${font} >> >> /MediaBox [0 0 300 200] >>`,
    stream('/Filter /FlateDecode', data),
    '<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>',
  ]);
}

/** A small ordinary PDF written by hand, one text line per page, for tests that need a control. */
export function plainPdf(lines: string[]): Buffer {
  const pages = lines.length;
  return assemblePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Count ${pages} /Kids [${lines.map((_, i) => `${3 + 2 * i} 0 R`).join(' ')}] /Resources << /Font << /F1 ${font} >> >> /MediaBox [0 0 300 200] >>`,
    ...lines.flatMap((line, i) => [
      `<< /Type /Page /Parent 2 0 R /Contents ${4 + 2 * i} 0 R >>`,
      stream('/Filter /FlateDecode', deflateSync(`BT /F1 12 Tf 20 100 Td (${line}) Tj ET`)),
    ]),
  ]);
}

const contentTypes =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const rels =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const documentOpen =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const documentClose = '</w:body></w:document>';
const paragraph = '<w:p><w:r><w:t>Pasal 1 Pegawai wajib masuk kerja dan menaati jam kerja.</w:t></w:r></w:p>';

/**
 * An ordinary DOCX of the given paragraphs (jszip, as Word would pack it), each its text or its
 * runs (Word splits a paragraph into runs where the formatting changes).
 */
export async function plainDocx(paragraphs: (string | string[])[]): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', contentTypes);
  zip.file('_rels/.rels', rels);
  const escaped = (r: string) => r.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const run = (r: string) => `<w:r><w:t xml:space="preserve">${escaped(r)}</w:t></w:r>`;
  const body = paragraphs.map((p) => `<w:p>${[p].flat().map(run).join('')}</w:p>`).join('');
  zip.file('word/document.xml', `${documentOpen}${body}${documentClose}`);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/**
 * A DOCX whose `word/document.xml` is `inflatedBytes` of repeated paragraphs: 200 MB packs into
 * about 600 KB. The ZIP is written by hand around a raw deflate stream made by Node's zlib
 * (jszip would need the 200 MB in memory first). With `declaredBytes`, the ZIP lies about the
 * unpacked size, as a bomb made to pass a check of the directory would; it then skips the CRC
 * (zeros: jszip, as mammoth calls it, does not check CRCs), which would cost seconds per GB here.
 */
export async function docxBomb(inflatedBytes: number, declaredBytes?: number): Promise<Uint8Array> {
  const body = repeated(paragraph, inflatedBytes - documentOpen.length - documentClose.length);
  const size = documentOpen.length + body.bytes + documentClose.length;
  const crc = declaredBytes === undefined ? crc32Stream() : { update: (c: Buffer) => c, value: () => 0 };
  const xml = Readable.from(
    (async function* () {
      yield crc.update(Buffer.from(documentOpen));
      for await (const chunk of body.stream) yield crc.update(chunk as Buffer);
      yield crc.update(Buffer.from(documentClose));
    })(),
  );
  const data = await compressed(xml, true);
  return zipOf([
    { name: '[Content_Types].xml', ...storedEntry(Buffer.from(contentTypes)) },
    { name: '_rels/.rels', ...storedEntry(Buffer.from(rels)) },
    { name: 'word/document.xml', method: 8, data, crc: crc.value(), size: declaredBytes ?? size },
  ]);
}

interface ZipEntry {
  name: string;
  method: 0 | 8;
  data: Buffer;
  crc: number;
  /** The unpacked size written in the headers. */
  size: number;
}

const storedEntry = (content: Buffer) => ({ method: 0 as const, data: content, crc: crc32(content), size: content.length });

/** A plain ZIP (no ZIP64, no data descriptors) of the given entries. */
function zipOf(entries: ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32Stream() {
  let crc = 0xffffffff;
  return {
    update(chunk: Buffer): Buffer {
      for (let i = 0; i < chunk.length; i++) crc = crcTable[(crc ^ chunk[i]!) & 0xff]! ^ (crc >>> 8);
      return chunk;
    },
    value: () => (crc ^ 0xffffffff) >>> 0,
  };
}

function crc32(content: Buffer): number {
  const t = crc32Stream();
  t.update(content);
  return t.value();
}

/** Writes a built file to disk, for the CLI and `KNOWLEDGE_DIR` tests. */
export async function writeTo(path: string, content: Uint8Array): Promise<void> {
  await pipeline(Readable.from([Buffer.from(content)]), createWriteStream(path));
}

/**
 * A Markdown file whose front matter, if evaluated as JavaScript (gray-matter did, for `---js`),
 * writes `marker`: the test asserts the file does not appear.
 */
export function hostileFrontMatter(marker: string, opening = '---js'): string {
  const payload = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'dijalankan')`;
  return `${opening}\n{ title: (${payload}, 'Peraturan palsu'), regulation: 'PP 1/2099' }\n---\n## Pasal 1\n\nPegawai wajib membaca peraturan ini dengan saksama.\n`;
}

/**
 * A legitimate but heavy DOCX: `xmlBytes` of varied paragraphs with Word's usual run formatting,
 * packing about 5 times like a real one, so it passes every ZIP check and mammoth must really
 * parse it (seconds of synchronous XML parsing for 8 MB).
 */
export async function heavyDocx(xmlBytes: number): Promise<Uint8Array> {
  const words = ['pegawai', 'wajib', 'masuk', 'kerja', 'menaati', 'ketentuan', 'jam', 'cuti', 'tahunan', 'disiplin', 'atasan', 'laporan'];
  let seed = 7;
  const word = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return `${words[seed % words.length]}${seed % 97}`;
  };
  const paragraphs: string[] = [];
  for (let size = 0, n = 1; size < xmlBytes; n++) {
    const text = `Pasal ${n} ${Array.from({ length: 12 }, word).join(' ')}.`;
    const p =
      `<w:p w:rsidR="00A1B2C3"><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>` +
      `<w:sz w:val="24"/></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
    paragraphs.push(p);
    size += p.length;
  }
  const zip = new JSZip();
  zip.file('[Content_Types].xml', contentTypes);
  zip.file('_rels/.rels', rels);
  zip.file('word/document.xml', `${documentOpen}${paragraphs.join('')}${documentClose}`);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** Writes LZW codes the way PDF's LZWDecode reads them: MSB first, widths 9-12 with early change. */
function lzwBits(codes: Iterable<number>): Buffer {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  let next = 258; // the encoder's next free code, which sets the width one step ahead of the decoder
  for (const code of codes) {
    const width = next >= 2048 ? 12 : next >= 1024 ? 11 : next >= 512 ? 10 : 9;
    buffer = (buffer << width) | code;
    bits += width;
    while (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
    if (code === 256) next = 258;
    else if (code !== 257 && next < 4096) next++;
  }
  if (bits > 0) out.push((buffer << (8 - bits)) & 0xff);
  return Buffer.from(out);
}

/** A plain LZW encoder (for small inputs): the PDF reference's "-----A---B" gives 80 0B 60 50 22 0C 0C 85 01. */
export function lzwEncode(input: Uint8Array): Buffer {
  const dictionary = new Map<string, number>();
  const codes = [256];
  let next = 258;
  let w = '';
  for (const byte of input) {
    const wc = w + String.fromCharCode(byte);
    if (w === '' || dictionary.has(wc)) {
      w = wc;
      continue;
    }
    codes.push(w.length === 1 ? w.charCodeAt(0) : dictionary.get(w)!);
    if (next < 4096) dictionary.set(wc, next++);
    w = String.fromCharCode(byte);
  }
  if (w) codes.push(w.length === 1 ? w.charCodeAt(0) : dictionary.get(w)!);
  codes.push(257);
  return lzwBits(codes);
}

/**
 * LZW of `decodedBytes` spaces, written code by code: each new code is one space longer than the
 * last until the table is full, then the longest (3,840 spaces) again and again; 1 GB in ~400 KB.
 */
export function lzwBomb(decodedBytes: number): Buffer {
  function* codes() {
    yield 256;
    yield 32;
    let produced = 1;
    for (let code = 258; code < 4096 && produced < decodedBytes; code++) {
      yield code;
      produced += code - 256;
    }
    while (produced < decodedBytes) {
      yield 4095;
      produced += 4095 - 256;
    }
    yield 257;
  }
  return lzwBits(codes());
}

/** A one-page PDF whose content stream is an LZW bomb: no Flate at all. */
export function lzwStreamPdf(decodedBytes: number): Buffer {
  return assemblePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Count 1 /Kids [4 0 R] /Resources << /Font << /F1 ${font} >> >> /MediaBox [0 0 300 200] >>`,
    stream('/Filter /LZWDecode', lzwBomb(decodedBytes)),
    '<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>',
  ]);
}
