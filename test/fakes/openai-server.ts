/**
 * A protocol-faithful fake of the OpenAI HTTP API, for tests.
 *
 * Only `node:http`; listens on 127.0.0.1 on an ephemeral port. Real clients
 * (`openai` v6, `@langchain/openai` ChatOpenAI / OpenAIEmbeddings) work against
 * it unchanged when given `baseURL: \`${fake.url}/v1\``.
 *
 * Endpoints:
 *   POST /v1/chat/completions  (JSON or SSE when `stream: true`)
 *   POST /v1/embeddings        (float or base64 little-endian Float32 encoding)
 *   GET  /v1/models, GET /v1/models/:id
 * Anything else answers 404 in OpenAI's error shape.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export interface RecordedRequest {
  path: string;
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

export type FakeFailure = { status: number; message?: string; retryAfterSeconds?: number } | { delayMs: number };

export interface FakeOpenAI {
  url: string; // e.g. http://127.0.0.1:43123  (clients use `${url}/v1` as baseURL)
  requests: RecordedRequest[];
  /** Decide the chat reply: given the parsed request body, return the assistant text. Default: echoes "OK". */
  onChat(handler: (body: any) => string | Promise<string>): void;
  /**
   * Decide a `/v1/rerank` reply (the Cohere/Jina format vLLM serves): given the query and the
   * documents, a relevance score per document. Default: the share of the query's words in it.
   */
  onRerank(handler: (query: string, documents: string[]) => number[]): void;
  /** Make the next N requests (any endpoint) fail: status + OpenAI-style error JSON, or hang for `delayMs` before answering. */
  failNext(n: number, failure: FakeFailure): void;
  close(): Promise<void>;
}

export interface FakeOpenAIOptions {
  /** Embedding size when the request does not ask for `dimensions`. Default 64. */
  dimensions?: number;
  /** If set, every request must carry `Authorization: Bearer <key>`. */
  requireApiKey?: string;
}

const DEFAULT_MODEL = 'gpt-4o-mini';
const DEFAULT_EMBEDDING_MODEL = 'text-embedding-3-small';

// ---------------------------------------------------------------------------
// Embeddings: hashed bag of words
// ---------------------------------------------------------------------------

const STOPWORDS = new Set([
  // Indonesian
  'yang',
  'dan',
  'atau',
  'untuk',
  'dengan',
  'dari',
  'pada',
  'dalam',
  'ini',
  'itu',
  'adalah',
  'oleh',
  'akan',
  'juga',
  'tidak',
  'bagi',
  'sebagai',
  'tersebut',
  'dapat',
  'ada',
  'kepada',
  // English
  'the',
  'and',
  'for',
  'with',
  'from',
  'that',
  'this',
  'are',
  'was',
  'were',
  'not',
]);

/** Very light Indonesian stemmer: strips a few common particles, suffixes and prefixes. */
function stemIndonesian(word: string): string {
  let w = word;
  const minLen = 4;
  for (const suffix of ['nya', 'lah', 'kah', 'pun']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= minLen) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  for (const suffix of ['kan', 'an']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= minLen) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  for (const prefix of ['meng', 'meny', 'mem', 'men', 'me', 'ber', 'ter', 'di', 'ke']) {
    if (w.startsWith(prefix) && w.length - prefix.length >= minLen) {
      w = w.slice(prefix.length);
      break;
    }
  }
  return w;
}

export function tokenize(text: string): string[] {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const kept = words.filter((w) => w.length >= 3 && !STOPWORDS.has(w)).map(stemIndonesian);
  return kept.length > 0 ? kept : words;
}

/** FNV-1a 32-bit. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Deterministic, L2-normalised hashed bag-of-words vector (float32-precision values). */
export function embedText(text: string, dimensions: number): number[] {
  const v = new Array<number>(dimensions).fill(0);
  const tokens = tokenize(text);
  if (tokens.length === 0) {
    v[0] = 1; // empty text: a fixed unit vector rather than NaNs downstream
    return v;
  }
  for (const t of tokens) {
    const i = fnv1a(t) % dimensions;
    v[i] = (v[i] ?? 0) + 1;
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  // Math.fround so the float and base64 (Float32) encodings carry identical values.
  return v.map((x) => Math.fround(x / norm));
}

function float32ToBase64(values: number[]): string {
  const f32 = new Float32Array(values);
  const buf = Buffer.alloc(f32.length * 4);
  for (let i = 0; i < f32.length; i++) buf.writeFloatLE(f32[i] ?? 0, i * 4);
  return buf.toString('base64');
}

/** Normalise the `input` field of an embeddings request to a list of strings. */
function embeddingInputs(input: unknown): string[] | null {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0) return null;
  if (input.every((x) => typeof x === 'number')) return [input.join(' ')];
  const out: string[] = [];
  for (const item of input) {
    if (typeof item === 'string') out.push(item);
    else if (Array.isArray(item) && item.every((x) => typeof x === 'number')) out.push(item.join(' '));
    else return null;
  }
  return out;
}

function countTokens(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part) => (part && typeof part === 'object' && typeof part.text === 'string' ? part.text : '')).join(' ');
  }
  return '';
}

// ---------------------------------------------------------------------------
// HTTP plumbing
// ---------------------------------------------------------------------------

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly code: string | null,
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

function errorTypeFor(status: number): { type: string; code: string | null } {
  if (status === 401) return { type: 'invalid_request_error', code: 'invalid_api_key' };
  if (status === 404) return { type: 'invalid_request_error', code: 'not_found' };
  if (status === 429) return { type: 'requests', code: 'rate_limit_exceeded' };
  if (status >= 500) return { type: 'server_error', code: null };
  return { type: 'invalid_request_error', code: null };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  if (res.destroyed || res.writableEnded) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    'x-request-id': `req_${randomUUID().replace(/-/g, '')}`,
    'openai-processing-ms': '1',
    ...extraHeaders,
  });
  res.end(payload);
}

function sendError(
  res: http.ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
  extraHeaders: Record<string, string> = {},
): void {
  sendJson(res, status, { error: { message, type, param, code } }, extraHeaders);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const defaultDimensions = options.dimensions ?? 64;
  const requests: RecordedRequest[] = [];
  const failures: FakeFailure[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let chatHandler: (body: any) => string | Promise<string> = () => 'OK';
  let rerankHandler = (query: string, documents: string[]): number[] => {
    const asked = new Set(tokenize(query));
    return documents.map((d) => {
      const words = new Set(tokenize(d));
      return asked.size === 0 ? 0 : [...asked].filter((w) => words.has(w)).length / asked.size;
    });
  };
  let closed = false;

  const sleep = (ms: number, res: http.ServerResponse) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        res.off('close', onClose);
        resolve();
      }, ms);
      const onClose = () => {
        clearTimeout(t);
        timers.delete(t);
        resolve();
      };
      timers.add(t);
      res.once('close', onClose);
    });

  async function handleChat(body: any, res: http.ServerResponse): Promise<void> {
    if (!body || typeof body !== 'object')
      throw new HttpError(400, 'We could not parse the JSON body of your request.', 'invalid_request_error', null);
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      throw new HttpError(
        400,
        "Missing required parameter: 'messages'.",
        'invalid_request_error',
        'missing_required_parameter',
        'messages',
      );
    }
    if (typeof body.model !== 'string' || !body.model) {
      throw new HttpError(400, 'you must provide a model parameter', 'invalid_request_error', null, 'model');
    }
    const content = String(await chatHandler(body));
    const id = `chatcmpl-${randomUUID().replace(/-/g, '').slice(0, 24)}`;
    const created = Math.floor(Date.now() / 1000);
    const model: string = body.model;
    const promptTokens = body.messages.reduce((n: number, m: any) => n + countTokens(messageText(m?.content)) + 4, 0);
    const completionTokens = countTokens(content);
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    };

    if (body.stream === true) {
      const includeUsage = body.stream_options?.include_usage === true;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-request-id': `req_${randomUUID().replace(/-/g, '')}`,
      });
      const chunk = (delta: object, finish: string | null, extra: object = {}) => ({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        system_fingerprint: 'fp_fake',
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
        ...(includeUsage ? { usage: null } : {}),
        ...extra,
      });
      const write = (obj: unknown) => {
        if (!res.destroyed) res.write(`data: ${JSON.stringify(obj)}\n\n`);
      };
      write(chunk({ role: 'assistant', content: '', refusal: null }, null));
      // Split into a few pieces (keeping whitespace) so clients must concatenate.
      for (const piece of content.match(/\s*\S+\s*/g) ?? (content ? [content] : [])) {
        write(chunk({ content: piece }, null));
      }
      write(chunk({}, 'stop'));
      if (includeUsage) {
        write({ id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_fake', choices: [], usage });
      }
      if (!res.destroyed) res.end('data: [DONE]\n\n');
      return;
    }

    sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model,
      system_fingerprint: 'fp_fake',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage,
      service_tier: 'default',
    });
  }

  /** vLLM's `/v1/rerank` (Cohere/Jina's API): `{model, query, documents, top_n}` -> `{results}`. */
  function handleRerank(body: any, res: http.ServerResponse): void {
    if (!body || typeof body !== 'object' || typeof body.query !== 'string')
      throw new HttpError(400, "'query' is required", 'invalid_request_error', null, 'query');
    if (!Array.isArray(body.documents) || body.documents.some((d: unknown) => typeof d !== 'string'))
      throw new HttpError(400, "'documents' must be a list of strings", 'invalid_request_error', null, 'documents');
    const documents = body.documents as string[];
    const scores = rerankHandler(body.query, documents);
    const topN = Number.isInteger(body.top_n) ? body.top_n : documents.length;
    const results = documents
      .map((document, index) => ({ index, relevance_score: scores[index] ?? 0, document: { text: document } }))
      .sort((a, b) => b.relevance_score - a.relevance_score)
      .slice(0, topN);
    const tokens = countTokens(body.query) + documents.reduce((n, d) => n + countTokens(d), 0);
    sendJson(res, 200, {
      id: `rerank-${requests.length}`,
      model: body.model ?? 'fake-reranker',
      usage: { total_tokens: tokens },
      results,
    });
  }

  function handleEmbeddings(body: any, res: http.ServerResponse): void {
    if (!body || typeof body !== 'object')
      throw new HttpError(400, 'We could not parse the JSON body of your request.', 'invalid_request_error', null);
    const inputs = embeddingInputs(body.input);
    if (!inputs) {
      throw new HttpError(
        400,
        "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
        'invalid_request_error',
        null,
        'input',
      );
    }
    if (typeof body.model !== 'string' || !body.model) {
      throw new HttpError(400, 'you must provide a model parameter', 'invalid_request_error', null, 'model');
    }
    const format = body.encoding_format ?? 'float';
    if (format !== 'float' && format !== 'base64') {
      throw new HttpError(
        400,
        `Invalid value for 'encoding_format': '${String(format)}'.`,
        'invalid_request_error',
        null,
        'encoding_format',
      );
    }
    let dims = defaultDimensions;
    if (body.dimensions !== undefined) {
      if (!Number.isInteger(body.dimensions) || body.dimensions < 1) {
        throw new HttpError(
          400,
          `Invalid value for 'dimensions': ${String(body.dimensions)}.`,
          'invalid_request_error',
          null,
          'dimensions',
        );
      }
      dims = body.dimensions;
    }
    const tokens = inputs.reduce((n, s) => n + countTokens(s), 0);
    sendJson(res, 200, {
      object: 'list',
      data: inputs.map((text, index) => {
        const vec = embedText(text, dims);
        return { object: 'embedding', index, embedding: format === 'base64' ? float32ToBase64(vec) : vec };
      }),
      model: body.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }

  const modelObject = (id: string) => ({ id, object: 'model', created: 1700000000, owned_by: 'openai' });

  async function route(method: string, path: string, body: any, res: http.ServerResponse): Promise<void> {
    if (method === 'POST' && path === '/v1/chat/completions') return handleChat(body, res);
    if (method === 'POST' && path === '/v1/embeddings') return handleEmbeddings(body, res);
    if (method === 'POST' && path === '/v1/rerank') return handleRerank(body, res);
    if (method === 'GET' && path === '/v1/models') {
      return sendJson(res, 200, { object: 'list', data: [modelObject(DEFAULT_MODEL)] });
    }
    if (method === 'GET' && path.startsWith('/v1/models/')) {
      const id = decodeURIComponent(path.slice('/v1/models/'.length));
      if (id === DEFAULT_MODEL || id === DEFAULT_EMBEDDING_MODEL) return sendJson(res, 200, modelObject(id));
      throw new HttpError(404, `The model '${id}' does not exist`, 'invalid_request_error', 'model_not_found', 'model');
    }
    throw new HttpError(404, `Invalid URL (${method} ${path})`, 'invalid_request_error', null);
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const method = req.method ?? 'GET';
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const raw = await readBody(req);
      let body: any;
      let parseFailed = false;
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw);
        } catch {
          body = raw;
          parseFailed = true;
        }
      }
      requests.push({ path, body, headers: { ...req.headers } });

      const failure = failures.shift();
      if (failure) {
        if ('delayMs' in failure) {
          await sleep(failure.delayMs, res);
          if (closed || res.destroyed) return;
        } else {
          const { type, code } = errorTypeFor(failure.status);
          const extra: Record<string, string> = {};
          if (failure.retryAfterSeconds !== undefined) extra['retry-after'] = String(failure.retryAfterSeconds);
          sendError(res, failure.status, failure.message ?? `Fake failure (HTTP ${failure.status})`, type, code, null, extra);
          return;
        }
      }

      if (options.requireApiKey !== undefined && req.headers.authorization !== `Bearer ${options.requireApiKey}`) {
        sendError(res, 401, 'Incorrect API key provided', 'invalid_request_error', 'invalid_api_key');
        return;
      }
      if (parseFailed) {
        throw new HttpError(
          400,
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)",
          'invalid_request_error',
          null,
        );
      }
      await route(method, path, body, res);
    })().catch((err: unknown) => {
      if (err instanceof HttpError) {
        sendError(res, err.status, err.message, err.type, err.code, err.param);
      } else {
        const message = err instanceof Error ? err.message : String(err);
        sendError(res, 500, `Fake server error: ${message}`, 'server_error', null);
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    onChat(handler) {
      chatHandler = handler;
    },
    onRerank(handler) {
      rerankHandler = handler;
    },
    failNext(n, failure) {
      for (let i = 0; i < n; i++) failures.push(failure);
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
