/** Telegram refuses a button whose callback data is longer than this (BUTTON_DATA_INVALID). */
export const maxCallbackDataBytes = 64;

/**
 * A button's callback data: its parts joined with ':', checked against Telegram's 64-byte limit
 * here, where the mistake is made, rather than as a 400 when the message is sent.
 */
export function callbackData(...parts: (string | number)[]): string {
  const data = parts.join(':');
  if (Buffer.byteLength(data, 'utf8') > maxCallbackDataBytes)
    throw new Error(`callback data of "${String(parts[0])}" is over ${maxCallbackDataBytes} bytes`);
  return data;
}
