// Every help text of `asn`, generated from the command table (commands.ts).
import { usageLine, usageTokens, type Command } from './command-spec.js';

const width = 100;

/** The usage line broken at words to fit a terminal, continuation lines under the arguments. */
function wrappedUsage(command: Command, lead: string): string[] {
  const tokens = usageTokens(command);
  const nameWords = 1 + command.name.split(' ').length;
  const lines: string[] = [];
  let line = `${lead}${tokens.slice(0, nameWords).join(' ')}`;
  const indent = ' '.repeat(Math.min(line.length + 1, 30));
  let onLine = 0;
  for (const token of tokens.slice(nameWords)) {
    if (onLine > 0 && line.length + 1 + token.length > width) {
      lines.push(line);
      line = `${indent}${token}`;
      onLine = 1;
    } else {
      line = `${line} ${token}`;
      onLine++;
    }
  }
  return [...lines, line];
}

function entries(commands: readonly Command[]): string[] {
  const lines: string[] = [];
  let group = '';
  for (const c of commands) {
    const first = c.name.split(' ')[0]!;
    if (lines.length > 0 && first !== group) lines.push('');
    group = first;
    lines.push(...wrappedUsage(c, '  '), `      ${c.summary}`);
  }
  return lines;
}

const footer = [
  'Bantuan satu perintah: asn <perintah> --help, misalnya asn kb ingest --help.',
  'Hasil ke stdout; kemajuan dan kesalahan ke stderr. Dengan --json, hasilnya JSON (waktu ISO 8601).',
  'Waktu ditulis dalam zona pegawai (WIB, WITA, WIT), atau zona komputer ini (bawaan WIB).',
  'Kode keluar: 0 selesai; 1 pekerjaan gagal, seluruhnya atau sebagian (yang gagal disebutkan);',
  '             2 perintah atau pengaturan salah, tidak ada yang dikerjakan.',
  'Pengaturan dibaca dari lingkungan: DATA_DIR, DATABASE_URL, OPENAI_API_KEY, OPENAI_BASE_URL, ...',
];

/** `asn --help`: every command with its usage line and summary. */
export function overviewHelp(commands: readonly Command[]): string {
  return [
    'Asisten ASN: perintah untuk tim SDM dan operator.',
    '',
    'Pemakaian: asn <perintah> [argumen] [opsi]',
    '',
    ...entries(commands),
    '',
    ...footer,
    '',
  ].join('\n');
}

/** `asn kb --help`: the commands of one group, under a heading. */
export function groupHelp(commands: readonly Command[], group: string, heading = `Perintah asn ${group}:`): string {
  const members = commands.filter((c) => c.name.startsWith(`${group} `));
  return [heading, '', ...entries(members), '', 'Bantuan satu perintah: asn <perintah> --help.', ''].join('\n');
}

/** `asn people code --help`: usage, what it does, each option, examples. */
export function commandHelp(command: Command): string {
  const options = Object.entries(command.options ?? {}).map(([name, o]) => ({
    label: o.type === 'boolean' ? `--${name}` : `--${name} ${o.value ?? o.default ?? 'NILAI'}`,
    help: o.default !== undefined && !o.help.includes('bawaan') ? `${o.help.replace(/\.$/, '')} (bawaan ${o.default}).` : o.help,
  }));
  options.push({ label: '-h, --help', help: 'Menampilkan bantuan ini.' });
  const column = Math.max(...options.map((o) => o.label.length)) + 3;
  return [
    ...wrappedUsage(command, 'Pemakaian: '),
    '',
    command.summary,
    ...(command.details ?? []),
    '',
    'Opsi:',
    ...options.map((o) => `  ${o.label.padEnd(column)}${o.help}`),
    ...(command.examples?.length ? ['', 'Contoh:', ...command.examples.map((e) => `  ${e}`)] : []),
    '',
  ].join('\n');
}

/** A usage error: what is wrong, the one relevant usage line, where to read more. */
export function usageFailure(command: Command, message: string): string {
  return `${message}\nPemakaian: ${usageLine(command)}\nLihat: asn ${command.name} --help\n`;
}
