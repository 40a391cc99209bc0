/**
 * HR changes schedules during the day, after planning has written the day's reminders into the
 * outbox (it runs every 10 minutes): a kind switched off, a unit given its own time, a unit's own
 * schedule removed. Each employee still gets each reminder once, from the schedule in force when
 * it goes out, and nothing switched off is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { importPeople } from '../../src/people/import-people.js';
import { dispatchReminders, type ReminderSender } from '../../src/outbox/dispatch-reminders.js';
import { planOutbox } from '../../src/reminders/plan-outbox.js';
import { removeUnitSchedule, saveReminderSchedule } from '../../src/reminders/reminder-schedules.js';
import { instantOf } from '../../src/calendar/local-time.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

const sdm = '198001012005011001'; // in BKD-SDM, a bidang of BKD
const kepala = '197001012000011001'; // in BKD itself
const people = `nip,nama,unit_kode,unit_nama,unit_induk,jabatan,eselon,zona_waktu,nip_atasan
${kepala},Kepala Badan,BKD,Badan Kepegawaian Daerah,,Kepala Badan,II.a,WIB,
${sdm},Sari Dewi,BKD-SDM,Bidang Pengembangan SDM,BKD,Analis SDM,,WIB,${kepala}
`;
const chatOf = { [sdm]: 7001n, [kepala]: 7002n } as const;
const wib = (date: string, time: string) => instantOf(date, time, 'Asia/Jakarta');

describe.each(backends)('schedule changes after planning (%s)', (backend) => {
  let db: Database;
  const sent: { chatId: bigint; kind: string; scope: string }[] = [];
  const sender: ReminderSender = {
    send: async (reminder) => {
      const row = await db.prisma.reminderOutbox.findUniqueOrThrow({
        where: { id: reminder.outboxId },
        include: { schedule: true },
      });
      sent.push({ chatId: reminder.chatId, kind: reminder.kind, scope: row.schedule.scope });
      return sent.length;
    },
  };
  const dispatch = (now: Date) => dispatchReminders(db, sender, { now });
  const sentTo = (nip: keyof typeof chatOf) => sent.filter((s) => s.chatId === chatOf[nip]);

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    expect((await importPeople(db, people)).ok).toBe(true);
    for (const [nip, chat] of Object.entries(chatOf)) {
      const employee = await db.prisma.employee.findUniqueOrThrow({ where: { nip } });
      await db.prisma.telegramAccount.create({ data: { telegramUserId: chat, chatId: chat, employeeId: employee.id } });
    }
  });
  afterAll(async () => {
    await db?.close();
  });

  it('sends nothing HR switched off, and a unit given its own time gets its reminder once, at that time', async () => {
    // Monday 7 December 2026: the day is planned just after midnight.
    await planOutbox(db, wib('2026-12-07', '00:10'));
    await saveReminderSchedule(db, 'kinerja', '*', { active: false });
    await saveReminderSchedule(db, 'disiplin', 'BKD-SDM', { localTime: '07:30' });

    const morning = await dispatch(wib('2026-12-07', '07:20'));
    expect(morning).toMatchObject({ sent: 1, skipped: 1 });
    expect(sentTo(kepala)).toEqual([{ chatId: chatOf[kepala], kind: 'disiplin', scope: '*' }]);
    expect(sentTo(sdm)).toEqual([]);
    const skipped = await db.prisma.reminderOutbox.findFirstOrThrow({ where: { status: 'skipped' } });
    expect(skipped.error).toBe('tidak lagi terjadwal');

    await planOutbox(db, wib('2026-12-07', '07:25'));
    expect(await dispatch(wib('2026-12-07', '07:31'))).toMatchObject({ sent: 1 });
    expect(sentTo(sdm)).toEqual([{ chatId: chatOf[sdm], kind: 'disiplin', scope: 'BKD-SDM' }]);

    // The afternoon KPI reminder was switched off after it was planned.
    expect(await dispatch(wib('2026-12-07', '15:35'))).toMatchObject({ sent: 0, skipped: 2 });
    expect(sent.filter((s) => s.kind === 'kinerja')).toEqual([]);
  });

  it("puts a unit back on the default when its own schedule is removed, today's reminder included", async () => {
    await saveReminderSchedule(db, 'kinerja', '*', { active: true });
    await planOutbox(db, wib('2026-12-08', '00:10'));
    await removeUnitSchedule(db, 'disiplin', 'BKD-SDM', wib('2026-12-08', '06:00'));
    sent.length = 0;

    // 07:20: the 07:30 row of the removed schedule will not go out; the default's 07:15 is planned
    // at the next planning round and sent, still within its window.
    await dispatch(wib('2026-12-08', '07:20'));
    await planOutbox(db, wib('2026-12-08', '07:21'));
    await dispatch(wib('2026-12-08', '07:31'));
    expect(sentTo(sdm)).toEqual([{ chatId: chatOf[sdm], kind: 'disiplin', scope: '*' }]);
    expect(sentTo(kepala)).toEqual([{ chatId: chatOf[kepala], kind: 'disiplin', scope: '*' }]);
    await expect(removeUnitSchedule(db, 'disiplin', 'BKD-SDM', wib('2026-12-08', '08:00'))).rejects.toThrow(
      'Unit BKD-SDM tidak punya jadwal disiplin sendiri.',
    );
    await expect(removeUnitSchedule(db, 'disiplin', '*', wib('2026-12-08', '08:00'))).rejects.toThrow(
      'Jadwal bawaan tidak dapat dihapus',
    );
  });
});
