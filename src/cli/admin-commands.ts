import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { adminRoles, type AdminRole } from '../admin/admin-env.js';
import { saveAdminAccount } from '../admin/accounts.js';
import { recordAudit } from '../admin/audit-log.js';
import { minPasswordLength } from '../admin/auth/password.js';
import { AppError } from '../errors.js';
import { out, progress } from './cli-io.js';
import { formatInstant, operatorZone } from './cli-time.js';
import { defineCommand } from './command-spec.js';
import { UsageError } from './usage-error.js';

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

const adminCreate = defineCommand({
  name: 'admin create',
  args: ['<email>'],
  options: {
    role: {
      type: 'string',
      value: adminRoles.join('|'),
      default: 'hr',
      help: 'hr mengubah data; viewer hanya melihat.',
    },
  },
  summary: 'Membuat akun antarmuka admin (/admin), atau mengganti kata sandi dan perannya.',
  details: [
    `Kata sandi (minimal ${minPasswordLength} karakter) dari ASN_ADMIN_PASSWORD, atau dari stdin: diketik dua kali`,
    'tanpa tampil, atau dialirkan (echo "$SANDI" | asn admin create ...). Untuk email yang sudah ada, kata sandi',
    'dan perannya diganti dan sesinya diakhiri.',
  ],
  examples: ['asn admin create sdm@pemkot.go.id --role hr'],
  plan(input) {
    const role = input.text('role')!;
    if (!adminRoles.includes(role as AdminRole)) throw new UsageError('--role harus hr (mengubah) atau viewer (hanya melihat).');
    return { email: input.positionals[0]!, role: role as AdminRole };
  },
  async run(ctx, { email, role }) {
    const password = await readPassword();
    const saved = await saveAdminAccount(ctx.db, { email, role, password });
    await recordAudit(ctx.db, {
      actor: 'cli',
      action: saved.created ? 'admin.create' : 'admin.reset',
      target: `admin_user:${saved.id}`,
      detail: { role },
    });
    const shown = email.trim().toLowerCase();
    if (saved.created)
      out(`Akun admin dibuat: ${shown} (peran ${role}). Masuk di http://${ctx.config.http.host}:${ctx.config.http.port}/admin`);
    else out(`Akun ${shown} sudah ada: kata sandi dan peran (${role}) diperbarui; sesi yang sedang masuk diakhiri.`);
    return 0;
  },
});

const adminList = defineCommand({
  name: 'admin list',
  options: { json: { type: 'boolean', help: 'Mencetak akun-akun sebagai JSON (waktu ISO 8601).' } },
  summary: 'Akun admin yang ada: email, peran, kapan dibuat, kapan terakhir masuk.',
  details: ['Waktu dalam zona waktu komputer ini bila WIB, WITA atau WIT (TZ), selain itu WIB.'],
  async run(ctx, input) {
    const admins = await ctx.db.prisma.adminUser.findMany({
      orderBy: { email: 'asc' },
      select: { email: true, role: true, createdAt: true, lastLoginAt: true },
    });
    if (input.flag('json')) {
      out(JSON.stringify(admins));
      return 0;
    }
    if (admins.length === 0) out('Belum ada akun admin. Buat dengan: asn admin create <email> --role hr');
    const zone = operatorZone();
    for (const a of admins) {
      const lastLogin = a.lastLoginAt ? formatInstant(a.lastLoginAt, zone) : 'belum pernah';
      out(`${a.email}\t${a.role}\tdibuat ${formatInstant(a.createdAt, zone)}\tterakhir masuk ${lastLogin}`);
    }
    return 0;
  },
});

/** Accounts of the admin web UI. */
export const adminCommands = [adminCreate, adminList];
