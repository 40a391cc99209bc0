/**
 * HR's reminder commands through the real `asn` binary in a child process, on a PGlite data
 * directory. The employees are put in beforehand in-process (the CLI has no command to link a
 * Telegram account, and an unlinked employee gets no reminders at all). Each spawn costs 2.5-5 s,
 * so the spawns are few, and the tests run at once, each on its own copy of the data directory
 * (one PGlite directory takes one process at a time: two tests must never share one). Wrong
 * words and dates are refused before any database is opened: cli-usage.test.ts, in-process.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asn } from '../helpers/run-asn.js';
import { openDatabase } from '../../src/db/database.js';
import { importPeople } from '../../src/people/import-people.js';

const budi = '198001012005011001';
const people = `nip,nama,unit_kode,unit_nama,jabatan,eselon,zona_waktu,nip_atasan
${budi},Budi Santoso,BDG,Dinas Komunikasi dan Informatika Kota Bandung,Pranata Komputer,,WIB,
199002142015032001,Dewi Lestari,SMD,Dinas Komunikasi dan Informatika Kota Samarinda,Pranata Komputer,,WITA,
`;

const disiplinText =
  'Selamat pagi, {nama}. Sudah hadir dan mengikuti apel hari ini ({tanggal})? Ketuk salah satu tombol di bawah.';
const kinerjaText =
  'Halo {nama}, apa yang Anda kerjakan hari ini ({tanggal}) untuk target SKP Anda? Catat sekarang supaya tidak lupa.';

/** The preview's lines after its heading, sorted: the order of the kinds is not part of the contract. */
const previewLines = (stdout: string) => stdout.trimEnd().split('\n').slice(1).sort();

// A spawn takes 2.5 s on a quiet machine and over 10 s on a busy one (the suite runs files in parallel).
describe('asn reminders and asn holidays', { timeout: 90_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'asn-reminders-'));
  const dirs = {
    hr: join(root, 'hr'),
    holidays: join(root, 'holidays'),
    leave: join(root, 'leave'),
  };
  const envOf = (dataDir: string) => ({ DATA_DIR: dataDir, OPENAI_API_KEY: '', OPENAI_BASE_URL: '', DATABASE_URL: '' });

  beforeAll(async () => {
    const db = await openDatabase({ dataDir: dirs.hr });
    try {
      expect((await importPeople(db, people)).ok).toBe(true);
      const employee = await db.prisma.employee.findUniqueOrThrow({ where: { nip: budi } });
      await db.prisma.telegramAccount.create({ data: { telegramUserId: 9101n, chatId: 9101n, employeeId: employee.id } });
    } finally {
      await db.close();
    }
    for (const copy of [dirs.holidays, dirs.leave]) cpSync(dirs.hr, copy, { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.concurrent('lists the four defaults, sets a unit time, and previews a Tuesday at that time', async ({ expect }) => {
    const env = envOf(dirs.hr);
    const list = await asn(['reminders', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout.trimEnd().split('\n')).toEqual([
      `disiplin\tsemua unit\t07:15\tSen,Sel,Rab,Kam,Jum\taktif\t120 menit\t${disiplinText}`,
      `kinerja\tsemua unit\t15:30\tSen,Sel,Rab,Kam,Jum\taktif\t180 menit\t${kinerjaText}`,
      'netralitas\tsemua unit\t08:00\tSen\tnonaktif\t240 menit\tPengingat netralitas, {nama}: ASN tidak boleh mendukung calon atau partai, termasuk menyukai, membagikan atau mengomentari unggahan kampanye di media sosial.',
      'ringkasan\tsemua unit\t16:00\tJum\taktif\t120 menit\tAkhir pekan, {nama}: lihat ringkasan kinerja Anda minggu ini dengan /kinerja minggu.',
    ]);

    const set = await asn(['reminders', 'set', 'disiplin', '--unit', 'BDG', '--time', '07:00'], env);
    expect(set).toMatchObject({ code: 0, stderr: '' });
    expect(set.stdout).toBe('Tersimpan: disiplin untuk unit BDG, 07:00, hari Sen,Sel,Rab,Kam,Jum, aktif.\n');

    // A working Tuesday: Bandung's own 07:00, the default 15:30.
    const tuesday = await asn(['reminders', 'preview', budi, '--date', '2026-12-22'], env);
    expect(tuesday.code).toBe(0);
    expect(tuesday.stdout.split('\n')[0]).toBe(`Budi Santoso (NIP ${budi}), Selasa, 22 Desember 2026, zona WIB:`);
    expect(previewLines(tuesday.stdout)).toEqual([
      '  ✓ disiplin pukul 07:00 WIB: "Selamat pagi, Budi Santoso. Sudah hadir dan mengikuti apel hari ini (Selasa, 22 Desember 2026)? Ketuk salah satu tombol di bawah."',
      '  ✓ kinerja pukul 15:30 WIB: "Halo Budi Santoso, apa yang Anda kerjakan hari ini (Selasa, 22 Desember 2026) untuk target SKP Anda? Catat sekarang supaya tidak lupa."',
      '  ✗ netralitas: tidak dikirim (jadwal tidak aktif)',
      '  ✗ ringkasan: tidak dikirim (bukan hari jadwal (hanya Jumat))',
    ]);

    // Removed, Bandung is back on the default 07:15.
    const removed = await asn(['reminders', 'remove', 'disiplin', '--unit', 'BDG'], env);
    expect(removed).toMatchObject({ code: 0, stderr: '' });
    expect(removed.stdout).toContain('Jadwal disiplin khusus unit BDG dihapus');
    const after = await asn(['reminders', 'preview', budi, '--date', '2026-12-22'], env);
    expect(after.stdout).toContain('✓ disiplin pukul 07:15 WIB');
  });

  it.concurrent('previews Natal as a day off; after HR adds cuti bersama, that day too', async ({ expect }) => {
    const env = envOf(dirs.holidays);
    // Natal comes from the computed national calendar: no HR row needed.
    const natal = await asn(['reminders', 'preview', budi, '--date', '2026-12-25'], env);
    expect(natal.code).toBe(0);
    expect(natal.stdout.split('\n')[0]).toBe(`Budi Santoso (NIP ${budi}), Jumat, 25 Desember 2026, zona WIB:`);
    expect(previewLines(natal.stdout)).toEqual([
      '  ✗ disiplin: tidak dikirim (hari libur: Hari Raya Natal)',
      '  ✗ kinerja: tidak dikirim (hari libur: Hari Raya Natal)',
      '  ✗ netralitas: tidak dikirim (jadwal tidak aktif)',
      '  ✗ ringkasan: tidak dikirim (hari libur: Hari Raya Natal)',
    ]);

    // HR adds the cuti bersama of 24 December (cuti_bersama is the default kind).
    const add = await asn(['holidays', 'add', '2026-12-24', 'Cuti bersama Natal'], env);
    expect(add).toMatchObject({ code: 0, stderr: '' });
    expect(add.stdout).toBe('Hari libur tersimpan: Kamis, 24 Desember 2026, Cuti bersama Natal (cuti_bersama).\n');
    expect((await asn(['holidays', 'list'], env)).stdout).toBe('Kamis, 24 Desember 2026\tcuti_bersama\t*\tCuti bersama Natal\n');
    const thursday = await asn(['reminders', 'preview', budi, '--date', '2026-12-24'], env);
    expect(thursday.code).toBe(0);
    expect(thursday.stdout.split('\n')[0]).toBe(`Budi Santoso (NIP ${budi}), Kamis, 24 Desember 2026, zona WIB:`);
    expect(previewLines(thursday.stdout)).toEqual([
      '  ✗ disiplin: tidak dikirim (hari libur: Cuti bersama Natal)',
      '  ✗ kinerja: tidak dikirim (hari libur: Cuti bersama Natal)',
      '  ✗ netralitas: tidak dikirim (jadwal tidak aktif)',
      '  ✗ ringkasan: tidak dikirim (bukan hari jadwal (hanya Jumat))',
    ]);
  });

  it.concurrent('records leave entered by HR, and the preview then skips those days', async ({ expect }) => {
    const env = envOf(dirs.leave);
    const leave = await asn(['leave', 'add', budi, '2026-12-21', '2026-12-22'], env);
    expect(leave).toMatchObject({ code: 0, stderr: '' });
    expect(leave.stdout).toBe(
      'Tercatat cuti untuk Budi Santoso: Senin, 21 Desember 2026 sampai Selasa, 22 Desember 2026. Tidak ada pengingat pada hari-hari itu.\n',
    );
    const monday = await asn(['reminders', 'preview', budi, '--date', '2026-12-21'], env);
    expect(monday.stdout).toMatch(/✗ disiplin: tidak dikirim \(cuti/);
  });
});
