import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, liveHolder, lockFileName } from '../../src/db/data-dir-lock.js';

/** The pid of a process that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('the DATA_DIR lock', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'asn-lock-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('is held by one process at a time, names its holder, and is gone once released', async () => {
    const d = dir();
    const lock = await acquireDataDirLock(d, 'server');
    lock.update({ path: join(d, '.s.PGSQL.5432') });
    expect(liveHolder(d)).toMatchObject({ pid: process.pid, role: 'server', socket: { path: join(d, '.s.PGSQL.5432') } });
    const refused = await acquireDataDirLock(d, 'alone').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as Error).message).toContain(`pid ${process.pid}`);
    expect((refused as Error).message).toContain('DATABASE_URL');
    lock.release();
    lock.release();
    expect(existsSync(join(d, lockFileName))).toBe(false);
    expect(liveHolder(d)).toBeUndefined();
  });

  it('waits for a holder that lets go within the wait', async () => {
    const d = dir();
    const first = await acquireDataDirLock(d, 'alone');
    setTimeout(() => first.release(), 300);
    const second = await acquireDataDirLock(d, 'alone', { waitMs: 5_000, pollMs: 50 });
    expect(liveHolder(d)?.role).toBe('alone');
    second.release();
  });

  it('takes over the lock of a process that died (kill -9), and of a damaged lock file', async () => {
    const d = dir();
    const stale = { pid: deadPid(), role: 'server', host: hostname(), startedAt: '2026-12-01T00:00:00Z' };
    writeFileSync(join(d, lockFileName), JSON.stringify(stale));
    expect(liveHolder(d)).toBeUndefined();
    const lock = await acquireDataDirLock(d, 'server');
    expect(JSON.parse(readFileSync(join(d, lockFileName), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();

    writeFileSync(join(d, lockFileName), '{"pid": 12');
    (await acquireDataDirLock(d, 'alone')).release();
  });

  it('lets exactly one of several takers win a stale lock', async () => {
    const d = dir();
    writeFileSync(join(d, lockFileName), JSON.stringify({ pid: deadPid(), role: 'alone', host: hostname(), startedAt: 'x' }));
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => acquireDataDirLock(d, 'alone')));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => r.reason instanceof DataDirLockedError)).toBe(true);
    (won[0] as PromiseFulfilledResult<{ release(): void }>).value.release();
  });
});
