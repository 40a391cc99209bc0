import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const bin = fileURLToPath(new URL('../../bin/asn.mjs', import.meta.url));
const run = promisify(execFile);

export interface AsnResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `asn` command in a child process, as HR or a script would. */
export async function asn(args: string[], env: Record<string, string>, options: { input?: string } = {}): Promise<AsnResult> {
  try {
    const running = run(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
    // What a script would pipe in (`echo "$PASSWORD" | asn admin create ...`).
    if (options.input !== undefined) running.child.stdin?.end(options.input);
    const { stdout, stderr } = await running;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * Runs `asn` in this process, for what it answers before reading the settings or opening a
 * database (help, unknown commands, wrong arguments): milliseconds instead of a process start.
 */
export async function asnInProcess(args: string[]): Promise<AsnResult> {
  // Imported here, so that the files that only spawn `asn` do not load the whole CLI.
  const { runCli } = await import('../../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}
