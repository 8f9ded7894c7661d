import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { moveClocksIntoRows } from './clocks-upgrade';
import { CLOCKS_PROPERTY, rowAndClocks, type StoredRecord } from './row-clocks';
import { declareVersionsOneToThree, KesherDB } from './schema';
import { allClocks, customerFields, testDeps } from './test-support';

/** A database at version 3, as it shipped, with clocks in their own table. */
function versionThree(name: string, deps: ReturnType<typeof testDeps>): Dexie {
  const db = new Dexie(name, deps);
  declareVersionsOneToThree(db);
  return db;
}

const opened: Dexie[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const h1 = '000000000001000-0000-client';
const h2 = '000000000002000-0000-client';
const customer = (id: string) => ({
  ...customerFields({ name: id }),
  id,
  teamId: 't',
  createdAt: 1,
  updatedAt: 1,
  deleted: false,
});
const interaction = {
  id: 'i',
  teamId: 't',
  customerId: 'packed',
  channel: 'email',
  direction: 'inbound',
  at: 5,
  createdAt: 5,
  updatedAt: 5,
  deleted: true,
};

const customers = ['packed', 'mixed', 'demo'].map(customer);
const packedNames = Object.keys(customers[0]!).filter((k) => !['id', 'teamId'].includes(k));
const expectedClocks = [
  { table: 'customers', id: 'mixed', fields: { name: h1, notes: h2 } },
  { table: 'customers', id: 'packed', fields: Object.fromEntries(packedNames.map((n) => [n, h1])) },
  { table: 'interactions', id: 'i', fields: { channel: h1, deleted: h2 } },
];

/** A version-3 database with rows, clock records of both shapes, and one without its row. */
async function oldDatabase(name: string, deps: ReturnType<typeof testDeps>): Promise<Dexie> {
  const old = versionThree(name, deps);
  opened.push(old);
  await old.table('customers').bulkPut(customers);
  await old.table('interactions').put(interaction);
  await old.table('outbox').add({ mutationId: '1', table: 'customers', id: 'mixed' });
  await old.table('clocks').bulkPut([
    { table: 'customers', id: 'packed', hlc: h1, names: packedNames.join(' ') },
    { table: 'customers', id: 'mixed', fields: { name: h1, notes: h2 } },
    { table: 'interactions', id: 'i', fields: { channel: h1, deleted: h2 } },
    { table: 'customers', id: 'orphan', fields: { name: h1 } },
  ]);
  return old;
}

describe('the upgrade to version 4', () => {
  it('moves every clock record, packed or not, into its row, and drops the clocks table', async () => {
    const deps = testDeps();
    (await oldDatabase('kesher-upgrade', deps)).close();

    const db = new KesherDB('kesher-upgrade', deps);
    opened.push(db);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    expect(db.tables.map((t) => t.name)).not.toContain('clocks');

    expect(await allClocks(db)).toEqual(expectedClocks);
    // The rows are as they were, the clocks off them for every reader but the sync engine.
    expect(await db.customers.toArray()).toEqual(
      [...customers].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect(await db.interactions.get('i')).toEqual(interaction);
    const raw = await db.customers.toCollection().raw().toArray();
    expect(raw.map((r) => CLOCKS_PROPERTY in r)).toEqual([false, true, true]);
    expect(await db.outbox.count()).toBe(1);
  });

  it('moves them chunk by chunk, across tables, the same', async () => {
    const old = await oldDatabase('kesher-upgrade-chunks', testDeps());
    await old.transaction('rw', ['customers', 'interactions', 'clocks'], (tx) =>
      moveClocksIntoRows(tx, 1),
    );
    const moved = [];
    for (const table of ['customers', 'interactions']) {
      for (const record of await old.table(table).toArray()) {
        const { row, clocks } = rowAndClocks(record as StoredRecord);
        if (Object.keys(clocks).length > 0) moved.push({ table, id: row!.id, fields: clocks });
      }
    }
    expect(moved).toEqual(expectedClocks);
  });
});
