import { UsageError } from './usage-error.js';

/** Results go to stdout. */
export const out = (text: string) => void process.stdout.write(`${text}\n`);
/** Progress and failures go to stderr, so stdout stays parseable. */
export const progress = (text: string) => void process.stderr.write(`${text}\n`);

/** Runs node's parseArgs, turning its complaints into a usage error (exit code 2). */
export function parse<T>(parser: () => T): T {
  try {
    return parser();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
