import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runTeam } from '../cli/team';
import { bufferIo } from '../cli/test-io';
import { runUser } from '../cli/user';
import { formatHlc } from '../lib/sync/hlc';
import type { Change, PullResponse, PushResponse } from './protocol';
import { LOCK_FILE } from './storage/lock';
import { SERVER_FILE } from './storage/server-file';
import { templateDataDir, wholeRow } from './test-support';

/**
 * The real server as a child process on a PGlite data directory, killed with SIGKILL in the
 * middle of a storm of pushes and started again on the same directory: every push it
 * acknowledged must be there exactly once, and retrying the rest must apply each once.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Child {
  process: ChildProcess;
  port: number;
  lines: Array<Record<string, unknown>>;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function startChild(dataDir: string): Promise<Child> {
  const child = spawn(
    process.execPath,
    [
      'bin/kesher.js',
      'server',
      ...['--port', '0', '--host', '127.0.0.1', '--data', dataDir, '--json'],
      ...['--rate', '100000', '--burst', '100000'],
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '' } },
  );
  children.push(child);
  const lines: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        try {
          const record = JSON.parse(line) as Record<string, unknown>;
          lines.push(record);
          if (record.msg === 'listening') resolve(record.port as number);
        } catch {
          // not a log line
        }
      }
    });
    void exited.then((code) =>
      reject(new Error(`server exited (${code}) before listening: ${stderr}`)),
    );
  });
  return { process: child, port, lines, exited };
}

/** A kesher team/user command, in this process, on the data directory (not DATABASE_URL). */
async function cli(command: 'team' | 'user', ...argv: string[]): Promise<string> {
  const io = bufferIo();
  const code = await (command === 'team' ? runTeam : runUser)(argv, io, {});
  expect(code, io.stderr).toBe(0);
  return io.stdout.trim().split('\n').at(-1)!;
}

interface Mutation {
  mutationId: string;
  table: 'deals';
  id: string;
  op: 'upsert';
  fields: Record<string, { value: unknown; hlc: string }>;
}

/** A client as the extension is one: an outbox it sends from the start until answered. */
class StormClient {
  seq = 0;
  counter = 0;
  outbox: Mutation[] = [];
  acknowledged: string[] = [];

  constructor(
    readonly clientId: string,
    readonly token: string,
  ) {}

  queue(n: number): void {
    for (let i = 0; i < n; i++) {
      const mutationId = String(++this.seq).padStart(15, '0');
      const now = Date.now();
      const hlc = formatHlc({ wall: now, counter: ++this.counter }, this.clientId);
      const values = wholeRow('deals', now, { name: `deal ${mutationId}` });
      this.outbox.push({
        mutationId,
        table: 'deals',
        id: `${this.clientId}-${mutationId}`,
        op: 'upsert',
        fields: Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { value, hlc }])),
      });
    }
  }

  /** Sends the outbox; true when the server answered (and the answered part is dropped). */
  async push(port: number): Promise<boolean> {
    let answer: PushResponse;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/v1/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: this.clientId, mutations: this.outbox }),
      });
      if (response.status !== 200) throw new Error(`push answered ${response.status}`);
      answer = (await response.json()) as PushResponse;
    } catch {
      return false;
    }
    expect(answer.rejected).toEqual([]);
    const done = this.outbox.filter((m) => m.mutationId <= answer.lastMutationId);
    this.acknowledged.push(...done.map((m) => m.id));
    this.outbox = this.outbox.filter((m) => m.mutationId > answer.lastMutationId);
    return true;
  }
}

async function pullAll(port: number, token: string): Promise<Change[]> {
  const changes: Change[] = [];
  let cursor = 0;
  for (;;) {
    const response = await fetch(
      `http://127.0.0.1:${port}/v1/sync/pull?cursor=${cursor}&limit=200`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(response.status).toBe(200);
    const page = (await response.json()) as PullResponse;
    changes.push(...page.changes);
    cursor = page.nextCursor;
    if (!page.hasMore) return changes;
  }
}

function versionsById(changes: readonly Change[]): Map<string, number> {
  const ids = changes.map((c) => c.id);
  expect(new Set(ids).size, 'every row exactly once').toBe(ids.length);
  return new Map(changes.map((c) => [c.id, c.version]));
}

describe('the server killed mid-storm', () => {
  it('keeps every acknowledged push exactly once, and applies each retried one once', async () => {
    const dataDir = await templateDataDir('kesher-crash-');
    dirs.push(dataDir);
    const first = await startChild(dataDir);

    // The commands go through the running server: it owns the data directory.
    const teamId = await cli('team', 'create', 'Crash test', '--data', dataDir);
    const tokens: string[] = [];
    for (const email of ['one@crash.test', 'two@crash.test']) {
      tokens.push(
        await cli(
          'user',
          'add',
          '--team',
          teamId,
          '--email',
          email,
          '--role',
          'agent',
          '--data',
          dataDir,
        ),
      );
    }
    const clients = [0, 1, 2, 3].map((i) => new StormClient(`storm${i}`, tokens[i % 2]!));

    // The storm: each client queues and pushes until the server is gone.
    let answered = 0;
    let killed = false;
    await Promise.all(
      clients.map(async (client) => {
        while (!killed) {
          client.queue(5);
          if (!(await client.push(first.port))) return;
          if (++answered === 24) {
            killed = true;
            first.process.kill('SIGKILL');
          }
        }
      }),
    );
    await first.exited;
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE)), 'the dead server left its lock').toBe(
      true,
    );

    const second = await startChild(dataDir);
    expect(second.lines).toContainEqual(
      expect.objectContaining({ msg: expect.stringMatching(/stale lock/), pid: first.process.pid }),
    );

    const afterCrash = versionsById(await pullAll(second.port, tokens[0]!));
    for (const client of clients) {
      expect(client.acknowledged.length).toBeGreaterThan(0);
      for (const id of client.acknowledged) expect(afterCrash.has(id), id).toBe(true);
    }

    // Retry what was never answered: some of it may have committed just before the kill.
    for (const client of clients) {
      expect(await client.push(second.port)).toBe(true);
      expect(client.outbox).toEqual([]);
    }
    const afterRetry = versionsById(await pullAll(second.port, tokens[1]!));
    const issued = clients.reduce((n, c) => n + c.seq, 0);
    expect(afterRetry.size).toBe(issued);
    // A mutation that had committed was skipped on retry, not applied again: same version.
    for (const [id, version] of afterCrash) expect(afterRetry.get(id), id).toBe(version);

    // A clean stop: requests finish, the database closes, the lock and server.json go.
    second.process.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.lines.map((l) => l.msg)).toContain('stopped');
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, SERVER_FILE))).toBe(false);
  }, 180_000);
});
