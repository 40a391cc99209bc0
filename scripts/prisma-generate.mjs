// Generates the Prisma client after `npm ci`. `prisma generate` refuses to run unless a native
// schema engine exists, which it would download; generation itself never uses that engine (we use
// driver adapters and our own SQL migrator), so any existing file satisfies the check offline.
import { spawnSync } from 'node:child_process';

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const result = spawnSync('npx', ['prisma', 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
