import { extname } from 'node:path';
import matter from 'gray-matter';
import { convert as htmlToText } from 'html-to-text';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { DocumentMeta } from './document-metadata.js';

export const supportedExtensions = ['.md', '.markdown', '.txt', '.html', '.htm', '.pdf', '.docx'] as const;

/** Text extracted from a file, with whatever metadata the file itself declares. */
export interface LoadedDocument {
  format: 'md' | 'txt' | 'html' | 'pdf' | 'docx';
  text: string;
  /** True when `text` is Markdown whose headings carry the structure. */
  markdown: boolean;
  meta: DocumentMeta;
  pageCount?: number;
}

const frontMatterSchema = z
  .object({
    title: z.string().optional(),
    regulation: z.string().optional(),
    year: z.coerce.number().int().optional(),
    topic: z.string().optional(),
    source: z.string().optional(),
    status: z.enum(['berlaku', 'dicabut']).optional(),
    replaced_by: z.string().optional(),
  })
  .passthrough();

/** Reads a document of any supported kind into text. Broken or empty files throw an AppError. */
export async function loadDocument(fileName: string, content: Uint8Array): Promise<LoadedDocument> {
  const ext = extname(fileName).toLowerCase();
  const loaded = await loadByExtension(ext, fileName, content);
  if (loaded.text.replace(/\s+/g, '').length < 20) {
    throw new AppError('empty_document', `Berkas ${fileName} tidak berisi teks yang dapat dibaca.`);
  }
  return loaded;
}

async function loadByExtension(ext: string, fileName: string, content: Uint8Array): Promise<LoadedDocument> {
  switch (ext) {
    case '.md':
    case '.markdown':
      return loadMarkdown(fileName, decodeText(fileName, content));
    case '.txt':
      return { format: 'txt', text: decodeText(fileName, content), markdown: false, meta: {} };
    case '.html':
    case '.htm':
      return { format: 'html', text: htmlText(decodeText(fileName, content)), markdown: false, meta: {} };
    case '.pdf':
      return loadPdf(fileName, content);
    case '.docx':
      return loadDocx(fileName, content);
    default:
      throw new AppError(
        'unsupported_format',
        `Jenis berkas ${ext || '(tanpa ekstensi)'} tidak didukung. Gunakan PDF, DOCX, Markdown, TXT atau HTML.`,
      );
  }
}

function loadMarkdown(fileName: string, source: string): LoadedDocument {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // gray-matter caches by content; a fresh options object keeps a bad file from poisoning the cache.
    parsed = matter(source, {});
  } catch (error) {
    throw new AppError('bad_front_matter', `Front matter di ${fileName} tidak valid: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const fm = frontMatterSchema.safeParse(parsed.data);
  if (!fm.success) {
    const issues = fm.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new AppError('bad_front_matter', `Front matter di ${fileName} tidak valid: ${issues}`);
  }
  const d = fm.data;
  return {
    format: 'md',
    text: parsed.content,
    markdown: true,
    meta: {
      title: d.title,
      regulation: d.regulation,
      year: d.year,
      topic: d.topic,
      sourceUrl: d.source,
      status: d.status,
      replacedBy: d.replaced_by,
    },
  };
}

function decodeText(fileName: string, content: Uint8Array): string {
  // A NUL byte means a binary file with a text extension: refuse rather than index garbage.
  if (content.includes(0)) throw new AppError('binary_file', `Berkas ${fileName} bukan teks biasa.`);
  return new TextDecoder('utf-8').decode(content).replace(/^\uFEFF/, '');
}

function htmlText(html: string): string {
  return htmlToText(html, {
    wordwrap: false,
    selectors: [
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
    ],
  });
}

async function loadPdf(fileName: string, content: Uint8Array): Promise<LoadedDocument> {
  try {
    // pdf.js takes ownership of the buffer it is given; hand it a copy.
    const pdf = await getDocumentProxy(new Uint8Array(content));
    const { totalPages, text } = await extractText(pdf, { mergePages: false });
    await pdf.destroy();
    return { format: 'pdf', text: text.join('\n'), markdown: false, meta: {}, pageCount: totalPages };
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') {
      throw new AppError('encrypted_pdf', `PDF ${fileName} dilindungi kata sandi. Unggah versi tanpa kata sandi.`, {
        cause: error,
      });
    }
    throw new AppError('unreadable_pdf', `PDF ${fileName} rusak atau tidak dapat dibaca.`, { cause: error });
  }
}

async function loadDocx(fileName: string, content: Uint8Array): Promise<LoadedDocument> {
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(content) });
    return { format: 'docx', text: value, markdown: false, meta: {} };
  } catch (error) {
    throw new AppError('unreadable_docx', `DOCX ${fileName} rusak atau tidak dapat dibaca.`, { cause: error });
  }
}
