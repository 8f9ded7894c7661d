import fs from 'node:fs';
import path from 'node:path';

/**
 * One process per PGlite data directory: two embedded Postgres instances on one directory
 * corrupt it. The lock is a file created with O_EXCL holding the owner's pid. A lock whose
 * pid is no longer alive (the owner was killed) is taken over, and the caller is told so.
 */

export const LOCK_FILE = 'kesher.lock';

export interface LockInfo {
  pid: number;
  /** What holds it: a server answers admin calls; a command is gone in a moment. */
  kind: 'server' | 'command';
  at: string;
}

export interface DataDirLock {
  readonly path: string;
  /** Set when a stale lock was taken over: the pid that had died holding it. */
  readonly tookOverFrom?: number;
  release(): void;
}

export class LockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The data directory ${dataDir} is in use by process ${holder.pid} (a kesher ${holder.kind}).`,
    );
    this.name = 'LockedError';
  }
}

export function lockPath(dataDir: string): string {
  return path.join(dataDir, LOCK_FILE);
}

/** Who holds the lock, if a live process does. */
export function lockHolder(dataDir: string): LockInfo | null {
  const info = readLock(lockPath(dataDir));
  return info && isAlive(info.pid) ? info : null;
}

/**
 * Takes the lock or throws LockedError. `waitMs` keeps trying that long while a live command
 * holds it (a command finishes in a moment; a server does not, so that fails at once).
 */
export async function acquireLock(
  dataDir: string,
  kind: LockInfo['kind'],
  opts: { waitMs?: number } = {},
): Promise<DataDirLock> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = lockPath(dataDir);
  const deadline = Date.now() + (opts.waitMs ?? 0);
  const mine: LockInfo = { pid: process.pid, kind, at: new Date().toISOString() };
  let tookOverFrom: number | undefined;
  for (;;) {
    if (tryCreate(file, mine)) return lockHandle(file, tookOverFrom);
    const holder = readLock(file);
    if (holder === null) {
      // Vanished between our attempt and the read, or half-written by a process that died
      // right after creating it: a lock older than a few seconds with no pid is stale.
      if (staleEmpty(file)) tookOverFrom = takeOver(file, null) ?? tookOverFrom;
      else await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    if (holder.pid === process.pid) throw new LockedError(dataDir, holder);
    if (!isAlive(holder.pid)) {
      tookOverFrom = takeOver(file, holder.pid) ?? tookOverFrom;
      continue;
    }
    if (holder.kind === 'server' || Date.now() >= deadline) throw new LockedError(dataDir, holder);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function tryCreate(file: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    fs.writeSync(fd, JSON.stringify(info));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/**
 * Moves a stale lock aside. Renaming is atomic, so of two processes taking over at once one
 * wins; if what we moved turns out to be a live lock (someone took over just before us), it
 * is put back.
 */
function takeOver(file: string, deadPid: number | null): number | undefined {
  const aside = `${file}.stale-${process.pid}`;
  try {
    fs.renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const moved = readLock(aside);
  if (moved && moved.pid !== deadPid && isAlive(moved.pid)) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // Someone else holds it now; theirs stands.
    }
    fs.rmSync(aside, { force: true });
    return undefined;
  }
  fs.rmSync(aside, { force: true });
  return deadPid ?? undefined;
}

function lockHandle(file: string, tookOverFrom: number | undefined): DataDirLock {
  let released = false;
  return {
    path: file,
    tookOverFrom,
    release() {
      if (released) return;
      released = true;
      // Remove only our own lock: never one a later owner took over.
      if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
    },
  };
}

function readLock(file: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockInfo>;
    if (typeof info.pid !== 'number' || !Number.isInteger(info.pid) || info.pid <= 0) return null;
    return {
      pid: info.pid,
      kind: info.kind === 'server' ? 'server' : 'command',
      at: info.at ?? '',
    };
  } catch {
    return null;
  }
}

function staleEmpty(file: string): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs > 5_000;
  } catch {
    return false;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
