import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, LockedError, acquireLock, lockHolder } from './storage/lock';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kesher-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A process that lives until killed, and its pid. */
function sleeper() {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  return child;
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

function writeLock(dir: string, pid: number, kind: 'server' | 'command'): void {
  fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid, kind, at: 'then' }));
}

describe('data directory lock', () => {
  it('is held by one process at a time and released by its owner', async () => {
    const dir = tempDir();
    const lock = await acquireLock(dir, 'server');
    expect(lockHolder(dir)).toMatchObject({ pid: process.pid, kind: 'server' });
    await expect(acquireLock(dir, 'command')).rejects.toThrow(LockedError);
    lock.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    (await acquireLock(dir, 'command')).release();
  });

  it('takes over a lock whose process is gone, and says whose it was', async () => {
    const dir = tempDir();
    const pid = await deadPid();
    writeLock(dir, pid, 'server');
    expect(lockHolder(dir)).toBeNull();
    const lock = await acquireLock(dir, 'server');
    expect(lock.tookOverFrom).toBe(pid);
    expect(lockHolder(dir)?.pid).toBe(process.pid);
    lock.release();
  });

  it('waits for a live command, fails at once on a live server', async () => {
    const dir = tempDir();
    const child = sleeper();
    try {
      writeLock(dir, child.pid!, 'command');
      await expect(acquireLock(dir, 'server', { waitMs: 300 })).rejects.toThrow(
        /in use by process/,
      );

      // A live server is never waited for: with a minute's patience this still fails within
      // the test's own time limit.
      writeLock(dir, child.pid!, 'server');
      await expect(acquireLock(dir, 'command', { waitMs: 60_000 })).rejects.toThrow(LockedError);

      // The command finishes (here: dies) while we wait: the lock is ours.
      writeLock(dir, child.pid!, 'command');
      const waiting = acquireLock(dir, 'server', { waitMs: 10_000 });
      child.kill('SIGKILL');
      const lock = await waiting;
      expect(lockHolder(dir)?.pid).toBe(process.pid);
      lock.release();
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over an unreadable lock once it is a few seconds old', async () => {
    const dir = tempDir();
    const file = path.join(dir, LOCK_FILE);
    fs.writeFileSync(file, '');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(file, old, old);
    const lock = await acquireLock(dir, 'command');
    expect(lockHolder(dir)?.pid).toBe(process.pid);
    lock.release();
  });
});
