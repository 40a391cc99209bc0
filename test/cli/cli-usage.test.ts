/**
 * What `asn` answers before it reads the settings or opens a database: help, unknown commands and
 * options, missing or wrong arguments. Run in this process (a process start costs seconds); the
 * process itself is checked once at the end, for the exit code and the streams a shell sees.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands.js';
import { asn, asnInProcess as run } from '../helpers/run-asn.js';

describe('asn: help, usage errors and suggestions', () => {
  // Nothing here may open a database; if something did, it would land here, and the last test looks.
  const dataDir = mkdtempSync(join(tmpdir(), 'asn-usage-'));
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  beforeAll(() => {
    process.env.DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
  });
  afterAll(() => {
    Object.assign(process.env, saved);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the overview to stdout with exit 0 when asked, to stderr with exit 2 when nothing was typed', async () => {
    for (const words of [['--help'], ['-h'], ['help']]) {
      const r = await run(words);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      expect(r.stdout).toMatch(/^Asisten ASN/);
      for (const c of commands) expect(r.stdout).toContain(`asn ${c.name}`);
      expect(r.stdout).toContain('Kode keluar: 0 selesai');
    }
    const bare = await run([]);
    expect({ code: bare.code, stdout: bare.stdout }).toEqual({ code: 2, stdout: '' });
    expect(bare.stderr).toBe((await run(['--help'])).stdout);
  });

  it('prints each command its own help with every option, exit 0, through --help, -h and asn help', async () => {
    expect(commands.length).toBeGreaterThanOrEqual(20);
    for (const c of commands) {
      const words = c.name.split(' ');
      const r = await run([...words, '--help']);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      expect(r.stdout.startsWith(`Pemakaian: asn ${c.name}`)).toBe(true);
      expect(r.stdout).toContain(c.summary);
      for (const option of Object.keys(c.options ?? {})) expect(r.stdout).toMatch(new RegExp(`^  --${option}\\b`, 'm'));
      expect(r.stdout).toMatch(/^ {2}-h, --help/m);
      expect(await run(['help', ...words])).toEqual(r);
      // Help wins over anything else on the line, even wrong words.
      expect((await run([...words, '--tidak-ada', '-h'])).stdout).toBe(r.stdout);
    }
    const ingest = await run(['kb', 'ingest', '--help']);
    expect(ingest.stdout).toContain('Pemakaian: asn kb ingest <berkas-atau-folder>... [--status berlaku|dicabut]');
    expect(ingest.stdout).toMatch(/^ {2}--replaced-by "<peraturan>" +Peraturan penggantinya/m);
  });

  it('lists a group on asn kb --help (exit 0), and on a bare asn kb (exit 2)', async () => {
    const asked = await run(['flags', '--help']);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toMatch(/^Perintah asn flags:\n/);
    expect(asked.stdout).toContain('asn flags show <nomor> [--json]');
    expect(asked.stdout).not.toContain('asn kb');
    const bare = await run(['kb']);
    expect({ code: bare.code, stdout: bare.stdout }).toEqual({ code: 2, stdout: '' });
    expect(bare.stderr).toMatch(/^Perintah asn kb belum lengkap; pilih salah satu:\n/);
    expect(bare.stderr).toContain('asn kb list [--json]');
  });

  it('answers a missing argument with exit 2, what is missing, the one usage line and where to read more', async () => {
    expect(await run(['people', 'code'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Sebutkan <NIP>.\nPemakaian: asn people code <NIP> [--days 7]\nLihat: asn people code --help\n',
    });
    expect((await run(['kb', 'ingest', '--status', 'dicabut'])).stderr).toBe(
      'Sebutkan <berkas-atau-folder>.\nPemakaian: asn kb ingest <berkas-atau-folder>... [--status berlaku|dicabut] [--replaced-by "<peraturan>"] [--separate]\nLihat: asn kb ingest --help\n',
    );
    expect((await run(['holidays', 'add'])).stderr.split('\n')[0]).toBe('Sebutkan <TTTT-BB-HH> dan <nama>.');
    expect((await run(['reminders', 'remove', 'disiplin'])).stderr).toBe(
      'Sebutkan --unit KODE.\nPemakaian: asn reminders remove <disiplin|kinerja|ringkasan|netralitas> --unit KODE\nLihat: asn reminders remove --help\n',
    );
    const extra = await run(['flags', 'show', '3', '4']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/^Terlalu banyak argumen: 4\.\nPemakaian: asn flags show <nomor> \[--json\]\n/);
  });

  it('names a mistyped option in Indonesian and suggests the closest one', async () => {
    expect(await run(['kb', 'list', '--jsn'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Opsi tidak dikenal: --jsn. Maksud Anda --json?\nPemakaian: asn kb list [--json]\nLihat: asn kb list --help\n',
    });
    expect((await run(['kb', 'ingest', 'a.pdf', '--stat', 'dicabut'])).stderr).toMatch(
      /^Opsi tidak dikenal: --stat\. Maksud Anda --status\?\n/,
    );
    expect((await run(['flags', 'settings', '--kpi-day', '4'])).stderr).toMatch(/Maksud Anda --kpi-days\?/);
    // Nothing close: the options there are, and how to write a text that starts with "-".
    const far = await run(['ask', '-5', 'hari', 'cuti?']);
    expect(far.code).toBe(2);
    expect(far.stderr.split('\n')[0]).toBe(
      'Opsi tidak dikenal: -5. Opsi asn ask: --json. Teks yang diawali "-" ditulis sesudah --.',
    );
    expect((await run(['people', 'import', '--force', 'a.csv'])).stderr.split('\n')[0]).toContain(
      'asn people import tidak memakai opsi.',
    );
    // An option without its value, or a value where none is taken: ours, never node's English.
    const noValue = await run(['eval', 'x.jsonl', '--k']);
    expect(noValue.stderr.split('\n')[0]).toBe('Opsi --k perlu nilai, misalnya --k 5.');
    expect((await run(['eval', 'x.jsonl', '--k', '--json'])).stderr.split('\n')[0]).toBe('Opsi --k perlu nilai, misalnya --k 5.');
    expect((await run(['kb', 'list', '--json=ya'])).stderr.split('\n')[0]).toBe(
      'Opsi --json tidak memakai nilai: tulis --json saja.',
    );
    for (const r of [far, noValue]) expect(r.stderr).not.toMatch(/Unknown|argument|option '/);
  });

  it('names an unknown command and suggests the closest one', async () => {
    expect(await run(['kb', 'ingset', 'a.pdf'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Perintah tidak dikenal: asn kb ingset. Maksud Anda: asn kb ingest?\nLihat: asn kb --help\n',
    });
    expect((await run(['reminder', 'lst'])).stderr.split('\n')[0]).toBe(
      'Perintah tidak dikenal: asn reminder lst. Maksud Anda: asn reminders list?',
    );
    expect((await run(['flag', 'show', '3'])).stderr.split('\n')[0]).toBe(
      'Perintah tidak dikenal: asn flag show. Maksud Anda: asn flags show?',
    );
    expect((await run(['ak', 'apa itu cuti?'])).stderr.split('\n')[0]).toBe(
      'Perintah tidak dikenal: asn ak. Maksud Anda: asn ask?',
    );
    expect((await run(['kb', 'hapus'])).stderr.split('\n')[0]).toBe(
      'Perintah tidak dikenal: asn kb hapus. Perintah asn kb: ingest, list, missing.',
    );
    expect(await run(['terbang'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Perintah tidak dikenal: asn terbang.\nLihat: asn --help\n',
    });
    expect((await run(['--json', 'kb', 'list'])).stderr.split('\n')[0]).toBe(
      'Opsi --json ditulis sesudah perintahnya, misalnya: asn kb list --json.',
    );
  });

  it('refuses wrong values with the command usage line before touching any data', async () => {
    const cases: [string[], string][] = [
      [['reminders', 'set', 'disiplin', '--time', '25:00'], '--time harus JJ:MM, misalnya 07:15.'],
      [['reminders', 'set', 'absensi', '--time', '07:00'], 'Sebutkan jenis pengingat: disiplin, kinerja, ringkasan, netralitas.'],
      [['reminders', 'preview', '198001012005011001', '--date', '25-12-2026'], '--date harus TTTT-BB-HH, misalnya 2026-11-24.'],
      // 30 February is not a date; JavaScript's Date.parse reads it as 2 March.
      [['holidays', 'add', '2026-02-30', 'Tanggal salah'], 'Tanggal harus TTTT-BB-HH.'],
      [['leave', 'add', '198001012005011001', '2026-12-22', '2026-12-21'], 'Tanggal selesai tidak boleh sebelum tanggal mulai.'],
      [
        ['absence', 'add', '198001012005011001', '2026-02-30'],
        'Tanggal tidak valid: "2026-02-30" (tulis TTTT-BB-HH, misalnya 2026-11-24)',
      ],
      [['eval', 'x.jsonl', '--k', 'nol'], '--k harus bilangan bulat positif.'],
      [['people', 'code', '198001012005011001', '--days', '365'], '--days harus bilangan bulat 1 sampai 90.'],
      [['admin', 'create', 'sdm@pemkot.go.id', '--role', 'boss'], '--role harus hr (mengubah) atau viewer (hanya melihat).'],
      [['flags', 'list', '--status', 'baru'], '--status harus salah satu dari open, escalated, acknowledged, resolved.'],
    ];
    for (const [words, message] of cases) {
      const command = commands.find((c) => words.join(' ').startsWith(`${c.name} `))!;
      const r = await run(words);
      expect.soft({ words, code: r.code, stdout: r.stdout }).toEqual({ words, code: 2, stdout: '' });
      expect
        .soft(r.stderr.split('\n').slice(0, 3))
        .toEqual([message, expect.stringMatching(/^Pemakaian: asn /), `Lihat: asn ${command.name} --help`]);
    }
    // A wrong setting is exit 2 too, named.
    process.env.PORT = 'tiga ribu';
    try {
      const setting = await run(['kb', 'list']);
      expect(setting.code).toBe(2);
      expect(setting.stderr).toMatch(/PORT/);
    } finally {
      delete process.env.PORT;
    }
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('as a process: help on stdout with exit 0, a usage error on stderr with exit 2', async () => {
    const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
    const [help, wrong] = await Promise.all([asn(['kb', 'ingest', '--help'], env), asn(['kb', 'list', '--jsn'], env)]);
    expect({ code: help.code, stderr: help.stderr }).toEqual({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Pemakaian: asn kb ingest /);
    expect(wrong).toEqual({ code: 2, stdout: '', stderr: (await run(['kb', 'list', '--jsn'])).stderr });
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
