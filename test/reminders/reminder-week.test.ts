/**
 * A whole week of reminders on an injected clock, through the real planner and dispatcher on a
 * real (PGlite) database: employees in the three zones, HR's cuti bersama, Natal, the weekend, an
 * employee on leave, and a scheduler that was down for three hours.
 *
 * The clock runs the way the scheduler does: planning on every full hour (and on the first tick),
 * dispatching every minute. Only the minutes where something can happen are visited, 20:00Z the day
 * before (03:00 WIB, 05:00 WIT) to 10:00Z (17:00 WIB): every reminder of the default schedules falls
 * in there, and dispatching each of those minutes pins every send to its minute.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { importPeople } from '../../src/people/import-people.js';
import { dispatchReminders, type OutgoingReminder, type ReminderSender } from '../../src/outbox/dispatch-reminders.js';
import { planOutbox } from '../../src/reminders/plan-outbox.js';
import { openTestDatabase } from '../helpers/test-database.js';

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;

const nip = {
  budi: '198001012005011001',
  siti: '199207302019032002',
  dewi: '199002142015032001',
  yohanes: '198505082010011003',
};
type Who = keyof typeof nip;

// One unit per zone; Siti (Bandung, WIB) is on leave on 22-23 December.
const people = `nip,nama,unit_kode,unit_nama,jabatan,eselon,zona_waktu,nip_atasan
${nip.budi},Budi Santoso,BDG,Dinas Komunikasi dan Informatika Kota Bandung,Pranata Komputer,,WIB,
${nip.siti},Siti Rahmawati,BDG,Dinas Komunikasi dan Informatika Kota Bandung,Analis Data,,WIB,${nip.budi}
${nip.dewi},Dewi Lestari,SMD,Dinas Komunikasi dan Informatika Kota Samarinda,Pranata Komputer,,WITA,
${nip.yohanes},Yohanes Wenda,JYP,Dinas Komunikasi dan Informatika Kota Jayapura,Pranata Komputer,,WIT,
`;
const names: Record<Who, string> = {
  budi: 'Budi Santoso',
  siti: 'Siti Rahmawati',
  dewi: 'Dewi Lestari',
  yohanes: 'Yohanes Wenda',
};
const chatOf: Record<Who, number> = { budi: 7001, siti: 7002, dewi: 7003, yohanes: 7004 };
const whoByChat = new Map(Object.entries(chatOf).map(([who, chat]) => [chat, who as Who]));

interface RecordedSend extends OutgoingReminder {
  /** The injected clock's time when the dispatcher handed the reminder over. */
  at: string;
}

describe('a week of reminders (Mon 21 - Sun 27 December 2026) in WIB, WITA and WIT', () => {
  let db: Database;
  let now = new Date(0);
  const employeeIds = {} as Record<Who, number>;

  /** The sender port: records what would go to Telegram and when, and answers with a message id. */
  const recordingSender = () => {
    const sent: RecordedSend[] = [];
    const sender: ReminderSender = {
      send: async (reminder) => {
        sent.push({ ...reminder, at: now.toISOString() });
        return sent.length;
      },
    };
    return { sent, sender };
  };

  /** The scheduler's loop from `from` to `to` (ISO, UTC), both included, minute by minute. */
  const runClock = async (sender: ReminderSender, from: string, to: string) => {
    const end = Date.parse(to);
    for (let t = Date.parse(from); t <= end; t += minuteMs) {
      now = new Date(t);
      if (t === Date.parse(from) || t % hourMs === 0) await planOutbox(db, now);
      await dispatchReminders(db, sender, { now, batchSize: 50 });
    }
  };

  /** The morning and afternoon of each local date: 20:00Z the day before to 10:00Z. */
  const runDays = async (sender: ReminderSender, dates: string[]) => {
    for (const date of dates) {
      const previous = new Date(Date.parse(`${date}T00:00:00Z`) - 24 * hourMs).toISOString().slice(0, 10);
      await runClock(sender, `${previous}T20:00:00Z`, `${date}T10:00:00Z`);
    }
  };

  const outboxRows = async (fromDate: string, toDate: string) =>
    (
      await db.prisma.reminderOutbox.findMany({
        where: { localDate: { gte: new Date(`${fromDate}T00:00:00Z`), lte: new Date(`${toDate}T00:00:00Z`) } },
        include: { schedule: true },
        orderBy: { id: 'asc' },
      })
    ).map((r) => ({
      id: r.id,
      who: (Object.keys(employeeIds) as Who[]).find((w) => employeeIds[w] === r.employeeId)!,
      kind: r.schedule.kind,
      date: r.localDate.toISOString().slice(0, 10),
      status: r.status,
    }));

  /** [local date, who, kind, at]: what each send was, read back through its outbox row. */
  const describeSends = async (sent: RecordedSend[], fromDate: string, toDate: string) => {
    const rows = new Map((await outboxRows(fromDate, toDate)).map((r) => [r.id, r]));
    return sent
      .map((s) => {
        const row = rows.get(s.outboxId);
        expect(row, `outbox row ${s.outboxId}`).toBeDefined();
        expect(whoByChat.get(Number(s.chatId))).toBe(row!.who);
        expect(s.kind).toBe(row!.kind);
        return [row!.date, row!.who, s.kind, s.at];
      })
      .sort((a, b) => a[3]!.localeCompare(b[3]!) || a[1]!.localeCompare(b[1]!) || a[2]!.localeCompare(b[2]!));
  };

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    const imported = await importPeople(db, people);
    expect(imported.ok).toBe(true);
    for (const who of Object.keys(nip) as Who[]) {
      const employee = await db.prisma.employee.findUniqueOrThrow({ where: { nip: nip[who] } });
      employeeIds[who] = employee.id;
      await db.prisma.telegramAccount.create({
        data: { telegramUserId: BigInt(chatOf[who]), chatId: BigInt(chatOf[who]), employeeId: employee.id },
      });
    }
    await db.prisma.holiday.create({
      data: { date: new Date('2026-12-24T00:00:00Z'), name: 'Cuti Bersama Hari Raya Natal', kind: 'cuti_bersama', scope: '*' },
    });
    await db.prisma.leave.create({
      data: {
        employeeId: employeeIds.siti,
        startDate: new Date('2026-12-22T00:00:00Z'),
        endDate: new Date('2026-12-23T00:00:00Z'),
        kind: 'cuti',
        source: 'sdm',
      },
    });
  });
  afterAll(() => db?.close());

  it('sends each reminder at its local minute, once, and none on holidays, the weekend or leave', async () => {
    const { sent, sender } = recordingSender();
    const week = ['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-25', '2026-12-26', '2026-12-27'];
    await runDays(sender, week);

    // 07:15 local is 22:15Z (WIT) and 23:15Z (WITA) the day before, 00:15Z (WIB); 15:30 local is
    // 06:30Z, 07:30Z and 08:30Z. Thursday is cuti bersama, Friday Natal (so no Friday summary
    // either), then the weekend; Siti is on leave on Tuesday and Wednesday.
    expect(await describeSends(sent, '2026-12-21', '2026-12-27')).toEqual([
      ['2026-12-21', 'yohanes', 'disiplin', '2026-12-20T22:15:00.000Z'],
      ['2026-12-21', 'dewi', 'disiplin', '2026-12-20T23:15:00.000Z'],
      ['2026-12-21', 'budi', 'disiplin', '2026-12-21T00:15:00.000Z'],
      ['2026-12-21', 'siti', 'disiplin', '2026-12-21T00:15:00.000Z'],
      ['2026-12-21', 'yohanes', 'kinerja', '2026-12-21T06:30:00.000Z'],
      ['2026-12-21', 'dewi', 'kinerja', '2026-12-21T07:30:00.000Z'],
      ['2026-12-21', 'budi', 'kinerja', '2026-12-21T08:30:00.000Z'],
      ['2026-12-21', 'siti', 'kinerja', '2026-12-21T08:30:00.000Z'],
      ['2026-12-22', 'yohanes', 'disiplin', '2026-12-21T22:15:00.000Z'],
      ['2026-12-22', 'dewi', 'disiplin', '2026-12-21T23:15:00.000Z'],
      ['2026-12-22', 'budi', 'disiplin', '2026-12-22T00:15:00.000Z'],
      ['2026-12-22', 'yohanes', 'kinerja', '2026-12-22T06:30:00.000Z'],
      ['2026-12-22', 'dewi', 'kinerja', '2026-12-22T07:30:00.000Z'],
      ['2026-12-22', 'budi', 'kinerja', '2026-12-22T08:30:00.000Z'],
      ['2026-12-23', 'yohanes', 'disiplin', '2026-12-22T22:15:00.000Z'],
      ['2026-12-23', 'dewi', 'disiplin', '2026-12-22T23:15:00.000Z'],
      ['2026-12-23', 'budi', 'disiplin', '2026-12-23T00:15:00.000Z'],
      ['2026-12-23', 'yohanes', 'kinerja', '2026-12-23T06:30:00.000Z'],
      ['2026-12-23', 'dewi', 'kinerja', '2026-12-23T07:30:00.000Z'],
      ['2026-12-23', 'budi', 'kinerja', '2026-12-23T08:30:00.000Z'],
    ]);

    // Spelled out: not one send from Thursday's morning in WIT on, and none for Siti on her leave.
    expect(sent.filter((s) => s.at >= '2026-12-23T20:00:00.000Z')).toEqual([]);
    const rows = await outboxRows('2026-12-21', '2026-12-27');
    expect(rows.filter((r) => r.date >= '2026-12-24')).toEqual([]);
    expect(rows.filter((r) => r.who === 'siti' && r.date !== '2026-12-21')).toEqual([]);
    // One send per row, every planned row sent: no duplicates, nothing missed or left pending.
    expect(new Set(sent.map((s) => s.outboxId)).size).toBe(sent.length);
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'sent'));
    expect(rows).toHaveLength(sent.length);

    // The text names the employee and the day as Indonesians write it.
    const budiMonday = sent.find((s) => s.chatId === BigInt(chatOf.budi) && s.kind === 'disiplin')!;
    expect(budiMonday.text).toBe(
      'Selamat pagi, Budi Santoso. Sudah hadir dan mengikuti apel hari ini (Senin, 21 Desember 2026)? Ketuk salah satu tombol di bawah.',
    );
    const dewiWednesday = sent.find(
      (s) => s.chatId === BigInt(chatOf.dewi) && s.kind === 'kinerja' && s.at.startsWith('2026-12-23'),
    )!;
    expect(dewiWednesday.text).toBe(
      'Halo Dewi Lestari, apa yang Anda kerjakan hari ini (Rabu, 23 Desember 2026) untuk target SKP Anda? Catat sekarang supaya tidak lupa.',
    );
    const indonesianDates: Record<string, string> = {
      '2026-12-21': 'Senin, 21 Desember 2026',
      '2026-12-22': 'Selasa, 22 Desember 2026',
      '2026-12-23': 'Rabu, 23 Desember 2026',
    };
    const dateOf = new Map(rows.map((r) => [r.id, r.date]));
    for (const s of sent) {
      expect(s.text).toContain(names[whoByChat.get(Number(s.chatId))!]);
      expect(s.text).toContain(indonesianDates[dateOf.get(s.outboxId)!]);
    }
  });

  it('after three hours down, marks a reminder past its window missed and sends those still inside it', async () => {
    // Friday 8 January 2027, a working Friday. The scheduler runs until 07:00 WIT (22:00Z), is down,
    // and comes back at 10:00 WIT (01:00Z): WIT's 07:15 (window to 09:15 WIT) is over; WITA's 07:15
    // runs to 09:15 WITA (01:15Z) and WIB's to 09:15 WIB (02:15Z), so those two go out, late but in time.
    const { sent, sender } = recordingSender();
    await runClock(sender, '2027-01-07T20:00:00Z', '2027-01-07T22:00:00Z');
    expect(sent).toEqual([]);
    await runClock(sender, '2027-01-08T01:00:00Z', '2027-01-08T10:00:00Z');

    expect(await describeSends(sent, '2027-01-08', '2027-01-08')).toEqual([
      ['2027-01-08', 'budi', 'disiplin', '2027-01-08T01:00:00.000Z'],
      ['2027-01-08', 'dewi', 'disiplin', '2027-01-08T01:00:00.000Z'],
      ['2027-01-08', 'siti', 'disiplin', '2027-01-08T01:00:00.000Z'],
      ['2027-01-08', 'yohanes', 'kinerja', '2027-01-08T06:30:00.000Z'],
      ['2027-01-08', 'yohanes', 'ringkasan', '2027-01-08T07:00:00.000Z'],
      ['2027-01-08', 'dewi', 'kinerja', '2027-01-08T07:30:00.000Z'],
      ['2027-01-08', 'dewi', 'ringkasan', '2027-01-08T08:00:00.000Z'],
      ['2027-01-08', 'budi', 'kinerja', '2027-01-08T08:30:00.000Z'],
      ['2027-01-08', 'siti', 'kinerja', '2027-01-08T08:30:00.000Z'],
      ['2027-01-08', 'budi', 'ringkasan', '2027-01-08T09:00:00.000Z'],
      ['2027-01-08', 'siti', 'ringkasan', '2027-01-08T09:00:00.000Z'],
    ]);
    const yohanesDisiplin = (await outboxRows('2027-01-08', '2027-01-08')).find(
      (r) => r.who === 'yohanes' && r.kind === 'disiplin',
    );
    expect(yohanesDisiplin?.status).toBe('missed');
    const row = await db.prisma.reminderOutbox.findUniqueOrThrow({ where: { id: yohanesDisiplin!.id } });
    expect(row).toMatchObject({ attempts: 0, sentAt: null, messageId: null });
    expect(sent.find((s) => s.text.includes('Akhir pekan, Budi Santoso'))?.text).toBe(
      'Akhir pekan, Budi Santoso: lihat ringkasan kinerja Anda minggu ini dengan /kinerja minggu.',
    );
  });
});
