import { freshDb } from '../db/test-support';
import type { KesherDB } from '../db/schema';
import { TABLES } from '../model';
import type { TestServer, TestUser } from '../../server/test-support';
import { SyncEngine, type SyncEngineOptions } from './engine';
import type { FetchLike } from './transport';
import type { SyncStatus } from './types';

/**
 * Test helpers (not a test file): browsers with their own database and engine, talking to an
 * in-process server (server/test-support.ts), and the two states a test compares: a
 * replica's rows and the server's full state.
 */

export const SERVER_URL = 'https://kesher.test';

export function serverFetch(server: TestServer): FetchLike {
  return (request) => server.app.fetch(request);
}

export interface Browser {
  db: KesherDB;
  engine: SyncEngine;
  user: TestUser;
}

/** A browser with an empty database; connect it with `connectAndSync(engine, user.token)`. */
export function browser(
  server: TestServer,
  user: TestUser,
  opts: Partial<SyncEngineOptions> = {},
  db: KesherDB = freshDb(),
): Browser {
  const engine = new SyncEngine({
    db,
    fetch: serverFetch(server),
    now: () => server.clock,
    random: () => 0.5,
    ...opts,
  });
  return { db, engine, user };
}

export async function connected(
  server: TestServer,
  user: TestUser,
  opts: Partial<SyncEngineOptions> = {},
  db?: KesherDB,
): Promise<Browser> {
  const b = browser(server, user, opts, db);
  await connectAndSync(b.engine, user.token);
  return b;
}

/** Connects, waits for the first sync (connect answers before it), and answers the status. */
export async function connectAndSync(
  engine: SyncEngine,
  token: string,
  url = SERVER_URL,
): Promise<SyncStatus> {
  await engine.connect(url, token);
  await engine.whenIdle();
  return engine.status();
}

/** A row as compared across replicas: its values and deleted flag (teamId and id aside). */
export type RowValues = Record<string, unknown>;

/** Every synced row of a replica, keyed "table/id". */
export async function replicaState(db: KesherDB): Promise<Map<string, RowValues>> {
  const out = new Map<string, RowValues>();
  for (const table of TABLES) {
    for (const row of await db.synced(table).toArray()) {
      const { id, teamId: _teamId, ...values } = row as Record<string, unknown>;
      out.set(`${table}/${String(id)}`, values);
    }
  }
  return out;
}

/** The server's full state as a pull from cursor 0 shows it, in the same shape. */
export async function serverState(user: TestUser): Promise<Map<string, RowValues>> {
  const { changes } = await user.client().pullAll(0);
  const out = new Map<string, RowValues>();
  for (const c of changes) {
    const values: RowValues = {};
    for (const [name, f] of Object.entries(c.fields)) {
      if (name !== 'deleted' && f.value !== null) values[name] = f.value;
    }
    values.deleted = c.deleted;
    out.set(`${c.table}/${c.id}`, values);
  }
  return out;
}

/** Sorted entries, for a readable toEqual diff. */
export function sorted(state: Map<string, RowValues>): Array<[string, RowValues]> {
  return [...state].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
