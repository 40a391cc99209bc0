import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs to stdout; callers log ids and counts, never names, NIPs or message texts. */
export function createLogger(level: string, fd: 1 | 2 = 1): Logger {
  return pino(
    { level, base: { app: 'asisten-asn' }, redact: ['*.token', '*.apiKey', '*.password'] },
    pino.destination({ fd, sync: fd === 2 }),
  );
}
