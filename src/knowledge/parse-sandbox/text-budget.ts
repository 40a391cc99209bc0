import { AppError } from '../../errors.js';
import { formatCount } from '../document-limits.js';

/** The refusal for a document whose text is longer than the limit, shared by every format. */
export function textTooLong(fileName: string, chars: number, maxChars: number, atLeast = false): AppError {
  return new AppError(
    'text_too_long',
    `Teks berkas ${fileName} ${atLeast ? 'lebih dari' : 'berisi'} ${formatCount(chars)} karakter; ` +
      `batasnya ${formatCount(maxChars)} karakter.`,
  );
}
