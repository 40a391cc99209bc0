/**
 * Text from outside (chat messages, form fields, JSON bodies) as the rest of the code may store
 * and search it. PostgreSQL refuses U+0000 in text and JSON, and a lone UTF-16 surrogate cannot be
 * encoded as UTF-8: either turns a harmless message into a 500 or a poison update that is
 * redelivered forever. Cleaning once at the edge keeps every service free of the concern.
 */

// C0 controls but tab, newline and carriage return; DEL; lone high or low surrogates.
const unwanted =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Drops control characters and replaces lone surrogates with U+FFFD; everything else is kept. */
export function cleanText(text: string): string {
  return text.replace(unwanted, (ch) => (ch.length === 1 && ch >= '\uD800' && ch <= '\uDFFF' ? '\uFFFD' : ''));
}

/**
 * `cleanText` applied to every string (and object key) inside a parsed JSON value or form. Only
 * arrays and plain objects are entered: an uploaded `File` or a `Date` is passed on as it is.
 */
export function cleanJson<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => cleanJson(v)) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[cleanText(k)] = cleanJson(v);
    return out as T;
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
