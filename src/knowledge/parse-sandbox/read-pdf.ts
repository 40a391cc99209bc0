import { getDocumentProxy } from 'unpdf';
import { AppError } from '../../errors.js';
import { formatCount, type DocumentLimits } from '../document-limits.js';
import { checkPdfStreams } from './pdf-streams.js';
import { textTooLong } from './text-budget.js';

/** The text of a PDF, page by page. */
export interface PdfText {
  text: string;
  pageCount: number;
}

/**
 * Extracts a PDF's text within the limits: the compressed streams are measured first, the page
 * count is checked before any page is read, and the text is counted page by page. `onPage` is
 * told each page before it is read, so that the caller can time pages.
 */
export async function readPdf(
  fileName: string,
  content: Uint8Array,
  limits: DocumentLimits,
  onPage: (page: number) => void = () => {},
): Promise<PdfText> {
  await checkPdfStreams(fileName, content, limits);
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of the buffer it is given; hand it a copy. No eval: fonts are not compiled to code.
    pdf = await getDocumentProxy(new Uint8Array(content), { isEvalSupported: false, verbosity: 0 });
  } catch (error) {
    throw unreadable(fileName, error);
  }
  try {
    if (pdf.numPages > limits.maxPdfPages) {
      throw new AppError(
        'pdf_too_many_pages',
        `PDF ${fileName} memiliki ${formatCount(pdf.numPages)} halaman; batasnya ${formatCount(limits.maxPdfPages)} halaman.`,
      );
    }
    const pages: string[] = [];
    let chars = 0;
    for (let number = 1; number <= pdf.numPages; number++) {
      onPage(number);
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      // The same joining as unpdf's extractText: an item, then a line break where the PDF ends a line.
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      page.cleanup();
      chars += text.length + 1;
      if (chars > limits.maxTextChars) throw textTooLong(fileName, chars, limits.maxTextChars, true);
      pages.push(text);
    }
    return { text: pages.join('\n'), pageCount: pdf.numPages };
  } catch (error) {
    throw error instanceof AppError ? error : unreadable(fileName, error);
  } finally {
    await pdf.destroy();
  }
}

function unreadable(fileName: string, error: unknown): AppError {
  if ((error as { name?: string }).name === 'PasswordException') {
    return new AppError('encrypted_pdf', `PDF ${fileName} dilindungi kata sandi. Unggah versi tanpa kata sandi.`, { cause: error });
  }
  return new AppError('unreadable_pdf', `PDF ${fileName} rusak atau tidak dapat dibaca.`, { cause: error });
}
