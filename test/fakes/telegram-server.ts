/**
 * A protocol-faithful fake of the Telegram Bot API (https://core.telegram.org/bots/api), for end-to-end tests.
 *
 * Only `node:http`; listens on 127.0.0.1 on an ephemeral port. A real grammY bot works against it unchanged:
 * `new Bot(fake.token, { client: { apiRoot: fake.url } })`. Requests are `POST|GET /bot<token>/<method>` with
 * parameters in the query string and/or a JSON, urlencoded or multipart body (grammY sends multipart when a
 * payload holds an `InputFile`). Answers are `{"ok":true,"result":...}` or
 * `{"ok":false,"error_code":N,"description":"...","parameters":{...}}` with the HTTP status equal to `error_code`.
 *
 * Methods: getMe, getUpdates, setWebhook, deleteWebhook, getWebhookInfo, sendMessage, editMessageText,
 * editMessageReplyMarkup, deleteMessage, sendPhoto, sendDocument, getFile, answerCallbackQuery, sendChatAction,
 * setMyCommands, getMyCommands, deleteMyCommands. Method names match case-insensitively, as in Telegram. Any
 * other method answers 404 "Not Found: method not found" (what Telegram answers for a misspelt one), so a bot
 * using something this fake lacks fails loudly rather than silently.
 *
 * Where Telegram's behaviour was checked against TDLib's source (parse_html, parse_markdown_v2, bot command
 * checks) the fake follows it, including where that differs from folklore:
 * - HTML: a bare `&` that starts no entity (`Tom & Jerry`, `&nbsp;`) is kept literally, as TDLib does; a bare
 *   `<` is an error ("Unsupported start tag "" at byte offset N"). Error texts and byte offsets are TDLib's.
 * - setMyCommands: a leading "/" is stripped; empty or > 32 characters, empty or > 256-character descriptions
 *   get TDLib's messages ("command length must not exceed 32", ...); characters outside [a-z0-9_] get
 *   BOT_COMMAND_INVALID; more than 100 commands BOT_COMMANDS_TOO_MUCH.
 * Deliberate simplifications: chats are known only once a simulated user wrote in them (else "chat not found",
 * as for a user who never started the bot); group messages all reach the bot (as with privacy mode off, and
 * getMe says so); no entities are auto-detected in the bot's own texts; webhooks are delivered over plain HTTP
 * and only to loopback addresses (as the local Bot API server allows; the public one wants HTTPS).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

export interface FakeTelegramOptions {
  /** Default '123456:TEST-TOKEN'; the bot's user id is the number before the colon. */
  token?: string;
  /** Default 'test_bot'. */
  botUsername?: string;
  /** Messages (sends and edits) one chat accepts within a sliding second. Default 1. */
  perChatPerSecond?: number;
  /** Messages all chats together accept within a sliding second. Default 30. */
  globalPerSecond?: number;
  /** Delay before a failed webhook delivery is retried. Default 200 ms. */
  webhookRetryMs?: number;
}

export interface SimulatedUser {
  id: number;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface SimulatedChat {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  title?: string;
  username?: string;
}

export interface SimulatedFile {
  caption?: string;
  file_name?: string;
  mime_type?: string;
  content?: Buffer | string;
}

export interface SentMessage {
  message_id: number;
  chat_id: number;
  /** The text as the user sees it: markup parsed away (for photos and documents, the caption, or ''). */
  text: string;
  parse_mode?: string;
  reply_markup?: any;
  date: number;
  edited?: boolean;
  /** The entities Telegram derived from the markup. */
  entities?: any[];
  /** The text exactly as the bot sent it (with its markup). */
  raw_text?: string;
  /** Set for sendPhoto / sendDocument. */
  media?: 'photo' | 'document';
  deleted?: boolean;
}

export interface FakeCall {
  method: string;
  body: any;
  at: number;
  /** HTTP status answered; 0 when the socket was destroyed (injected network error). */
  status: number;
}

export type FakeFailure = { status: number; description: string; retryAfter?: number } | { networkError: true };

export interface FakeTelegram {
  url: string;
  token: string;
  // Simulated users. Each returns the Update it queued (for getUpdates or the webhook). Private chats by default;
  // pass a group/supergroup chat to write there. sendText marks bot_command entities as Telegram does.
  sendText(from: SimulatedUser, text: string, chat?: SimulatedChat): Update;
  sendCommand(from: SimulatedUser, text: string, chat?: SimulatedChat): Update;
  sendPhoto(from: SimulatedUser, chat?: SimulatedChat, file?: SimulatedFile): Update;
  sendSticker(from: SimulatedUser, chat?: SimulatedChat): Update;
  sendVoice(from: SimulatedUser, chat?: SimulatedChat, file?: SimulatedFile): Update;
  sendDocument(from: SimulatedUser, chat?: SimulatedChat, file?: SimulatedFile): Update;
  /** Throws if the message (as it is now) has no inline button with this callback_data: use sendRawUpdate to forge. */
  pressButton(from: SimulatedUser, message: SentMessage, data: string): Update;
  /** Queues `partial` as is, with the next update_id; its callback query ids are unknown to answerCallbackQuery. */
  sendRawUpdate(partial: any): Update;
  /** Sent by the bot, in order; live objects (edits update them; deleteMessage sets `deleted`). */
  messages(chatId?: number): SentMessage[];
  waitForMessages(chatId: number, count: number, timeoutMs?: number): Promise<SentMessage[]>;
  callbackAnswers: { callback_query_id: string; text?: string; show_alert?: boolean; url?: string; cache_time?: number }[];
  chatActions: { chat_id: number; action: string }[];
  commands(): { scope?: any; language_code?: string; commands: { command: string; description: string }[] }[];
  /** Every API call, in the order answered (a long poll is recorded when it ends). */
  calls: FakeCall[];
  /** sent: messages the bot put in chats; tooManyRequests: 429 answers; errors: other non-2xx answers and dropped sockets. */
  stats(): { sent: number; tooManyRequests: number; errors: number };
  blockBot(chatId: number): void;
  /** The next n calls of `method` ('*': any method, getUpdates included) fail so; checked after the token and method. */
  failNext(n: number, method: string | '*', failure: FakeFailure): void;
  webhook(): { url: string; secret_token?: string } | undefined;
  /** Updates not yet confirmed (by a later getUpdates offset or a 2xx webhook answer). */
  pendingUpdates(): Update[];
  close(): Promise<void>;
}

export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const fake = new FakeTelegramServer(options);
  await fake.listen();
  return fake;
}

// ---------------------------------------------------------------------------
// Errors and parameters
// ---------------------------------------------------------------------------

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

const bad = (description: string) => new ApiError(400, `Bad Request: ${description}`);

/** A successful result that Telegram accompanies with a description (setWebhook, deleteWebhook). */
class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

type Params = Record<string, unknown>;

interface UploadedFile {
  filename: string;
  content: Buffer;
}

interface ApiRequest {
  params: Params;
  files: Map<string, UploadedFile>;
  /** Resolves when the HTTP client went away before being answered (never for internal calls). */
  gone: Promise<void>;
}

type Outcome = { status: number; body: Record<string, unknown> } | { networkError: true };

function paramString(p: Params, key: string): string | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function paramInt(p: Params, key: string): number | undefined {
  const v = p[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) return Number(v);
  throw bad(`field "${key}" must be of type Integer`);
}

function paramBool(p: Params, key: string): boolean {
  const v = p[key];
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return ['true', '1', 'yes'].includes(v.trim().toLowerCase());
  return false;
}

/** Object-typed parameters arrive as JSON text in urlencoded and multipart bodies. */
function paramJson(p: Params, key: string, what: string): unknown {
  const v = p[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    throw bad(`can't parse ${what} JSON object`);
  }
}

function parseMultipart(body: Buffer, boundary: string): { fields: Params; files: Map<string, UploadedFile> } {
  const fields: Params = {};
  const files = new Map<string, UploadedFile>();
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    let start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    if (body.subarray(start, start + 2).toString() === '\r\n') start += 2;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    let part = body.subarray(start, next);
    if (part.subarray(part.length - 2).toString() === '\r\n') part = part.subarray(0, part.length - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const content = part.subarray(headerEnd + 4);
      const disposition = headers.split('\r\n').find((line) => /^content-disposition\s*:/i.test(line)) ?? '';
      const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? /\bname=([^;\s]+)/i.exec(disposition)?.[1];
      const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? /\bfilename=([^;\r\n]+)/i.exec(disposition)?.[1];
      if (name !== undefined) {
        if (filename !== undefined) files.set(name, { filename: filename.trim(), content: Buffer.from(content) });
        else fields[name] = content.toString('utf8');
      }
    }
    pos = next;
  }
  return { fields, files };
}

function parseRequestParams(
  contentType: string,
  body: Buffer,
  query: URLSearchParams,
): { params: Params; files: Map<string, UploadedFile> } {
  const params: Params = {};
  for (const [k, v] of query) params[k] = v;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (body.length === 0) return { params, files: new Map() };
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw bad("can't parse JSON object");
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw bad("can't parse JSON object");
    return { params: { ...params, ...(parsed as Params) }, files: new Map() };
  }
  if (type === 'application/x-www-form-urlencoded') {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = v;
    return { params, files: new Map() };
  }
  if (type === 'multipart/form-data') {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) throw bad("can't parse multipart/form-data request");
    const { fields, files } = parseMultipart(body, boundary);
    return { params: { ...params, ...fields }, files };
  }
  return { params, files: new Map() };
}

// ---------------------------------------------------------------------------
// Formatted text: HTML, MarkdownV2 and Markdown as TDLib parses them
// ---------------------------------------------------------------------------

interface Entity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
  user?: any;
}

class ParseError extends Error {}

const byteOffset = (src: string, index: number) => Buffer.byteLength(src.slice(0, index), 'utf8');
/** TDLib reads a NUL-terminated string: past the end is '\0', which is_space() counts as space. */
const charAt = (src: string, i: number) => (i < src.length ? src[i]! : '\0');
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\0' || c === '\v' || c === '\f';
const isAsciiAlpha = (c: string) => /^[A-Za-z]$/.test(c);

/** TDLib's decode_html_entity: &lt; &gt; &amp; &quot; and numeric references, ';' optional; else null. */
function decodeHtmlEntity(src: string, pos: number): { char: string; end: number } | null {
  let end = pos + 1;
  let code = 0;
  if (charAt(src, pos + 1) === '#') {
    end++;
    if (charAt(src, pos + 2) === 'x') {
      end++;
      while (/^[0-9a-fA-F]$/.test(charAt(src, end))) code = code * 16 + parseInt(src[end++]!, 16);
    } else {
      while (/^[0-9]$/.test(charAt(src, end))) code = code * 10 + Number(src[end++]);
    }
    if (code === 0 || code >= 0x10ffff || end - pos >= 10) return null;
  } else {
    while (isAsciiAlpha(charAt(src, end))) end++;
    const name = src.slice(pos + 1, end);
    const named: Record<string, number> = { lt: 0x3c, gt: 0x3e, amp: 0x26, quot: 0x22 };
    code = named[name] ?? 0;
    if (code === 0) return null;
  }
  if (charAt(src, end) === ';') end++;
  return { char: String.fromCodePoint(code), end };
}

/** TDLib's check_url, roughly: http(s) links need a host with a dot (or an IPv4); tg:// and ton:// pass. */
function normalizeUrl(raw: string): string | undefined {
  const url = raw.trim();
  if (!url) return undefined;
  if (/^(tg|ton):/i.test(url)) return url;
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url);
  if (hasScheme && !/^https?:\/\//i.test(url)) return undefined;
  try {
    const parsed = new URL(hasScheme ? url : `http://${url}`);
    if (!/\.[a-z]{2,}$/i.test(parsed.hostname) && !/^\d{1,3}(\.\d{1,3}){3}$/.test(parsed.hostname)) return undefined;
    return parsed.href;
  } catch {
    return undefined;
  }
}

const HTML_TAGS = new Set([
  'a',
  'b',
  'strong',
  'i',
  'em',
  's',
  'strike',
  'del',
  'u',
  'ins',
  'tg-spoiler',
  'tg-emoji',
  'span',
  'pre',
  'code',
  'blockquote',
]);

function sortEntities(entities: Entity[]): Entity[] {
  return entities
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.offset - b.e.offset || b.e.length - a.e.length || a.i - b.i)
    .map(({ e }) => e);
}

function linkEntity(url: string, offset: number, length: number, users: Map<number, any>): Entity | undefined {
  const mention = /^tg:\/\/user\?id=(\d+)$/i.exec(url.trim());
  if (mention) {
    const user = users.get(Number(mention[1]));
    if (user) return { type: 'text_mention', offset, length, user };
  }
  const normalized = normalizeUrl(url);
  return normalized === undefined ? undefined : { type: 'text_link', offset, length, url: normalized };
}

/** A port of TDLib's parse_html (error texts and byte offsets included). */
export function parseTelegramHtml(src: string, users: Map<number, any> = new Map()): { text: string; entities: Entity[] } {
  const err = (message: string) => new ParseError(message);
  const bo = (i: number) => byteOffset(src, i);
  const len = src.length;
  let out = '';
  let surrogate = false;
  const entities: Entity[] = [];
  const stack: { tag: string; arg: string; offset: number }[] = [];

  for (let i = 0; i < len; i++) {
    const c = src[i]!;
    if (c === '&') {
      const decoded = decodeHtmlEntity(src, i);
      if (decoded) {
        const cp = decoded.char.codePointAt(0)!;
        if (cp >= 0xd800 && cp <= 0xdfff) surrogate = true;
        out += decoded.char;
        i = decoded.end - 1;
        continue;
      }
    }
    if (c !== '<') {
      out += c;
      continue;
    }

    const begin = i++;
    if (charAt(src, i) !== '/') {
      // A start tag.
      while (!isSpace(charAt(src, i)) && charAt(src, i) !== '>') i++;
      if (i >= len) throw err(`Unclosed start tag at byte offset ${bo(begin)}`);
      const tag = src.slice(begin + 1, i).toLowerCase();
      if (!HTML_TAGS.has(tag)) throw err(`Unsupported start tag "${tag}" at byte offset ${bo(begin)}`);

      let arg = '';
      while (charAt(src, i) !== '>') {
        while (i < len && isSpace(charAt(src, i))) i++;
        if (charAt(src, i) === '>') break;
        const attrBegin = i;
        while (!isSpace(charAt(src, i)) && !'=>/"\''.includes(charAt(src, i))) i++;
        const attr = src.slice(attrBegin, i);
        if (!attr) throw err(`Empty attribute name in the tag "${tag}" at byte offset ${bo(begin)}`);
        while (i < len && isSpace(charAt(src, i))) i++;
        if (charAt(src, i) !== '=') {
          if (i >= len) throw err(`Unclosed start tag "${tag}" at byte offset ${bo(begin)}`);
          if (tag === 'blockquote' && attr === 'expandable') arg = '1';
          continue;
        }
        i++;
        while (i < len && isSpace(charAt(src, i))) i++;
        if (i >= len) throw err(`Unclosed start tag "${tag}" at byte offset ${bo(begin)}`);

        let value = '';
        const quote = charAt(src, i);
        if (quote !== '"' && quote !== "'") {
          const tokenBegin = i;
          while (/^[A-Za-z0-9.-]$/.test(charAt(src, i))) i++;
          value = src.slice(tokenBegin, i).toLowerCase();
          if (!isSpace(charAt(src, i)) && charAt(src, i) !== '>') {
            throw err(`Unexpected end of name token at byte offset ${bo(tokenBegin)}`);
          }
        } else {
          i++;
          while (i < len && src[i] !== quote) {
            if (src[i] === '&') {
              const decoded = decodeHtmlEntity(src, i);
              if (decoded) {
                value += decoded.char;
                i = decoded.end;
                continue;
              }
            }
            value += src[i++];
          }
          if (charAt(src, i) === quote) i++;
        }
        if (i >= len) throw err(`Unclosed start tag at byte offset ${bo(begin)}`);

        if (tag === 'a' && attr === 'href') arg = value;
        else if (tag === 'code' && attr === 'class' && value.startsWith('language-')) arg = value.slice(9);
        else if (tag === 'span' && attr === 'class' && value.startsWith('tg-')) arg = value.slice(3);
        else if (tag === 'tg-emoji' && attr === 'emoji-id') arg = value;
        else if (tag === 'blockquote' && attr === 'expandable') arg = '1';
      }
      if (tag === 'span' && arg !== 'spoiler') {
        throw err(`Tag "span" must have class "tg-spoiler" at byte offset ${bo(begin)}`);
      }
      stack.push({ tag, arg, offset: out.length });
      continue;
    }

    // An end tag.
    if (stack.length === 0) throw err(`Unexpected end tag at byte offset ${bo(begin)}`);
    while (!isSpace(charAt(src, i)) && charAt(src, i) !== '>') i++;
    const endTag = src.slice(begin + 2, i).toLowerCase();
    while (i < len && isSpace(charAt(src, i))) i++;
    if (charAt(src, i) !== '>') throw err(`Unclosed end tag at byte offset ${bo(begin)}`);
    const open = stack[stack.length - 1]!;
    if (endTag && endTag !== open.tag) {
      throw err(`Unmatched end tag at byte offset ${bo(begin)}, expected "</${open.tag}>", found "</${endTag}>"`);
    }
    const offset = open.offset;
    const length = out.length - offset;
    if (length > 0) {
      const last = entities[entities.length - 1];
      const sameSpan = last !== undefined && last.offset === offset && last.length === length;
      switch (open.tag) {
        case 'b':
        case 'strong':
          entities.push({ type: 'bold', offset, length });
          break;
        case 'i':
        case 'em':
          entities.push({ type: 'italic', offset, length });
          break;
        case 'u':
        case 'ins':
          entities.push({ type: 'underline', offset, length });
          break;
        case 's':
        case 'strike':
        case 'del':
          entities.push({ type: 'strikethrough', offset, length });
          break;
        case 'tg-spoiler':
        case 'span':
          entities.push({ type: 'spoiler', offset, length });
          break;
        case 'tg-emoji':
          if (!/^\d{1,19}$/.test(open.arg) || BigInt(open.arg) <= 0n || BigInt(open.arg) > 9223372036854775807n) {
            throw err('Invalid custom emoji identifier specified');
          }
          entities.push({ type: 'custom_emoji', offset, length, custom_emoji_id: open.arg });
          break;
        case 'a': {
          const link = linkEntity(open.arg || out.slice(offset), offset, length, users);
          if (link) entities.push(link);
          break;
        }
        case 'pre':
          if (sameSpan && last.type === 'code' && last.language) last.type = 'pre';
          else entities.push({ type: 'pre', offset, length });
          break;
        case 'code':
          if (sameSpan && last.type === 'pre' && open.arg) last.language = open.arg;
          else entities.push({ type: 'code', offset, length, ...(open.arg ? { language: open.arg } : {}) });
          break;
        case 'blockquote':
          entities.push({ type: open.arg ? 'expandable_blockquote' : 'blockquote', offset, length });
          break;
      }
    }
    stack.pop();
  }
  if (stack.length > 0) throw err(`Can't find end tag corresponding to start tag "${stack[stack.length - 1]!.tag}"`);
  if (surrogate) {
    throw err('Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units');
  }
  for (const e of entities) if (e.type === 'code') delete e.language;
  return { text: out, entities: sortEntities(entities) };
}

const MDV2_TYPE_NAMES: Record<string, string> = {
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strikethrough: 'Strikethrough',
  spoiler: 'Spoiler',
  text_link: 'TextUrl',
  code: 'Code',
  pre: 'Pre',
  pre_code: 'PreCode',
  custom_emoji: 'CustomEmoji',
};

/** A port of TDLib's parse_markdown_v2 (line-start '>' blockquotes; no '**>' expandable ones). */
export function parseTelegramMarkdownV2(src: string, users: Map<number, any> = new Map()): { text: string; entities: Entity[] } {
  const err = (message: string) => new ParseError(message);
  const reserved = (c: string) => err(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
  const len = src.length;
  let out = '';
  const entities: Entity[] = [];
  const stack: { type: string; arg: string; offset: number; byteBegin: number }[] = [];
  let quoteStart: number | undefined;

  const readUrl = (from: number, what: string): { url: string; end: number } => {
    let i = from;
    let url = '';
    while (i < len && src[i] !== ')') {
      const next = charAt(src, i + 1).charCodeAt(0);
      if (src[i] === '\\' && next > 0 && next <= 126) {
        url += src[i + 1];
        i += 2;
        continue;
      }
      url += src[i++];
    }
    if (charAt(src, i) !== ')') throw err(`Can't find end of ${what} at byte offset ${byteOffset(src, from)}`);
    return { url, end: i };
  };

  for (let i = 0; i < len; i++) {
    const c = src[i]!;
    const nextCode = charAt(src, i + 1).charCodeAt(0);
    if (c === '\\' && nextCode > 0 && nextCode <= 126) {
      out += src[++i];
      continue;
    }
    if (c === '>' && (i === 0 || src[i - 1] === '\n') && stack.length === 0) {
      if (quoteStart === undefined) quoteStart = out.length;
      continue;
    }
    const top = stack[stack.length - 1];
    const inCode = top !== undefined && (top.type === 'code' || top.type === 'pre' || top.type === 'pre_code');
    const reservedSet = inCode ? '`' : '_*[]()~`>#+-=|{}.!';
    if (!reservedSet.includes(c)) {
      if (c === '\n' && quoteStart !== undefined && charAt(src, i + 1) !== '>') {
        if (out.length > quoteStart) entities.push({ type: 'blockquote', offset: quoteStart, length: out.length - quoteStart });
        quoteStart = undefined;
      }
      out += c;
      continue;
    }

    let isEnd = false;
    if (top) {
      const n1 = charAt(src, i + 1);
      const n2 = charAt(src, i + 2);
      switch (top.type) {
        case 'bold':
          isEnd = c === '*';
          break;
        case 'italic':
          isEnd = c === '_' && n1 !== '_';
          break;
        case 'code':
          isEnd = c === '`';
          break;
        case 'pre':
        case 'pre_code':
          isEnd = c === '`' && n1 === '`' && n2 === '`';
          break;
        case 'text_link':
        case 'custom_emoji':
          isEnd = c === ']';
          break;
        case 'underline':
          isEnd = c === '_' && n1 === '_';
          break;
        case 'strikethrough':
          isEnd = c === '~';
          break;
        case 'spoiler':
          isEnd = c === '|' && n1 === '|';
          break;
      }
    }

    if (!isEnd) {
      const byteBegin = byteOffset(src, i);
      let type: string;
      let arg = '';
      switch (c) {
        case '_':
          if (charAt(src, i + 1) === '_') {
            type = 'underline';
            i++;
          } else type = 'italic';
          break;
        case '*':
          type = 'bold';
          break;
        case '~':
          type = 'strikethrough';
          break;
        case '|':
          if (charAt(src, i + 1) !== '|') throw reserved(c);
          i++;
          type = 'spoiler';
          break;
        case '[':
          type = 'text_link';
          break;
        case '`':
          if (charAt(src, i + 1) === '`' && charAt(src, i + 2) === '`') {
            i += 3;
            type = 'pre';
            let languageEnd = i;
            while (!isSpace(charAt(src, languageEnd)) && charAt(src, languageEnd) !== '`') languageEnd++;
            if (i !== languageEnd && languageEnd < len && src[languageEnd] !== '`') {
              type = 'pre_code';
              arg = src.slice(i, languageEnd);
              i = languageEnd;
            }
            const a = charAt(src, i);
            const b = charAt(src, i + 1);
            if (a === '\n' || a === '\r') i += (b === '\n' || b === '\r') && a !== b ? 2 : 1;
            i--;
          } else type = 'code';
          break;
        case '!':
          if (charAt(src, i + 1) !== '[') throw reserved(c);
          i++;
          type = 'custom_emoji';
          break;
        default:
          throw reserved(c);
      }
      stack.push({ type, arg, offset: out.length, byteBegin });
      continue;
    }

    // The end of an entity.
    const open = stack[stack.length - 1]!;
    const offset = open.offset;
    const length = out.length - offset;
    let entity: Entity | undefined;
    switch (open.type) {
      case 'underline':
      case 'spoiler':
        i++;
        entity = { type: open.type, offset, length };
        break;
      case 'pre':
      case 'pre_code':
        i += 2;
        entity = { type: 'pre', offset, length, ...(open.type === 'pre_code' ? { language: open.arg } : {}) };
        break;
      case 'text_link': {
        let url: string;
        if (charAt(src, i + 1) !== '(') url = out.slice(offset);
        else {
          const read = readUrl(i + 2, 'a URL');
          url = read.url;
          i = read.end;
        }
        entity = linkEntity(url, offset, length, users);
        break;
      }
      case 'custom_emoji': {
        if (charAt(src, i + 1) !== '(') throw err('Custom emoji entity must contain a tg://emoji URL');
        const read = readUrl(i + 2, 'a custom emoji URL');
        i = read.end;
        const id = /^tg:\/\/emoji\?id=(\d{1,19})$/i.exec(read.url)?.[1];
        if (!id || BigInt(id) <= 0n) throw err('Invalid custom emoji identifier specified');
        entity = { type: 'custom_emoji', offset, length, custom_emoji_id: id };
        break;
      }
      default:
        entity = { type: open.type, offset, length };
    }
    if (entity && length > 0) entities.push(entity);
    stack.pop();
  }
  if (quoteStart !== undefined && out.length > quoteStart) {
    entities.push({ type: 'blockquote', offset: quoteStart, length: out.length - quoteStart });
  }
  if (stack.length > 0) {
    const open = stack[stack.length - 1]!;
    throw err(`Can't find end of ${MDV2_TYPE_NAMES[open.type]} entity at byte offset ${open.byteBegin}`);
  }
  return { text: out, entities: sortEntities(entities) };
}

/** A port of TDLib's parse_markdown (the legacy "Markdown" mode). */
export function parseTelegramMarkdown(src: string, users: Map<number, any> = new Map()): { text: string; entities: Entity[] } {
  const len = src.length;
  let out = '';
  const entities: Entity[] = [];
  for (let i = 0; i < len; i++) {
    const c = src[i]!;
    if (c === '\\' && '_*`['.includes(charAt(src, i + 1)) && i + 1 < len) {
      out += src[++i];
      continue;
    }
    if (!'_*`['.includes(c)) {
      out += c;
      continue;
    }
    const begin = i;
    const endChar = c === '[' ? ']' : c;
    let isPre = false;
    let language = '';
    i++;
    if (c === '`' && charAt(src, i) === '`' && charAt(src, i + 1) === '`') {
      i += 2;
      isPre = true;
      let languageEnd = i;
      while (!isSpace(charAt(src, languageEnd)) && charAt(src, languageEnd) !== '`') languageEnd++;
      if (i !== languageEnd && languageEnd < len && src[languageEnd] !== '`') {
        language = src.slice(i, languageEnd);
        i = languageEnd;
      }
      const a = charAt(src, i);
      const b = charAt(src, i + 1);
      if (a === '\n' || a === '\r') i += (b === '\n' || b === '\r') && a !== b ? 2 : 1;
    }
    const offset = out.length;
    while (i < len && (src[i] !== endChar || (isPre && !(charAt(src, i + 1) === '`' && charAt(src, i + 2) === '`')))) {
      out += src[i++];
    }
    if (i >= len) throw new ParseError(`Can't find end of the entity starting at byte offset ${byteOffset(src, begin)}`);
    const length = out.length - offset;
    if (c === '[') {
      let url: string;
      if (charAt(src, i + 1) !== '(') url = out.slice(offset);
      else {
        i += 2;
        url = '';
        while (i < len && src[i] !== ')') url += src[i++];
      }
      const link = length > 0 ? linkEntity(url, offset, length, users) : undefined;
      if (link) entities.push(link);
    } else if (length > 0) {
      if (c === '_') entities.push({ type: 'italic', offset, length });
      else if (c === '*') entities.push({ type: 'bold', offset, length });
      else if (isPre) entities.push({ type: 'pre', offset, length, ...(language ? { language } : {}) });
      else entities.push({ type: 'code', offset, length });
    }
    if (isPre) i += 2;
  }
  return { text: out, entities: sortEntities(entities) };
}

/** Telegram strips leading and trailing white space; entities are cut to what remains. */
function trimFormatted(text: string, entities: Entity[]): { text: string; entities: Entity[] } {
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const kept: Entity[] = [];
  for (const e of entities) {
    const start = Math.max(e.offset - lead, 0);
    const end = Math.min(e.offset + e.length - lead, trimmed.length);
    if (end > start) kept.push({ ...e, offset: start, length: end - start });
  }
  return { text: trimmed, entities: kept };
}

// ---------------------------------------------------------------------------
// The fake
// ---------------------------------------------------------------------------

interface ChatState {
  chat: any;
  nextMessageId: number;
  messages: Map<number, any>;
  chatInstance: string;
}

interface Hook {
  url: string;
  secret_token?: string;
  max_connections: number;
  allowed_updates?: string[];
  last_error_date?: number;
  last_error_message?: string;
}

interface Poller {
  limit: number;
  answer(updates: Update[]): void;
  conflict(description: string): void;
}

const DEFAULT_UPDATE_TYPES_EXCLUDED = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

const CHAT_ACTIONS = new Set([
  'cancel',
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'record_audio',
  'upload_voice',
  'upload_audio',
  'upload_document',
  'choose_sticker',
  'find_location',
  'pick_up_location',
  'record_video_note',
  'upload_video_note',
]);

const INLINE_BUTTON_ACTIONS = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
];

/** Methods that put or change a message in a chat, and so count against the flood limits. */
const RATE_LIMITED = new Set(['sendmessage', 'sendphoto', 'senddocument', 'editmessagetext', 'editmessagereplymarkup']);

const CONFLICT_WEBHOOK =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
const CONFLICT_OTHER_POLL = 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';
const QUERY_INVALID = 'query is too old and response timeout expired or query ID is invalid';
const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

const nowSeconds = () => Math.floor(Date.now() / 1000);

class FakeTelegramServer implements FakeTelegram {
  url = '';
  readonly token: string;
  readonly calls: FakeCall[] = [];
  readonly callbackAnswers: FakeTelegram['callbackAnswers'] = [];
  readonly chatActions: FakeTelegram['chatActions'] = [];

  private readonly server: http.Server;
  private readonly botUser: any;
  private readonly perChat: number;
  private readonly global: number;
  private readonly webhookRetryMs: number;
  private readonly handlers: Map<string, (req: ApiRequest) => unknown>;

  private nextUpdateId = 1;
  private pending: Update[] = [];
  private allowedUpdates: string[] | undefined;
  private poller: Poller | undefined;
  private hook: Hook | undefined;
  private delivering = false;
  private inflight: http.ClientRequest | undefined;
  private readonly timers = new Set<{ timer: ReturnType<typeof setTimeout>; resolve: () => void }>();

  private readonly chats = new Map<number, ChatState>();
  private readonly users = new Map<number, any>();
  private readonly sent: SentMessage[] = [];
  private readonly sentByKey = new Map<string, SentMessage>();
  private readonly blocked = new Set<number>();
  private readonly queries = new Map<string, { answered: boolean }>();
  private nextQueryId = 1;
  private readonly commandLists = new Map<string, { scope?: any; language_code?: string; commands: any[] }>();
  private readonly fileStore = new Map<string, { unique: string; content: Buffer; path: string }>();
  private nextFileId = 1;
  private readonly failures: { remaining: number; method: string; failure: FakeFailure }[] = [];
  private readonly perChatWindow = new Map<number, number[]>();
  private globalWindow: number[] = [];
  private readonly counters = { sent: 0, tooManyRequests: 0, errors: 0 };
  private readonly listeners = new Set<() => void>();
  private closed = false;
  /** HTTP requests being answered, so close() can let their answers out before cutting connections. */
  private active = 0;

  constructor(options: FakeTelegramOptions) {
    this.token = options.token ?? '123456:TEST-TOKEN';
    const botId = Number(/^(\d+):/.exec(this.token)?.[1] ?? 123456);
    this.botUser = {
      id: botId,
      is_bot: true,
      first_name: 'Test Bot',
      username: options.botUsername ?? 'test_bot',
    };
    this.perChat = options.perChatPerSecond ?? 1;
    this.global = options.globalPerSecond ?? 30;
    this.webhookRetryMs = options.webhookRetryMs ?? 200;
    this.handlers = new Map<string, (req: ApiRequest) => unknown>([
      ['getme', () => this.getMe()],
      ['getupdates', (r) => this.getUpdates(r)],
      ['setwebhook', (r) => this.setWebhook(r.params)],
      ['deletewebhook', (r) => this.deleteWebhook(r.params)],
      ['getwebhookinfo', () => this.getWebhookInfo()],
      ['sendmessage', (r) => this.sendMessage(r.params)],
      ['editmessagetext', (r) => this.editMessageText(r.params)],
      ['editmessagereplymarkup', (r) => this.editMessageReplyMarkup(r.params)],
      ['deletemessage', (r) => this.deleteMessage(r.params)],
      ['sendphoto', (r) => this.sendMedia(r, 'photo')],
      ['senddocument', (r) => this.sendMedia(r, 'document')],
      ['getfile', (r) => this.getFile(r.params)],
      ['answercallbackquery', (r) => this.answerCallbackQuery(r.params)],
      ['sendchataction', (r) => this.sendChatAction(r.params)],
      ['setmycommands', (r) => this.setMyCommands(r.params)],
      ['getmycommands', (r) => this.getMyCommands(r.params)],
      ['deletemycommands', (r) => this.deleteMyCommands(r.params)],
    ]);
    this.server = http.createServer((req, res) => {
      this.active++;
      res.once('close', () => this.active--);
      this.onRequest(req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` }));
        }
      });
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  // ----- HTTP -------------------------------------------------------------

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const at = Date.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');

    const fileMatch = /^\/file\/bot([^/]*)\/(.+)$/.exec(url.pathname);
    if (fileMatch) return this.serveFile(res, fileMatch[1]!, decodeURIComponent(fileMatch[2]!));

    const match = /^\/bot([^/]*)\/(.+)$/.exec(url.pathname);
    if (!match) return this.write(res, { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } });
    const [, token, method] = match as unknown as [string, string, string];

    let parsed: { params: Params; files: Map<string, UploadedFile> } | undefined;
    let parseError: ApiError | undefined;
    try {
      parsed = parseRequestParams(String(req.headers['content-type'] ?? ''), body, url.searchParams);
    } catch (error) {
      parseError = error instanceof ApiError ? error : bad(String(error));
    }
    const params = parsed?.params ?? {};
    const finish = (outcome: Outcome) => {
      this.record(method, params, at, outcome);
      if ('networkError' in outcome) res.socket?.destroy();
      else this.write(res, outcome);
    };

    if (token !== this.token) return finish(errorOutcome(new ApiError(401, 'Unauthorized')));
    const handler = this.handlers.get(method.toLowerCase());
    if (!handler) return finish(errorOutcome(new ApiError(404, 'Not Found: method not found')));
    if (parseError) return finish(errorOutcome(parseError));

    const injected = this.takeFailure(method);
    if (injected) {
      if ('networkError' in injected) return finish({ networkError: true });
      const parameters = injected.retryAfter !== undefined ? { retry_after: injected.retryAfter } : undefined;
      return finish(errorOutcome(new ApiError(injected.status, injected.description, parameters)));
    }

    const gone = new Promise<void>((resolve) => res.once('close', () => !res.writableEnded && resolve()));
    finish(await this.execute(handler, { params, files: parsed?.files ?? new Map(), gone }));
  }

  private async execute(handler: (req: ApiRequest) => unknown, req: ApiRequest): Promise<Outcome> {
    try {
      const value = await handler(req);
      if (value instanceof Described) {
        return { status: 200, body: { ok: true, result: value.result, description: value.description } };
      }
      return { status: 200, body: { ok: true, result: value } };
    } catch (error) {
      if (error instanceof ApiError) return errorOutcome(error);
      throw error;
    }
  }

  private write(res: http.ServerResponse, outcome: { status: number; body: Record<string, unknown> }): void {
    if (res.writableEnded || res.destroyed) return;
    const json = JSON.stringify(outcome.body);
    res.writeHead(outcome.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  }

  private record(method: string, params: Params, at: number, outcome: Outcome): void {
    const status = 'networkError' in outcome ? 0 : outcome.status;
    this.calls.push({ method, body: params, at, status });
    if (status === 429) this.counters.tooManyRequests++;
    else if (status < 200 || status >= 300) this.counters.errors++;
  }

  private takeFailure(method: string): FakeFailure | undefined {
    const rule = this.failures.find(
      (f) => f.remaining > 0 && (f.method === '*' || f.method.toLowerCase() === method.toLowerCase()),
    );
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining === 0) this.failures.splice(this.failures.indexOf(rule), 1);
    return rule.failure;
  }

  private serveFile(res: http.ServerResponse, token: string, path: string): void {
    if (token !== this.token)
      return this.write(res, { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });
    const file = [...this.fileStore.values()].find((f) => f.path === path);
    if (!file) return this.write(res, { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } });
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.content.length });
    res.end(file.content);
  }

  // ----- Updates ----------------------------------------------------------

  private enqueue(partial: Record<string, unknown>): Update {
    const type = Object.keys(partial).find((k) => k !== 'update_id');
    const allowed = this.hook?.allowed_updates ?? this.allowedUpdates;
    const accepted =
      type === undefined || (allowed && allowed.length > 0 ? allowed.includes(type) : !DEFAULT_UPDATE_TYPES_EXCLUDED.has(type));
    // Telegram never creates an update the bot did not subscribe to, so it takes no update_id either.
    // A snapshot: later edits of a stored message must not change an update already queued.
    const update = structuredClone({
      ...partial,
      update_id: accepted ? this.nextUpdateId++ : this.nextUpdateId,
    }) as unknown as Update;
    if (!accepted || this.closed) return update;
    this.pending.push(update);
    if (this.hook) this.kickWebhook();
    else if (this.poller) {
      const poller = this.poller;
      this.poller = undefined;
      poller.answer(this.pending.slice(0, poller.limit));
    }
    return update;
  }

  private async getUpdates(req: ApiRequest): Promise<Update[]> {
    const p = req.params;
    if (this.hook) throw new ApiError(409, CONFLICT_WEBHOOK);
    const offset = paramInt(p, 'offset') ?? 0;
    const limit = Math.min(Math.max(paramInt(p, 'limit') ?? 100, 1), 100);
    const timeout = Math.min(Math.max(paramInt(p, 'timeout') ?? 0, 0), 50);
    const allowed = paramJson(p, 'allowed_updates', 'allowed_updates');
    if (allowed !== undefined) {
      if (!Array.isArray(allowed)) throw bad("can't parse allowed_updates JSON array");
      this.allowedUpdates = allowed.map(String);
    }
    if (offset > 0) this.pending = this.pending.filter((u) => u.update_id >= offset);
    else if (offset < 0) this.pending = this.pending.slice(offset);

    if (this.poller) {
      const older = this.poller;
      this.poller = undefined;
      older.conflict(CONFLICT_OTHER_POLL);
    }
    if (this.pending.length > 0 || timeout === 0 || this.closed) return this.pending.slice(0, limit);

    return new Promise<Update[]>((resolve, reject) => {
      const timer = setTimeout(() => settle(() => resolve([])), timeout * 1000);
      const settle = (fn: () => void) => {
        clearTimeout(timer);
        if (this.poller === poller) this.poller = undefined;
        fn();
      };
      const poller: Poller = {
        limit,
        answer: (updates) => settle(() => resolve(updates)),
        conflict: (description) => settle(() => reject(new ApiError(409, description))),
      };
      this.poller = poller;
      void req.gone.then(() => settle(() => resolve([])));
    });
  }

  private setWebhook(p: Params): Described {
    const url = paramString(p, 'url') ?? '';
    if (url === '') return this.deleteWebhook(p);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw bad('bad webhook: invalid webhook URL specified');
    }
    if (parsed.protocol !== 'http:') throw bad('bad webhook: this fake delivers webhooks over http only');
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname) && !parsed.hostname.startsWith('127.')) {
      throw bad('bad webhook: this fake delivers webhooks to loopback addresses only');
    }
    const secret = paramString(p, 'secret_token');
    if (secret !== undefined && secret !== '' && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
      throw bad('secret token contains unallowed characters');
    }
    const maxConnections = Math.min(Math.max(paramInt(p, 'max_connections') ?? 40, 1), 100);
    const allowed = paramJson(p, 'allowed_updates', 'allowed_updates');
    if (allowed !== undefined && !Array.isArray(allowed)) throw bad("can't parse allowed_updates JSON array");
    if (paramBool(p, 'drop_pending_updates')) this.pending = [];

    const same = this.hook?.url === url && this.hook.secret_token === (secret || undefined);
    this.hook = {
      url,
      ...(secret ? { secret_token: secret } : {}),
      max_connections: maxConnections,
      ...(Array.isArray(allowed)
        ? { allowed_updates: allowed.map(String) }
        : this.hook?.allowed_updates
          ? { allowed_updates: this.hook.allowed_updates }
          : {}),
    };
    if (Array.isArray(allowed)) this.allowedUpdates = allowed.map(String);
    if (this.poller) {
      const poller = this.poller;
      this.poller = undefined;
      poller.conflict(CONFLICT_WEBHOOK);
    }
    this.kickWebhook();
    return new Described(true, same ? 'Webhook is already set' : 'Webhook was set');
  }

  private deleteWebhook(p: Params): Described {
    if (paramBool(p, 'drop_pending_updates')) this.pending = [];
    const had = this.hook !== undefined;
    this.hook = undefined;
    this.inflight?.destroy();
    return new Described(true, had ? 'Webhook was deleted' : 'Webhook is already deleted');
  }

  private getWebhookInfo(): Record<string, unknown> {
    const hook = this.hook;
    if (!hook) return { url: '', has_custom_certificate: false, pending_update_count: this.pending.length };
    return {
      url: hook.url,
      has_custom_certificate: false,
      pending_update_count: this.pending.length,
      ip_address: '127.0.0.1',
      ...(hook.last_error_date !== undefined
        ? { last_error_date: hook.last_error_date, last_error_message: hook.last_error_message }
        : {}),
      max_connections: hook.max_connections,
      ...(hook.allowed_updates ? { allowed_updates: hook.allowed_updates } : {}),
    };
  }

  private kickWebhook(): void {
    if (this.hook && !this.delivering && !this.closed && this.pending.length > 0) void this.deliverLoop();
  }

  /** One update at a time, in order; an update is confirmed only by a 2xx answer, else retried. */
  private async deliverLoop(): Promise<void> {
    this.delivering = true;
    try {
      while (!this.closed && this.hook && this.pending.length > 0) {
        const hook = this.hook;
        const update = this.pending[0]!;
        const result = await this.postUpdate(hook, update);
        if (this.closed || this.hook !== hook) continue;
        if (result.ok) {
          if (this.pending[0] === update) this.pending.shift();
          if (result.reply) await this.webhookReply(result.reply);
        } else {
          hook.last_error_date = nowSeconds();
          hook.last_error_message = result.error;
          await this.sleep(this.webhookRetryMs);
        }
      }
    } finally {
      this.delivering = false;
    }
    this.kickWebhook();
  }

  private postUpdate(hook: Hook, update: Update): Promise<{ ok: true; reply?: Params } | { ok: false; error: string }> {
    return new Promise((resolve) => {
      const target = new URL(hook.url);
      const payload = JSON.stringify(update);
      const headers: Record<string, string | number> = {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(payload),
      };
      if (hook.secret_token) headers['X-Telegram-Bot-Api-Secret-Token'] = hook.secret_token;
      const request = http.request(
        {
          method: 'POST',
          hostname: target.hostname.replace(/^\[|\]$/g, ''),
          port: target.port || 80,
          path: `${target.pathname}${target.search}`,
          headers,
          agent: false,
          timeout: 10_000,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('error', () => resolve({ ok: false, error: 'Connection reset by peer' }));
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            if (status < 200 || status >= 300) {
              resolve({ ok: false, error: `Wrong response from the webhook: ${status} ${response.statusMessage ?? ''}`.trim() });
              return;
            }
            let reply: Params | undefined;
            if (String(response.headers['content-type'] ?? '').includes('application/json')) {
              try {
                const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
                if (parsed && typeof parsed === 'object' && typeof parsed.method === 'string') reply = parsed;
              } catch {
                // Telegram ignores an answer it cannot read.
              }
            }
            resolve(reply ? { ok: true, reply } : { ok: true });
          });
        },
      );
      this.inflight = request;
      request.on('timeout', () => request.destroy(new Error('Read timeout expired')));
      request.on('error', (error: NodeJS.ErrnoException) => {
        resolve({
          ok: false,
          error: error.code === 'ECONNREFUSED' ? 'Connection refused' : error.message || 'Connection failed',
        });
      });
      request.on('close', () => {
        if (this.inflight === request) this.inflight = undefined;
      });
      request.end(payload);
    });
  }

  /** A webhook may answer with a method call in its response body, which Telegram then performs. */
  private async webhookReply(reply: Params): Promise<void> {
    const method = String(reply.method);
    const { method: _method, ...params } = reply;
    const handler = this.handlers.get(method.toLowerCase());
    const outcome = handler
      ? await this.execute(handler, { params, files: new Map(), gone: new Promise(() => {}) })
      : errorOutcome(new ApiError(404, 'Not Found: method not found'));
    this.record(method, params, Date.now(), outcome);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.timers.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      this.timers.add(entry);
    });
  }

  // ----- Chats, users, messages -------------------------------------------

  private toUser(from: SimulatedUser): any {
    const user = {
      id: from.id,
      is_bot: false,
      first_name: from.first_name ?? `User ${from.id}`,
      ...(from.last_name ? { last_name: from.last_name } : {}),
      ...(from.username ? { username: from.username } : {}),
      ...(from.language_code ? { language_code: from.language_code } : {}),
    };
    this.users.set(user.id, user);
    return user;
  }

  private chatState(from: any, chat?: SimulatedChat): ChatState {
    let chatObject: any;
    if (!chat || chat.type === 'private') {
      if (chat && chat.id !== from.id) throw new Error(`A private chat's id is its user's id (${from.id}), not ${chat.id}`);
      chatObject = {
        id: from.id,
        type: 'private',
        first_name: from.first_name,
        ...(from.last_name ? { last_name: from.last_name } : {}),
        ...(from.username ? { username: from.username } : {}),
      };
    } else {
      chatObject = {
        id: chat.id,
        type: chat.type,
        title: chat.title ?? `Group ${chat.id}`,
        ...(chat.username ? { username: chat.username } : {}),
      };
    }
    let state = this.chats.get(chatObject.id);
    if (!state) {
      state = {
        chat: chatObject,
        nextMessageId: 1,
        messages: new Map(),
        chatInstance: String(7_000_000_000_000 + this.chats.size),
      };
      this.chats.set(chatObject.id, state);
    } else state.chat = chatObject;
    return state;
  }

  private userMessage(from: SimulatedUser, chat: SimulatedChat | undefined, content: Record<string, unknown>): Update {
    if (this.closed) throw new Error('The fake Telegram is closed');
    const user = this.toUser(from);
    const state = this.chatState(user, chat);
    const message = { message_id: state.nextMessageId++, from: user, chat: state.chat, date: nowSeconds(), ...content };
    state.messages.set(message.message_id, message);
    return this.enqueue({ message });
  }

  private newFile(content: Buffer, path: string): { file_id: string; file_unique_id: string; file_size: number } {
    const n = this.nextFileId++;
    const file_id = `BQACAgIAAxkBAAI${String(n).padStart(6, '0')}`;
    const unique = `AgAD${String(n).padStart(6, '0')}`;
    this.fileStore.set(file_id, { unique, content, path });
    return { file_id, file_unique_id: unique, file_size: content.length };
  }

  private resolveChat(p: Params): ChatState {
    const raw = p.chat_id;
    if (!hasValue(raw)) throw bad('chat_id is empty');
    let state: ChatState | undefined;
    if (typeof raw === 'number') state = this.chats.get(raw);
    else if (typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw)) state = this.chats.get(Number(raw));
    else if (typeof raw === 'string' && raw.startsWith('@')) {
      const name = raw.slice(1).toLowerCase();
      state = [...this.chats.values()].find((s) => s.chat.type !== 'private' && s.chat.username?.toLowerCase() === name);
    }
    if (!state) throw bad('chat not found');
    if (this.blocked.has(state.chat.id)) {
      const type = state.chat.type;
      throw new ApiError(
        403,
        type === 'private'
          ? 'Forbidden: bot was blocked by the user'
          : `Forbidden: bot was kicked from the ${type === 'group' ? 'group' : 'supergroup'} chat`,
      );
    }
    return state;
  }

  /** Sliding one-second windows per chat and overall; only accepted messages count. */
  private checkFlood(method: string, chatId: number): void {
    if (!RATE_LIMITED.has(method)) return;
    const now = Date.now();
    const chatWindow = (this.perChatWindow.get(chatId) ?? []).filter((t) => now - t < 1000);
    this.globalWindow = this.globalWindow.filter((t) => now - t < 1000);
    const retryAfter = (window: number[]) => Math.max(1, Math.ceil((window[0]! + 1000 - now) / 1000));
    let wait = 0;
    if (chatWindow.length >= this.perChat) wait = retryAfter(chatWindow);
    if (this.globalWindow.length >= this.global) wait = Math.max(wait, retryAfter(this.globalWindow));
    if (wait > 0) {
      this.perChatWindow.set(chatId, chatWindow);
      throw new ApiError(429, `Too Many Requests: retry after ${wait}`, { retry_after: wait });
    }
    chatWindow.push(now);
    this.globalWindow.push(now);
    this.perChatWindow.set(chatId, chatWindow);
  }

  private formatText(raw: string, parseMode: string | undefined, explicit: unknown): { text: string; entities: Entity[] } {
    const mode = (parseMode ?? '').trim().toLowerCase();
    let parsed: { text: string; entities: Entity[] };
    try {
      if (mode === '' || mode === 'none') {
        parsed = { text: raw, entities: Array.isArray(explicit) ? (explicit as Entity[]) : [] };
      } else if (mode === 'html') parsed = parseTelegramHtml(raw, this.users);
      else if (mode === 'markdownv2') parsed = parseTelegramMarkdownV2(raw, this.users);
      else if (mode === 'markdown') parsed = parseTelegramMarkdown(raw, this.users);
      else throw bad('unsupported parse_mode');
    } catch (error) {
      if (error instanceof ParseError) throw bad(`can't parse entities: ${error.message}`);
      throw error;
    }
    return trimFormatted(parsed.text, parsed.entities);
  }

  private replyMarkup(p: Params): any {
    const markup = paramJson(p, 'reply_markup', 'reply keyboard markup');
    if (markup === undefined) return undefined;
    if (typeof markup !== 'object' || markup === null || Array.isArray(markup)) {
      throw bad("can't parse reply keyboard markup JSON object");
    }
    const m = markup as Record<string, unknown>;
    if ('inline_keyboard' in m) {
      if (!Array.isArray(m.inline_keyboard)) throw bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array');
      for (const row of m.inline_keyboard) {
        if (!Array.isArray(row)) throw bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
        for (const button of row) {
          if (typeof button !== 'object' || button === null) {
            throw bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
          }
          if (typeof button.text !== 'string')
            throw bad(`can't parse inline keyboard button: Field "text" must be of type String`);
          if ('callback_data' in button) {
            const bytes = Buffer.byteLength(String(button.callback_data ?? ''), 'utf8');
            if (bytes < 1 || bytes > 64) throw bad('BUTTON_DATA_INVALID');
          } else if ('url' in button) {
            if (typeof button.url !== 'string' || normalizeUrl(button.url) === undefined) throw bad('BUTTON_URL_INVALID');
          } else if (!INLINE_BUTTON_ACTIONS.some((k) => k in button)) {
            throw bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
          }
        }
      }
      return m;
    }
    if ('keyboard' in m) {
      if (!Array.isArray(m.keyboard) || !m.keyboard.every((row) => Array.isArray(row))) {
        throw bad('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays');
      }
      return m;
    }
    if ('remove_keyboard' in m || 'force_reply' in m) return m;
    throw bad("can't parse reply keyboard markup JSON object");
  }

  /** What a Message carries: only a non-empty inline keyboard. */
  private static visibleMarkup(markup: any): any {
    return markup && Array.isArray(markup.inline_keyboard) && markup.inline_keyboard.length > 0
      ? { inline_keyboard: markup.inline_keyboard }
      : undefined;
  }

  private replyTarget(p: Params, state: ChatState): any {
    const parameters = paramJson(p, 'reply_parameters', 'reply parameters') as Record<string, unknown> | undefined;
    const id = parameters ? paramInt(parameters, 'message_id') : paramInt(p, 'reply_to_message_id');
    if (id === undefined) return undefined;
    const allowWithout = parameters
      ? paramBool(parameters, 'allow_sending_without_reply')
      : paramBool(p, 'allow_sending_without_reply');
    const target = state.messages.get(id);
    if (!target && !allowWithout) throw bad('message to be replied not found');
    if (!target) return undefined;
    const { reply_to_message: _nested, ...rest } = target;
    return rest;
  }

  private storeBotMessage(
    state: ChatState,
    content: Record<string, unknown>,
    record: Omit<SentMessage, 'message_id' | 'chat_id' | 'date'>,
    markup: any,
    replyTo: any,
  ): any {
    const visible = FakeTelegramServer.visibleMarkup(markup);
    const message = {
      message_id: state.nextMessageId++,
      from: this.botUser,
      chat: state.chat,
      date: nowSeconds(),
      ...(replyTo ? { reply_to_message: replyTo } : {}),
      ...content,
      ...(visible ? { reply_markup: visible } : {}),
    };
    state.messages.set(message.message_id, message);
    const sentMessage: SentMessage = {
      message_id: message.message_id,
      chat_id: state.chat.id,
      date: message.date,
      ...record,
      ...(markup !== undefined ? { reply_markup: markup } : {}),
    };
    this.sent.push(sentMessage);
    this.sentByKey.set(`${state.chat.id}:${message.message_id}`, sentMessage);
    this.counters.sent++;
    this.notify();
    return message;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  // ----- Methods ----------------------------------------------------------

  private getMe(): any {
    return {
      ...this.botUser,
      can_join_groups: true,
      can_read_all_group_messages: true,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
  }

  private sendMessage(p: Params): any {
    const raw = paramString(p, 'text') ?? '';
    if (raw === '') throw bad('message text is empty');
    if (!hasValue(p.chat_id)) throw bad('chat_id is empty');
    const parseMode = paramString(p, 'parse_mode');
    const { text, entities } = this.formatText(raw, parseMode, paramJson(p, 'entities', 'message entities'));
    if (text === '') throw bad('text must be non-empty');
    if (text.length > 4096) throw bad('message is too long');
    const markup = this.replyMarkup(p);
    const state = this.resolveChat(p);
    const replyTo = this.replyTarget(p, state);
    this.checkFlood('sendmessage', state.chat.id);
    const linkPreview = paramJson(p, 'link_preview_options', 'link preview options');
    return this.storeBotMessage(
      state,
      {
        text,
        ...(entities.length ? { entities } : {}),
        ...(linkPreview && typeof linkPreview === 'object' ? { link_preview_options: linkPreview } : {}),
      },
      {
        text,
        ...(parseMode ? { parse_mode: parseMode } : {}),
        ...(entities.length ? { entities } : {}),
        raw_text: raw,
      },
      markup,
      replyTo,
    );
  }

  /** The identifier checks Telegram makes before it reads the new content. */
  private static checkEditIdentifiers(p: Params): void {
    if (hasValue(p.inline_message_id)) throw bad('MESSAGE_ID_INVALID');
    if (!hasValue(p.chat_id)) throw bad(hasValue(p.message_id) ? 'chat_id is empty' : 'message identifier is not specified');
  }

  private editTarget(p: Params): { state: ChatState; message: any; record: SentMessage } {
    const state = this.resolveChat(p);
    const messageId = paramInt(p, 'message_id');
    const message = messageId === undefined ? undefined : state.messages.get(messageId);
    if (!message) throw bad('message to edit not found');
    const record = this.sentByKey.get(`${state.chat.id}:${messageId}`);
    if (!record || message.from?.id !== this.botUser.id) throw bad("message can't be edited");
    return { state, message, record };
  }

  private editMessageText(p: Params): any {
    const raw = paramString(p, 'text') ?? '';
    if (raw === '') throw bad('message text is empty');
    FakeTelegramServer.checkEditIdentifiers(p);
    const parseMode = paramString(p, 'parse_mode');
    const { text, entities } = this.formatText(raw, parseMode, paramJson(p, 'entities', 'message entities'));
    if (text === '') throw bad('text must be non-empty');
    if (text.length > 4096) throw bad('message is too long');
    const markup = this.replyMarkup(p);
    const { state, message, record } = this.editTarget(p);
    if (message.text === undefined) throw bad('there is no text in the message to edit');
    const visible = FakeTelegramServer.visibleMarkup(markup);
    if (
      message.text === text &&
      JSON.stringify(message.entities ?? []) === JSON.stringify(entities) &&
      JSON.stringify(message.reply_markup) === JSON.stringify(visible)
    ) {
      throw bad(NOT_MODIFIED);
    }
    this.checkFlood('editmessagetext', state.chat.id);
    message.text = text;
    if (entities.length) message.entities = entities;
    else delete message.entities;
    if (visible) message.reply_markup = visible;
    else delete message.reply_markup;
    message.edit_date = nowSeconds();
    record.text = text;
    record.raw_text = raw;
    record.edited = true;
    if (parseMode) record.parse_mode = parseMode;
    else delete record.parse_mode;
    if (entities.length) record.entities = entities;
    else delete record.entities;
    if (markup !== undefined) record.reply_markup = markup;
    else delete record.reply_markup;
    this.notify();
    return message;
  }

  private editMessageReplyMarkup(p: Params): any {
    FakeTelegramServer.checkEditIdentifiers(p);
    const markup = this.replyMarkup(p);
    const { state, message, record } = this.editTarget(p);
    const visible = FakeTelegramServer.visibleMarkup(markup);
    if (JSON.stringify(message.reply_markup) === JSON.stringify(visible)) throw bad(NOT_MODIFIED);
    this.checkFlood('editmessagereplymarkup', state.chat.id);
    if (visible) message.reply_markup = visible;
    else delete message.reply_markup;
    record.edited = true;
    if (markup !== undefined) record.reply_markup = markup;
    else delete record.reply_markup;
    this.notify();
    return message;
  }

  private deleteMessage(p: Params): boolean {
    const state = this.resolveChat(p);
    const messageId = paramInt(p, 'message_id');
    if (messageId === undefined || !state.messages.has(messageId)) throw bad('message to delete not found');
    state.messages.delete(messageId);
    const record = this.sentByKey.get(`${state.chat.id}:${messageId}`);
    if (record) record.deleted = true;
    this.notify();
    return true;
  }

  private sendMedia(req: ApiRequest, kind: 'photo' | 'document'): any {
    const p = req.params;
    if (!hasValue(p.chat_id)) throw bad('chat_id is empty');
    const ref = paramString(p, kind);
    let upload: UploadedFile | undefined;
    let known: { file_id: string; file_unique_id: string; file_size: number } | undefined;
    if (ref?.startsWith('attach://')) upload = req.files.get(ref.slice('attach://'.length));
    else if (ref === undefined) upload = req.files.get(kind);
    else if (this.fileStore.has(ref)) {
      const f = this.fileStore.get(ref)!;
      known = { file_id: ref, file_unique_id: f.unique, file_size: f.content.length };
    } else if (/^https?:\/\//i.test(ref)) {
      // Telegram would download it; this fake never leaves the machine, so it stores the URL's text.
      upload = { filename: ref.split('/').pop() || kind, content: Buffer.from(ref) };
    } else throw bad('wrong file identifier/HTTP URL specified');
    if (!upload && !known) throw bad(`there is no ${kind} in the request`);
    if (upload && upload.content.length === 0) throw bad('file must be non-empty');

    const rawCaption = paramString(p, 'caption') ?? '';
    const parseMode = paramString(p, 'parse_mode');
    const { text: caption, entities } = rawCaption
      ? this.formatText(rawCaption, parseMode, paramJson(p, 'caption_entities', 'caption entities'))
      : { text: '', entities: [] as Entity[] };
    if (caption.length > 1024) throw bad('message caption is too long');
    const markup = this.replyMarkup(p);
    const state = this.resolveChat(p);
    const replyTo = this.replyTarget(p, state);
    this.checkFlood(kind === 'photo' ? 'sendphoto' : 'senddocument', state.chat.id);

    const file =
      known ??
      this.newFile(
        upload!.content,
        `${kind === 'photo' ? 'photos' : 'documents'}/file_${this.nextFileId}${kind === 'photo' ? '.jpg' : ''}`,
      );
    const content: Record<string, unknown> =
      kind === 'photo'
        ? {
            photo: [
              { ...file, width: 90, height: 90 },
              { ...file, width: 800, height: 800 },
            ],
          }
        : { document: { ...file, file_name: upload?.filename ?? 'document', mime_type: guessMimeType(upload?.filename ?? '') } };
    if (caption) content.caption = caption;
    if (entities.length) content.caption_entities = entities;
    return this.storeBotMessage(
      state,
      content,
      {
        text: caption,
        media: kind,
        ...(parseMode ? { parse_mode: parseMode } : {}),
        ...(entities.length ? { entities } : {}),
        raw_text: rawCaption,
      },
      markup,
      replyTo,
    );
  }

  private getFile(p: Params): any {
    const id = paramString(p, 'file_id') ?? '';
    const file = this.fileStore.get(id);
    if (!file) throw bad('invalid file_id');
    return { file_id: id, file_unique_id: file.unique, file_size: file.content.length, file_path: file.path };
  }

  private answerCallbackQuery(p: Params): boolean {
    const id = paramString(p, 'callback_query_id') ?? '';
    const query = this.queries.get(id);
    if (!query || query.answered) throw bad(QUERY_INVALID);
    const text = paramString(p, 'text');
    if (text !== undefined && text.length > 200) throw bad('MESSAGE_TOO_LONG');
    query.answered = true;
    const url = paramString(p, 'url');
    const cacheTime = paramInt(p, 'cache_time');
    this.callbackAnswers.push({
      callback_query_id: id,
      ...(text !== undefined ? { text } : {}),
      ...(p.show_alert !== undefined ? { show_alert: paramBool(p, 'show_alert') } : {}),
      ...(url !== undefined ? { url } : {}),
      ...(cacheTime !== undefined ? { cache_time: cacheTime } : {}),
    });
    return true;
  }

  private sendChatAction(p: Params): boolean {
    const action = (paramString(p, 'action') ?? '').trim().toLowerCase();
    if (!hasValue(p.chat_id)) throw bad('chat_id is empty');
    if (!CHAT_ACTIONS.has(action)) throw bad('wrong parameter action in request');
    const state = this.resolveChat(p);
    this.chatActions.push({ chat_id: state.chat.id, action });
    return true;
  }

  private commandTarget(p: Params): { key: string; scope?: any; language_code?: string } {
    const scope = paramJson(p, 'scope', 'BotCommandScope') as any;
    const language = paramString(p, 'language_code') ?? '';
    if (language !== '' && !/^[a-z]{2}$/.test(language)) throw bad('invalid language code specified');
    let normalized: any;
    if (scope !== undefined) {
      if (typeof scope !== 'object' || scope === null || typeof scope.type !== 'string') {
        throw bad("can't parse BotCommandScope: Unsupported type specified");
      }
      const type = scope.type;
      if (['default', 'all_private_chats', 'all_group_chats', 'all_chat_administrators'].includes(type)) {
        normalized = { type };
      } else if (['chat', 'chat_administrators', 'chat_member'].includes(type)) {
        const state = this.resolveChat(scope);
        if (type !== 'chat' && state.chat.type === 'private') throw bad("can't use specified scope in private chats");
        normalized = { type, chat_id: state.chat.id };
        if (type === 'chat_member') {
          const userId = paramInt(scope, 'user_id');
          if (!userId || userId <= 0) throw bad("can't parse BotCommandScope: Invalid user_id specified");
          normalized.user_id = userId;
        }
      } else throw bad("can't parse BotCommandScope: Unsupported type specified");
    }
    const effective = normalized && normalized.type !== 'default' ? normalized : undefined;
    return {
      key: JSON.stringify([effective ?? null, language]),
      ...(effective ? { scope: effective } : {}),
      ...(language ? { language_code: language } : {}),
    };
  }

  private setMyCommands(p: Params): boolean {
    const list = paramJson(p, 'commands', 'BotCommand array') ?? [];
    if (!Array.isArray(list)) throw bad("can't parse BotCommand array JSON object");
    const target = this.commandTarget(p);
    const commands = list.map((item) => {
      if (typeof item !== 'object' || item === null) throw bad("can't parse BotCommand: BotCommand must be an Object");
      if (typeof item.command !== 'string' || typeof item.description !== 'string') throw bad('invalid setMyCommands parameters');
      let command = item.command.trim();
      if (command.startsWith('/')) command = command.slice(1);
      if (command === '') throw bad('command must be non-empty');
      if ([...command].length > 32) throw bad('command length must not exceed 32');
      const description = item.description.trim();
      if (description === '') throw bad('command description must be non-empty');
      if ([...description].length > 256) throw bad('command description length must not exceed 256');
      return { command, description };
    });
    if (commands.length > 100) throw bad('BOT_COMMANDS_TOO_MUCH');
    if (commands.some((c) => !/^[a-z0-9_]+$/.test(c.command))) throw bad('BOT_COMMAND_INVALID');
    if (commands.length === 0) this.commandLists.delete(target.key);
    else {
      const { key, ...rest } = target;
      this.commandLists.set(key, { ...rest, commands });
    }
    return true;
  }

  private getMyCommands(p: Params): any[] {
    return this.commandLists.get(this.commandTarget(p).key)?.commands.map((c) => ({ ...c })) ?? [];
  }

  private deleteMyCommands(p: Params): boolean {
    this.commandLists.delete(this.commandTarget(p).key);
    return true;
  }

  // ----- Simulated users --------------------------------------------------

  sendText(from: SimulatedUser, text: string, chat?: SimulatedChat): Update {
    if (text.trim() === '') throw new Error('Telegram clients do not send empty messages');
    const entities = botCommandEntities(text);
    return this.userMessage(from, chat, { text, ...(entities.length ? { entities } : {}) });
  }

  sendCommand(from: SimulatedUser, text: string, chat?: SimulatedChat): Update {
    return this.sendText(from, text.startsWith('/') ? text : `/${text}`, chat);
  }

  sendPhoto(from: SimulatedUser, chat?: SimulatedChat, file: SimulatedFile = {}): Update {
    const content = Buffer.from(file.content ?? 'fake-jpeg-bytes');
    const small = this.newFile(content, `photos/file_${this.nextFileId}.jpg`);
    const large = this.newFile(content, `photos/file_${this.nextFileId}.jpg`);
    return this.userMessage(from, chat, {
      photo: [
        { ...small, width: 90, height: 67 },
        { ...large, width: 1280, height: 960 },
      ],
      ...(file.caption ? { caption: file.caption } : {}),
    });
  }

  sendSticker(from: SimulatedUser, chat?: SimulatedChat): Update {
    const file = this.newFile(Buffer.from('fake-webp-bytes'), `stickers/file_${this.nextFileId}.webp`);
    return this.userMessage(from, chat, {
      sticker: { ...file, type: 'regular', width: 512, height: 512, is_animated: false, is_video: false, emoji: '👍' },
    });
  }

  sendVoice(from: SimulatedUser, chat?: SimulatedChat, file: SimulatedFile = {}): Update {
    const stored = this.newFile(Buffer.from(file.content ?? 'fake-ogg-bytes'), `voice/file_${this.nextFileId}.oga`);
    return this.userMessage(from, chat, {
      voice: { ...stored, duration: 2, mime_type: file.mime_type ?? 'audio/ogg' },
      ...(file.caption ? { caption: file.caption } : {}),
    });
  }

  sendDocument(from: SimulatedUser, chat?: SimulatedChat, file: SimulatedFile = {}): Update {
    const name = file.file_name ?? 'document.pdf';
    const stored = this.newFile(Buffer.from(file.content ?? '%PDF-1.4\n%fake\n'), `documents/file_${this.nextFileId}`);
    return this.userMessage(from, chat, {
      document: { ...stored, file_name: name, mime_type: file.mime_type ?? 'application/pdf' },
      ...(file.caption ? { caption: file.caption } : {}),
    });
  }

  pressButton(from: SimulatedUser, message: SentMessage, data: string): Update {
    if (this.closed) throw new Error('The fake Telegram is closed');
    const state = this.chats.get(message.chat_id);
    const current = state?.messages.get(message.message_id);
    if (!state || !current) throw new Error(`No message ${message.message_id} in chat ${message.chat_id} to press a button on`);
    const buttons: any[] = (current.reply_markup?.inline_keyboard ?? []).flat();
    if (!buttons.some((b) => b.callback_data === data)) {
      throw new Error(`Message ${message.message_id} has no button with callback_data ${JSON.stringify(data)}`);
    }
    const user = this.toUser(from);
    const id = String(4_000_000_000_000_000n + BigInt(this.nextQueryId++));
    this.queries.set(id, { answered: false });
    return this.enqueue({
      callback_query: { id, from: user, message: current, chat_instance: state.chatInstance, data },
    });
  }

  sendRawUpdate(partial: any): Update {
    const { update_id: _ignored, ...rest } = partial ?? {};
    return this.enqueue(rest);
  }

  // ----- Observation and control -------------------------------------------

  messages(chatId?: number): SentMessage[] {
    return this.sent.filter((m) => chatId === undefined || m.chat_id === chatId);
  }

  waitForMessages(chatId: number, count: number, timeoutMs = 3000): Promise<SentMessage[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.messages(chatId);
        if (found.length >= count) {
          cleanup();
          resolve(found);
        } else if (this.closed) {
          cleanup();
          reject(new Error('The fake Telegram was closed'));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        const got = this.messages(chatId).map((m) => m.text);
        reject(new Error(`Expected ${count} message(s) in chat ${chatId} within ${timeoutMs} ms, got ${JSON.stringify(got)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  commands(): { scope?: any; language_code?: string; commands: { command: string; description: string }[] }[] {
    return [...this.commandLists.values()].map((c) => ({ ...c, commands: c.commands.map((x) => ({ ...x })) }));
  }

  stats(): { sent: number; tooManyRequests: number; errors: number } {
    return { ...this.counters };
  }

  blockBot(chatId: number): void {
    this.blocked.add(chatId);
  }

  failNext(n: number, method: string, failure: FakeFailure): void {
    if (n > 0) this.failures.push({ remaining: n, method, failure });
  }

  webhook(): { url: string; secret_token?: string } | undefined {
    return this.hook
      ? { url: this.hook.url, ...(this.hook.secret_token ? { secret_token: this.hook.secret_token } : {}) }
      : undefined;
  }

  pendingUpdates(): Update[] {
    return [...this.pending];
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (this.poller) {
      const poller = this.poller;
      this.poller = undefined;
      poller.answer([]);
    }
    this.inflight?.destroy();
    for (const entry of this.timers) {
      clearTimeout(entry.timer);
      entry.resolve();
    }
    this.timers.clear();
    this.notify();
    // Let answers already decided (such as the long poll just ended) reach their clients, then cut idle
    // keep-alive connections, which would otherwise hold server.close() open.
    const deadline = Date.now() + 2000;
    while (this.active > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    this.server.closeAllConnections();
    await stopped;
  }
}

function hasValue(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

function guessMimeType(filename: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
  const types: Record<string, string> = {
    pdf: 'application/pdf',
    txt: 'text/plain',
    csv: 'text/csv',
    json: 'application/json',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    png: 'image/png',
  };
  return types[ext] ?? 'application/octet-stream';
}

function errorOutcome(error: ApiError): { status: number; body: Record<string, unknown> } {
  return {
    status: error.code,
    body: {
      ok: false,
      error_code: error.code,
      description: error.description,
      ...(error.parameters ? { parameters: error.parameters } : {}),
    },
  };
}

/** bot_command entities as Telegram marks them in a user's text: "/cmd" or "/cmd@bot", not inside a word. */
function botCommandEntities(text: string): Entity[] {
  const entities: Entity[] = [];
  const re = /\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = m.index > 0 ? text[m.index - 1]! : ' ';
    const after = text[m.index + m[0].length] ?? ' ';
    if (/[\p{L}\p{N}_/<>\\]/u.test(before) || /[\p{L}\p{N}_/@]/u.test(after)) continue;
    entities.push({ type: 'bot_command', offset: m.index, length: m[0].length });
  }
  return entities;
}
