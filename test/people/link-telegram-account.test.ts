import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { findLinkedEmployee } from '../../src/people/find-linked-employee.js';
import { issueLinkCode } from '../../src/people/issue-link-code.js';
import { linkTelegramAccount, unlinkTelegramAccount } from '../../src/people/link-telegram-account.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

const start = new Date('2026-11-23T01:00:00Z');
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);
const nip = { sri: '197811202005012002', andi: '198505082010011003', dewi: '199002142015032001', rizky: '199207302019031002' };

describe.each(backends)('linking Telegram accounts (%s)', (backend) => {
  let db: Database;
  // Each test uses its own Telegram users, so that their lockout counters do not meet.
  let nextUser = 1000n;
  const newUser = () => nextUser++;

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    const unit = await db.prisma.orgUnit.create({
      data: { code: 'DKI-SI', name: 'Seksi Sistem Informasi', timeZone: 'Asia/Makassar' },
    });
    const sri = await db.prisma.employee.create({ data: { nip: nip.sri, name: 'Sri Wahyuni', unitId: unit.id } });
    for (const [key, name] of [
      ['andi', 'Andi Pratama'],
      ['dewi', 'Dewi Lestari'],
      ['rizky', 'Rizky Ramadhan'],
    ] as const)
      await db.prisma.employee.create({
        data: { nip: nip[key], name, unitId: unit.id, supervisorId: sri.id, position: 'Pranata Komputer' },
      });
  });
  afterAll(() => db?.close());

  const codeFor = async (who: string, now = start) => (await issueLinkCode(db, who, { now })).code;
  const link = (code: string, telegramUserId: bigint, now = start) =>
    linkTelegramAccount(db, { code, telegramUserId, chatId: telegramUserId + 5_000n, now });
  const accountOf = (telegramUserId: bigint) => db.prisma.telegramAccount.findUnique({ where: { telegramUserId } });

  it('links with the code however it is typed, once', async () => {
    const code = await codeFor(nip.andi);
    const user = newUser();
    const typed = ` ${code.replace('-', ' ').toLowerCase()} `;
    expect(await link(typed, user)).toEqual({
      status: 'linked',
      employee: { id: expect.any(Number), nip: nip.andi, name: 'Andi Pratama' },
    });
    expect(await accountOf(user)).toMatchObject({ chatId: user + 5_000n, linkedAt: start });
    // Tapping the deep link twice is harmless; someone else with the same code is refused.
    expect((await link(code, user)).status).toBe('linked');
    expect(await link(code, newUser())).toEqual({ status: 'used' });
  });

  it('refuses an unknown, malformed or expired code, and the code an employee was given before the last', async () => {
    const user = newUser();
    expect(await link('ABCD-EFGH', user)).toEqual({ status: 'invalid' });
    expect(await link('O0I1-L000', user)).toEqual({ status: 'invalid' });
    const old = await codeFor(nip.dewi);
    const latest = await codeFor(nip.dewi, minutes(1));
    expect(await link(old, user, minutes(2))).toEqual({ status: 'expired' });
    expect(await link(latest, user, minutes(8 * 24 * 60))).toEqual({ status: 'expired' });
  });

  it('does not let a linked account take another employee, until /keluar', async () => {
    const user = newUser();
    expect((await link(await codeFor(nip.dewi), user)).status).toBe('linked');
    const rizkyCode = await codeFor(nip.rizky);
    expect(await link(rizkyCode, user)).toEqual({ status: 'other_account' });
    // The code was not spent on the refusal.
    expect(await unlinkTelegramAccount(db, user)).toBe(true);
    expect(await unlinkTelegramAccount(db, user)).toBe(false);
    expect(await link(rizkyCode, user)).toMatchObject({ status: 'linked', employee: { nip: nip.rizky } });
  });

  it('moves the employee to the new account when they link from another phone', async () => {
    const oldPhone = newUser();
    const newPhone = newUser();
    expect((await link(await codeFor(nip.sri), oldPhone)).status).toBe('linked');
    expect((await link(await codeFor(nip.sri), newPhone)).status).toBe('linked');
    expect(await accountOf(oldPhone)).toBeNull();
    expect(await db.prisma.telegramAccount.findMany({ where: { employee: { nip: nip.sri } } })).toEqual([
      expect.objectContaining({ telegramUserId: newPhone }),
    ]);
  });

  it('locks a user out for 30 minutes after 5 wrong codes in 15 minutes, even for the right code', async () => {
    const user = newUser();
    for (let i = 0; i < 4; i++) expect((await link('ZZZZ-ZZZZ', user, minutes(i))).status).toBe('invalid');
    expect(await link('ZZZZ-ZZZZ', user, minutes(4))).toEqual({ status: 'locked', retryAfterMinutes: 30 });
    const code = await codeFor(nip.andi, minutes(5));
    expect(await link(code, user, minutes(10))).toEqual({ status: 'locked', retryAfterMinutes: 24 });
    expect(await link(code, user, minutes(33.5))).toEqual({ status: 'locked', retryAfterMinutes: 1 });
    expect((await link(code, user, minutes(34))).status).toBe('linked');
  });

  it('does not clear the count when a linked user resends their own used code', async () => {
    const user = newUser();
    const code = await codeFor(nip.dewi);
    expect((await link(code, user)).status).toBe('linked');
    for (let i = 0; i < 4; i++) await link('ZZZZ-ZZZZ', user, minutes(i));
    expect((await link(code, user, minutes(5))).status).toBe('linked');
    expect(await link('ZZZZ-ZZZZ', user, minutes(6))).toEqual({ status: 'locked', retryAfterMinutes: 30 });
  });

  it('lets no guess slip past the lockout when many arrive at once', async () => {
    const user = newUser();
    const results = await Promise.all(Array.from({ length: 8 }, () => link('ZZZZ-ZZZZ', user, minutes(1))));
    expect(results.map((r) => r.status).sort()).toEqual([...Array(4).fill('invalid'), ...Array(4).fill('locked')]);
  });

  it('counts expired and used codes as failures, and only within the 15-minute window', async () => {
    const user = newUser();
    const expired = await codeFor(nip.rizky, minutes(-8 * 24 * 60));
    await codeFor(nip.rizky);
    for (let i = 0; i < 4; i++) expect((await link(expired, user, minutes(i))).status).toBe('expired');
    // The window started at minute 0: at minute 15 the count starts again.
    expect((await link(expired, user, minutes(15))).status).toBe('expired');
    for (let i = 16; i < 19; i++) expect((await link(expired, user, minutes(i))).status).toBe('expired');
    expect((await link(expired, user, minutes(19))).status).toBe('locked');
  });

  it('starts counting afresh after a successful link', async () => {
    const user = newUser();
    for (let i = 0; i < 4; i++) await link('ZZZZ-ZZZZ', user, minutes(i));
    expect((await link(await codeFor(nip.dewi), user, minutes(5))).status).toBe('linked');
    expect(await db.prisma.linkAttempt.findUnique({ where: { telegramUserId: user } })).toBeNull();
    await unlinkTelegramAccount(db, user);
    for (let i = 6; i < 10; i++) expect((await link('ZZZZ-ZZZZ', user, minutes(i))).status).toBe('invalid');
  });

  it('links only once when one code is used twice at the same moment', async () => {
    const code = await codeFor(nip.rizky);
    const [a, b] = [newUser(), newUser()];
    const results = await Promise.all([link(code, a), link(code, b)]);
    expect(results.map((r) => r.status).sort()).toEqual(['linked', 'used']);
    expect(await db.prisma.telegramAccount.count({ where: { employee: { nip: nip.rizky } } })).toBe(1);
  });

  it('finds the linked employee with unit, supervisor and zone; nobody for others or for someone who left', async () => {
    const user = newUser();
    await link(await codeFor(nip.andi), user);
    expect(await findLinkedEmployee(db, user)).toEqual({
      id: expect.any(Number),
      nip: nip.andi,
      name: 'Andi Pratama',
      position: 'Pranata Komputer',
      grade: null,
      email: null,
      timeZone: 'Asia/Makassar',
      chatId: user + 5_000n,
      unit: { code: 'DKI-SI', name: 'Seksi Sistem Informasi' },
      supervisor: { nip: nip.sri, name: 'Sri Wahyuni' },
    });
    expect(await findLinkedEmployee(db, newUser())).toBeNull();
    await db.prisma.employee.update({ where: { nip: nip.andi }, data: { active: false } });
    expect(await findLinkedEmployee(db, user)).toBeNull();
    await db.prisma.employee.update({ where: { nip: nip.andi }, data: { active: true } });
  });
});
