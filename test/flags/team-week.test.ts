// A supervisor's view of a week, on the Home tab and with `/asn minggu`: the same counts from the
// same function, up to today, and a day with two reminder rows shown by its better outcome.
import { readFileSync } from 'node:fs';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { instantOf } from '../../src/calendar/local-time.js';
import { loadTeamWeek } from '../../src/flags/team-week.js';
import { importPeople } from '../../src/people/import-people.js';
import { weekSummaryText } from '../../src/channels/slack/views/week-summary.js';
import { SlackDirectory } from '../../src/channels/slack/slack-directory.js';
import { publishHome } from '../../src/channels/slack/slack-home.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-server.js';
import { fixturesDir } from '../helpers/knowledge.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

const wita = (date: string, time: string) => instantOf(date, time, 'Asia/Makassar');
const day = (date: string) => new Date(`${date}T00:00:00Z`);
const andi = { id: 'U0ANDI', email: 'andi.pratama@samarindakota.go.id', name: 'andi' };

describe.each(backends)("a supervisor's week of their team (%s)", (backend) => {
  let db: Database;
  let fake: FakeSlack;
  let dewiId: number;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    expect((await importPeople(db, readFileSync(`${fixturesDir}/people.csv`, 'utf8'))).ok).toBe(true);
    fake = await startFakeSlack();
    fake.addUser(andi);
    const dewi = await db.prisma.employee.findUniqueOrThrow({ where: { nip: '199002142015032001' }, include: { unit: true } });
    dewiId = dewi.id;
    // Monday 30 November: the default discipline reminder was missed (HR had moved it), and the
    // unit's own schedule sent one that Dewi answered in time. She logged her work that day only.
    const standard = await db.prisma.reminderSchedule.findFirstOrThrow({ where: { kind: 'disiplin', scope: '*' } });
    const unitOwn = await db.prisma.reminderSchedule.create({
      data: { kind: 'disiplin', scope: dewi.unit!.code, localTime: '07:45', days: [1, 2, 3, 4, 5], text: 'Sudah hadir, {nama}?' },
    });
    const row = (scheduleId: number, status: string, due: Date) =>
      db.prisma.reminderOutbox.create({
        data: {
          employeeId: dewi.id,
          scheduleId,
          localDate: day('2026-11-30'),
          dueAt: due,
          expiresAt: new Date(due.getTime() + 2 * 3_600_000),
          status,
          ...(status === 'sent' ? { sentAt: due, messageId: 501n } : {}),
        },
      });
    await row(standard.id, 'missed', wita('2026-11-30', '07:15'));
    const sent = await row(unitOwn.id, 'sent', wita('2026-11-30', '07:45'));
    await db.prisma.reminderReply.create({
      data: {
        outboxId: sent.id,
        employeeId: dewi.id,
        localDate: day('2026-11-30'),
        answer: 'hadir',
        answeredAt: wita('2026-11-30', '07:50'),
      },
    });
    await db.prisma.kpiLog.create({ data: { employeeId: dewi.id, localDate: day('2026-11-30'), activity: 'Rapat koordinasi' } });
  });
  afterAll(async () => {
    await fake?.close();
    await db?.close();
  });

  it('shows the answered reminder, and the same KPI count up to today on the Home tab and in /asn minggu', async () => {
    const now = wita('2026-12-03', '10:00'); // Thursday: four working days so far, Friday still to come
    const [week] = await loadTeamWeek(db, [dewiId], '2026-12-03');
    const summary = weekSummaryText(week!);
    expect(summary).toContain('Senin, 30 November 2026: 1 catatan kinerja · pengingat dijawab');
    expect(summary).not.toContain('pengingat tidak dikirim');
    expect(summary).toContain('Jumlah: catatan kinerja 1/4 hari kerja · pengingat dijawab tepat waktu 1/1');

    const client = new WebClient(fake.token, { slackApiUrl: `${fake.url}/api/`, retryConfig: { retries: 0 } });
    await publishHome({ db, client, directory: new SlackDirectory(db, client), hrUsers: [], now: () => now }, andi.id);
    const home = JSON.stringify(fake.views.published.at(-1)!.view);
    expect(home).toMatch(/Dewi Lestari\*[^•]*Kinerja 1\/4 hari · Pengingat 1\/1 dijawab/);
  });
});
