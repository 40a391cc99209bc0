import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { AppContext } from '../app-context.js';
import { adminRoles, type AdminRole } from '../admin/admin-env.js';
import { saveAdminAccount } from '../admin/accounts.js';
import { recordAudit } from '../admin/audit-log.js';
import { minPasswordLength } from '../admin/auth/password.js';
import { AppError } from '../errors.js';
import { out, parse, progress } from './cli-io.js';
import { UsageError } from './usage-error.js';

interface Command {
  run(ctx: AppContext, args: string[]): Promise<number>;
}

/** Reads a line from a terminal without echoing it. */
async function askHidden(prompt: string): Promise<string> {
  progress(prompt);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  try {
    return await rl.question('');
  } finally {
    rl.close();
  }
}

/** Everything piped to stdin, first line only (`echo "$PASS" | asn admin create ...`). */
async function readPipedLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/**
 * The password comes from ASN_ADMIN_PASSWORD (scripts, CI), else from stdin: typed twice at a
 * terminal without echo, or piped. The CLI is an entry point, like main.ts, so it may read it.
 */
async function readPassword(): Promise<string> {
  const fromEnv = process.env.ASN_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) return readPipedLine();
  const first = await askHidden(`Kata sandi (minimal ${minPasswordLength} karakter): `);
  const second = await askHidden('Ulangi kata sandi: ');
  if (first !== second) throw new AppError('password_mismatch', 'Kedua kata sandi tidak sama. Tidak ada yang diubah.');
  return first;
}

const adminCreate: Command = {
  async run(ctx, args) {
    const { values, positionals } = parse(() =>
      parseArgs({ args, allowPositionals: true, options: { role: { type: 'string', default: 'hr' } } }),
    );
    if (positionals.length !== 1) throw new UsageError('Sebutkan satu alamat email: asn admin create <email> --role hr|viewer');
    const role = values.role as string;
    if (!adminRoles.includes(role as AdminRole)) throw new UsageError('--role harus hr (mengubah) atau viewer (hanya melihat).');
    const password = await readPassword();
    const saved = await saveAdminAccount(ctx.db, { email: positionals[0]!, role: role as AdminRole, password });
    await recordAudit(ctx.db, {
      actor: 'cli',
      action: saved.created ? 'admin.create' : 'admin.reset',
      target: `admin_user:${saved.id}`,
      detail: { role },
    });
    const email = positionals[0]!.trim().toLowerCase();
    if (saved.created)
      out(`Akun admin dibuat: ${email} (peran ${role}). Masuk di http://${ctx.config.http.host}:${ctx.config.http.port}/admin`);
    else out(`Akun ${email} sudah ada: kata sandi dan peran (${role}) diperbarui; sesi yang sedang masuk diakhiri.`);
    return 0;
  },
};

const adminList: Command = {
  async run(ctx) {
    const admins = await ctx.db.prisma.adminUser.findMany({ orderBy: { email: 'asc' } });
    if (admins.length === 0) out('Belum ada akun admin. Buat dengan: asn admin create <email> --role hr');
    for (const a of admins) {
      out(
        `${a.email}\t${a.role}\tdibuat ${a.createdAt.toISOString().slice(0, 10)}\tterakhir masuk ${a.lastLoginAt?.toISOString() ?? '-'}`,
      );
    }
    return 0;
  },
};

export const adminCommands: Record<string, Command> = {
  'admin create': adminCreate,
  'admin list': adminList,
};
