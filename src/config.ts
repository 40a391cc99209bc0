import { z } from 'zod';

/** Empty strings in the environment (common in .env files) mean "not set". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'harus diawali postgres:// atau postgresql://')),
  KNOWLEDGE_DIR: z.string().default('./knowledge'),
  PROMPTS_DIR: z.string().default('./prompts'),
  OPENAI_API_KEY: optional(z.string()),
  OPENAI_BASE_URL: optional(z.url()),
  OPENAI_CHAT_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_EMBEDDINGS_MODEL: optional(z.string()),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  MAX_QUESTION_CHARS: z.coerce.number().int().positive().default(2_000),
});

export type Env = z.input<typeof configSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  logLevel: string;
  http: { host: string; port: number };
  database: { url?: string; dataDir: string };
  knowledgeDir: string;
  promptsDir: string;
  /** Undefined when no OpenAI-compatible server is configured: answers are then extractive. */
  llm?: { apiKey: string; baseURL?: string; chatModel: string; embeddingsModel?: string; timeoutMs: number };
  maxQuestionChars: number;
}

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
  // A self-hosted OpenAI-compatible server often needs no key; the client still wants a string.
  const llmConfigured = e.OPENAI_API_KEY !== undefined || e.OPENAI_BASE_URL !== undefined;
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    http: { host: e.HOST, port: e.PORT },
    database: { url: e.DATABASE_URL, dataDir: e.DATA_DIR },
    knowledgeDir: e.KNOWLEDGE_DIR,
    promptsDir: e.PROMPTS_DIR,
    llm: llmConfigured
      ? {
          apiKey: e.OPENAI_API_KEY ?? 'tidak-diperlukan',
          baseURL: e.OPENAI_BASE_URL,
          chatModel: e.OPENAI_CHAT_MODEL,
          embeddingsModel: e.OPENAI_EMBEDDINGS_MODEL,
          timeoutMs: e.LLM_TIMEOUT_MS,
        }
      : undefined,
    maxQuestionChars: e.MAX_QUESTION_CHARS,
  };
}
