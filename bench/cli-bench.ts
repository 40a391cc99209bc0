// `npm run bench -- cli`: how long an `asn` command takes and how much memory it needs, with the
// server running (through its database socket) and without (opening PGlite itself).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startServerProcess, waitForHealth } from '../test/helpers/server-process.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'asn.mjs');
const preload = join(root, 'bench', 'report-max-rss.mjs');
const runs = 5;

async function timeCommand(args: string[], env: Record<string, string>): Promise<{ ms: number; rssMb: number }> {
  const started = performance.now();
  const { stderr } = await run(process.execPath, [bin, ...args], {
    env: { ...process.env, ...env, NODE_OPTIONS: `--import ${preload}` },
    maxBuffer: 16 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  const kb = Number(/ASN_BENCH_MAX_RSS_KB=(\d+)/.exec(stderr)?.[1] ?? NaN);
  return { ms, rssMb: kb / 1024 };
}

async function series(label: string, args: string[], env: Record<string, string>): Promise<void> {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await timeCommand(args, env));
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const rss = Math.max(...results.map((r) => r.rssMb));
  console.log(
    `- ${label}: median ${(ms[Math.floor(runs / 2)]! / 1000).toFixed(2)} s (min ${(ms[0]! / 1000).toFixed(2)}, max ${(ms.at(-1)! / 1000).toFixed(2)}), peak RSS ${rss.toFixed(0)} MB`,
  );
}

export async function cliBench(): Promise<void> {
  console.log(`\n## asn command (${runs} runs each, embedded PGlite with the default knowledge base)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'asn-cli-bench-'));
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  const question = ['ask', 'berapa lama cuti melahirkan bagi PNS?'];
  try {
    // A first start creates the database and loads the default knowledge base.
    let server = await startServerProcess(env);
    if ((await waitForHealth(`${server.url}/healthz`, 120_000)) !== 200) throw new Error(server.logs());
    await series('`asn ask` with the server running', question, env);
    await series('`asn kb list` with the server running', ['kb', 'list'], env);
    await server.stop();
    await series('`asn ask` without a server', question, env);
    await series('`asn kb list` without a server', ['kb', 'list'], env);
    server = await startServerProcess(env);
    await waitForHealth(`${server.url}/healthz`, 120_000);
    await server.stop();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
