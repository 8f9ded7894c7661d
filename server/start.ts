import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { DEFAULT_TOMBSTONE_HORIZON_MS, jsonLogger, type Logger } from './context';
import { purgeTombstones } from './purge';
import type { RateLimitOptions } from './rate-limit';
import { acquireLock, type DataDirLock } from './storage/lock';
import { openStorage, type Storage, type StorageOptions } from './storage/open';
import { newAdminSecret, removeServerFile, writeServerFile } from './storage/server-file';

/**
 * The server on a port: takes the data directory's lock (PGlite), opens and migrates the
 * storage, listens, publishes `<data>/server.json` for the CLI, purges tombstones now and
 * then, and shuts down in order: stop accepting, finish the requests in flight, close the
 * database, release the lock.
 */

export interface StartOptions {
  port: number;
  host: string;
  storage: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  log?: Logger;
  rateLimit?: RateLimitOptions | false;
  tombstoneHorizonMs?: number;
  /** How often tombstones are purged (default hourly). */
  purgeEveryMs?: number;
  /** How long shutdown waits for requests in flight before cutting them (default 10 s). */
  graceMs?: number;
}

export interface RunningServer {
  port: number;
  storage: Storage;
  /** Idempotent; resolves once everything is closed. */
  close(): Promise<void>;
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const log = opts.log ?? jsonLogger;
  const info = (msg: string, extra: Record<string, unknown> = {}) =>
    log({ at: new Date().toISOString(), level: 'info', msg, ...extra });

  let lock: DataDirLock | null = null;
  let dataDir: string | null = null;
  let storageOpts: StorageOptions;
  if (opts.storage.kind === 'pglite') {
    dataDir = path.resolve(opts.storage.dataDir);
    // A kesher command may hold it for a moment; a server would hold it for good.
    lock = await acquireLock(dataDir, 'server', { waitMs: 10_000 });
    if (lock.tookOverFrom !== undefined) {
      log({
        at: new Date().toISOString(),
        level: 'warn',
        msg: 'took over a stale lock: its process is gone',
        lock: lock.path,
        pid: lock.tookOverFrom,
      });
    }
    if ((fs.statSync(dataDir).mode & 0o077) !== 0) {
      // PGlite's files are world-readable (0666); only the directory's mode keeps customer
      // data from other accounts on the machine.
      log({
        at: new Date().toISOString(),
        level: 'warn',
        msg: `the data directory is open to other accounts on this machine: chmod 700 ${dataDir}`,
      });
    }
    storageOpts = { kind: 'pglite', dataDir, durable: true };
  } else {
    storageOpts = { kind: 'postgres', url: opts.storage.url };
  }

  let storage: Storage;
  try {
    storage = await openStorage(storageOpts);
  } catch (error) {
    lock?.release();
    throw error;
  }

  const horizonMs = opts.tombstoneHorizonMs ?? DEFAULT_TOMBSTONE_HORIZON_MS;
  const adminSecret = dataDir ? newAdminSecret() : undefined;
  const app = createApp({
    storage,
    log,
    rateLimit: opts.rateLimit,
    adminSecret,
    tombstoneHorizonMs: horizonMs,
  });

  let server: ReturnType<typeof serve>;
  let port: number;
  try {
    ({ server, port } = await listen(app.fetch, opts.port, opts.host));
  } catch (error) {
    await storage.close();
    lock?.release();
    throw error;
  }
  if (dataDir && adminSecret) writeServerFile(dataDir, { port, pid: process.pid, adminSecret });
  info('listening', {
    host: opts.host,
    port,
    storage: storage.kind,
    ...(dataDir ? { dataDir } : {}),
  });

  let purging: Promise<unknown> = Promise.resolve();
  const purge = () => {
    purging = purgeTombstones(storage, { now: Date.now(), horizonMs })
      .then((r) => r.rows > 0 && info('purged tombstones', { ...r }))
      .catch((error: Error) =>
        log({
          at: new Date().toISOString(),
          level: 'error',
          msg: `purge failed: ${error.message}`,
        }),
      );
  };
  purge();
  const timer = setInterval(purge, opts.purgeEveryMs ?? 3_600_000);
  timer.unref();

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(timer);
      info('shutting down');
      await stopHttp(server, opts.graceMs ?? 10_000);
      await purging;
      await storage.close();
      if (dataDir) removeServerFile(dataDir);
      lock?.release();
      info('stopped');
    })());
  return { port, storage, close };
}

function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  port: number,
  host: string,
): Promise<{ server: ReturnType<typeof serve>; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: host }, (address: AddressInfo) =>
      resolve({ server, port: address.port }),
    );
    server.once('error', reject);
  });
}

/** Stops accepting, lets requests in flight finish, and cuts what is still open after `graceMs`. */
function stopHttp(server: ReturnType<typeof serve>, graceMs: number): Promise<void> {
  const http = server as import('node:http').Server;
  return new Promise((resolve) => {
    const timeout = setTimeout(() => http.closeAllConnections?.(), graceMs);
    http.close(() => {
      clearTimeout(timeout);
      resolve();
    });
    // Keep-alive connections with no request in flight would hold close() open.
    http.closeIdleConnections?.();
  });
}
