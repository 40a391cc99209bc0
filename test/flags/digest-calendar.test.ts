// The supervisors' digest follows the one working calendar: not on a weekend, a national holiday
// or a cuti bersama day HR entered, then on the next working day.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { instantOf } from '../../src/calendar/local-time.js';
import { startFlagScheduler } from '../../src/flags/start-flag-scheduler.js';
import { raiseFlag } from '../../src/flags/raise-flag.js';
import { importPeople } from '../../src/people/import-people.js';
import { fixturesDir } from '../helpers/knowledge.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

const wib = (date: string, time: string) => instantOf(date, time, 'Asia/Jakarta');

describe.each(backends)("the supervisors' digest on HR's calendar (%s)", (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    expect((await importPeople(db, readFileSync(`${fixturesDir}/people.csv`, 'utf8'))).ok).toBe(true);
  });
  afterAll(async () => db?.close());

  it('is not queued on a cuti bersama day for everyone, and is on the next working day', async () => {
    const dewi = await db.prisma.employee.findUniqueOrThrow({ where: { nip: '199002142015032001' } });
    // Nobody escalates here: the flag stays with Andi, waiting since Monday, so only the calendar decides.
    await db.prisma.flagSettings.update({ where: { id: 1 }, data: { escalationWorkingHours: 1000 } });
    await raiseFlag(
      db,
      {
        candidate: {
          kind: 'kpi_missing',
          period: '2026-12-21',
          title: 'Belum mengisi catatan kinerja',
          evidence: {},
          severity: 'info',
        },
        employeeId: dewi.id,
        routingBase: dewi.id,
        tellEmployee: false,
      },
      wib('2026-12-21', '09:00'),
    );
    // Thursday 24 December 2026: a weekday, no national holiday, but cuti bersama for Natal.
    await db.prisma.holiday.create({
      data: { date: new Date('2026-12-24T00:00:00Z'), name: 'Cuti bersama Natal', kind: 'cuti_bersama', scope: '*' },
    });
    let clock = wib('2026-12-24', '08:30');
    const scheduler = startFlagScheduler({
      db,
      log: silentLogger,
      now: () => clock,
      cron: false,
      outbox: { tick: async () => undefined },
    });
    const digests = () => db.prisma.notification.findMany({ where: { kind: 'digest' }, select: { key: true } });
    try {
      await scheduler.tick();
      expect(await digests()).toEqual([]);
      clock = wib('2026-12-24', '15:00');
      await scheduler.tick();
      expect(await digests()).toEqual([]);
      // Friday 25 December is Natal (national); Monday 28 December is a working day.
      clock = wib('2026-12-25', '08:30');
      await scheduler.tick();
      expect(await digests()).toEqual([]);
      clock = wib('2026-12-28', '08:30');
      await scheduler.tick();
      expect((await digests()).map((d) => d.key)).toEqual([expect.stringMatching(/^digest:\d+:2026-12-28$/)]);
    } finally {
      await scheduler.stop();
    }
  });
});
