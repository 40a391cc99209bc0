// The flag service over stored data, as supervisors, HR and employees meet it: the rules run on the
// database with an injected clock, reports, escalation in working hours, and delivery to Slack
// through the fake Slack Web API with a real WebClient.
import { readFileSync } from 'node:fs';
import { WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { importPeople } from '../../src/people/import-people.js';
import { evaluateFlags } from '../../src/flags/evaluate-flags.js';
import { actOnFlag } from '../../src/flags/flag-actions.js';
import type { FlagCandidate } from '../../src/flags/flag-rules.js';
import { loadFlagSettings, updateFlagSettings } from '../../src/flags/flag-settings.js';
import { escalateOverdueFlags } from '../../src/flags/escalate-overdue.js';
import { enqueueDigests } from '../../src/flags/enqueue-digests.js';
import { loadFlagView } from '../../src/flags/load-flag-view.js';
import { raiseFlag } from '../../src/flags/raise-flag.js';
import { recordReport } from '../../src/flags/record-report.js';
import { dispatchNotifications } from '../../src/outbox/notifications.js';
import { flagMessage } from '../../src/channels/slack/views/flag-message.js';
import { SlackDirectory } from '../../src/channels/slack/slack-directory.js';
import { publishHome } from '../../src/channels/slack/slack-home.js';
import { loadTeamWeek } from '../../src/flags/team-week.js';
import { slackNotificationSender } from '../../src/channels/slack/slack-sender.js';
import { instantOf } from '../../src/calendar/local-time.js';
import { startFakeSlack, type FakeSlack, type SlackMessage } from '../fakes/slack-server.js';
import { fixturesDir } from '../helpers/knowledge.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { backends, openTestDatabase, type Backend } from '../helpers/test-database.js';

// The fixture's chain: Dewi -> Andi -> Sri -> Bambang (top). Rizky reports to Andi, Nurhayati
// (no email, no Slack id) to Sri. Everyone is in WITA (Asia/Makassar). Andi has an email but no
// Slack id; Sri and Bambang have Slack ids.
const nips = {
  dewi: '199002142015032001',
  bambang: '197003152000031001',
  sri: '197811202005012002',
  andi: '198505082010011003',
  rizky: '199207302019031002',
  nurhayati: '198812122014022003',
} as const;
type Person = keyof typeof nips;
const slackIds: Partial<Record<Person, string>> = { bambang: 'U01BAMBANG', sri: 'U01SRIWAHYU' };
const slackUsers = {
  andi: { id: 'U0ANDI', email: 'andi.pratama@samarindakota.go.id', name: 'andi' },
  sri: { id: 'U01SRIWAHYU', email: 'sri.wahyuni@samarindakota.go.id', name: 'sri' },
  stranger: { id: 'U0ORANGLAIN', email: 'orang.lain@example.org', name: 'orang' },
};

/** An instant on the clocks of Samarinda (WITA), where the whole fixture works. */
const wita = (date: string, time: string) => instantOf(date, time, 'Asia/Makassar');
const day = (date: string) => new Date(`${date}T00:00:00Z`);
const hours = (n: number) => n * 3_600_000;
const later = (d: Date, ms: number) => new Date(d.getTime() + ms);

interface Fixture {
  db: Database;
  id: Record<Person, number>;
}

async function openFixture(backend: Backend): Promise<Fixture> {
  const db = await openTestDatabase(backend);
  const imported = await importPeople(db, readFileSync(`${fixturesDir}/people.csv`, 'utf8'));
  expect(imported.ok).toBe(true);
  const rows = await db.prisma.employee.findMany({ select: { id: true, nip: true } });
  const id = Object.fromEntries(
    (Object.entries(nips) as [Person, string][]).map(([name, nip]) => [name, rows.find((r) => r.nip === nip)!.id]),
  ) as Record<Person, number>;
  return { db, id };
}

/** Back to the imported people and no flags, reminders, logs or notifications. */
async function clear({ db, id }: Fixture): Promise<void> {
  for (const table of [
    'notification',
    'flag_message',
    'flag_event',
    'flag',
    'report',
    'absence',
    'kpi_log',
    'reminder_reply',
    'reminder_outbox',
    'leave',
    'holiday',
    'telegram_account',
  ])
    await db.prisma.$executeRawUnsafe(`DELETE FROM ${table}`);
  await db.prisma.employee.deleteMany({ where: { nip: { notIn: Object.values(nips) } } });
  for (const person of Object.keys(nips) as Person[])
    await db.prisma.employee.update({
      where: { id: id[person] },
      data: { active: true, timeZone: null, slackUserId: slackIds[person] ?? null },
    });
  await db.prisma.flagSettings.update({
    where: { id: 1 },
    data: { kpiMissingDays: 3, disciplineMissesPerWeek: 3, escalationWorkingHours: 8 },
  });
}

async function linkTelegram(db: Database, employeeId: number, linkedAt: Date): Promise<void> {
  await db.prisma.telegramAccount.create({
    data: { telegramUserId: BigInt(7000 + employeeId), chatId: BigInt(7000 + employeeId), employeeId, linkedAt },
  });
}

async function logKpi(db: Database, employeeId: number, date: string): Promise<void> {
  await db.prisma.kpiLog.create({ data: { employeeId, localDate: day(date), activity: 'Menyusun laporan' } });
}

async function absent(db: Database, employeeId: number, dates: string[]): Promise<void> {
  await db.prisma.absence.createMany({ data: dates.map((d) => ({ employeeId, localDate: day(d), recordedBy: 'cli' })) });
}

/** The morning discipline reminder of `date` (07:15 WITA, answerable for 2 hours) and its answer, if any. */
async function disciplineReminder(
  db: Database,
  employeeId: number,
  date: string,
  status: 'sent' | 'missed' | 'skipped',
  answer?: 'on_time' | 'late',
): Promise<number> {
  const schedule = await db.prisma.reminderSchedule.findUniqueOrThrow({
    where: { kind_scope: { kind: 'disiplin', scope: '*' } },
  });
  const dueAt = wita(date, '07:15');
  const expiresAt = later(dueAt, hours(2));
  const row = await db.prisma.reminderOutbox.create({
    data: {
      employeeId,
      scheduleId: schedule.id,
      localDate: day(date),
      dueAt,
      expiresAt,
      status,
      sentAt: status === 'sent' ? dueAt : null,
    },
  });
  if (answer)
    await db.prisma.reminderReply.create({
      data: {
        outboxId: row.id,
        employeeId,
        localDate: day(date),
        answer: 'Hadir',
        answeredAt: answer === 'on_time' ? later(dueAt, 10 * 60_000) : later(expiresAt, 30 * 60_000),
      },
    });
  return row.id;
}

async function counts(db: Database) {
  const [flags, events, notifications] = await Promise.all([
    db.prisma.flag.count(),
    db.prisma.flagEvent.count(),
    db.prisma.notification.count(),
  ]);
  return { flags, events, notifications };
}

const flagsOf = (db: Database, employeeId: number, kind?: string) =>
  db.prisma.flag.findMany({
    where: { employeeId, ...(kind ? { kind } : {}) },
    include: { events: { orderBy: { id: 'asc' } } },
    orderBy: { id: 'asc' },
  });

const kpiCandidate = (period = '2026-11-24'): FlagCandidate => ({
  kind: 'kpi_missing',
  period,
  title: 'Belum mengisi catatan kinerja 3 hari kerja berturut-turut (24-26 November 2026)',
  evidence: { days: 3 },
  severity: 'info',
});

describe.each(backends)('flag rules over stored data (%s)', (backend) => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await openFixture(backend);
  });
  afterAll(async () => {
    await fx?.db.close();
  });
  beforeEach(async () => {
    await clear(fx);
  });

  // Week 48 of 2026: Monday 23 to Sunday 29 November. No holiday in November 2026.
  describe('discipline reminders', () => {
    it('counts only reminders that reached the employee and were not answered in time', async () => {
      const { db, id } = fx;
      await linkTelegram(db, id.dewi, wita('2026-11-01', '09:00'));
      await disciplineReminder(db, id.dewi, '2026-11-23', 'sent');
      await disciplineReminder(db, id.dewi, '2026-11-24', 'sent');
      await disciplineReminder(db, id.dewi, '2026-11-25', 'missed'); // the bot was down: not her miss
      const thursday = await disciplineReminder(db, id.dewi, '2026-11-26', 'sent', 'on_time');

      await evaluateFlags(db, { now: wita('2026-11-27', '09:00') });
      expect(await flagsOf(db, id.dewi, 'discipline_unanswered')).toHaveLength(0);

      // Friday she was on leave: the reminder was skipped, still not a miss.
      await disciplineReminder(db, id.dewi, '2026-11-27', 'skipped');
      await evaluateFlags(db, { now: wita('2026-11-28', '09:00') });
      expect(await flagsOf(db, id.dewi, 'discipline_unanswered')).toHaveLength(0);

      // Thursday's answer came after the window closed: now three misses in the week.
      await db.prisma.reminderReply.update({
        where: { outboxId: thursday },
        data: { answeredAt: wita('2026-11-26', '10:00') },
      });
      await evaluateFlags(db, { now: wita('2026-11-28', '09:00') });
      const flags = await flagsOf(db, id.dewi, 'discipline_unanswered');
      expect(flags).toHaveLength(1);
      expect(flags[0]).toMatchObject({
        period: '2026-W48',
        status: 'open',
        assigneeId: id.andi,
        title: expect.stringContaining('2 kali tidak dijawab dan 1 kali dijawab setelah batas waktu'),
        evidence: {
          unansweredDates: ['2026-11-23', '2026-11-24'],
          lateDates: ['2026-11-26'],
          misses: 3,
          threshold: 3,
        },
      });
    });

    it('raises one flag for a week with three reminders left unanswered', async () => {
      const { db, id } = fx;
      await linkTelegram(db, id.dewi, wita('2026-11-01', '09:00'));
      for (const date of ['2026-11-23', '2026-11-24', '2026-11-25']) await disciplineReminder(db, id.dewi, date, 'sent');
      await disciplineReminder(db, id.dewi, '2026-11-26', 'sent', 'on_time');
      await evaluateFlags(db, { now: wita('2026-11-27', '09:00') });
      await evaluateFlags(db, { now: wita('2026-11-27', '15:00') });
      const flags = await flagsOf(db, id.dewi, 'discipline_unanswered');
      expect(flags).toHaveLength(1);
      expect(flags[0]!.period).toBe('2026-W48');
      expect(flags[0]!.title).toContain('3 kali tidak dijawab');
      expect(flags[0]!.title).not.toContain('batas waktu');
    });
  });

  describe('unexcused absence (PP 94/2021)', () => {
    it('names the article of the band, updates the flag within the band and raises a new one at the next band', async () => {
      const { db, id } = fx;
      const now = wita('2026-11-27', '09:00');
      await absent(db, id.nurhayati, ['2026-11-02', '2026-11-04', '2026-11-10', '2026-11-12']);
      expect(await evaluateFlags(db, { now })).toMatchObject({ raised: 1, updated: 0 });
      let flags = await flagsOf(db, id.nurhayati);
      expect(flags).toHaveLength(1);
      const first = flags[0]!;
      expect(first).toMatchObject({
        kind: 'absence_threshold',
        period: '2026:4-6',
        article: 'PP 94/2021 Pasal 9 ayat (2) huruf b angka 2',
        severity: 'ringan',
        assigneeId: id.sri,
        title: expect.stringContaining('Tercatat 4 hari kerja'),
      });
      expect(first.title).toContain('teguran tertulis');

      // A fifth day: still 4-6, the same flag shows the new count.
      await absent(db, id.nurhayati, ['2026-11-17']);
      expect(await evaluateFlags(db, { now })).toMatchObject({ raised: 0, updated: 1 });
      flags = await flagsOf(db, id.nurhayati);
      expect(flags).toHaveLength(1);
      expect(flags[0]).toMatchObject({
        id: first.id,
        period: '2026:4-6',
        title: expect.stringContaining('Tercatat 5 hari kerja'),
      });
      expect(flags[0]!.events.map((e) => e.action)).toEqual(['raised', 'updated']);
      expect(await db.prisma.notification.count({ where: { flagId: first.id, kind: 'flag_refresh' } })).toBe(1);

      // Seven days: the next band, a new flag with its own article.
      await absent(db, id.nurhayati, ['2026-11-19', '2026-11-24']);
      expect(await evaluateFlags(db, { now })).toMatchObject({ raised: 1, updated: 0 });
      flags = await flagsOf(db, id.nurhayati);
      expect(flags.map((f) => [f.period, f.article])).toEqual([
        ['2026:4-6', 'PP 94/2021 Pasal 9 ayat (2) huruf b angka 2'],
        ['2026:7-10', 'PP 94/2021 Pasal 9 ayat (2) huruf b angka 3'],
      ]);
      expect(flags[1]!.title).toContain('Tercatat 7 hari kerja');
    });
  });

  describe('missing KPI logs', () => {
    it('does not count the days before the employee linked Telegram', async () => {
      const { db, id } = fx;
      await linkTelegram(db, id.dewi, wita('2026-11-24', '09:00')); // Tuesday; she never logged
      await evaluateFlags(db, { now: wita('2026-11-25', '09:00') });
      expect(await flagsOf(db, id.dewi)).toHaveLength(0);
      await evaluateFlags(db, { now: wita('2026-11-27', '09:00') });
      const flags = await flagsOf(db, id.dewi);
      expect(flags).toHaveLength(1);
      expect(flags[0]).toMatchObject({
        kind: 'kpi_missing',
        period: '2026-11-24',
        evidence: { dates: ['2026-11-24', '2026-11-25', '2026-11-26'], days: 3 },
        title: expect.stringContaining('3 hari kerja berturut-turut'),
      });
    });

    it('does not count leave or HR holidays as missing days', async () => {
      const { db, id } = fx;
      await linkTelegram(db, id.andi, wita('2026-11-01', '09:00'));
      await logKpi(db, id.andi, '2026-11-23');
      await db.prisma.leave.create({
        data: { employeeId: id.andi, startDate: day('2026-11-24'), endDate: day('2026-11-24'), kind: 'cuti', source: 'hr' },
      });
      await db.prisma.holiday.create({
        data: { date: day('2026-11-25'), name: 'Cuti bersama', kind: 'cuti_bersama', scope: '*' },
      });

      await evaluateFlags(db, { now: wita('2026-11-27', '09:00') }); // through Thursday: 1 missing day
      await evaluateFlags(db, { now: wita('2026-11-30', '09:00') }); // through Sunday: 2
      expect(await flagsOf(db, id.andi)).toHaveLength(0);

      await evaluateFlags(db, { now: wita('2026-12-01', '09:00') }); // through Monday 30: 3
      const flags = await flagsOf(db, id.andi);
      expect(flags).toHaveLength(1);
      expect(flags[0]).toMatchObject({
        period: '2026-11-26',
        assigneeId: id.sri,
        evidence: { dates: ['2026-11-26', '2026-11-27', '2026-11-30'], lastLoggedWorkingDay: '2026-11-23' },
      });
    });

    it('does not flag someone who logged every working day and also on a Saturday', async () => {
      const { db, id } = fx;
      await linkTelegram(db, id.andi, wita('2026-11-01', '09:00'));
      for (const date of ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28'])
        await logKpi(db, id.andi, date);
      await evaluateFlags(db, { now: wita('2026-12-01', '09:00') }); // through Monday 30: one day without a log
      expect(await flagsOf(db, id.andi)).toHaveLength(0);
      await evaluateFlags(db, { now: wita('2026-12-03', '09:00') }); // Monday to Wednesday: three
      expect((await flagsOf(db, id.andi)).map((f) => f.evidence)).toEqual([
        expect.objectContaining({ dates: ['2026-11-30', '2026-12-01', '2026-12-02'], lastLoggedWorkingDay: '2026-11-27' }),
      ]);
    });

    it('judges each zone on its own last complete day when the zones are on different dates', async () => {
      const { db, id } = fx;
      // Andi works in WIB. At 23:30 WIB on Thursday it is already Friday in WITA, where everyone else is.
      await db.prisma.employee.update({ where: { id: id.andi }, data: { timeZone: 'Asia/Jakarta' } });
      await linkTelegram(db, id.andi, wita('2026-11-01', '09:00'));
      for (const date of ['2026-11-19', '2026-11-20', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26'])
        await logKpi(db, id.andi, date);
      await evaluateFlags(db, { now: new Date('2026-11-26T16:30:00Z') });
      expect(await flagsOf(db, id.andi)).toHaveLength(0);
    });

    it('never flags an inactive employee', async () => {
      const { db, id } = fx;
      await db.prisma.employee.update({ where: { id: id.rizky }, data: { active: false } });
      for (const person of [id.rizky, id.dewi]) {
        await linkTelegram(db, person, wita('2026-11-01', '09:00'));
        await absent(db, person, ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05']);
      }
      await evaluateFlags(db, { now: wita('2026-11-27', '09:00') });
      expect(await flagsOf(db, id.rizky)).toHaveLength(0);
      // The same records do flag an active colleague.
      expect((await flagsOf(db, id.dewi)).map((f) => f.kind).sort()).toEqual(['absence_threshold', 'kpi_missing']);
      expect(await db.prisma.notification.count({ where: { recipient: `employee:${id.rizky}` } })).toBe(0);
    });
  });

  describe('running again', () => {
    it('raises, updates and writes nothing on the same data', async () => {
      const { db, id } = fx;
      await linkTelegram(db, id.dewi, wita('2026-11-20', '09:00'));
      for (const date of ['2026-11-23', '2026-11-24', '2026-11-25']) await disciplineReminder(db, id.dewi, date, 'sent');
      await absent(db, id.nurhayati, ['2026-11-02', '2026-11-04', '2026-11-10']);
      const now = wita('2026-11-27', '09:00');
      const first = await evaluateFlags(db, { now });
      expect(first).toMatchObject({ raised: 3, updated: 0 });
      const before = await counts(db);
      expect(before.flags).toBe(3);

      for (const at of [now, wita('2026-11-27', '15:00')]) {
        const again = await evaluateFlags(db, { now: at });
        expect(again).toMatchObject({ raised: 0, updated: 0, unchanged: 3 });
        expect(await counts(db)).toEqual(before);
      }
    });

    it('leaves a resolved flag resolved when the rule fires again for the same period', async () => {
      const { db, id } = fx;
      await linkTelegram(db, id.dewi, wita('2026-11-24', '09:00'));
      await evaluateFlags(db, { now: wita('2026-11-27', '09:00') });
      const [flag] = await flagsOf(db, id.dewi);
      const resolved = await actOnFlag(db, {
        flagId: flag!.id,
        action: 'resolve',
        actor: 'cli',
        note: 'Sudah dibina; pegawai mengisi catatan mulai Senin.',
        now: wita('2026-11-27', '10:00'),
      });
      expect(resolved).toMatchObject({ ok: true, status: 'resolved' });
      const before = await counts(db);

      // Friday went without a log too: the same run (same period) grew to 4 days.
      const summary = await evaluateFlags(db, { now: wita('2026-11-30', '09:00') });
      expect(summary).toMatchObject({ raised: 0, updated: 0 });
      const after = await flagsOf(db, id.dewi);
      expect(after).toHaveLength(1);
      expect(after[0]).toMatchObject({ status: 'resolved', title: flag!.title });
      expect(await counts(db)).toEqual(before);
    });
  });

  describe("HR's thresholds", () => {
    it('take effect on the next run', async () => {
      const { db, id } = fx;
      expect(await updateFlagSettings(db, { kpiMissingDays: 5 })).toMatchObject({ kpiMissingDays: 5 });
      await linkTelegram(db, id.dewi, wita('2026-11-24', '09:00'));
      await evaluateFlags(db, { now: wita('2026-11-27', '09:00') }); // 3 days
      expect(await flagsOf(db, id.dewi)).toHaveLength(0);
      await evaluateFlags(db, { now: wita('2026-12-01', '09:00') }); // 5 days
      const flags = await flagsOf(db, id.dewi);
      expect(flags).toHaveLength(1);
      expect(flags[0]!.evidence).toMatchObject({ days: 5, threshold: 5 });
    });

    it('refuses values that would flag everyone or no one, in Indonesian, and keeps the old ones', async () => {
      const { db } = fx;
      await expect(updateFlagSettings(db, { kpiMissingDays: 0 })).rejects.toThrow(
        'Ambang hari kerja tanpa catatan kinerja harus bilangan bulat 1 sampai 60, tertulis 0',
      );
      await expect(updateFlagSettings(db, { disciplineMissesPerWeek: 2.5 })).rejects.toThrow(/harus bilangan bulat 1 sampai 7/);
      await expect(updateFlagSettings(db, { escalationWorkingHours: 1000 })).rejects.toThrow(
        /jam kerja sebelum eskalasi harus bilangan bulat 1 sampai 400, tertulis 1000/,
      );
      // One bad value refuses the whole change.
      await expect(updateFlagSettings(db, { kpiMissingDays: 4, escalationWorkingHours: 0 })).rejects.toThrow(RangeError);
      expect(await loadFlagSettings(db)).toEqual({ kpiMissingDays: 3, disciplineMissesPerWeek: 3, escalationWorkingHours: 8 });
    });
  });

  describe('reports', () => {
    const report = {
      category: 'pungli',
      subject: 'petugas loket perizinan',
      description: 'Pemohon diminta uang tambahan agar berkas cepat diproses.',
    };

    it("goes to the reporter's supervisor without naming the reporter, and is told to no one on Telegram", async () => {
      const { db, id } = fx;
      const now = wita('2026-11-27', '09:00');
      const { flagId } = await recordReport(
        db,
        { ...report, reporterId: id.dewi, recipient: 'atasan', revealReporter: false },
        now,
      );
      const flag = await db.prisma.flag.findUniqueOrThrow({ where: { id: flagId } });
      expect(flag).toMatchObject({ kind: 'report', employeeId: null, assigneeId: id.andi, status: 'open' });
      const view = (await loadFlagView(db, flagId))!;
      expect(view.report).toMatchObject({ subject: report.subject, reporter: null });
      expect(JSON.stringify(flagMessage(view))).not.toContain('Dewi');
      const notifications = await db.prisma.notification.findMany({ where: { flagId } });
      expect(notifications.map((n) => [n.channel, n.kind, n.recipient])).toEqual([
        ['slack', 'flag_alert', `employee:${id.andi}`],
      ]);

      // It climbs the reporter's chain.
      expect(await actOnFlag(db, { flagId, action: 'escalate', actor: 'cli', now })).toMatchObject({ ok: true, level: 1 });
      expect((await db.prisma.flag.findUniqueOrThrow({ where: { id: flagId } })).assigneeId).toBe(id.sri);
    });

    it('goes straight to HR when addressed to HR, naming the reporter who agreed to it', async () => {
      const { db, id } = fx;
      const now = wita('2026-11-27', '09:00');
      const { flagId } = await recordReport(db, { ...report, reporterId: id.dewi, recipient: 'sdm', revealReporter: true }, now);
      const flag = await db.prisma.flag.findUniqueOrThrow({ where: { id: flagId } });
      expect(flag.assigneeId).toBeNull();
      const view = (await loadFlagView(db, flagId))!;
      expect(view.assignee).toBeNull();
      expect(view.report!.reporter).toMatchObject({ id: id.dewi, name: 'Dewi Lestari' });
      expect(await db.prisma.notification.count({ where: { channel: 'telegram' } })).toBe(0);
      expect(await db.prisma.notification.findMany({ where: { flagId }, select: { recipient: true } })).toEqual([
        { recipient: 'hr' },
      ]);
      // HR has it: there is no one above.
      expect(await actOnFlag(db, { flagId, action: 'escalate', actor: 'cli', now })).toEqual({
        ok: false,
        reason: 'top_of_chain',
      });
    });
  });

  describe('escalation in working hours', () => {
    const raise = (employeeId: number, now: Date, period?: string) =>
      raiseFlag(fx.db, { candidate: kpiCandidate(period), employeeId, routingBase: employeeId, tellEmployee: false }, now);
    const flag = (flagId: number) => fx.db.prisma.flag.findUniqueOrThrow({ where: { id: flagId } });

    it('waits 8 working hours of each addressee, not over the weekend, climbs level by level and ends with HR', async () => {
      const { db, id } = fx;
      const escalate = (now: Date) => escalateOverdueFlags(db, { now, workingHours: 8 });
      const { flagId } = await raise(id.dewi, wita('2026-11-27', '14:00')); // Friday afternoon: 2 hours left
      expect((await flag(flagId)).assigneeId).toBe(id.andi);

      expect(await escalate(wita('2026-11-28', '12:00'))).toBe(0); // Saturday
      expect(await escalate(wita('2026-11-29', '20:00'))).toBe(0); // Sunday
      expect(await escalate(wita('2026-11-30', '13:59'))).toBe(0); // 7 hours 59 minutes
      expect(await escalate(wita('2026-11-30', '14:00'))).toBe(1);
      expect(await flag(flagId)).toMatchObject({ status: 'escalated', level: 1, assigneeId: id.sri });
      expect(await escalate(wita('2026-11-30', '14:05'))).toBe(0); // Sri's clock starts now

      expect(await escalate(wita('2026-12-01', '13:59'))).toBe(0);
      expect(await escalate(wita('2026-12-01', '14:00'))).toBe(1);
      expect(await flag(flagId)).toMatchObject({ level: 2, assigneeId: id.bambang });

      expect(await escalate(wita('2026-12-02', '14:00'))).toBe(1);
      expect(await flag(flagId)).toMatchObject({ status: 'escalated', level: 3, assigneeId: null });
      expect(await escalate(wita('2026-12-09', '14:00'))).toBe(0);
      expect(await actOnFlag(db, { flagId, action: 'escalate', actor: 'cli', now: wita('2026-12-09', '14:00') })).toEqual({
        ok: false,
        reason: 'top_of_chain',
      });

      const events = await db.prisma.flagEvent.findMany({ where: { flagId }, orderBy: { id: 'asc' } });
      expect(events.map((e) => [e.action, (e.detail as { toAssigneeId?: number | null }).toAssigneeId])).toEqual([
        ['raised', undefined],
        ['escalated', id.sri],
        ['escalated', id.bambang],
        ['escalated', null],
      ]);
      const alerts = await db.prisma.notification.findMany({
        where: { flagId, kind: 'flag_alert' },
        orderBy: { id: 'asc' },
        select: { recipient: true },
      });
      expect(alerts.map((a) => a.recipient)).toEqual([
        `employee:${id.andi}`,
        `employee:${id.sri}`,
        `employee:${id.bambang}`,
        'hr',
      ]);
    });

    it("counts the office hours of the addressee's own zone and skips HR's holidays", async () => {
      const { db, id } = fx;
      // Sri works in WIB: her office day is 09:00-17:00 WITA.
      await db.prisma.employee.update({ where: { id: id.sri }, data: { timeZone: 'Asia/Jakarta' } });
      const start = wita('2026-11-30', '08:00');
      const toAndi = (await raise(id.dewi, start)).flagId;
      const toSri = (await raise(id.nurhayati, start)).flagId;
      expect(await escalateOverdueFlags(db, { now: wita('2026-11-30', '16:00'), workingHours: 8 })).toBe(1);
      expect((await flag(toAndi)).level).toBe(1);
      expect((await flag(toSri)).level).toBe(0); // 7 of her hours
      expect(await escalateOverdueFlags(db, { now: wita('2026-11-30', '17:00'), workingHours: 8 })).toBe(1);
      expect((await flag(toSri)).level).toBe(1);

      // A holiday on Tuesday: a flag raised Monday noon waits until Wednesday noon.
      await db.prisma.holiday.create({
        data: { date: day('2026-12-01'), name: 'Cuti bersama', kind: 'cuti_bersama', scope: '*' },
      });
      const { flagId } = await raise(id.andi, wita('2026-11-30', '12:00'));
      expect(await escalateOverdueFlags(db, { now: wita('2026-12-02', '11:59'), workingHours: 8 })).toBe(0);
      expect((await flag(flagId)).level).toBe(0);
      await escalateOverdueFlags(db, { now: wita('2026-12-02', '12:00'), workingHours: 8 });
      expect(await flag(flagId)).toMatchObject({ level: 1, assigneeId: id.bambang });
    });

    it("skips a regional day off of the addressee's unit, not of other units", async () => {
      const { db, id } = fx;
      await db.prisma.employee.update({ where: { id: id.sri }, data: { timeZone: 'Asia/Makassar' } });
      // Andi's section (DKI-APTIKA-SI) is off on Tuesday; Sri's bidang above it is not.
      await db.prisma.holiday.create({
        data: { date: day('2026-12-01'), name: 'Hari jadi seksi', kind: 'daerah', scope: 'DKI-APTIKA-SI' },
      });
      const toAndi = (await raise(id.dewi, wita('2026-11-30', '12:00'))).flagId;
      const toSri = (await raise(id.nurhayati, wita('2026-11-30', '12:00'))).flagId;
      expect(await escalateOverdueFlags(db, { now: wita('2026-12-01', '12:00'), workingHours: 8 })).toBe(1);
      expect(await flag(toSri)).toMatchObject({ level: 1 });
      expect(await flag(toAndi)).toMatchObject({ level: 0 });
      expect(await escalateOverdueFlags(db, { now: wita('2026-12-02', '11:59'), workingHours: 8 })).toBe(0);
      await escalateOverdueFlags(db, { now: wita('2026-12-02', '12:00'), workingHours: 8 });
      expect(await flag(toAndi)).toMatchObject({ level: 1, assigneeId: id.sri });
    });

    it('never escalates an acknowledged or resolved flag', async () => {
      const { db, id } = fx;
      const acknowledged = (await raise(id.dewi, wita('2026-11-30', '08:00'))).flagId;
      const resolved = (await raise(id.nurhayati, wita('2026-11-30', '08:00'))).flagId;
      await actOnFlag(db, { flagId: acknowledged, action: 'acknowledge', actor: 'cli', now: wita('2026-11-30', '09:00') });
      await actOnFlag(db, {
        flagId: resolved,
        action: 'resolve',
        actor: 'cli',
        note: 'Sudah diklarifikasi.',
        now: wita('2026-11-30', '09:00'),
      });
      expect(await escalateOverdueFlags(db, { now: wita('2026-12-31', '12:00'), workingHours: 8 })).toBe(0);
      expect(await flag(acknowledged)).toMatchObject({ status: 'acknowledged', level: 0, assigneeId: id.andi });
      expect(await flag(resolved)).toMatchObject({ status: 'resolved', level: 0, assigneeId: id.sri });
    });
  });
});

describe.each(backends)('flags delivered to Slack (%s)', (backend) => {
  let fx: Fixture;
  let fake: FakeSlack;
  let client: WebClient;
  let directory: SlackDirectory;
  let clock: Date;

  beforeAll(async () => {
    fx = await openFixture(backend);
  });
  afterAll(async () => {
    await fx?.db.close();
  });
  beforeEach(async () => {
    await clear(fx);
    fake = await startFakeSlack();
    fake.addUser(slackUsers.sri);
    fake.addUser(slackUsers.stranger);
    client = new WebClient(fake.token, {
      slackApiUrl: `${fake.url}/api/`,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    directory = new SlackDirectory(fx.db, client);
    clock = wita('2026-11-30', '09:00');
  });
  afterEach(async () => {
    await fake?.close();
  });

  /** Dispatches the Slack rows due at `now`; `hrChannel` null: no SLACK_HR_CHANNEL configured. */
  const dispatch = (now: Date, hrChannel: string | null = 'C_HR') =>
    dispatchNotifications(
      fx.db,
      { slack: slackNotificationSender({ db: fx.db, client, directory, hrChannel: hrChannel ?? undefined, now: () => clock }) },
      { now, log: silentLogger },
    );
  const raise = async (employeeId: number, now: Date, kind: 'kpi_missing' | 'absence_threshold' = 'kpi_missing') => {
    const candidate = { ...kpiCandidate(), kind };
    const { flagId } = await raiseFlag(fx.db, { candidate, employeeId, routingBase: employeeId, tellEmployee: false }, now);
    return flagId;
  };
  const textOf = (m: SlackMessage) => (m.text ?? '') + JSON.stringify(m.blocks ?? []);
  const posts = () => fake.calls.filter((c) => c.method === 'chat.postMessage');
  const alertOf = (flagId: number) => fx.db.prisma.notification.findFirstOrThrow({ where: { flagId, kind: 'flag_alert' } });
  const addTono = async () =>
    (
      await fx.db.prisma.employee.create({
        data: { nip: '200001012022011001', name: 'Tono Saputra', supervisorId: fx.id.nurhayati },
      })
    ).id;

  it("finds the supervisor's Slack account by email, sends a DM and remembers the account", async () => {
    const { db, id } = fx;
    fake.addUser(slackUsers.andi);
    const flagId = await raise(id.dewi, clock);
    expect(await dispatch(clock)).toEqual({ sent: 1, retried: 0, failed: 0 });
    const dm = fake.messages(slackUsers.andi.id);
    expect(dm).toHaveLength(1);
    expect(textOf(dm[0]!)).toContain('Dewi Lestari');
    expect((await db.prisma.employee.findUniqueOrThrow({ where: { id: id.andi } })).slackUserId).toBe(slackUsers.andi.id);
    expect(await db.prisma.flagMessage.findMany({ where: { flagId }, select: { level: true, channel: true } })).toEqual([
      { level: 0, channel: `D${slackUsers.andi.id}` },
    ]);
    const delivered = await db.prisma.flagEvent.findFirstOrThrow({ where: { flagId, action: 'delivered' } });
    expect(delivered.detail).toEqual({ level: 0, to: 'atasan' });

    // The next flag for him needs no second lookup.
    await raise(id.dewi, clock, 'absence_threshold');
    await dispatch(clock);
    expect(fake.messages(slackUsers.andi.id)).toHaveLength(2);
    expect(fake.calls.filter((c) => c.method === 'users.lookupByEmail')).toHaveLength(1);
  });

  it('sends to the HR channel when the supervisor has no Slack account and no Slack id', async () => {
    const { db, id } = fx;
    const tono = await addTono(); // his supervisor Nurhayati has neither an email nor a Slack id
    const aboutTono = await raise(tono, clock);
    const aboutDewi = await raise(id.dewi, clock); // Andi's email is not in this workspace
    expect(await dispatch(clock)).toEqual({ sent: 2, retried: 0, failed: 0 });
    const hr = fake.messages('C_HR');
    expect(hr.map(textOf)).toEqual([expect.stringContaining('Tono Saputra'), expect.stringContaining('Dewi Lestari')]);
    for (const flagId of [aboutTono, aboutDewi]) {
      const delivered = await db.prisma.flagEvent.findFirstOrThrow({ where: { flagId, action: 'delivered' } });
      expect(delivered.detail).toEqual({ level: 0, to: 'hr' });
    }
    expect((await db.prisma.employee.findUniqueOrThrow({ where: { id: id.andi } })).slackUserId).toBeNull();
  });

  it('fails the one notification with a clear reason when there is no HR channel, and sends the others', async () => {
    const { id } = fx;
    const tono = await addTono();
    const lost = await raise(tono, clock);
    await raise(id.nurhayati, clock); // to Sri, who has a Slack id
    expect(await dispatch(clock, null)).toEqual({ sent: 1, retried: 0, failed: 1 });
    expect(await alertOf(lost)).toMatchObject({ status: 'failed', error: expect.stringContaining('SLACK_HR_CHANNEL') });
    expect(fake.messages(slackUsers.sri.id)).toHaveLength(1);
    expect(textOf(fake.messages(slackUsers.sri.id)[0]!)).toContain('Nurhayati');
    // Failed for good: not tried again.
    expect(await dispatch(later(clock, hours(1)), null)).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it("waits out Slack's Retry-After on a 429, then delivers exactly once", async () => {
    const { db, id } = fx;
    const flagId = await raise(id.nurhayati, clock);
    fake.rateLimitNext(1, 'chat.postMessage', 30);
    expect(await dispatch(clock)).toEqual({ sent: 0, retried: 1, failed: 0 });
    const waiting = await alertOf(flagId);
    expect(waiting).toMatchObject({ status: 'pending', claimedAt: null, error: 'slack: ratelimited' });
    expect(waiting.notBefore.getTime()).toBe(clock.getTime() + 30_000);
    expect(fake.messages(slackUsers.sri.id)).toHaveLength(0);

    expect(await dispatch(later(clock, 29_000))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await dispatch(later(clock, 30_000))).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await dispatch(later(clock, 60_000))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(fake.messages(slackUsers.sri.id)).toHaveLength(1);
    expect(await alertOf(flagId)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await db.prisma.flagMessage.count({ where: { flagId } })).toBe(1);
  });

  it('marks a notification Slack refused as failed, without retrying it', async () => {
    const { id } = fx;
    const flagId = await raise(id.nurhayati, clock);
    fake.failNext(1, 'chat.postMessage', 'channel_not_found');
    expect(await dispatch(clock)).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await alertOf(flagId)).toMatchObject({ status: 'failed', error: 'slack: channel_not_found' });
    expect(await dispatch(later(clock, hours(1)))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(posts()).toHaveLength(1);
  });

  it("leaves another instance's fresh claim alone, takes over a stale one, and never posts an alert twice", async () => {
    const { db, id } = fx;
    const flagId = await raise(id.nurhayati, clock);
    const alert = await alertOf(flagId);
    await db.prisma.notification.update({ where: { id: alert.id }, data: { claimedAt: later(clock, -30_000), attempts: 1 } });
    expect(await dispatch(clock)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(posts()).toHaveLength(0);

    // The other instance died: once its lease (one minute, renewed only while it lives) is over, the row is taken over.
    expect(await dispatch(later(clock, 30_000 - 1_000))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await dispatch(later(clock, 30_000 + 1_000))).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(fake.messages(slackUsers.sri.id)).toHaveLength(1);
    expect(await alertOf(flagId)).toMatchObject({ status: 'sent', attempts: 2 });

    // Posted before a crash but not marked sent: the flag_message tells, nothing is posted again.
    const second = await raise(id.nurhayati, clock, 'absence_threshold');
    await db.prisma.flagMessage.create({
      data: { flagId: second, level: 0, channel: `D${slackUsers.sri.id}`, ts: '1764464400.000100', postedAt: clock },
    });
    expect(await dispatch(clock)).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(posts()).toHaveLength(1);
    expect(await alertOf(second)).toMatchObject({ status: 'sent' });
  });

  it('sends each supervisor one digest a day, only for flags waiting more than 12 hours, listing them', async () => {
    const { db, id } = fx;
    fake.addUser(slackUsers.andi);
    const monday = wita('2026-11-30', '09:00');
    await raise(id.dewi, monday, 'kpi_missing');
    await raise(id.dewi, monday, 'absence_threshold');
    await dispatch(monday); // the two alerts
    expect(fake.messages(slackUsers.andi.id)).toHaveLength(2);
    const digests = (user: string) => fake.messages(user).filter((m) => (m.text ?? '').startsWith('Ringkasan tanda'));

    expect(await enqueueDigests(db, { now: wita('2026-11-30', '20:59'), date: '2026-11-30' })).toBe(0);

    const tuesday = wita('2026-12-01', '07:00');
    await raise(id.nurhayati, later(tuesday, -hours(2))); // Sri's flag is only 2 hours old
    for (const at of [tuesday, later(tuesday, hours(1)), later(tuesday, hours(5))]) {
      await enqueueDigests(db, { now: at, date: '2026-12-01' });
      await dispatch(at);
    }
    const sent = digests(slackUsers.andi.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain('2 terbuka');
    const body = textOf(sent[0]!);
    expect(body).toContain('Dewi Lestari');
    expect(body).toContain('Catatan kinerja kosong');
    expect(body).toContain('Ketidakhadiran tanpa keterangan');
    expect(digests(slackUsers.sri.id)).toHaveLength(0);

    // The next day brings the next one.
    const wednesday = wita('2026-12-02', '07:00');
    expect(await enqueueDigests(db, { now: wednesday, date: '2026-12-02' })).toBe(2);
    await dispatch(wednesday);
    expect(digests(slackUsers.andi.id)).toHaveLength(2);
    expect(digests(slackUsers.sri.id)).toHaveLength(1);
  });

  it("counts a unit's regional day off as no working day in its people's week, and only theirs", async () => {
    const { db, id } = fx;
    await db.prisma.holiday.create({
      data: { date: day('2026-11-30'), name: 'Hari jadi seksi', kind: 'daerah', scope: 'DKI-APTIKA-SI' },
    });
    const weeks = await loadTeamWeek(db, [id.rizky, id.nurhayati], '2026-12-01');
    const monday = (nip: string) => weeks.find((w) => w.nip === nip)!.days[0]!;
    expect(monday(nips.rizky)).toMatchObject({ date: '2026-11-30', working: false });
    expect(monday(nips.nurhayati)).toMatchObject({ date: '2026-11-30', working: true });
  });

  it("shows a supervisor their open flags and their team's week on the Home tab, and a stranger no one's data", async () => {
    const { db, id } = fx;
    fake.addUser(slackUsers.andi);
    const now = wita('2026-12-01', '10:00'); // Tuesday
    const aboutDewi = await raise(id.dewi, wita('2026-11-30', '09:00'));
    await raise(id.nurhayati, wita('2026-11-30', '09:00')); // Sri's, not Andi's
    await logKpi(db, id.dewi, '2026-11-30');
    const deps = { db, client, directory, hrUsers: [], now: () => now };

    await publishHome(deps, slackUsers.andi.id);
    const home = fake.views.published.at(-1)!;
    expect(home.user_id).toBe(slackUsers.andi.id);
    expect(home.view.type).toBe('home');
    const shown = JSON.stringify(home.view);
    expect(shown).toContain('Tanda terbuka tim Anda (1)');
    expect(shown).toContain((await db.prisma.flag.findUniqueOrThrow({ where: { id: aboutDewi } })).title);
    expect(shown).not.toContain('Nurhayati');
    expect(shown).toContain('Kepatuhan pekan ini');
    expect(shown).toMatch(/Dewi Lestari\*[^•]*Kinerja 1\/2 hari/);
    expect(shown).toMatch(/Rizky Ramadhan\*[^•]*Kinerja 0\/2 hari/);

    await publishHome(deps, slackUsers.stranger.id);
    const strangers = fake.views.published.at(-1)!;
    expect(strangers.user_id).toBe(slackUsers.stranger.id);
    const seen = JSON.stringify(strangers.view);
    for (const name of ['Dewi', 'Rizky', 'Nurhayati', 'Andi', 'NIP']) expect(seen).not.toContain(name);
    expect(seen).toContain('belum tercatat sebagai pegawai');
  });
});
