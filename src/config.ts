import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Empty strings in the environment (common in .env files) mean "not set". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const booleanFlag = z.preprocess(
  (v) => (typeof v === 'string' ? ['1', 'true', 'ya', 'yes', 'on'].includes(v.trim().toLowerCase()) : v),
  z.boolean(),
);

/** A folder setting; left out or empty, a folder of the application (beside `src/`), wherever the command was started. */
const folder = (name: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().default(fileURLToPath(new URL(`../${name}`, import.meta.url))),
  );

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // auto: readable lines on a terminal, JSON lines otherwise (a container, a log collector).
  LOG_FORMAT: z.enum(['auto', 'json', 'text']).default('auto'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Defaults are folders of the application itself, so `asn` run from any folder finds the same
  // data, knowledge and prompts as `npm start`; a value given is read relative to the current folder.
  DATA_DIR: folder('data'),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'harus diawali postgres:// atau postgresql://')),
  KNOWLEDGE_DIR: folder('knowledge'),
  PROMPTS_DIR: folder('prompts'),
  OPENAI_API_KEY: optional(z.string()),
  OPENAI_BASE_URL: optional(z.url()),
  OPENAI_CHAT_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_EMBEDDINGS_MODEL: optional(z.string()),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  // An optional reranker of the best passages: the chat model (llm) or a /rerank endpoint.
  RERANK: z.enum(['off', 'llm', 'endpoint']).default('off'),
  RERANK_URL: optional(z.url()),
  RERANK_MODEL: optional(z.string()),
  RERANK_API_KEY: optional(z.string()),
  RERANK_DEPTH: z.coerce.number().int().min(2).max(50).default(20),
  RERANK_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  MAX_QUESTION_CHARS: z.coerce.number().int().positive().default(2_000),
  TELEGRAM_BOT_TOKEN: optional(z.string().regex(/^\d+:[\w-]+$/, 'bukan token bot dari BotFather (angka:huruf)')),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  TELEGRAM_BOT_USERNAME: optional(z.string().regex(/^\w{5,32}$/, 'nama pengguna bot tanpa @')),
  TELEGRAM_WEBHOOK_URL: optional(z.url()),
  TELEGRAM_WEBHOOK_SECRET: optional(z.string().regex(/^[\w-]{16,256}$/, '16-256 karakter huruf, angka, _ atau -')),
  TELEGRAM_ALLOW_UNLINKED: booleanFlag.default(true),
  TELEGRAM_MESSAGES_PER_MINUTE: z.coerce.number().int().positive().default(10),
  TELEGRAM_GLOBAL_PER_SECOND: z.coerce.number().int().positive().default(30),
  // A margin over Telegram's 1 message/s per chat: sends leave 1 s apart but arrive with jitter.
  TELEGRAM_CHAT_INTERVAL_MS: z.coerce.number().int().min(0).default(1_100),
  LOCAL_CHAT: optional(booleanFlag),
  REMINDERS: booleanFlag.default(true),
  SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-[\w-]+$/, 'token bot Slack diawali xoxb-')),
  SLACK_SIGNING_SECRET: optional(
    z.string().regex(/^[0-9a-f]{16,128}$/i, 'Signing Secret dari halaman Basic Information aplikasi Slack'),
  ),
  SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-[\w-]+$/, 'token aplikasi Slack (Socket Mode) diawali xapp-')),
  SLACK_API_URL: z.url().default('https://slack.com/api/'),
  SLACK_HR_CHANNEL: optional(z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'ID kanal Slack, misalnya C0123ABCD')),
  SLACK_HR_USERS: optional(
    z.string().regex(/^\s*[UW][A-Z0-9]+(\s*,\s*[UW][A-Z0-9]+)*\s*$/, 'ID pengguna Slack dipisah koma, misalnya U0123,U0456'),
  ),
  // Any member of the Slack workspace may ask general questions (regulations are public); false
  // limits asking to employees on record and SLACK_HR_USERS.
  SLACK_ALLOW_UNLINKED: booleanFlag.default(true),
  FLAGS: booleanFlag.default(true),
  FLAG_DIGEST_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'jam JJ:MM')
    .default('08:00'),
  ADMIN_UPLOAD_MAX_MB: z.coerce.number().positive('harus lebih dari 0').max(500, 'paling besar 500').default(20),
  ADMIN_SESSION_HOURS: z.coerce.number().int().min(1).max(720).default(12),
});

export type Env = z.input<typeof configSchema>;

/** The settings as the schema reads them: one field per variable, defaults applied. */
export type Settings = z.infer<typeof configSchema>;

/**
 * The configuration the application is built from, inferred from the schema through toConfig:
 * what each part means is said there, beside where it is read. Never written by hand, so a new
 * setting cannot be added to one and forgotten in the other.
 */
export type Config = OptionalWhenUndefined<ReturnType<typeof toConfig>>;

/**
 * A field that may be undefined becomes optional (`url?: string`), at every depth: the shape
 * that code and tests building a part of the configuration by hand (Slack settings in a test)
 * write, as a hand-written interface would have it.
 */
type OptionalWhenUndefined<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? Flatten<
        { [K in keyof T as undefined extends T[K] ? K : never]?: OptionalWhenUndefined<Exclude<T[K], undefined>> } & {
          [K in keyof T as undefined extends T[K] ? never : K]: OptionalWhenUndefined<T[K]>;
        }
      >
    : T;
type Flatten<T> = { [K in keyof T]: T[K] };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates every setting once. The only place that looks at the environment;
 * a wrong value stops start-up with a message naming the variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Konfigurasi tidak valid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError('Konfigurasi tidak valid:\n  TELEGRAM_WEBHOOK_SECRET: wajib diisi bila TELEGRAM_WEBHOOK_URL diisi');
  }
  if (e.SLACK_BOT_TOKEN && !e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'Konfigurasi tidak valid:\n  SLACK_SIGNING_SECRET: wajib diisi bila SLACK_BOT_TOKEN diisi tanpa SLACK_APP_TOKEN (mode HTTP)',
    );
  }
  // A self-hosted OpenAI-compatible server often needs no key; the client still wants a string.
  const llmConfigured = e.OPENAI_API_KEY !== undefined || e.OPENAI_BASE_URL !== undefined;
  if (e.RERANK === 'endpoint' && !e.RERANK_URL) {
    throw new ConfigError(
      'Konfigurasi tidak valid:\n  RERANK_URL: wajib diisi bila RERANK=endpoint (alamat /rerank server reranker)',
    );
  }
  if (e.RERANK === 'llm' && !llmConfigured) {
    throw new ConfigError('Konfigurasi tidak valid:\n  RERANK: llm memerlukan OPENAI_API_KEY atau OPENAI_BASE_URL');
  }
  return toConfig(e, llmConfigured);
}

/** The settings grouped by what uses them; `llmConfigured` when a key or a server is set. */
function toConfig(e: Settings, llmConfigured: boolean) {
  const rerankLimits = { depth: e.RERANK_DEPTH, timeoutMs: e.RERANK_TIMEOUT_MS };
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    http: { host: e.HOST, port: e.PORT },
    database: { url: e.DATABASE_URL, dataDir: e.DATA_DIR },
    knowledgeDir: e.KNOWLEDGE_DIR,
    promptsDir: e.PROMPTS_DIR,
    /** Undefined when no OpenAI-compatible server is configured: answers are then extractive. */
    llm: llmConfigured
      ? {
          apiKey: e.OPENAI_API_KEY ?? 'tidak-diperlukan',
          baseURL: e.OPENAI_BASE_URL,
          chatModel: e.OPENAI_CHAT_MODEL,
          embeddingsModel: e.OPENAI_EMBEDDINGS_MODEL,
          timeoutMs: e.LLM_TIMEOUT_MS,
        }
      : undefined,
    /** Off (undefined) by default: the lexical order stands. */
    rerank:
      e.RERANK === 'llm'
        ? { mode: 'llm' as const, model: e.RERANK_MODEL, ...rerankLimits }
        : e.RERANK === 'endpoint'
          ? { mode: 'endpoint' as const, url: e.RERANK_URL!, model: e.RERANK_MODEL, apiKey: e.RERANK_API_KEY, ...rerankLimits }
          : undefined,
    maxQuestionChars: e.MAX_QUESTION_CHARS,
    /** Undefined without a bot token: the bot then runs only behind the local chat page. */
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT,
          /** For deep links printed by the CLI (`t.me/<username>?start=CODE`); the bot itself asks Telegram. */
          username: e.TELEGRAM_BOT_USERNAME,
          webhook: e.TELEGRAM_WEBHOOK_URL ? { url: e.TELEGRAM_WEBHOOK_URL, secret: e.TELEGRAM_WEBHOOK_SECRET! } : undefined,
        }
      : undefined,
    bot: {
      allowUnlinked: e.TELEGRAM_ALLOW_UNLINKED,
      messagesPerMinute: e.TELEGRAM_MESSAGES_PER_MINUTE,
      throttle: { globalPerSecond: e.TELEGRAM_GLOBAL_PER_SECOND, perChatIntervalMs: e.TELEGRAM_CHAT_INTERVAL_MS },
    },
    /** The chat page at /chat: on by default when there is no bot token. */
    localChat: e.LOCAL_CHAT ?? !e.TELEGRAM_BOT_TOKEN,
    /** Daily reminders through Telegram (needs a bot token). */
    reminders: e.REMINDERS,
    /** The managers' Slack app; undefined without a bot token. */
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          /** HTTP mode: requests are verified with it. */
          signingSecret: e.SLACK_SIGNING_SECRET,
          /** Socket Mode when set: no public URL needed. */
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
          /** Where flags go when the addressee has no Slack account, and HR's copy of the top level. */
          hrChannel: e.SLACK_HR_CHANNEL,
          /** Slack users who act as HR: they may act on every flag. */
          hrUsers: (e.SLACK_HR_USERS ?? '')
            .split(',')
            .map((u) => u.trim())
            .filter(Boolean),
          /**
           * Whether anyone in the workspace may ask general questions, or only people on record and
           * HR; optional for settings built by hand (tests): left out, anyone may, as the default says.
           */
          allowUnlinked: e.SLACK_ALLOW_UNLINKED as boolean | undefined,
        }
      : undefined,
    /** Flag rules, escalation and delivery of alerts. */
    flags: { enabled: e.FLAGS, digestTime: e.FLAG_DIGEST_TIME },
    /** The admin web UI at /admin (always on). */
    admin: { uploadMaxBytes: Math.round(e.ADMIN_UPLOAD_MAX_MB * 1024 * 1024), sessionHours: e.ADMIN_SESSION_HOURS },
  };
}
