import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { loadDocument } from '../../src/knowledge/load-document.js';
import { corpusDir, fixturesDir, hasCorpus, knowledgeDir } from '../helpers/knowledge.js';
import { hostileFrontMatter, plainDocx } from './hostile-documents.js';

const bytes = (s: string) => new TextEncoder().encode(s);

/** The AppError a load fails with (fails the test if it does not fail with one). */
async function failure(fileName: string, content: Uint8Array): Promise<AppError> {
  const error = await loadDocument(fileName, content).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function makePdf(pages: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of pages) doc.addPage([400, 300]).drawText(text, { x: 20, y: 250, size: 12, font });
  return doc.save();
}

describe('loadDocument: Markdown', () => {
  it('maps the front matter to the document metadata and keeps the body as Markdown', async () => {
    const source = [
      '---',
      'title: Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin PNS',
      'regulation: PP 94/2021',
      'year: "2021"',
      'topic: disiplin',
      'source: https://peraturan.bpk.go.id/Details/187027',
      'status: dicabut',
      'replaced_by: PP 1/2030',
      '---',
      '## Pasal 3 — Kewajiban dasar PNS',
      '',
      'PNS wajib setia dan taat kepada Pancasila.',
      '',
    ].join('\n');
    const doc = await loadDocument('pp-94.md', bytes(source));
    expect(doc.format).toBe('md');
    expect(doc.markdown).toBe(true);
    expect(doc.text.trim()).toBe('## Pasal 3 — Kewajiban dasar PNS\n\nPNS wajib setia dan taat kepada Pancasila.');
    expect(doc.meta).toEqual({
      title: 'Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin PNS',
      regulation: 'PP 94/2021',
      year: 2021,
      topic: 'disiplin',
      sourceUrl: 'https://peraturan.bpk.go.id/Details/187027',
      status: 'dicabut',
      replacedBy: 'PP 1/2030',
    });
  });

  it('loads Markdown without front matter, with a BOM, under either extension', async () => {
    const doc = await loadDocument('catatan.markdown', bytes('\uFEFF## Pasal 1\n\nIsi pasal pertama tentang disiplin.'));
    expect(doc.format).toBe('md');
    expect(doc.text.startsWith('## Pasal 1')).toBe(true);
    expect(doc.meta.regulation).toBeUndefined();
  });

  it('refuses front matter that is not YAML', async () => {
    const error = await failure(
      'rusak.md',
      bytes('---\ntitle: [tidak ditutup\n---\n## Pasal 1\n\nIsi pasal pertama yang cukup panjang.\n'),
    );
    expect(error.code).toBe('bad_front_matter');
    expect(error.userMessage).toContain('rusak.md');
  });

  it('refuses front matter with a wrong status or a year that is not a number', async () => {
    const status = await failure(
      'status.md',
      bytes('---\nstatus: kadaluarsa\n---\n## Pasal 1\n\nIsi pasal pertama yang cukup panjang.\n'),
    );
    expect(status.code).toBe('bad_front_matter');
    expect(status.userMessage).toContain('status');
    const year = await failure(
      'tahun.md',
      bytes('---\nyear: dua ribu\n---\n## Pasal 1\n\nIsi pasal pertama yang cukup panjang.\n'),
    );
    expect(year.code).toBe('bad_front_matter');
    expect(year.userMessage).toContain('year');
  });

  it('refuses the same broken front matter every time, not only the first', async () => {
    const source = bytes('---\nregulation: [PP 94/2021\n---\n## Pasal 2\n\nIsi pasal kedua yang cukup panjang.\n');
    expect((await failure('a.md', source)).code).toBe('bad_front_matter');
    expect((await failure('a.md', source)).code).toBe('bad_front_matter');
  });

  it('refuses Markdown that is only front matter', async () => {
    expect((await failure('kosong.md', bytes('---\ntitle: Judul saja\n---\n'))).code).toBe('empty_document');
  });
});

describe('loadDocument: front matter is YAML and nothing else', () => {
  const dir = mkdtempSync(join(tmpdir(), 'asn-front-matter-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a JavaScript front matter without running it, whatever the opening line calls it', async () => {
    for (const opening of ['---js', '---javascript', '--- javascript', '---JS ', '---coffee', '---json']) {
      const marker = join(dir, `dijalankan-${opening.replace(/\W/g, '')}`);
      const error = await failure('jahat.md', bytes(hostileFrontMatter(marker, opening)));
      expect(error.code).toBe('front_matter_language');
      expect(error.userMessage).toContain('jahat.md');
      expect(error.userMessage).toContain('hanya YAML yang diterima');
      expect(error.userMessage).toContain(`"${opening.slice(3).trim()}"`);
      expect(existsSync(marker)).toBe(false);
    }
  });

  it('reads YAML with the core schema: no tag builds a function, no alias expands', async () => {
    const marker = join(dir, 'dijalankan-tag');
    const tag = await failure(
      'tag.md',
      bytes(
        `---\ntitle: !!js/function "function () { require('fs').writeFileSync('${marker}', 'x') }"\n---\n## Pasal 1\n\nIsi pasal pertama yang cukup panjang.\n`,
      ),
    );
    expect(tag.code).toBe('bad_front_matter');
    expect(tag.userMessage).toContain('tag.md');
    expect(existsSync(marker)).toBe(false);
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const n of 'bcdefghi') laughs.push(`${n}: &${n} [${Array(9).fill(`*${String.fromCharCode(n.charCodeAt(0) - 1)}`).join(',')}]`);
    const aliases = await failure('tawa.md', bytes(`---\n${laughs.join('\n')}\n---\n## Pasal 1\n\nIsi pasal pertama yang cukup panjang.\n`));
    expect(aliases.code).toBe('bad_front_matter');
  });

  it('accepts ---yaml as the opening line and a Markdown rule (----) as no front matter', async () => {
    const yaml = await loadDocument('yaml.md', bytes('---yaml\nregulation: PP 94/2021\n---\n## Pasal 1\n\nIsi pasal pertama yang cukup panjang.\n'));
    expect(yaml.meta.regulation).toBe('PP 94/2021');
    const rule = await loadDocument('garis.md', bytes('----\n\n## Pasal 1\n\nIsi pasal pertama yang cukup panjang.\n'));
    expect(rule.meta.regulation).toBeUndefined();
    expect(rule.text).toContain('## Pasal 1');
  });

  it('refuses front matter that is never closed or longer than its limit', async () => {
    const open = await failure('terbuka.md', bytes('---\ntitle: Judul\n## Pasal 1\n\nIsi pasal pertama yang cukup panjang.\n'));
    expect(open.code).toBe('bad_front_matter');
    expect(open.userMessage).toContain('tidak ditutup');
    const long = await failure('panjang.md', bytes(`---\nsummary: "${'x'.repeat(20_000)}"\n---\n## Pasal 1\n\nIsi pasal pertama.\n`));
    expect(long.code).toBe('front_matter_too_long');
    expect(long.userMessage).toMatch(/batasnya 16\.384 karakter/);
  });

  it('reads the front matter of every file of the default knowledge base', async () => {
    for (const file of readdirSync(knowledgeDir).filter((f) => f.endsWith('.md'))) {
      const doc = await loadDocument(file, readFileSync(join(knowledgeDir, file)));
      expect(doc.meta.title, file).toBeTruthy();
      expect(doc.meta.regulation, file).toBeTruthy();
      expect(doc.text.startsWith('---'), file).toBe(false);
    }
  });
});

describe('loadDocument: TXT and HTML', () => {
  it('reads a text file as plain text', async () => {
    const doc = await loadDocument('PP-94.TXT', bytes('\uFEFFPasal 1\r\nPNS wajib masuk kerja dan menaati jam kerja.'));
    expect(doc).toMatchObject({ format: 'txt', markdown: false, meta: {} });
    expect(doc.text).toBe('Pasal 1\r\nPNS wajib masuk kerja dan menaati jam kerja.');
  });

  it.skipIf(!hasCorpus)('reads every real regulation of the corpus within the limits', async () => {
    for (const file of readdirSync(corpusDir)) {
      const doc = await loadDocument(file, readFileSync(join(corpusDir, file)));
      expect(doc.text.length, file).toBeGreaterThan(10_000);
    }
  });

  it('refuses a binary file with a text extension', async () => {
    const content = new Uint8Array([...bytes('Pasal 1 PNS wajib masuk kerja dan menaati jam kerja.'), 0, 1, 2, 3]);
    const error = await failure('foto.txt', content);
    expect(error.code).toBe('binary_file');
    expect(error.userMessage).toContain('foto.txt');
  });

  it('extracts the text of an HTML page without upper-casing headings, links or images', async () => {
    const html =
      '<!doctype html><html><head><title>Judul tab</title><style>p{color:red}</style></head><body>' +
      '<h1>Disiplin Pegawai</h1><h2>Pasal 3</h2><p>PNS wajib <b>masuk kerja</b> dan menaati <a href="https://contoh.go.id/jam">jam kerja</a>.</p>' +
      '<img src="logo.png" alt="logo"><script>var rahasia = 1;</script></body></html>';
    const doc = await loadDocument('halaman.html', bytes(html));
    expect(doc.format).toBe('html');
    expect(doc.markdown).toBe(false);
    expect(doc.text).toContain('Disiplin Pegawai');
    expect(doc.text).not.toContain('DISIPLIN PEGAWAI');
    expect(doc.text).toContain('PNS wajib masuk kerja dan menaati jam kerja.');
    expect(doc.text).not.toMatch(/contoh\.go\.id|logo|rahasia|color|</);
  });

  it('reads .htm as HTML too', async () => {
    const doc = await loadDocument('lama.htm', bytes('<p>Cuti tahunan paling lama dua belas hari kerja.</p>'));
    expect(doc.text).toBe('Cuti tahunan paling lama dua belas hari kerja.');
  });
});

describe('loadDocument: PDF', () => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = await makePdf([
      'Pasal 1 Halaman pertama tentang disiplin pegawai.',
      'Pasal 2 Halaman kedua tentang cuti tahunan.',
      'Pasal 3 Halaman ketiga tentang netralitas ASN.',
    ]);
  });

  it('extracts the text of every page, in order, and counts the pages', async () => {
    const doc = await loadDocument('pp.pdf', pdf);
    expect(doc).toMatchObject({ format: 'pdf', markdown: false, pageCount: 3 });
    const first = doc.text.indexOf('Halaman pertama tentang disiplin pegawai.');
    const second = doc.text.indexOf('Halaman kedua tentang cuti tahunan.');
    const third = doc.text.indexOf('Halaman ketiga tentang netralitas ASN.');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(second).toBeGreaterThan(first);
    expect(third).toBeGreaterThan(second);
  });

  it("leaves the caller's bytes usable", async () => {
    const copy = new Uint8Array(pdf);
    await loadDocument('pp.pdf', pdf);
    expect(pdf.byteLength).toBe(copy.byteLength);
    expect(Buffer.from(pdf).equals(Buffer.from(copy))).toBe(true);
    // And the same bytes load a second time.
    expect((await loadDocument('pp.pdf', pdf)).pageCount).toBe(3);
  });

  it('refuses random bytes named .pdf', async () => {
    const random = new Uint8Array(Array.from({ length: 2_000 }, (_, i) => (i * 7919 + 13) % 256));
    const error = await failure('acak.pdf', random);
    expect(error.code).toBe('unreadable_pdf');
    expect(error.userMessage).toContain('acak.pdf');
  });

  it('refuses a truncated PDF', async () => {
    expect((await failure('potong.pdf', pdf.slice(0, Math.floor(pdf.length / 3)))).code).toBe('unreadable_pdf');
    expect((await failure('potong.pdf', pdf.slice(0, 20))).code).toBe('unreadable_pdf');
  });

  it('refuses a password-protected PDF with its own message', async () => {
    const encrypted = readFileSync(join(fixturesDir, 'encrypted.pdf'));
    const error = await failure('rahasia.pdf', new Uint8Array(encrypted));
    expect(error.code).toBe('encrypted_pdf');
    expect(error.userMessage).toMatch(/kata sandi/);
  });

  it('refuses a PDF without text (a scan without OCR) as empty', async () => {
    const blank = await PDFDocument.create();
    blank.addPage();
    blank.addPage();
    expect((await failure('scan.pdf', await blank.save())).code).toBe('empty_document');
  });
});

describe('loadDocument: DOCX', () => {
  it('extracts the text of the paragraphs and runs', async () => {
    const docx = await plainDocx([
      ['Pasal 1'],
      ['PNS wajib masuk kerja ', 'dan menaati jam kerja.'],
      ['Pasal 2'],
      ['PNS dilarang bolos.'],
    ]);
    const doc = await loadDocument('sk.docx', docx);
    expect(doc).toMatchObject({ format: 'docx', markdown: false });
    expect(doc.text).toContain('PNS wajib masuk kerja dan menaati jam kerja.');
    expect(doc.text.indexOf('Pasal 2')).toBeGreaterThan(doc.text.indexOf('jam kerja'));
    expect(doc.text).not.toContain('<w:');
  });

  it('refuses a file that is not a DOCX', async () => {
    const error = await failure('surat.docx', bytes('ini bukan docx sama sekali, hanya teks biasa yang panjang'));
    expect(error.code).toBe('unreadable_docx');
    expect(error.userMessage).toContain('surat.docx');
  });

  it('refuses a truncated DOCX and a zip without a Word document', async () => {
    const docx = await plainDocx(['Pasal 1 PNS wajib masuk kerja dan menaati jam kerja.']);
    expect((await failure('potong.docx', docx.slice(0, 100))).code).toBe('unreadable_docx');
    const zip = new JSZip();
    zip.file('catatan.txt', 'zip tanpa dokumen word di dalamnya');
    expect((await failure('arsip.docx', await zip.generateAsync({ type: 'uint8array' }))).code).toBe('unreadable_docx');
  });
});

describe('loadDocument: what it cannot read', () => {
  it('refuses an unknown extension in Indonesian, naming the supported ones', async () => {
    const error = await failure('setup.exe', bytes('MZ program yang bukan dokumen sama sekali'));
    expect(error.code).toBe('unsupported_format');
    expect(error.userMessage).toContain('.exe');
    expect(error.userMessage).toContain('tidak didukung');
    expect(error.userMessage).toMatch(/PDF.*DOCX/);
  });

  it('refuses a file without extension', async () => {
    const error = await failure('README', bytes('Berkas tanpa ekstensi apa pun di namanya.'));
    expect(error.code).toBe('unsupported_format');
    expect(error.userMessage).toContain('tanpa ekstensi');
  });

  it('refuses an empty or blank file', async () => {
    for (const content of [new Uint8Array(), bytes('   \n\n\t  '), bytes('Pasal 1')]) {
      const error = await failure('kosong.txt', content);
      expect(error.code).toBe('empty_document');
      expect(error.userMessage).toContain('kosong.txt');
    }
  });
});
