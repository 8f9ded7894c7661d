import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SETTINGS, type TableName } from '../lib/model';
import { formatHlc } from '../lib/sync/hlc';
import { addUser, createTeam } from './admin';
import { createApp } from './app';
import type { AppDeps, LogRecord } from './context';
import type { Change, PullResponse, PushResponse } from './protocol';
import { acquireLock } from './storage/lock';
import { dropSchema, openStorage, type Storage, type StorageKind } from './storage/open';
import type { Role } from './storage/schema';
import { afterAll, beforeAll, expect } from 'vitest';

/**
 * Test-only helpers: the storages to run on, a server in-process, teams, users and clients
 * that speak the protocol.
 */

/** PGlite always; PostgreSQL too when DATABASE_URL is set. */
export const STORAGES: StorageKind[] = process.env.DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

/**
 * A migrated, empty PGlite database as a dump, made once per machine and version and kept
 * in the temp directory: a fresh PGlite runs initdb, which takes 5-15 s here; starting from
 * the dump takes 2-3 s.
 */
export async function pgliteTemplate(): Promise<Blob> {
  const { version } = JSON.parse(
    fs.readFileSync(
      new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url),
      'utf8',
    ),
  ) as { version: string };
  const migrations = fs.readFileSync(new URL('./storage/migrations.ts', import.meta.url));
  const key = `${version}-${hash(migrations)}`;
  const dir = path.join(os.tmpdir(), 'kesher-test-pglite');
  const file = path.join(dir, `template-${key}.tar`);
  if (!fs.existsSync(file)) {
    // Parallel test files would each spend seconds making the same template: one makes it.
    const lock = await acquireLock(dir, 'command', { waitMs: 180_000 });
    try {
      if (!fs.existsSync(file)) {
        const storage = await openStorage({ kind: 'pglite' });
        const dump = await storage.dump!();
        await storage.close();
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
        fs.renameSync(tmp, file);
      }
    } finally {
      lock.release();
    }
  }
  return new Blob([fs.readFileSync(file)]);
}

function hash(data: Buffer): string {
  let h = 2166136261;
  for (const byte of data) h = Math.imul(h ^ byte, 16777619) >>> 0;
  return h.toString(16);
}

export interface TestStorage {
  storage: Storage;
  cleanup(): Promise<void>;
}

/** A storage of its own for one test file: an in-memory PGlite, or a fresh PostgreSQL schema. */
export async function openTestStorage(kind: StorageKind): Promise<TestStorage> {
  if (kind === 'pglite') {
    const storage = await openStorage({
      kind: 'pglite',
      durable: false,
      loadDataDir: await pgliteTemplate(),
    });
    return { storage, cleanup: () => storage.close() };
  }
  const url = process.env.DATABASE_URL!;
  const schema = `kesher_test_${randomBytes(6).toString('hex')}`;
  const storage = await openStorage({ kind: 'postgres', url, schema });
  return {
    storage,
    async cleanup() {
      await storage.close();
      await dropSchema(url, schema);
    },
  };
}

/**
 * A TestServer on a storage of its own for the enclosing describe block: opened before its
 * tests (handed to `opened`), closed and dropped after them.
 */
export function suiteServer(kind: StorageKind, opened: (server: TestServer) => void): void {
  let ts: TestStorage | undefined;
  beforeAll(async () => {
    ts = await openTestStorage(kind);
    opened(new TestServer(ts.storage));
  }, 180_000);
  afterAll(async () => {
    await ts?.cleanup();
  });
}

/** A fresh PGlite data directory (from the template), for tests that start real servers. */
export async function templateDataDir(prefix: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const storage = await openStorage({
    kind: 'pglite',
    dataDir: dir,
    durable: false,
    loadDataDir: await pgliteTemplate(),
  });
  await storage.close();
  return dir;
}

/** The server in-process, with a clock tests can move and its log lines kept. */
export class TestServer {
  readonly logs: LogRecord[] = [];
  clock = Date.now();
  readonly app: ReturnType<typeof createApp>;

  constructor(
    readonly storage: Storage,
    deps: Partial<AppDeps> = {},
  ) {
    this.app = createApp({
      storage,
      now: () => this.clock,
      log: (record) => this.logs.push(record),
      rateLimit: false,
      ...deps,
    });
  }

  fetch(pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
    return Promise.resolve(this.app.fetch(new Request(`http://kesher.test${pathAndQuery}`, init)));
  }

  /** A new team with one user per role asked for. */
  async team(name = 'Team'): Promise<TestTeam> {
    const team = await createTeam(this.storage, name, this.clock);
    return new TestTeam(this, team.id);
  }
}

export class TestTeam {
  private users = 0;
  constructor(
    readonly server: TestServer,
    readonly id: string,
  ) {}

  async user(role: Role = 'agent'): Promise<TestUser> {
    const email = `user${++this.users}-${randomBytes(3).toString('hex')}@team.test`;
    const { user, token } = await addUser(
      this.server.storage,
      { teamId: this.id, email, role },
      this.server.clock,
    );
    return new TestUser(this.server, user.id, email, token);
  }
}

export class TestUser {
  private clients = 0;
  constructor(
    readonly server: TestServer,
    readonly id: string,
    readonly email: string,
    readonly token: string,
  ) {}

  client(): TestClient {
    return new TestClient(this, `c${++this.clients}${randomBytes(4).toString('hex')}`);
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `Bearer ${this.token}`, ...extra };
  }

  get(pathAndQuery: string): Promise<Response> {
    return this.server.fetch(pathAndQuery, { headers: this.headers() });
  }

  post(pathAndQuery: string, body: unknown): Promise<Response> {
    return this.server.fetch(pathAndQuery, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json' }),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }
}

export type FieldValues = Record<string, unknown>;

export interface WireMutation {
  mutationId: string;
  table: string;
  id: string;
  op: 'upsert' | 'delete' | 'restore';
  fields: Record<string, { value: unknown; hlc: string }>;
}

/** One browser: its own clock and mutation counter, as the extension keeps them. */
export class TestClient {
  private seq = 0;
  private counter = 0;

  constructor(
    readonly user: TestUser,
    readonly clientId: string,
  ) {}

  /** The next clock; `ahead` ms after the server's clock (to make one writer "later"). */
  hlc(ahead = 0): string {
    return formatHlc(
      { wall: this.user.server.clock + ahead, counter: ++this.counter },
      this.clientId,
    );
  }

  mutation(
    table: string,
    id: string,
    op: WireMutation['op'],
    values: FieldValues = {},
    opts: { ahead?: number; hlc?: string } = {},
  ): WireMutation {
    const hlc = opts.hlc ?? this.hlc(opts.ahead);
    const fields: WireMutation['fields'] = {};
    for (const [name, value] of Object.entries(values)) fields[name] = { value, hlc };
    if (op !== 'upsert') fields.deleted = { value: op === 'delete', hlc };
    return { mutationId: String(++this.seq).padStart(15, '0'), table, id, op, fields };
  }

  upsert(table: string, id: string, values: FieldValues, opts?: { ahead?: number }): WireMutation {
    return this.mutation(table, id, 'upsert', values, opts);
  }

  /** An upsert of a whole new row: `values` over the least a row of `table` needs. */
  create(table: TableName, id: string, values: FieldValues = {}, opts?: { ahead?: number }) {
    return this.upsert(table, id, wholeRow(table, this.user.server.clock, values), opts);
  }

  async push(...mutations: WireMutation[]): Promise<PushResponse> {
    const response = await this.pushRaw(mutations);
    if (response.status !== 200) {
      throw new Error(`push answered ${response.status}: ${await response.text()}`);
    }
    return (await response.json()) as PushResponse;
  }

  pushRaw(mutations: WireMutation[]): Promise<Response> {
    return this.user.post('/v1/sync/push', { clientId: this.clientId, mutations });
  }

  async pull(cursor = 0, limit?: number): Promise<PullResponse> {
    const response = await this.user.get(
      `/v1/sync/pull?cursor=${cursor}${limit === undefined ? '' : `&limit=${limit}`}`,
    );
    if (response.status !== 200) {
      throw new Error(`pull answered ${response.status}: ${await response.text()}`);
    }
    return (await response.json()) as PullResponse;
  }

  /** Every change from `cursor` on, page by page. */
  async pullAll(cursor = 0, limit = 1000): Promise<{ changes: Change[]; pages: number }> {
    const changes: Change[] = [];
    let pages = 0;
    for (;;) {
      const page = await this.pull(cursor, limit);
      pages++;
      changes.push(...page.changes);
      cursor = page.nextCursor;
      if (!page.hasMore) return { changes, pages };
    }
  }
}

/**
 * A reader that pulls all along while `storm` runs, as an open extension would, pages of
 * `pageLimit`: no row may come back at a version at or below one it already had (the cursor
 * invariant). After the storm it pulls once more to the end. Answers the last change it saw
 * of every row, keyed "table/id".
 */
export async function followDuring(
  reader: TestClient,
  pageLimit: number,
  storm: () => Promise<unknown>,
): Promise<Map<string, Change>> {
  const seen = new Map<string, Change>();
  let storming = true;
  const follow = (async () => {
    let cursor = 0;
    for (;;) {
      const done = !storming;
      for (;;) {
        const page = await reader.pull(cursor, pageLimit);
        for (const change of page.changes) {
          const key = `${change.table}/${change.id}`;
          const prior = seen.get(key);
          expect(prior === undefined || prior.version < change.version).toBe(true);
          seen.set(key, change);
        }
        cursor = page.nextCursor;
        if (!page.hasMore) break;
      }
      if (done) return;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  try {
    await storm();
  } finally {
    storming = false;
    await follow;
  }
  return seen;
}

/**
 * The least a new row of each table needs (the model's required fields, dated `now`), with
 * `values` over it: the server refuses to create a row from less.
 */
export function wholeRow(table: TableName, now: number, values: FieldValues = {}): FieldValues {
  const required: Record<TableName, FieldValues> = {
    customers: {
      kind: 'person',
      name: 'Customer',
      domains: [],
      emails: [],
      phones: [],
      address: {},
      acquisition: {},
      tags: [],
      customFields: {},
      consent: {},
    },
    contacts: { customerId: 'cu', name: 'Contact', emails: [], phones: [], primary: false },
    interactions: { customerId: 'cu', channel: 'note', direction: 'internal', at: now },
    orders: { customerId: 'cu', at: now, amount: 0, currency: 'EUR', status: 'paid' },
    deals: { customerId: 'cu', name: 'Deal', stage: 'lead', value: 0, currency: 'EUR' },
    campaigns: {
      name: 'Campaign',
      channel: 'email',
      cost: 0,
      currency: 'EUR',
      sent: 0,
      bounced: 0,
    },
    settings: structuredClone(DEFAULT_SETTINGS),
  };
  return { ...required[table], createdAt: now, updatedAt: now, ...values };
}

/** A change's field values, without their clocks. */
export function valuesOf(change: Pick<Change, 'fields'>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(change.fields).map(([k, f]) => [k, f.value]));
}
