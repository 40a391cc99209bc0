import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/**
 * Logs to stdout (or stderr for the CLI); callers log ids and counts, never names, NIPs or texts.
 * `text` writes one readable line per event (a person at a terminal); `json` one JSON object
 * (a container or a log collector); `auto` picks by whether the output is a terminal.
 */
export function createLogger(level: string, fd: 1 | 2 = 1, format: 'auto' | 'json' | 'text' = 'auto'): Logger {
  const options = { level, base: { app: 'asisten-asn' }, redact: ['*.token', '*.apiKey', '*.password'] };
  const isTerminal = (fd === 1 ? process.stdout : process.stderr).isTTY === true;
  if (format === 'text' || (format === 'auto' && isTerminal)) {
    return pino(
      options,
      pretty({
        destination: fd,
        sync: true,
        colorize: isTerminal,
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'pid,hostname,app',
        singleLine: true,
      }),
    );
  }
  return pino(options, pino.destination({ fd, sync: fd === 2 }));
}
