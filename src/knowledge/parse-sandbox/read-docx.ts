import mammoth from 'mammoth';
import { AppError } from '../../errors.js';
import type { DocumentLimits } from '../document-limits.js';
import { checkDocxArchive } from './docx-archive.js';
import { textTooLong } from './text-budget.js';

/** Extracts a DOCX's text after its ZIP directory has passed the size and ratio limits. */
export async function readDocx(fileName: string, content: Uint8Array, limits: DocumentLimits): Promise<string> {
  await checkDocxArchive(fileName, content, limits);
  let text: string;
  try {
    ({ value: text } = await mammoth.extractRawText({ buffer: Buffer.from(content.buffer, content.byteOffset, content.byteLength) }));
  } catch (error) {
    // jszip compares what it inflated with the declared size too; the check above comes first.
    if (/size mismatch/i.test((error as Error).message ?? '')) {
      throw new AppError(
        'docx_size_mismatch',
        `DOCX ${fileName} berisi lebih banyak daripada yang dicatat di dalamnya (ciri bom zip); berkas ditolak.`,
        { cause: error },
      );
    }
    throw new AppError('unreadable_docx', `DOCX ${fileName} rusak atau tidak dapat dibaca.`, { cause: error });
  }
  if (text.length > limits.maxTextChars) throw textTooLong(fileName, text.length, limits.maxTextChars);
  return text;
}
