import type { Api } from 'grammy';
import type { PhotoSize } from 'grammy/types';
import { UnreachableError, UpstreamError } from '../../errors.js';

/** The largest size of a photo that is not above `maxBytes` (Telegram sends several sizes, smallest first). */
export function pickPhotoSize(sizes: readonly PhotoSize[], maxBytes: number): PhotoSize | undefined {
  return [...sizes].reverse().find((s) => (s.file_size ?? 0) <= maxBytes);
}

/**
 * Downloads a file the user sent, as the Bot API serves it (getFile, then /file/bot<token>/<path>,
 * on the same API root the bot talks to). Throws UpstreamError when Telegram refuses and
 * UnreachableError when it cannot be reached; a file above `maxBytes` is refused before download.
 */
export async function downloadTelegramFile(api: Api, fileId: string, maxBytes: number): Promise<Buffer> {
  const file = await api.getFile(fileId);
  if (!file.file_path) throw new UpstreamError('telegram', 'getFile gave no file_path');
  if ((file.file_size ?? 0) > maxBytes) throw new UpstreamError('telegram', `file larger than ${maxBytes} bytes`);
  const root = (api.options?.apiRoot ?? 'https://api.telegram.org').replace(/\/+$/, '');
  let response: Response;
  try {
    response = await fetch(`${root}/file/bot${api.token}/${file.file_path}`, { signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new UnreachableError('telegram', 'file download failed', { cause: error });
  }
  if (!response.ok) throw new UpstreamError('telegram', `file download answered ${response.status}`, response.status);
  const content = Buffer.from(await response.arrayBuffer());
  if (content.length > maxBytes) throw new UpstreamError('telegram', `file larger than ${maxBytes} bytes`);
  return content;
}
