import path from 'node:path';
import type { TeamInfo, UserInfo } from '../server/admin';
import { acquireLock, LockedError, lockHolder } from '../server/storage/lock';
import type { Storage, StorageOptions } from '../server/storage/open';
import { readServerFile, type ServerFile } from '../server/storage/server-file';
import { CliError } from './io';

/**
 * Where `kesher team` and `kesher user` act: the storage itself (PostgreSQL, or a PGlite
 * data directory nobody holds), or, when a server owns the data directory, that server's
 * local admin endpoints. One process per embedded data directory, so a command never opens
 * one a server has open.
 */

export const DEFAULT_DATA_DIR = './kesher-data';

export type Target = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

/** DATABASE_URL selects PostgreSQL; otherwise `--data` (default ./kesher-data). */
export function resolveTarget(data: string | undefined, env: NodeJS.ProcessEnv): Target {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (data !== undefined) {
      throw new CliError(
        'both DATABASE_URL and --data are given: unset DATABASE_URL to use a data directory',
        2,
      );
    }
    return { kind: 'postgres', url };
  }
  return { kind: 'pglite', dataDir: path.resolve(data ?? DEFAULT_DATA_DIR) };
}

export function describeTarget(target: Target): string {
  return target.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : target.dataDir;
}

export interface AdminOps {
  createTeam(name: string): Promise<TeamInfo>;
  addUser(input: { teamId: string; email: string; role: string }): Promise<{
    user: UserInfo;
    token: string;
  }>;
  revokeUser(input: { email: string; teamId?: string }): Promise<UserInfo>;
  listUsers(teamId: string): Promise<UserInfo[]>;
}

/** Runs `fn` with admin operations on the target, then closes what it opened. */
export async function withAdmin<T>(target: Target, fn: (ops: AdminOps) => Promise<T>): Promise<T> {
  if (target.kind === 'postgres') return withStorage({ kind: 'postgres', url: target.url }, fn);

  const server = await runningServer(target.dataDir);
  if (server) return fn(serverOps(server));
  let lock;
  try {
    // Another command may hold it for a moment: wait a little for it.
    lock = await acquireLock(target.dataDir, 'command', { waitMs: 10_000 });
  } catch (error) {
    if (!(error instanceof LockedError)) throw error;
    const started = await runningServer(target.dataDir);
    if (started) return fn(serverOps(started));
    throw new CliError(`${error.message} Try again when it has finished.`);
  }
  try {
    return await withStorage({ kind: 'pglite', dataDir: target.dataDir, durable: true }, fn);
  } finally {
    lock.release();
  }
}

/**
 * The server that holds the directory, if one does. A server publishes server.json once it
 * listens, seconds after taking the lock: wait for it rather than fail.
 */
async function runningServer(dataDir: string): Promise<ServerFile | null> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const holder = lockHolder(dataDir);
    if (holder?.kind !== 'server') return null;
    const file = readServerFile(dataDir);
    if (file && file.pid === holder.pid) return file;
    if (Date.now() > deadline) {
      throw new CliError(
        `a kesher server (pid ${holder.pid}) holds ${dataDir} but has not published its ` +
          `address (server.json); is it still starting?`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function withStorage<T>(opts: StorageOptions, fn: (ops: AdminOps) => Promise<T>): Promise<T> {
  // Loaded here, not at the top: every kesher command imports this file through the
  // command table, and only these two need the database.
  const { openStorage } = await import('../server/storage/open');
  const storage = await openStorage(opts);
  try {
    return await fn(storageOps(storage, await import('../server/admin')));
  } finally {
    await storage.close();
  }
}

function storageOps(storage: Storage, admin: typeof import('../server/admin')): AdminOps {
  const { AdminError, addUser, createTeam, listUsers, revokeUser } = admin;
  const guard = async <T>(op: Promise<T>): Promise<T> => {
    try {
      return await op;
    } catch (error) {
      if (error instanceof AdminError) throw new CliError(error.message);
      throw error;
    }
  };
  return {
    createTeam: (name) => guard(createTeam(storage, name, Date.now())),
    addUser: (input) => guard(addUser(storage, input, Date.now())),
    revokeUser: (input) => guard(revokeUser(storage, input, Date.now())),
    listUsers: (teamId) => guard(listUsers(storage, teamId)),
  };
}

/** The same operations through the running server's local admin endpoints. */
function serverOps(server: ServerFile): AdminOps {
  const call = async <T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> => {
    const url = `http://127.0.0.1:${server.port}/v1/admin${route}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${server.adminSecret}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new CliError(
        `the kesher server (pid ${server.pid}) that holds the data directory does not answer ` +
          `on 127.0.0.1:${server.port}: ${(error as Error).message}`,
      );
    }
    const answer = (await response.json().catch(() => null)) as { error?: string } | null;
    if (!response.ok) {
      throw new CliError(answer?.error ?? `the server answered ${response.status}`);
    }
    return answer as T;
  };
  return {
    createTeam: (name) => call('POST', '/teams', { name }),
    addUser: async ({ teamId, email, role }) => {
      const { token, ...user } = await call<UserInfo & { token: string }>('POST', '/users', {
        team: teamId,
        email,
        role,
      });
      return { user, token };
    },
    revokeUser: ({ email, teamId }) =>
      call('POST', '/users/revoke', { email, ...(teamId ? { team: teamId } : {}) }),
    listUsers: async (teamId) =>
      (await call<{ users: UserInfo[] }>('GET', `/users?team=${encodeURIComponent(teamId)}`)).users,
  };
}
