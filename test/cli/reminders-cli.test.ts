/**
 * HR's reminder commands through the real `asn` binary in a child process, on a PGlite data
 * directory. The employees are put in beforehand in-process (the CLI has no command to link a
 * Telegram account, and an unlinked employee gets no reminders at all); each spawn costs about
 * 2.5 s, so the checks share a few of them.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { importPeople } from '../../src/people/import-people.js';

const bin = fileURLToPath(new URL('../../bin/asn.mjs', import.meta.url));
const run = promisify(execFile);

/** Runs the real `asn` command in a child process, as HR would. */
async function asn(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

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

describe('asn reminders and asn holidays', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'asn-reminders-'));
  const env = { DATA_DIR: dataDir, OPENAI_API_KEY: '', OPENAI_BASE_URL: '', DATABASE_URL: '' };

  beforeAll(async () => {
    const db = await openDatabase({ dataDir });
    try {
      expect((await importPeople(db, people)).ok).toBe(true);
      const employee = await db.prisma.employee.findUniqueOrThrow({ where: { nip: budi } });
      await db.prisma.telegramAccount.create({ data: { telegramUserId: 9101n, chatId: 9101n, employeeId: employee.id } });
    } finally {
      await db.close();
    }
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lists the four default schedules, and sets a unit override', async () => {
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
  });

  it('previews Natal as a day off, and a Tuesday with the unit time', async () => {
    const natal = await asn(['reminders', 'preview', budi, '--date', '2026-12-25'], env);
    expect(natal.code).toBe(0);
    expect(natal.stdout.split('\n')[0]).toBe(`Budi Santoso (NIP ${budi}), Jumat, 25 Desember 2026, zona WIB:`);
    expect(previewLines(natal.stdout)).toEqual([
      '  ✗ disiplin: tidak dikirim (hari libur: Hari Raya Natal)',
      '  ✗ kinerja: tidak dikirim (hari libur: Hari Raya Natal)',
      '  ✗ netralitas: tidak dikirim (jadwal tidak aktif)',
      '  ✗ ringkasan: tidak dikirim (hari libur: Hari Raya Natal)',
    ]);

    const tuesday = await asn(['reminders', 'preview', budi, '--date', '2026-12-22'], env);
    expect(tuesday.code).toBe(0);
    expect(tuesday.stdout.split('\n')[0]).toBe(`Budi Santoso (NIP ${budi}), Selasa, 22 Desember 2026, zona WIB:`);
    expect(previewLines(tuesday.stdout)).toEqual([
      '  ✓ disiplin pukul 07:00 WIB: "Selamat pagi, Budi Santoso. Sudah hadir dan mengikuti apel hari ini (Selasa, 22 Desember 2026)? Ketuk salah satu tombol di bawah."',
      '  ✓ kinerja pukul 15:30 WIB: "Halo Budi Santoso, apa yang Anda kerjakan hari ini (Selasa, 22 Desember 2026) untuk target SKP Anda? Catat sekarang supaya tidak lupa."',
      '  ✗ netralitas: tidak dikirim (jadwal tidak aktif)',
      '  ✗ ringkasan: tidak dikirim (bukan hari jadwal (hanya Jumat))',
    ]);
  });

  it("adds HR's cuti bersama, after which the preview sends nothing that day", async () => {
    const add = await asn(['holidays', 'add', '2026-12-24', 'Cuti bersama Natal'], env);
    expect(add).toMatchObject({ code: 0, stderr: '' });
    expect(add.stdout).toBe('Hari libur tersimpan: Kamis, 24 Desember 2026, Cuti bersama Natal (cuti_bersama).\n');

    const preview = await asn(['reminders', 'preview', budi, '--date', '2026-12-24'], env);
    expect(preview.code).toBe(0);
    expect(preview.stdout.split('\n')[0]).toBe(`Budi Santoso (NIP ${budi}), Kamis, 24 Desember 2026, zona WIB:`);
    expect(previewLines(preview.stdout)).toEqual([
      '  ✗ disiplin: tidak dikirim (hari libur: Cuti bersama Natal)',
      '  ✗ kinerja: tidak dikirim (hari libur: Cuti bersama Natal)',
      '  ✗ netralitas: tidak dikirim (jadwal tidak aktif)',
      '  ✗ ringkasan: tidak dikirim (bukan hari jadwal (hanya Jumat))',
    ]);
  });

  it('exits 2 with an Indonesian message on a wrong time or an unknown kind', async () => {
    const badTime = await asn(['reminders', 'set', 'disiplin', '--time', '25:00'], env);
    expect(badTime).toMatchObject({ code: 2, stdout: '' });
    expect(badTime.stderr).toMatch(/^--time harus JJ:MM, misalnya 07:15\.\n\nPemakaian: asn/);

    const unknownKind = await asn(['reminders', 'set', 'absensi', '--time', '07:00'], env);
    expect(unknownKind).toMatchObject({ code: 2, stdout: '' });
    expect(unknownKind.stderr).toMatch(/^Sebutkan jenis pengingat: disiplin, kinerja, ringkasan, netralitas\.\n\nPemakaian: asn/);
  });

  it('exits 2 on a date that is not in the calendar, and stores nothing', async () => {
    const preview = await asn(['reminders', 'preview', budi, '--date', '25-12-2026'], env);
    expect({ code: preview.code, stdout: preview.stdout }).toEqual({ code: 2, stdout: '' });
    expect(preview.stderr).toMatch(/^--date harus TTTT-BB-HH, misalnya 2026-11-24\.\n\nPemakaian: asn/);

    // 30 February is not a date; JavaScript's Date.parse reads it as 2 March.
    const holiday = await asn(['holidays', 'add', '2026-02-30', 'Tanggal salah'], env);
    expect({ code: holiday.code, stdout: holiday.stdout }).toEqual({ code: 2, stdout: '' });
    expect(holiday.stderr).toMatch(/^Tanggal harus TTTT-BB-HH\.\n\nPemakaian: asn/);

    const db = await openDatabase({ dataDir });
    try {
      const holidays = await db.prisma.holiday.findMany({ orderBy: { date: 'asc' } });
      expect(holidays.map((h) => [h.date.toISOString().slice(0, 10), h.name, h.kind, h.scope])).toEqual([
        ['2026-12-24', 'Cuti bersama Natal', 'cuti_bersama', '*'],
      ]);
      // And the override of the first test is there, next to the untouched default.
      const disiplin = await db.prisma.reminderSchedule.findMany({ where: { kind: 'disiplin' }, orderBy: { scope: 'asc' } });
      expect(disiplin.map((s) => [s.scope, s.localTime, s.days, s.windowMinutes, s.active])).toEqual([
        ['*', '07:15', [1, 2, 3, 4, 5], 120, true],
        ['BDG', '07:00', [1, 2, 3, 4, 5], 120, true],
      ]);
    } finally {
      await db.close();
    }
  });
});
