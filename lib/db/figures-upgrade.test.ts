import Dexie from 'dexie';
import { afterEach, expect, it } from 'vitest';
import { readAnalyticsState, readCustomerAnalytics } from './analytics-store';
import { declareVersionsOneToFive, KesherDB } from './schema';
import { customerFields, testDeps } from './test-support';

const opened: Dexie[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

it('the upgrade to version 6 drops the per-customer figures and their state, and keeps every row', async () => {
  const deps = testDeps();
  const old = new Dexie('kesher-figures-upgrade', deps);
  declareVersionsOneToFive(old);
  const customer = {
    ...customerFields({ name: 'Kept' }),
    id: 'c1',
    teamId: 't',
    createdAt: 1,
    updatedAt: 1,
    deleted: false,
  };
  await old.table('customers').put(customer);
  await old.table('analyticsAlt').put({ customerId: 'c1', purchases: 3, computedAt: 1 });
  await old.table('analyticsState').bulkPut([
    { key: 'state', summary: { computedAt: 1 } },
    { key: 'figures', store: 'analyticsAlt' },
  ]);
  old.close();

  const db = new KesherDB('kesher-figures-upgrade', deps);
  opened.push(db);
  await db.open();
  const stores = db.tables.map((t) => t.name);
  expect(stores).toEqual(expect.arrayContaining(['figureBuckets', 'figureBucketsAlt']));
  expect(stores).not.toContain('analytics');
  expect(stores).not.toContain('analyticsAlt');
  // No state: the analytics job sees figures are due and makes them again.
  expect(await readAnalyticsState(db)).toBeUndefined();
  expect(await db.analyticsState.count()).toBe(0);
  expect(await readCustomerAnalytics(db, 'c1')).toBeUndefined();
  expect(await db.customers.get('c1')).toEqual(customer);
});
