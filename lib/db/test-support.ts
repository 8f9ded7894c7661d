import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach } from 'vitest';
import {
  TABLES,
  type CustomerFields,
  type InteractionFields,
  type OrderFields,
  type TableName,
} from '../model';
import type { Clocks } from './row-clocks';
import { KesherDB, type KesherDbDeps } from './schema';
import { eachRowAndClocks, readRowsAndClocks } from './stored-records';

/**
 * Test helpers (not a test file): a database of its own per test, on its own in-memory
 * IndexedDB, so tests never see each other's rows whatever order they run in.
 */

let counter = 0;

export function testDeps(): KesherDbDeps {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

export function freshDb(deps: KesherDbDeps = testDeps()): KesherDB {
  counter += 1;
  return new KesherDB(`kesher-test-${counter}`, deps);
}

/**
 * A maker of fresh databases, each closed after its test. Call it at a test file's top level:
 * it registers the afterEach.
 */
export function closedAfterEach(): () => KesherDB {
  const opened: KesherDB[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });
  return () => {
    const db = freshDb();
    opened.push(db);
    return db;
  };
}

export function customerFields(overrides: Partial<CustomerFields> = {}): CustomerFields {
  return {
    kind: 'company',
    name: 'Acme',
    domains: [],
    emails: [],
    phones: [],
    address: {},
    acquisition: {},
    tags: [],
    customFields: {},
    consent: {},
    ...overrides,
  };
}

export function interactionFields(
  customerId: string,
  overrides: Partial<InteractionFields> = {},
): InteractionFields {
  return { customerId, channel: 'email', direction: 'inbound', at: 1_000, ...overrides };
}

export function orderFields(customerId: string, overrides: Partial<OrderFields> = {}): OrderFields {
  return { customerId, at: 1_000, amount: 10, currency: 'EUR', status: 'paid', ...overrides };
}

/** A row's stored clocks; undefined when the row is not stored or has none. */
export async function clocksOf(
  db: KesherDB,
  table: TableName,
  id: string,
): Promise<Clocks | undefined> {
  const { clocks } = (await readRowsAndClocks(db, table, [id])).get(id)!;
  return Object.keys(clocks).length === 0 ? undefined : clocks;
}

/** Every stored row's clocks, table by table in key order (rows without clocks left out). */
export async function allClocks(
  db: KesherDB,
): Promise<Array<{ table: TableName; id: string; fields: Clocks }>> {
  const out: Array<{ table: TableName; id: string; fields: Clocks }> = [];
  for (const table of TABLES) {
    await eachRowAndClocks(db, table, (row, fields) => {
      if (Object.keys(fields).length > 0) out.push({ table, id: row.id as string, fields });
    });
  }
  return out;
}

/** Everything the write path keeps beside the row values, for "nothing moved" assertions. */
export async function syncState(db: KesherDB) {
  const [clocks, outbox, meta] = await Promise.all([
    allClocks(db),
    db.outbox.toArray(),
    db.meta.toArray(),
  ]);
  return { clocks, outbox, meta };
}
