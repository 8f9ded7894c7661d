import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildConfig } from './sync-server-child';
import type { CeilingRequest, CeilingResult } from './sync-insert-ceiling';

/**
 * The team server in its own Node process (sync-server-child.ts), on a free port of
 * 127.0.0.1, and the calls the bench makes to it over IPC.
 */

export interface ServerStats {
  /** Peak resident set of the server process since it started. */
  maxRssMb: number;
  rssMb: number;
  /** CPU time (user + system) of the server process since it started. */
  cpuMs: number;
  /** Requests answered, by HTTP status. */
  statuses: Record<string, number>;
  /** Per "METHOD /path": requests and the server's milliseconds on them (its request log). */
  routes: Record<string, { n: number; ms: number }>;
}

export interface ServerProcess {
  port: number;
  url: string;
  pid: number;
  stats(): Promise<ServerStats>;
  teamVersion(teamId: string): Promise<number>;
  insertCeiling(req: CeilingRequest): Promise<CeilingResult>;
  /** Closes the server (requests in flight finish, the database closes) and waits for the exit. */
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./sync-server-child.ts', import.meta.url));

/** `nodeArgs`: for a closer look, e.g. ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"]. */
export async function spawnServer(
  config: ChildConfig,
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', CHILD, JSON.stringify(config)],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    void exited.then((code) =>
      reject(new Error(`the server process exited (${code}) before listening`)),
    );
    child.on('message', (raw) => {
      const m = raw as {
        ready?: boolean;
        port?: number;
        id?: number;
        ok?: boolean;
        value?: unknown;
        error?: string;
      };
      if (m.ready) return resolve(m.port!);
      const waiter = m.id === undefined ? undefined : pending.get(m.id);
      if (!waiter) return;
      pending.delete(m.id!);
      if (m.ok) waiter.resolve(m.value);
      else waiter.reject(new Error(`server process: ${m.error}`));
    });
  });
  void exited.then(() => {
    for (const w of pending.values()) w.reject(new Error('the server process exited'));
    pending.clear();
  });

  const call = <T>(request: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, ...request });
    });

  let closing: Promise<void> | null = null;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stats: () => call<ServerStats>({ type: 'stats' }),
    teamVersion: (teamId) => call<number>({ type: 'version', teamId }),
    insertCeiling: (req) => call<CeilingResult>({ type: 'ceiling', ...req }),
    close: () =>
      (closing ??= (async () => {
        if (child.exitCode === null) {
          await call({ type: 'close' }).catch(() => undefined);
          const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
          await exited;
          clearTimeout(timer);
        }
      })()),
  };
}
