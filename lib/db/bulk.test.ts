import { afterEach, describe, expect, it } from 'vitest';
import type { Customer, Interaction } from '../model';
import { bulkLoad } from './bulk';
import { ValidationError } from './errors';
import { readMeta } from './meta';
import { openDb } from './open';
import { getCustomerFile } from './queries';
import type { KesherDB } from './schema';
import { customerFields, freshDb, interactionFields, syncState, testDeps } from './test-support';

let db: KesherDB;
afterEach(() => db.close());

const system = (id: string) => ({
  id,
  teamId: 'local',
  createdAt: 1,
  updatedAt: 1,
  deleted: false,
});
const customers = (n: number): Customer[] =>
  Array.from({ length: n }, (_, i) => ({
    ...system(`c${i}`),
    ...customerFields({ name: `C${i}` }),
  }));
const interactions = (n: number, customerId: string): Interaction[] =>
  Array.from({ length: n }, (_, i) => ({
    ...system(`i${i}`),
    ...interactionFields(customerId, { at: i }),
  }));

describe('bulkLoad', () => {
  it('loads validated rows in chunks, without outbox or clocks, idempotently', async () => {
    db = freshDb();
    const data = { customers: customers(12), interactions: interactions(30, 'c0') };
    const counts = await bulkLoad(db, data, { withOutbox: false, chunkSize: 5 });
    expect(counts).toMatchObject({ customers: 12, interactions: 30, orders: 0 });
    await bulkLoad(db, data, { withOutbox: false, chunkSize: 5 });
    expect(await db.customers.count()).toBe(12);
    expect(await db.interactions.count()).toBe(30);
    expect(await syncState(db)).toEqual({ clocks: [], outbox: [], meta: [] });
    const file = await getCustomerFile(db, 'c0', { interactionLimit: 2 });
    expect(file!.interactions.map((i) => i.at)).toEqual([29, 28]);
    expect(file!.interactionCount).toBe(30);
  });

  it('refuses an invalid row with zod, naming it, and keeps the chunks before it', async () => {
    db = freshDb();
    const rows = customers(6);
    rows[4] = { ...rows[4]!, phones: ['050'] };
    const error = await bulkLoad(
      db,
      { customers: rows },
      { withOutbox: false, chunkSize: 3 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details[0]!.path).toBe('4.phones.0');
    expect(await db.customers.count()).toBe(3);
  });

  it('skips zod when trusted but still refuses rows the indexes cannot hold', async () => {
    db = freshDb();
    const rows = customers(2);
    rows[1] = { ...rows[1]!, phones: ['050'] };
    await bulkLoad(db, { customers: rows }, { withOutbox: false, trusted: true });
    expect(await db.customers.count()).toBe(2);
    const broken = interactions(1, 'c0').map((i) => ({
      ...i,
      at: 'soon',
    })) as unknown as Interaction[];
    await expect(
      bulkLoad(db, { interactions: broken }, { withOutbox: false, trusted: true }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('keeps interaction counts exact when loaded rows include tombstones', async () => {
    db = freshDb();
    const rows = interactions(4, 'c0');
    rows[0] = { ...rows[0]!, deleted: true };
    await bulkLoad(db, { customers: customers(1), interactions: rows }, { withOutbox: false });
    expect(await readMeta(db, 'interactionTombstones')).toBe(true);
    expect((await getCustomerFile(db, 'c0', { interactionLimit: 10 }))!.interactionCount).toBe(3);
  });
});

describe('openDb', () => {
  it('answers one instance per name', () => {
    const deps = testDeps();
    db = openDb('kesher-open-test', deps);
    expect(openDb('kesher-open-test')).toBe(db);
    const other = openDb('kesher-open-other', deps);
    expect(other).not.toBe(db);
    other.close();
  });
});
