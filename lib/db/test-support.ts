import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach } from 'vitest';
import type { CustomerFields, InteractionFields, OrderFields } from '../model';
import { KesherDB, type KesherDbDeps } from './schema';

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

/** Everything the write path keeps beside the rows, for "nothing moved" assertions. */
export async function syncState(db: KesherDB) {
  const [clocks, outbox, meta] = await Promise.all([
    db.clocks.toArray(),
    db.outbox.toArray(),
    db.meta.toArray(),
  ]);
  return { clocks, outbox, meta };
}
