import { extname } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { cleanText } from '../text/clean-text.js';
import { decodeText } from './decode-text.js';
import { defaultDocumentLimits, formatSize, type DocumentLimits } from './document-limits.js';
import type { DocumentMeta } from './document-metadata.js';
import { readFrontMatter } from './front-matter.js';
import type { SandboxedFormat } from './parse-sandbox/protocol.js';
import { textTooLong } from './parse-sandbox/text-budget.js';
import { parseInWorker } from './parse-sandbox/run-in-worker.js';

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

const sandboxed: Partial<Record<string, SandboxedFormat>> = { '.pdf': 'pdf', '.docx': 'docx', '.html': 'html', '.htm': 'html' };

/**
 * Reads a document of any supported kind into text. Broken, empty or too costly files throw an
 * AppError that says which limit they hit (see document-limits.ts). PDF, DOCX and HTML are read
 * in a worker thread with memory and time limits; Markdown and TXT, whose reading is linear in
 * their size, here.
 */
export async function loadDocument(
  fileName: string,
  content: Uint8Array,
  limits: DocumentLimits = defaultDocumentLimits,
): Promise<LoadedDocument> {
  const ext = extname(fileName).toLowerCase();
  if (!supportedExtensions.includes(ext as never)) {
    throw new AppError(
      'unsupported_format',
      `Jenis berkas ${ext || '(tanpa ekstensi)'} tidak didukung. Gunakan PDF, DOCX, Markdown, TXT atau HTML.`,
    );
  }
  if (content.byteLength > limits.maxDocumentBytes) {
    throw new AppError(
      'document_too_large',
      `Berkas ${fileName} berukuran ${formatSize(content.byteLength)}; batasnya ${formatSize(limits.maxDocumentBytes)}.`,
    );
  }
  const format = sandboxed[ext];
  const loaded = format ? await loadSandboxed(format, fileName, content, limits) : loadText(ext, fileName, content);
  if (loaded.text.length > limits.maxTextChars) throw textTooLong(fileName, loaded.text.length, limits.maxTextChars);
  if (loaded.text.replace(/\s+/g, '').length < 20) {
    throw new AppError('empty_document', `Berkas ${fileName} tidak berisi teks yang dapat dibaca.`);
  }
  return loaded;
}

async function loadSandboxed(
  format: SandboxedFormat,
  fileName: string,
  content: Uint8Array,
  limits: DocumentLimits,
): Promise<LoadedDocument> {
  const { text, pageCount } = await parseInWorker({ format, fileName, content, limits });
  // A PDF's text can hold NUL or lone surrogates, which PostgreSQL refuses.
  return { format, text: cleanText(text), markdown: false, meta: {}, ...(pageCount === undefined ? {} : { pageCount }) };
}

function loadText(ext: string, fileName: string, content: Uint8Array): LoadedDocument {
  const text = decodeText(fileName, content);
  return ext === '.txt' ? { format: 'txt', text, markdown: false, meta: {} } : loadMarkdown(fileName, text);
}

function loadMarkdown(fileName: string, source: string): LoadedDocument {
  const parsed = readFrontMatter(fileName, source);
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
