/**
 * The neutrality reminder follows HR's election periods: off all year (as installed), on by itself
 * on the period's working days for the period's units, off again after it, and off when HR
 * unticks the period's reminder. Planned into the outbox as the scheduler does, on both backends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { importPeople } from '../../src/people/import-people.js';
import { removeElectionPeriod, saveElectionPeriod } from '../../src/posts/election-periods.js';
import { planOutbox } from '../../src/reminders/plan-outbox.js';
import { previewReminders } from '../../src/reminders/preview-reminders.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

const people = `nip,nama,unit_kode,unit_nama,jabatan,eselon,zona_waktu,nip_atasan
197003152000031001,Bambang Sutrisno,SKM,Pemkot Sukamaju,Sekretaris Daerah,II.a,WIB,
199002142015032001,Dewi Lestari,SKM,Pemkot Sukamaju,Pranata Humas,,WIB,197003152000031001
198505082010011003,Andi Pratama,LMA,Pemkot Kota Lama,Analis,,WIB,
`;

/** 06:00 WIB on a local date: before the neutrality reminder's 08:00. */
const morning = (date: string) => new Date(`${date}T06:00:00+07:00`);

describe.each(backends)('election periods switch the neutrality reminder (%s)', (backend) => {
  let db: Database;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    expect((await importPeople(db, people)).ok).toBe(true);
    for (const [i, e] of (await db.prisma.employee.findMany({ orderBy: { id: 'asc' } })).entries()) {
      ids[e.name.split(' ')[0]!] = e.id;
      await db.prisma.telegramAccount.create({
        data: { telegramUserId: BigInt(5000 + i), employeeId: e.id, chatId: BigInt(5000 + i) },
      });
    }
  });
  afterAll(() => db?.close());

  /** Who has a neutrality reminder planned for that (Monday) date. */
  const remindedOn = async (date: string) => {
    await planOutbox(db, morning(date));
    const rows = await db.prisma.reminderOutbox.findMany({
      where: { localDate: new Date(`${date}T00:00:00Z`), schedule: { kind: 'netralitas' } },
      include: { employee: true },
    });
    return rows.map((r) => r.employee.name.split(' ')[0]).sort();
  };

  it('is off as installed, on during a period for everyone, off again after it', async () => {
    expect(await remindedOn('2026-10-26')).toEqual([]);
    const period = await saveElectionPeriod(db, { name: 'Pemilu 2026', startDate: '2026-11-01', endDate: '2026-11-27' });
    expect(await remindedOn('2026-10-26')).toEqual([]);
    expect(await remindedOn('2026-11-02')).toEqual(['Andi', 'Bambang', 'Dewi']);
    expect(await remindedOn('2026-11-23')).toEqual(['Andi', 'Bambang', 'Dewi']);
    expect(await remindedOn('2026-11-30')).toEqual([]);
    const preview = await previewReminders(db, { nip: '199002142015032001', date: '2026-11-30', now: morning('2026-11-30') });
    expect(preview.plan.skipped).toContainEqual({ kind: 'netralitas', reason: 'jadwal tidak aktif' });
    const during = await previewReminders(db, { nip: '199002142015032001', date: '2026-11-16', now: morning('2026-11-16') });
    expect(during.plan.due.map((d) => d.kind)).toContain('netralitas');
    await removeElectionPeriod(db, period.id);
    expect(await remindedOn('2026-11-09')).toEqual([]);
  });

  it("a Pilkada reminds only its region's units, and not at all with its reminder unticked", async () => {
    const pilkada = await saveElectionPeriod(db, {
      name: 'Pilkada Kota Sukamaju',
      scope: 'SKM',
      startDate: '2026-12-01',
      endDate: '2026-12-31',
    });
    expect(await remindedOn('2026-12-07')).toEqual(['Bambang', 'Dewi']);
    const outside = await previewReminders(db, { nip: '198505082010011003', date: '2026-12-07', now: morning('2026-12-07') });
    expect(outside.plan.skipped).toContainEqual({
      kind: 'netralitas',
      reason: 'jadwal tidak aktif dan tidak ada masa pemilu untuk unit ini pada tanggal ini',
    });
    await saveElectionPeriod(
      db,
      { name: 'Pilkada Kota Sukamaju', scope: 'SKM', startDate: '2026-12-01', endDate: '2026-12-31', reminder: false },
      pilkada.id,
    );
    expect(await remindedOn('2026-12-14')).toEqual([]);
  });

  it('refuses a period that ends before it starts, or names a unit that does not exist, in Indonesian', async () => {
    await expect(
      saveElectionPeriod(db, { name: 'Pemilu', startDate: '2026-12-10', endDate: '2026-12-01' }),
    ).rejects.toMatchObject({
      code: 'bad_election_period',
      userMessage: expect.stringContaining('Tanggal selesai: tanggal selesai tidak boleh sebelum tanggal mulai'),
    });
    await expect(
      saveElectionPeriod(db, { name: 'Pilkada', scope: 'XYZ', startDate: '2026-12-01', endDate: '2026-12-10' }),
    ).rejects.toMatchObject({ code: 'unknown_unit' });
    await expect(
      saveElectionPeriod(db, { name: 'Pemilu', startDate: '2026-13-01', endDate: '2026-12-10' }),
    ).rejects.toMatchObject({
      userMessage: expect.stringContaining('Tanggal mulai: tanggal harus berbentuk TTTT-BB-HH'),
    });
  });
});
