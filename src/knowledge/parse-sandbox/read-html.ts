import { convert as htmlToText } from 'html-to-text';
import type { DocumentLimits } from '../document-limits.js';
import { decodeText } from '../decode-text.js';
import { textTooLong } from './text-budget.js';

/** The visible text of an HTML page: headings as written, no link targets, images or scripts. */
export function readHtml(fileName: string, content: Uint8Array, limits: DocumentLimits): string {
  const text = htmlToText(decodeText(fileName, content), {
    wordwrap: false,
    // The cap keeps one huge page from building a huge DOM; the text check below names the limit.
    limits: { maxInputLength: limits.maxDocumentBytes },
    selectors: [
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
    ],
  });
  if (text.length > limits.maxTextChars) throw textTooLong(fileName, text.length, limits.maxTextChars);
  return text;
}
