import { readFile } from 'node:fs/promises';
import { AppError } from '../errors.js';
import { importPeople } from '../people/import-people.js';
import { issueLinkCode } from '../people/issue-link-code.js';
import { out, progress } from './cli-io.js';
import { employeeZone, employeeZoneSelect } from '../calendar/local-time.js';
import { formatInstant } from './cli-time.js';
import { defineCommand } from './command-spec.js';
import { UsageError } from './usage-error.js';

const peopleImport = defineCommand({
  name: 'people import',
  args: ['<pegawai.csv>'],
  summary: 'Memasukkan unit, pegawai dan atasan dari CSV; bila ada baris yang salah, tidak ada yang diubah.',
  details: [
    'Kolom: nip, nama, unit_kode, unit_nama, jabatan, eselon; boleh juga unit_induk, zona_waktu (WIB/WITA/WIT),',
    'nip_atasan, email, slack_id, aktif (ya/tidak). Pemisah "," atau ";", UTF-8 (di Excel: "CSV UTF-8").',
    'Setiap baris diperiksa; semua kesalahan ditampilkan dengan nomor barisnya. Berkas yang sama dua kali tidak',
    'mengubah apa pun.',
  ],
  async run(ctx, input) {
    const file = input.positionals[0]!;
    const bytes = await readFile(file).catch(() => {
      throw new AppError('not_found', `Berkas tidak dapat dibaca: ${file}`);
    });
    let text: string;
    try {
      // Strict: a file saved as ANSI by Excel would otherwise import names with broken letters.
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new AppError('not_utf8', `${file} bukan UTF-8. Di Excel, simpan sebagai "CSV UTF-8 (Comma delimited)".`);
    }
    const report = await importPeople(ctx.db, text);
    if (!report.ok) {
      for (const e of report.errors) progress(`baris ${e.line}: ${e.message}`);
      progress(`Tidak ada yang diubah: ${report.errors.length} kesalahan di ${file}. Perbaiki lalu ulangi.`);
      return 1;
    }
    const { created, updated, unchanged, units } = report;
    out(
      `Selesai: ${created} dibuat, ${updated} diperbarui, ${unchanged} tidak berubah; ` +
        `unit: ${units.created} dibuat, ${units.updated} diperbarui.`,
    );
    return 0;
  },
});

const peopleCode = defineCommand({
  name: 'people code',
  args: ['<NIP>'],
  // `asn people code 19870512 201001 1 001` works too: the NIP is often written in groups.
  restInLast: true,
  options: { days: { type: 'string', default: '7', help: 'Masa berlaku kode dalam hari, 1 sampai 90.' } },
  summary: 'Membuat kode sekali pakai agar pegawai dapat menghubungkan akun Telegram.',
  details: ['Kode lama pegawai itu tidak berlaku lagi. Batas berlakunya ditulis dalam zona waktu pegawai.'],
  examples: ['asn people code 19850508 201001 1 003 --days 3'],
  plan(input) {
    const ttlDays = Number(input.text('days'));
    if (!Number.isInteger(ttlDays) || ttlDays < 1 || ttlDays > 90)
      throw new UsageError('--days harus bilangan bulat 1 sampai 90.');
    return { nip: input.positionals.join(''), ttlDays };
  },
  async run(ctx, { nip, ttlDays }) {
    const issued = await issueLinkCode(ctx.db, nip, { now: ctx.clock.now(), ttlDays });
    // The employee reads the expiry: in their own zone.
    const employee = await ctx.db.prisma.employee.findUniqueOrThrow({
      where: { nip: issued.employee.nip },
      select: employeeZoneSelect,
    });
    out(`Kode untuk ${issued.employee.name} (NIP ${issued.employee.nip}): ${issued.code}`);
    out(
      `Berlaku sampai: ${formatInstant(issued.expiresAt, employeeZone(employee))}. Sekali pakai; kode lama pegawai ini tidak berlaku lagi.`,
    );
    out('');
    out('Cara memakai (berikan kepada pegawai):');
    out(`  1. Buka bot Telegram instansi dan kirim: /daftar ${issued.code}`);
    const bot = ctx.config.telegram?.username ?? '<nama_bot>';
    // Deep-link payloads allow only A-Z, a-z, 0-9, _ and -: the code's dash is fine.
    out(`  2. Atau buka tautan https://t.me/${bot}?start=${issued.code} lalu tekan Mulai (/start ${issued.code}).`);
    return 0;
  },
});

/** Employees and the org chart, and their Telegram linking codes. */
export const peopleCommands = [peopleImport, peopleCode];
