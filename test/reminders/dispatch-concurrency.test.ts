/**
 * Several instances dispatch the same outbox: each row goes out exactly once, a crashed
 * instance's claims are taken over after the claim timeout (and what it did send is not sent
 * again), and a user who blocked the bot is not tried again.
 *
 * On PostgreSQL the two dispatchers use two Database objects, so two connection pools racing on
 * FOR UPDATE SKIP LOCKED; PGlite has one connection, shared by both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { importPeople } from '../../src/people/import-people.js';
import {
  dispatchReminders,
  type DispatchResult,
  type OutgoingReminder,
  type ReminderSender,
} from '../../src/outbox/dispatch-reminders.js';
import { planOutbox } from '../../src/reminders/plan-outbox.js';
import { UnreachableError, UpstreamError } from '../../src/errors.js';
import { openDatabasePair } from '../helpers/database-pair.js';
import { sleep, waitUntil } from '../helpers/telegram.js';
import { backends } from '../helpers/test-database.js';

const employees = 200;
const minuteMs = 60_000;
const chatBase = 50_000;

// 200 employees of one WIB unit: NIPs 198001012005011001 ... 198001012005011200.
const nipOf = (i: number) => `198001012005011${String(i).padStart(3, '0')}`;
const people = [
  'nip,nama,unit_kode,unit_nama,jabatan,eselon,zona_waktu,nip_atasan',
  ...Array.from(
    { length: employees },
    (_, i) => `${nipOf(i + 1)},Pegawai ${i + 1},BKD,Badan Kepegawaian Daerah,Analis SDM,,WIB,`,
  ),
].join('\n');

/** 07:20 WIB on a working day: the 07:15 disiplin reminder of all 200 is due. */
const morningOf = (date: string) => new Date(`${date}T00:20:00Z`);
const later = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * minuteMs);

/** Sends through `send` and records every call, with who made it. */
function recordingSender(name: string, log: { by: string; reminder: OutgoingReminder }[], send?: () => Promise<void>) {
  let messageId = 0;
  const sender: ReminderSender = {
    send: async (reminder) => {
      log.push({ by: name, reminder });
      await send?.();
      return ++messageId;
    },
  };
  return sender;
}

/** Dispatches in rounds until a round finds nothing more to do, as one scheduler tick does. */
async function drain(db: Database, sender: ReminderSender, now: Date, batchSize: number): Promise<DispatchResult[]> {
  const results: DispatchResult[] = [];
  for (let round = 0; round < 100; round++) {
    const result = await dispatchReminders(db, sender, { now, batchSize });
    results.push(result);
    if (result.sent + result.blocked + result.failed + result.retried === 0) break;
  }
  return results;
}

const total = (results: DispatchResult[], key: keyof DispatchResult) => results.reduce((sum, r) => sum + r[key], 0);

describe.each(backends)('dispatching reminders from two instances (%s)', (backend) => {
  let first: Database;
  let second: Database;
  let close: () => Promise<void>;

  const rowsOf = (date: string) =>
    first.prisma.reminderOutbox.findMany({ where: { localDate: new Date(`${date}T00:00:00Z`) }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    ({ first, second, close } = await openDatabasePair(backend));
    const imported = await importPeople(first, people);
    expect(imported).toMatchObject({ ok: true, created: employees });
    const ids = await first.prisma.employee.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    await first.prisma.telegramAccount.createMany({
      data: ids.map((e, i) => ({ telegramUserId: BigInt(chatBase + i), chatId: BigInt(chatBase + i), employeeId: e.id })),
    });
    // Only the morning reminder: each test's 200 rows are then all of that day's outbox.
    await first.prisma.reminderSchedule.updateMany({ where: { kind: { not: 'disiplin' } }, data: { active: false } });
  });
  afterAll(() => close?.());

  it('sends each of 200 due reminders exactly once when two dispatchers run at the same time', async () => {
    const now = morningOf('2026-12-21');
    // Both instances plan (idempotent: still one row per employee, reminder and date).
    await Promise.all([planOutbox(first, now), planOutbox(second, now)]);
    const planned = await rowsOf('2026-12-21');
    expect(planned).toHaveLength(employees);
    expect(planned.every((r) => r.status === 'pending')).toBe(true);

    const log: { by: string; reminder: OutgoingReminder }[] = [];
    const handedOver = new Set<number>();
    const twice: number[] = [];
    // Telegram takes a few ms per message; a row held by one dispatcher must never reach the other.
    const slow = (name: string): ReminderSender => {
      const sender = recordingSender(name, log);
      return {
        send: async (reminder) => {
          if (handedOver.has(reminder.outboxId)) twice.push(reminder.outboxId);
          handedOver.add(reminder.outboxId);
          await sleep(2 + Math.floor(Math.random() * 4));
          return sender.send(reminder);
        },
      };
    };
    const [a, b] = await Promise.all([drain(first, slow('A'), now, 20), drain(second, slow('B'), now, 20)]);

    expect(twice).toEqual([]);
    const ids = log.map((l) => l.reminder.outboxId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort((x, y) => x - y)).toEqual(planned.map((r) => r.id));
    expect(total(a, 'sent') + total(b, 'sent')).toBe(employees);
    // Both really worked on the batch; neither waited for the other to finish.
    expect(log.some((l) => l.by === 'A')).toBe(true);
    expect(log.some((l) => l.by === 'B')).toBe(true);
    for (const results of [a, b]) expect(total(results, 'retried') + total(results, 'failed')).toBe(0);

    const after = await rowsOf('2026-12-21');
    expect(after.map((r) => r.status)).toEqual(after.map(() => 'sent'));
    expect(after.map((r) => r.attempts)).toEqual(after.map(() => 1));
    expect(after.every((r) => r.messageId !== null && r.sentAt !== null)).toBe(true);
    // Each reminder went to its own employee's chat.
    expect(new Set(log.map((l) => l.reminder.chatId)).size).toBe(employees);

    // Another round, by either instance, finds nothing to send.
    const again = await Promise.all([drain(first, slow('A'), later(now, 1), 20), drain(second, slow('B'), later(now, 1), 20)]);
    expect(again.flat().map((r) => r.sent)).toEqual([0, 0]);
    expect(log).toHaveLength(employees);
  });

  it("takes over a killed instance's claims once its one-minute lease lapses, never re-sending what it sent", async () => {
    const t0 = morningOf('2026-12-22');
    await planOutbox(first, t0);
    const log: { by: string; reminder: OutgoingReminder }[] = [];

    // The first instance claims all 200, gets 30 out, and dies with 170 sends in flight: its
    // promise is abandoned, never settling, as when the process is killed.
    let calls = 0;
    const dying = recordingSender('dying', log, () => (++calls <= 30 ? Promise.resolve() : new Promise<void>(() => undefined)));
    void dispatchReminders(first, dying, { now: t0, batchSize: employees });
    const sentRows = async () => (await rowsOf('2026-12-22')).filter((r) => r.status === 'sent');
    await waitUntil(async () => calls === employees && (await sentRows()).length === 30, 'the first 30 sends to be recorded');
    const sentByDying = new Set((await sentRows()).map((r) => r.id));
    expect(sentByDying.size).toBe(30);

    // Within the lease (one minute, renewed only by a live sender) the other instance leaves the
    // claimed rows alone; it used to wait a fixed five minutes.
    const fresh = recordingSender('fresh', log);
    for (const minutes of [0.5, 1]) {
      const results = await drain(second, fresh, later(t0, minutes), 50);
      expect(total(results, 'sent'), `${minutes} min after the crash`).toBe(0);
    }
    expect(log.filter((l) => l.by === 'fresh')).toEqual([]);

    // Ninety seconds on, the claims are stale: the rest go out, once, and none of the 30 again.
    const results = await drain(second, fresh, later(t0, 1.5), 50);
    expect(total(results, 'sent')).toBe(employees - 30);
    const byFresh = log.filter((l) => l.by === 'fresh').map((l) => l.reminder.outboxId);
    expect(new Set(byFresh).size).toBe(employees - 30);
    expect(byFresh.filter((id) => sentByDying.has(id))).toEqual([]);

    const rows = await rowsOf('2026-12-22');
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'sent'));
    expect(rows.filter((r) => sentByDying.has(r.id)).map((r) => r.attempts)).toEqual(Array(30).fill(1));
    expect(rows.filter((r) => !sentByDying.has(r.id)).map((r) => r.attempts)).toEqual(Array(employees - 30).fill(2));
    expect(await drain(first, fresh, later(t0, 20), 50)).toEqual([
      { sent: 0, missed: 0, skipped: 0, blocked: 0, failed: 0, retried: 0 },
    ]);
  });

  it('releases a row on an unexpected error (not a platform error) and sends it after the 30 s back-off', async () => {
    const t0 = morningOf('2026-12-23');
    await planOutbox(first, t0);
    const log: { by: string; reminder: OutgoingReminder }[] = [];
    let calls = 0;
    const breaking = recordingSender('breaking', log, async () => {
      if (++calls > 40) throw new TypeError('socket hang up');
    });
    const result = await dispatchReminders(first, breaking, { now: t0, batchSize: employees });
    expect(result).toMatchObject({ sent: 40, retried: employees - 40 });
    const released = (await rowsOf('2026-12-23')).filter((r) => r.status === 'pending');
    expect(released).toHaveLength(employees - 40);
    expect(released.every((r) => r.claimedAt === null && r.error === 'socket hang up')).toBe(true);

    const sentFirst = new Set(log.slice(0, 40).map((l) => l.reminder.outboxId));
    const retry = recordingSender('retry', log);
    const results = await drain(second, retry, later(t0, 1), 50);
    expect(total(results, 'sent')).toBe(employees - 40);
    const resent = log.filter((l) => l.by === 'retry').map((l) => l.reminder.outboxId);
    expect(resent.filter((id) => sentFirst.has(id))).toEqual([]);
    const rows = await rowsOf('2026-12-23');
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'sent'));
  });

  it('marks a blocked chat blocked and a refused one failed, and tries neither again', async () => {
    const t0 = morningOf('2026-12-28');
    await planOutbox(first, t0);
    const blockedChat = BigInt(chatBase + 7);
    const refusedChat = BigInt(chatBase + 8);
    const flakyChat = BigInt(chatBase + 9);
    const calls = new Map<bigint, number>();
    let flakyFailures = 0;
    const sender: ReminderSender = {
      send: async (reminder) => {
        calls.set(reminder.chatId, (calls.get(reminder.chatId) ?? 0) + 1);
        if (reminder.chatId === blockedChat) throw new UpstreamError('telegram', 'Forbidden: bot was blocked by the user', 403);
        if (reminder.chatId === refusedChat) throw new UpstreamError('telegram', 'Bad Request: chat not found', 400);
        if (reminder.chatId === flakyChat && flakyFailures++ === 0)
          throw new UnreachableError('telegram', 'Network request failed');
        return 1;
      },
    };
    const firstRound = await dispatchReminders(first, sender, { now: t0, batchSize: employees });
    expect(firstRound).toEqual({ sent: employees - 3, missed: 0, skipped: 0, blocked: 1, failed: 1, retried: 1 });

    // The next minutes, and after the claim timeout, on either instance: only the flaky one, once.
    await drain(second, sender, later(t0, 1), 50);
    await drain(first, sender, later(t0, 10), 50);
    expect(calls.get(blockedChat)).toBe(1);
    expect(calls.get(refusedChat)).toBe(1);
    expect(calls.get(flakyChat)).toBe(2);

    const rows = await first.prisma.reminderOutbox.findMany({
      where: { localDate: new Date('2026-12-28T00:00:00Z') },
      include: { employee: { include: { telegram: true } } },
    });
    const rowOf = (chat: bigint) => rows.find((r) => r.employee.telegram?.chatId === chat)!;
    expect(rowOf(blockedChat)).toMatchObject({
      status: 'blocked',
      error: 'telegram: Forbidden: bot was blocked by the user',
      attempts: 1,
      sentAt: null,
    });
    expect(rowOf(refusedChat)).toMatchObject({ status: 'failed', error: 'telegram: Bad Request: chat not found', attempts: 1 });
    expect(rowOf(flakyChat)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(employees - 2);
  });
});
