// The attendance service on both backends: the one validation of recorded absences and leave
// (local dates of the employee's zone, limits, duplicates, unknown NIPs), removal and listing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AttendanceError } from '../../src/attendance/attendance-error.js';
import { listAttendance } from '../../src/attendance/list-attendance.js';
import { recordAbsences } from '../../src/attendance/record-absence.js';
import { recordLeave } from '../../src/attendance/record-leave.js';
import { removeAbsence, removeLeave } from '../../src/attendance/remove-attendance.js';
import { parseWrittenDate, splitDateList } from '../../src/attendance/written-dates.js';
import type { Database } from '../../src/db/database.js';
import { instantOf } from '../../src/calendar/local-time.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

const nips = { jakarta: '199002142015032001', jayapura: '198505082010011003' } as const;
const day = (date: string) => new Date(`${date}T00:00:00Z`);
/** Wednesday 2 December 2026, 10:00 in Jakarta (WIB): the same date in every zone. */
const now = instantOf('2026-12-02', '10:00', 'Asia/Jakarta');

/** The problems of a refused call, as [field, code, message]; fails the test when nothing was refused. */
async function refusal(call: Promise<unknown>): Promise<[string, string, string][]> {
  try {
    await call;
  } catch (error) {
    if (error instanceof AttendanceError) return error.problems.map((p) => [p.field, p.code, p.message]);
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('written dates', () => {
  it('reads the ISO and the Indonesian order, and only real calendar dates', () => {
    expect(parseWrittenDate('2026-11-24')).toBe('2026-11-24');
    expect(parseWrittenDate(' 24-11-2026 ')).toBe('2026-11-24');
    expect(parseWrittenDate('3/2/2026')).toBe('2026-02-03');
    expect(parseWrittenDate('2026-2-3')).toBe('2026-02-03');
    for (const bad of ['2026-02-30', '31-04-2026', '2026/11/24', '24 November 2026', '', '20261124'])
      expect(parseWrittenDate(bad), bad).toBeUndefined();
    expect(splitDateList(' 2026-11-23, 2026-11-24;\n25-11-2026  ')).toEqual(['2026-11-23', '2026-11-24', '25-11-2026']);
  });
});

describe.each(backends)('attendance service (%s)', (backend) => {
  let db: Database;
  const id = {} as Record<keyof typeof nips, number>;

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    id.jakarta = (
      await db.prisma.employee.create({ data: { nip: nips.jakarta, name: 'Dewi Lestari', timeZone: 'Asia/Jakarta' } })
    ).id;
    id.jayapura = (
      await db.prisma.employee.create({ data: { nip: nips.jayapura, name: 'Andi Pratama', timeZone: 'Asia/Jayapura' } })
    ).id;
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    await db.prisma.absence.deleteMany();
    await db.prisma.leave.deleteMany();
    await db.prisma.holiday.deleteMany();
  });

  const absences = (employeeId: number) =>
    db.prisma.absence
      .findMany({ where: { employeeId }, orderBy: { localDate: 'asc' } })
      .then((rows) => rows.map((r) => r.localDate.toISOString().slice(0, 10)));
  const leaveCount = () => db.prisma.leave.count();
  const absent = (dates: string[], extra: { nip?: string; note?: string; at?: Date } = {}) =>
    recordAbsences(db, {
      employee: { nip: extra.nip ?? nips.jakarta },
      dates,
      note: extra.note,
      recordedBy: 'admin:1',
      now: extra.at ?? now,
    });
  const leave = (o: { start: string; end?: string; kind?: string; source?: 'hr' | 'pegawai'; employeeId?: number }) =>
    recordLeave(db, {
      employee: { id: o.employeeId ?? id.jakarta },
      kind: o.kind ?? 'cuti',
      start: o.start,
      end: o.end,
      source: o.source ?? 'hr',
      now,
    });

  describe('unexcused absences', () => {
    it('records working days by NIP (spaces allowed), sorted, with the note and who recorded them', async () => {
      const result = await recordAbsences(db, {
        employee: { nip: '19900214 201503 2 001' },
        dates: ['2026-12-02', '30-11-2026', '2026-11-30', '2026-12-01'],
        note: ' Klarifikasi\u0000 lisan ',
        recordedBy: 'admin:7',
        now,
      });
      expect(result).toMatchObject({
        employee: { id: id.jakarta, name: 'Dewi Lestari', zone: 'Asia/Jakarta' },
        added: ['2026-11-30', '2026-12-01', '2026-12-02'],
        alreadyRecorded: [],
      });
      const rows = await db.prisma.absence.findMany({ where: { employeeId: id.jakarta } });
      expect(rows).toHaveLength(3);
      expect(rows.every((r) => r.note === 'Klarifikasi lisan' && r.recordedBy === 'admin:7')).toBe(true);
    });

    it('records a date only once: a second submission, or two at the same moment, report it as already recorded', async () => {
      await absent(['2026-11-30']);
      const again = await absent(['2026-11-30', '2026-12-01']);
      expect(again).toMatchObject({ added: ['2026-12-01'], alreadyRecorded: ['2026-11-30'] });
      const both = await Promise.all([absent(['2026-11-27']), absent(['2026-11-27'])]);
      expect(both.map((r) => r.added.length).sort()).toEqual([0, 1]);
      expect(await absences(id.jakarta)).toEqual(['2026-11-27', '2026-11-30', '2026-12-01']);
    });

    it("reads today in the employee's zone: 01:30 in Jayapura is already tomorrow, still today in Jakarta", async () => {
      const lateEvening = new Date('2026-12-02T16:30:00Z'); // 23:30 WIB, 01:30 WIT on 3 December
      expect((await absent(['2026-12-03'], { nip: nips.jayapura, at: lateEvening })).added).toEqual(['2026-12-03']);
      expect(await refusal(absent(['2026-12-03'], { at: lateEvening }))).toEqual([
        [
          'dates',
          'absence_in_future',
          'Tanggal Kamis, 3 Desember 2026 belum lewat: hari tidak masuk dicatat pada hari itu atau sesudahnya (hari ini Rabu, 2 Desember 2026).',
        ],
      ]);
    });

    it('refuses bad, future, too old, too many dates and a long note, every problem at once, and records nothing', async () => {
      expect(await refusal(absent(['2026-02-30', '2026-12-03', '2025-11-30', '2025-12-01']))).toEqual([
        [
          'dates',
          'date_invalid',
          'Tanggal "2026-02-30" tidak ada di kalender; tulis TTTT-BB-HH (misalnya 2026-11-24) atau HH-BB-TTTT.',
        ],
        ['dates', 'absence_in_future', expect.stringContaining('Kamis, 3 Desember 2026 belum lewat')],
        [
          'dates',
          'date_too_old',
          'Tanggal Minggu, 30 November 2025 lebih dari 366 hari yang lalu: paling awal Senin, 1 Desember 2025.',
        ],
      ]);
      expect(await db.prisma.absence.count()).toBe(0);
      // 366 days back is the limit: 1 December 2025 is 366 days before 2 December 2026.
      expect((await absent(['2025-12-01'])).added).toEqual(['2025-12-01']);
      await db.prisma.absence.deleteMany();
      const month = Array.from({ length: 32 }, (_, i) => `2026-${i < 30 ? '11' : '10'}-${String((i % 30) + 1).padStart(2, '0')}`);
      expect(await refusal(absent(month))).toContainEqual([
        'dates',
        'too_many_dates',
        'Paling banyak 31 tanggal sekaligus, tertulis 32.',
      ]);
      expect(await refusal(absent([]))).toEqual([['dates', 'dates_missing', 'Isi paling sedikit satu tanggal.']]);
      expect(await refusal(absent(['2026-12-01'], { note: 'x'.repeat(501) }))).toEqual([
        ['note', 'note_too_long', 'Catatan paling panjang 500 karakter, tertulis 501.'],
      ]);
      expect(await db.prisma.absence.count()).toBe(0);
    });

    it('refuses days that are not working days (weekend, holiday, leave), which the flag rule would not count', async () => {
      await db.prisma.holiday.create({
        data: { date: day('2026-11-26'), name: 'Hari jadi kota', kind: 'cuti_bersama', scope: '*' },
      });
      await leave({ start: '2026-11-23', end: '2026-11-24', kind: 'sakit' });
      expect(await refusal(absent(['2026-11-28', '2026-11-26', '2026-11-25']))).toEqual([
        ['dates', 'not_working_day', 'Kamis, 26 November 2026 hari libur bagi unit pegawai ini (lihat halaman Hari libur).'],
        ['dates', 'not_working_day', 'Sabtu, 28 November 2026 bukan hari kerja (akhir pekan).'],
      ]);
      expect(await refusal(absent(['2026-11-24', '2026-11-25']))).toEqual([
        [
          'dates',
          'on_leave',
          'Selasa, 24 November 2026 tercatat sakit (23-24 November 2026); hapus catatan itu dahulu bila keliru.',
        ],
      ]);
      expect(await db.prisma.absence.count()).toBe(0);
    });

    it('names an unknown NIP, and why a malformed one cannot be a NIP', async () => {
      expect(await refusal(absent(['2026-12-01'], { nip: '199207302019031002' }))).toEqual([
        [
          'employee',
          'employee_not_found',
          'Pegawai dengan NIP 199207302019031002 tidak ditemukan; periksa NIP-nya atau impor data pegawai dahulu.',
        ],
      ]);
      expect(await refusal(absent(['2026-12-01'], { nip: '12345' }))).toEqual([
        ['employee', 'employee_not_found', 'NIP 12345 tidak valid: harus 18 angka, tertulis 5 angka.'],
      ]);
      // An AppError: the CLI prints its userMessage.
      await expect(absent(['2026-12-01'], { nip: '12345' })).rejects.toMatchObject({
        code: 'employee_not_found',
        userMessage: 'NIP 12345 tidak valid: harus 18 angka, tertulis 5 angka.',
      });
    });
  });

  describe('leave', () => {
    it('records HR leave, also in the past (a correction), with its length', async () => {
      const result = await leave({ start: '2026-11-16', end: '20-11-2026', kind: 'sakit' });
      expect(result).toMatchObject({
        created: true,
        overlapping: [],
        leave: { kind: 'sakit', start: '2026-11-16', end: '2026-11-20', days: 5, source: 'hr' },
      });
      const row = await db.prisma.leave.findFirstOrThrow();
      expect(row).toMatchObject({
        employeeId: id.jakarta,
        startDate: day('2026-11-16'),
        endDate: day('2026-11-20'),
        kind: 'sakit',
      });
      // Without an end date it is one day.
      expect((await leave({ start: '2026-12-07', kind: 'dl' })).leave).toMatchObject({
        start: '2026-12-07',
        end: '2026-12-07',
        days: 1,
      });
    });

    it('refuses an end before the start, an unknown kind, and dates outside the limits, storing nothing', async () => {
      expect(await refusal(leave({ start: '2026-12-10', end: '2026-12-05', kind: 'libur' }))).toEqual([
        ['kind', 'kind_unknown', 'Jenis "libur" tidak dikenal; pilih cuti, izin, sakit atau dl (dinas luar).'],
        [
          'end',
          'end_before_start',
          'Tanggal selesai (Sabtu, 5 Desember 2026) tidak boleh sebelum tanggal mulai (Kamis, 10 Desember 2026).',
        ],
      ]);
      expect(await refusal(leave({ start: '2025-11-30' }))).toEqual([
        [
          'start',
          'date_too_old',
          'Tanggal mulai Minggu, 30 November 2025 lebih dari 366 hari yang lalu: paling awal Senin, 1 Desember 2025.',
        ],
      ]);
      expect(await refusal(leave({ start: '2027-12-04' }))).toEqual([
        [
          'start',
          'date_too_far',
          'Tanggal mulai Sabtu, 4 Desember 2027 terlalu jauh ke depan: paling lambat Jumat, 3 Desember 2027 (366 hari dari hari ini).',
        ],
      ]);
      expect(await refusal(leave({ start: '2026-01-01', end: '2027-01-02' }))).toEqual([
        [
          'end',
          'leave_too_long',
          'Paling lama 366 hari sekaligus, tertulis 367 hari (1 Januari 2026-2 Januari 2027); catat cuti yang lebih panjang dalam beberapa bagian.',
        ],
      ]);
      expect(await refusal(leave({ start: '', end: '2026-02-31' }))).toEqual([
        ['start', 'start_missing', 'Isi tanggal mulai.'],
        ['end', 'date_invalid', expect.stringContaining('Tanggal "2026-02-31" tidak ada di kalender')],
      ]);
      expect(await leaveCount()).toBe(0);
    });

    it("keeps an employee's limits: from today on, at most 90 days", async () => {
      expect(await refusal(leave({ start: '2026-12-01', source: 'pegawai' }))).toEqual([
        [
          'start',
          'leave_past',
          'Cuti hanya dapat dicatat mulai hari ini (Rabu, 2 Desember 2026); untuk hari yang sudah lewat hubungi tim SDM.',
        ],
      ]);
      const tooLong = await refusal(leave({ start: '2026-12-02', end: '2027-03-02', source: 'pegawai' }));
      expect(tooLong).toEqual([
        ['end', 'leave_too_long', expect.stringMatching(/^Paling lama 90 hari sekaligus, tertulis 91 hari .*hubungi tim SDM\.$/)],
      ]);
      expect((await leave({ start: '2026-12-02', end: '2027-03-01', source: 'pegawai' })).leave).toMatchObject({
        days: 90,
        source: 'pegawai',
      });
    });

    it('does not record the same leave twice, nor one a recorded leave of that kind already covers, even at the same moment', async () => {
      const both = await Promise.all([
        leave({ start: '2026-12-14', end: '2026-12-18' }),
        leave({ start: '2026-12-14', end: '2026-12-18' }),
      ]);
      expect(both.map((r) => r.created).sort()).toEqual([false, true]);
      const inside = await leave({ start: '2026-12-15', end: '2026-12-16' });
      expect(inside).toMatchObject({ created: false, leave: { start: '2026-12-14', end: '2026-12-18' } });
      expect(await leaveCount()).toBe(1);
      // Another kind on some of those days is recorded, and the overlap reported.
      const sick = await leave({ start: '2026-12-18', end: '2026-12-21', kind: 'sakit' });
      expect(sick).toMatchObject({ created: true, overlapping: [{ kind: 'cuti', start: '2026-12-14', end: '2026-12-18' }] });
      expect(await leaveCount()).toBe(2);
    });

    it('refuses leave over a day recorded as an unexcused absence: a day is one or the other', async () => {
      await absent(['2026-11-30', '2026-12-01']);
      expect(await refusal(leave({ start: '2026-11-27', end: '2026-12-01', kind: 'izin' }))).toEqual([
        [
          'start',
          'absence_recorded',
          'Pada 30 November 2026, 1 Desember 2026 tercatat tidak masuk tanpa keterangan; hapus catatan itu dahulu bila izin ini menggantikannya.',
        ],
      ]);
      expect(await leaveCount()).toBe(0);
    });

    it("joins the caller's transaction: when the caller's work fails, the leave is not kept", async () => {
      await expect(
        db.prisma.$transaction(async (tx) => {
          await recordLeave(db, { employee: { id: id.jakarta }, kind: 'sakit', start: '2026-12-02', source: 'pegawai', now, tx });
          throw new Error('the reply could not be stored');
        }),
      ).rejects.toThrow('the reply could not be stored');
      expect(await leaveCount()).toBe(0);
    });
  });

  describe('listing and removing', () => {
    it("lists the newest first, removes only the named employee's entry, and says when there was none", async () => {
      await absent(['2026-11-27', '2026-12-01']);
      await absent(['2026-12-01'], { nip: nips.jayapura });
      const cuti = await leave({ start: '2026-11-16', end: '2026-11-17' });
      await leave({ start: '2026-12-14' });
      const list = await listAttendance(db, { employeeId: id.jakarta });
      expect(list.absences.map((a) => a.date)).toEqual(['2026-12-01', '2026-11-27']);
      expect(list.leaves.map((l) => l.start)).toEqual(['2026-12-14', '2026-11-16']);
      expect(list).toMatchObject({ moreAbsences: false, moreLeaves: false });
      expect((await listAttendance(db, { employeeId: id.jakarta, limit: 1 })).moreAbsences).toBe(true);

      const [newest] = list.absences;
      expect(await removeAbsence(db, { employeeId: id.jayapura, absenceId: newest!.id })).toBeNull();
      expect(await removeAbsence(db, { employeeId: id.jakarta, absenceId: newest!.id })).toMatchObject({ date: '2026-12-01' });
      expect(await removeAbsence(db, { employeeId: id.jakarta, absenceId: newest!.id })).toBeNull();
      expect(await absences(id.jakarta)).toEqual(['2026-11-27']);
      expect(await absences(id.jayapura)).toEqual(['2026-12-01']);
      expect(await removeLeave(db, { employeeId: id.jakarta, leaveId: cuti.leave.id })).toMatchObject({
        start: '2026-11-16',
        days: 2,
      });
      expect(await leaveCount()).toBe(1);
    });
  });
});
