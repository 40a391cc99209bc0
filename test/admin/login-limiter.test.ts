import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptKeys, clearFailures, countAttempt, loginLimits, slowDown } from '../../src/admin/auth/login-limiter.js';
import type { Database } from '../../src/db/database.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

describe.each(backends)('login lockout per account and per (address, account) (%s)', (backend) => {
  let db: Database;
  const now = new Date('2026-12-04T02:00:00Z');
  beforeAll(async () => {
    db = await openTestDatabase(backend);
  });
  afterAll(() => db?.close());

  const fail = (email: string, ip: string) => countAttempt(db, attemptKeys(email, ip), now);

  it('five wrong passwords lock an account from that address only', async () => {
    for (let i = 1; i < loginLimits.maxFailuresPerAccountAndAddress; i++)
      expect(await fail('sdm@pemkot.go.id', '10.0.0.1')).toMatchObject({ status: 'counted', lockedUntil: undefined });
    expect((await fail('sdm@pemkot.go.id', '10.0.0.1')).lockedUntil).toBeInstanceOf(Date);
    expect((await fail('sdm@pemkot.go.id', '10.0.0.1')).status).toBe('locked');
    // The owner at their own desk is not locked out by someone guessing elsewhere.
    expect((await fail('sdm@pemkot.go.id', '10.9.9.9')).status).toBe('counted');
  });

  it('twenty wrong passwords from many addresses lock the account everywhere', async () => {
    for (let i = 0; i < loginLimits.maxFailuresPerAccount - 1; i++)
      expect((await fail('kepala@pemkot.go.id', `10.1.0.${i}`)).status).toBe('counted');
    expect((await fail('kepala@pemkot.go.id', '10.1.1.1')).lockedUntil).toBeInstanceOf(Date);
    expect((await fail('kepala@pemkot.go.id', '10.1.2.2')).status).toBe('locked');
  });

  it('never locks an address: it slows it down, and a good login does not reset the slow-down', async () => {
    const verdicts = [];
    for (let i = 0; i < 30; i++) verdicts.push(await fail(`orang-${i}@pemkot.go.id`, '10.2.0.1'));
    expect(verdicts.every((v) => v.status === 'counted')).toBe(true);
    const delays = verdicts.map((v) => (v.status === 'counted' ? v.delayMs : -1));
    expect(delays.slice(0, loginLimits.slowAfterAddressFailures + 1).every((d) => d === 0)).toBe(true);
    expect(delays[29]).toBe(slowDown(29));
    expect(delays[29]).toBeGreaterThan(delays[15]!);
    await clearFailures(db, attemptKeys('orang-0@pemkot.go.id', '10.2.0.1'));
    const next = await fail('orang-31@pemkot.go.id', '10.2.0.1');
    expect(next.status === 'counted' && next.delayMs).toBe(slowDown(30));
  });

  it('caps the slow-down', () => {
    expect(slowDown(10_000)).toBe(loginLimits.maxSlowMs);
  });
});
