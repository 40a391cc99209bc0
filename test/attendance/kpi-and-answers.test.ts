// KPI logs and reminder answers through the attendance service, on both backends: what a channel
// (Telegram today) records, with one validation and Indonesian reasons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttendanceError } from '../../src/attendance/attendance-error.js';
import { checkKpiLog, listKpiLogs, recordKpiLog } from '../../src/attendance/record-kpi-log.js';
import { recordReminderAnswer } from '../../src/attendance/record-reminder-answer.js';
import { reminderAnswer, reminderAnswers } from '../../src/attendance/reminder-answers.js';
import type { Database } from '../../src/db/database.js';
import { instantOf } from '../../src/calendar/local-time.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

const day = (date: string) => new Date(`${date}T00:00:00Z`);
const wit = (date: string, time: string) => instantOf(date, time, 'Asia/Jayapura');

describe('the vocabulary of reminder answers', () => {
  it('says which answers mean absent (and record that leave) and which one starts the KPI log', () => {
    expect(reminderAnswers.disiplin!.filter((a) => a.leave).map((a) => a.code)).toEqual(['izin', 'sakit', 'cuti', 'dl']);
    expect(reminderAnswer('disiplin', 'hadir')?.leave).toBeUndefined();
    expect(reminderAnswer('kinerja', 'isi')?.startsKpiLog).toBe(true);
    expect(reminderAnswer('kinerja', 'sakit')).toBeUndefined();
  });
});

describe('checkKpiLog', () => {
  it('refuses an empty activity, a text over 500 characters, a future or too old day and a progress outside 0-100', () => {
    const today = '2026-12-02';
    expect(checkKpiLog({ date: today, activity: 'Menyusun laporan', target: '', progress: 50 }, today)).toEqual([]);
    const codes = (input: Parameters<typeof checkKpiLog>[0]) => checkKpiLog(input, today).map((p) => [p.field, p.code]);
    expect(codes({ date: today, activity: ' \u0000 ' })).toEqual([['activity', 'kpi_activity_missing']]);
    expect(codes({ date: today, activity: 'a', target: 'x'.repeat(501) })).toEqual([['target', 'kpi_text_too_long']]);
    expect(codes({ date: '2026-12-03', activity: 'a' })).toEqual([['dates', 'kpi_in_future']]);
    expect(codes({ date: '2026-11-24', activity: 'a' })).toEqual([['dates', 'date_too_old']]);
    expect(codes({ date: today, activity: 'a', progress: 120 })).toEqual([['progress', 'kpi_progress_invalid']]);
    expect(checkKpiLog({ date: '2026-11-24', activity: 'a' }, today)[0]!.message).toBe(
      'Kinerja dicatat paling lambat 7 hari sesudahnya: paling awal Rabu, 25 November 2026.',
    );
  });
});

describe.each(backends)('KPI logs and reminder answers on the database (%s)', (backend) => {
  let db: Database;
  let employeeId: number;
  let otherId: number;
  let outboxId: number;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    const unit = await db.prisma.orgUnit.create({ data: { code: 'JPR', name: 'Dinas Jayapura', timeZone: 'Asia/Jayapura' } });
    employeeId = (await db.prisma.employee.create({ data: { nip: '198505082010011003', name: 'Yohana', unitId: unit.id } })).id;
    otherId = (await db.prisma.employee.create({ data: { nip: '199002142015032001', name: 'Dewi' } })).id;
    const schedule = await db.prisma.reminderSchedule.findFirstOrThrow({ where: { kind: 'disiplin', scope: '*' } });
    const row = await db.prisma.reminderOutbox.create({
      data: {
        employeeId,
        scheduleId: schedule.id,
        localDate: day('2026-12-02'),
        dueAt: wit('2026-12-02', '07:15'),
        expiresAt: wit('2026-12-02', '09:15'),
        status: 'sent',
        sentAt: wit('2026-12-02', '07:15'),
        messageId: 77n,
      },
    });
    outboxId = row.id;
  });
  afterAll(async () => db?.close());

  it("records a KPI log in the employee's own day, cleaned, and lists the week", async () => {
    const entry = await recordKpiLog(db.prisma, {
      employeeId,
      today: '2026-12-02',
      date: '2026-12-02',
      activity: ' Rapat\u0000 koordinasi ',
      target: '',
      progress: 75,
    });
    expect(entry).toMatchObject({ date: '2026-12-02', activity: 'Rapat koordinasi', target: null, progress: 75 });
    await expect(
      recordKpiLog(db.prisma, { employeeId, today: '2026-12-02', date: '2026-12-05', activity: 'x' }),
    ).rejects.toBeInstanceOf(AttendanceError);
    expect(await listKpiLogs(db, { employeeId, from: '2026-11-30', to: '2026-12-02' })).toHaveLength(1);
  });

  it('records "Sakit" once with that day\'s leave; refuses another employee, another message and another day', async () => {
    const answer = (o: { code?: string; by?: number; messageId?: number; at?: Date }) =>
      recordReminderAnswer(db, {
        employeeId: o.by ?? employeeId,
        outboxId,
        code: o.code ?? 'sakit',
        messageId: o.messageId ?? 77,
        now: o.at ?? wit('2026-12-02', '07:30'),
      });
    expect(await answer({ by: otherId })).toEqual({ status: 'refused' });
    expect(await answer({ code: 'isi' })).toEqual({ status: 'refused' });
    expect(await answer({ messageId: 78 })).toEqual({ status: 'stale_message' });
    // 00:30 on 3 December in Jayapura is still 2 December in Jakarta: the employee's zone decides.
    expect(await answer({ at: wit('2026-12-03', '00:30') })).toEqual({ status: 'not_today', localDate: '2026-12-02' });

    const [first, second] = await Promise.all([answer({}), answer({ code: 'hadir' })]);
    const outcomes = [first!.status, second!.status].sort();
    expect(outcomes).toEqual(['already', 'recorded']);
    const reply = await db.prisma.reminderReply.findUniqueOrThrow({ where: { outboxId } });
    const leaves = await db.prisma.leave.findMany({ where: { employeeId } });
    if (reply.answer === 'sakit') expect(leaves).toMatchObject([{ kind: 'sakit', source: 'pegawai' }]);
    else expect(leaves).toEqual([]);
    expect(await answer({ code: 'izin' })).toMatchObject({
      status: 'already',
      label: reply.answer === 'sakit' ? 'Sakit' : 'Hadir',
    });
  });
});
