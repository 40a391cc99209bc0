import { hostname } from 'node:os';
import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Who holds an embedded DATA_DIR. PGlite is one process's database: two processes opening the same
 * files corrupt them. So exactly one process owns the directory at a time, named in `asn.lock`:
 * - `server` (npm start) also serves the database on a local socket; every other process goes
 *   through that socket, as it would through DATABASE_URL;
 * - `alone` (an `asn` command while no server runs) opens the files itself for its short run.
 */
export interface LockHolder {
  pid: number;
  role: 'server' | 'alone';
  host: string;
  startedAt: string;
  /** Where the server's database socket listens, once it does. */
  socket?: { path: string } | { host: string; port: number };
}

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      holder.role === 'server'
        ? `DATA_DIR ${dataDir} sudah dipakai oleh server Asisten ASN lain (pid ${holder.pid}, sejak ${holder.startedAt}). ` +
            'Hentikan proses itu dulu. Untuk beberapa instans sekaligus, pakai server PostgreSQL lewat DATABASE_URL.'
        : `DATA_DIR ${dataDir} sedang dipakai oleh perintah asn lain (pid ${holder.pid}). Tunggu sampai selesai, lalu coba lagi.`,
    );
  }
}

export const lockFileName = 'asn.lock';

/** The holder named in the lock file, if it names a live process of this machine. */
export function liveHolder(dataDir: string): LockHolder | undefined {
  const holder = readHolder(join(dataDir, lockFileName));
  return holder && isAlive(holder) ? holder : undefined;
}

export interface DataDirLock {
  readonly holder: LockHolder;
  /** Records where the socket listens (a server, once it does). */
  update(socket: LockHolder['socket']): void;
  /** Gives the directory up; safe to call twice, and also called at process exit. */
  release(): void;
}

/**
 * Takes the directory for this process, waiting up to `waitMs` for a live holder to let go. A lock
 * left by a dead process (kill -9, a crash, a reboot) is taken over.
 */
export async function acquireDataDirLock(
  dataDir: string,
  role: LockHolder['role'],
  options: { waitMs?: number; pollMs?: number } = {},
): Promise<DataDirLock> {
  const file = join(dataDir, lockFileName);
  const holder: LockHolder = { pid: process.pid, role, host: hostname(), startedAt: new Date().toISOString() };
  const deadline = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    if (tryCreate(file, holder)) return ownLock(file, holder);
    const current = readHolder(file);
    if (current && isAlive(current)) {
      if (Date.now() >= deadline) throw new DataDirLockedError(dataDir, current);
      await sleep(options.pollMs ?? 200);
    } else {
      takeOverStale(file, current);
    }
  }
}

function ownLock(file: string, holder: LockHolder): DataDirLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Only our own lock: never one a later owner wrote after a takeover.
    if (readHolder(file)?.pid === holder.pid) unlinkQuietly(file);
  };
  process.on('exit', release);
  return {
    holder,
    update(socket) {
      Object.assign(holder, { socket });
      // Written whole to a temporary file and renamed: a reader never sees half a lock.
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(holder));
      renameSync(tmp, file);
    },
    release,
  };
}

/**
 * Creates the lock whole or not at all: written to a file of our own, then hard-linked to the lock's
 * name, which fails if the lock exists. A reader therefore never sees an empty or half-written lock.
 */
function tryCreate(file: string, holder: LockHolder): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(holder), { mode: 0o600 });
  try {
    linkSync(tmp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkQuietly(tmp);
  }
}

/**
 * Removes a dead holder's lock. Two processes may find the same stale lock at once; a short-lived
 * guard file lets one of them remove it, and the removal happens only if the lock still names the
 * dead holder, so a fresh lock written meanwhile by the winner is never removed by the other.
 */
function takeOverStale(file: string, stale: LockHolder | undefined): void {
  const guard = `${file}.takeover`;
  try {
    closeSync(openSync(guard, 'wx', 0o600));
  } catch {
    // Another process is taking over; a guard older than 10 s belongs to one that died doing so.
    if (Date.now() - mtimeOf(guard) > 10_000) unlinkQuietly(guard);
    return;
  }
  try {
    const now = readHolder(file);
    const same =
      now === undefined ? stale === undefined : stale !== undefined && now.pid === stale.pid && now.startedAt === stale.startedAt;
    if (same) unlinkQuietly(file);
  } finally {
    unlinkQuietly(guard);
  }
}

function readHolder(file: string): LockHolder | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as LockHolder;
    return typeof parsed.pid === 'number' ? parsed : undefined;
  } catch {
    // Never half-written (see tryCreate): a damaged file, as good as none.
    return undefined;
  }
}

/** A holder on another machine (a shared disk) cannot be checked: it counts as alive. */
function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return Date.now();
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}
