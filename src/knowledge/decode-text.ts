import { AppError } from '../errors.js';

/** The UTF-8 text of a text file (Markdown, TXT, HTML), without its byte-order mark. */
export function decodeText(fileName: string, content: Uint8Array): string {
  // A NUL byte means a binary file with a text extension: refuse rather than index garbage.
  if (content.includes(0)) throw new AppError('binary_file', `Berkas ${fileName} bukan teks biasa.`);
  return new TextDecoder('utf-8').decode(content).replace(/^\uFEFF/, '');
}
