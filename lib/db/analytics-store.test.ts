import { describe, expect, it } from 'vitest';
import { ANALYTICS } from '../../components/fixtures';
import type { CustomerAnalytics } from '../model/views';
import {
  bucketCountFor,
  bucketOf,
  FIGURE_STORES,
  type AnalyticsStateRow,
  type FigureBucketRow,
} from './analytics-rows';
import {
  currentFigureStore,
  emptyFigureStore,
  figureCount,
  publishFigures,
  readCustomerAnalytics,
  replaceFigures,
  writeAnalyticsRows,
} from './analytics-store';
import type { KesherDB } from './schema';
import { closedAfterEach } from './test-support';

const newDb = closedAfterEach();
const noPause = () => Promise.resolve();

/** Customer n's figures: every one different, so a mix-up shows. */
const figures = (n: number): CustomerAnalytics => ({
  ...ANALYTICS,
  customerId: `c-${String(n).padStart(5, '0')}`,
  revenueToDate: n * 10,
  purchases: n,
});
const state = { key: 'state' } as unknown as AnalyticsStateRow;

/** A full run's figures written and made current, as full-run.ts does. */
async function fullRun(db: KesherDB, customers: CustomerAnalytics[], computedAt: number) {
  const target = await emptyFigureStore(db, customers.length);
  await writeAnalyticsRows(db, target, customers, computedAt, noPause, 200);
  await publishFigures(db, target, state);
  return target;
}

describe('bucketOf', () => {
  it('puts a customer in the same bucket every time, within range, and spreads alike ids', () => {
    const counts = new Array<number>(100).fill(0);
    for (let n = 0; n < 10_000; n++) {
      const b = bucketOf(`c-${String(n).padStart(5, '0')}`, 100);
      expect(b).toBe(bucketOf(`c-${String(n).padStart(5, '0')}`, 100));
      counts[b]!++;
    }
    expect(counts.every((c) => c > 0)).toBe(true);
    // 100 per bucket on average; sequential ids must not pile up in a few buckets.
    expect(Math.max(...counts)).toBeLessThan(150);
    expect(bucketOf('anyone', 1)).toBe(0);
  });

  it('sizes a base at about a hundred customers a bucket, never none', () => {
    expect(bucketCountFor(0)).toBe(1);
    expect(bucketCountFor(100)).toBe(1);
    expect(bucketCountFor(101)).toBe(2);
    expect(bucketCountFor(100_000)).toBe(1_000);
  });
});

describe('the figure store', () => {
  it('writes a full run in buckets and reads each customer back as written', async () => {
    const db = newDb();
    const customers = Array.from({ length: 1_050 }, (_, n) => figures(n));
    const target = await fullRun(db, customers, 1_000);

    expect(target.buckets).toBe(11);
    const rows = await db.table<FigureBucketRow, number>(target.store).toArray();
    expect(rows.map((r) => r.bucket)).toEqual([...Array(11).keys()]);
    expect(await figureCount(db)).toBe(1_050);
    for (const n of [0, 1, 517, 1_049]) {
      expect(await readCustomerAnalytics(db, figures(n).customerId)).toEqual({
        ...figures(n),
        computedAt: 1_000,
      });
    }
    expect(await readCustomerAnalytics(db, 'nobody')).toBeUndefined();
  });

  it('replaces one customer and drops another without touching their bucket mates', async () => {
    const db = newDb();
    const customers = Array.from({ length: 300 }, (_, n) => figures(n));
    await fullRun(db, customers, 1_000);
    const rescored = { ...figures(7), revenueToDate: 99_999 };
    const added = figures(5_000);

    await replaceFigures(db, [rescored, added], [figures(8).customerId], 2_000);

    expect(await readCustomerAnalytics(db, rescored.customerId)).toEqual({
      ...rescored,
      computedAt: 2_000,
    });
    expect(await readCustomerAnalytics(db, added.customerId)).toEqual({
      ...added,
      computedAt: 2_000,
    });
    expect(await readCustomerAnalytics(db, figures(8).customerId)).toBeUndefined();
    for (const n of [0, 6, 9, 299]) {
      expect(await readCustomerAnalytics(db, figures(n).customerId)).toEqual({
        ...figures(n),
        computedAt: 1_000,
      });
    }
    expect(await figureCount(db)).toBe(300);
  });

  it('a second full run switches stores, empties the old one and leaves no customer of the first', async () => {
    const db = newDb();
    await fullRun(db, [figures(1), figures(2), figures(3)], 1_000);
    const first = await currentFigureStore(db);

    await fullRun(db, [figures(2), figures(4)], 2_000);

    expect(await currentFigureStore(db)).not.toBe(first);
    expect(await db.table(first).count()).toBe(0);
    expect(await readCustomerAnalytics(db, figures(1).customerId)).toBeUndefined();
    expect((await readCustomerAnalytics(db, figures(2).customerId))?.computedAt).toBe(2_000);
    expect(await figureCount(db)).toBe(2);
  });

  it('rescores into figures made current while it waited, not into the replaced store', async () => {
    const db = newDb();
    await fullRun(db, [figures(1)], 1_000);
    // A full run publishes between the rescore's look at the pointer and its transaction.
    const read = db.analyticsState.get.bind(db.analyticsState);
    let first = true;
    db.analyticsState.get = (async (key: string) => {
      const row = await read(key);
      if (first && key === 'figures') {
        first = false;
        await fullRun(db, [figures(1), figures(2)], 2_000);
      }
      return row;
    }) as typeof db.analyticsState.get;

    await replaceFigures(db, [{ ...figures(2), purchases: 42 }], [], 3_000);

    expect((await readCustomerAnalytics(db, figures(2).customerId))?.purchases).toBe(42);
    expect((await readCustomerAnalytics(db, figures(1).customerId))?.computedAt).toBe(2_000);
    const stores = await Promise.all(FIGURE_STORES.map((s) => db.table(s).count()));
    expect(stores.filter((n) => n > 0)).toHaveLength(1);
  });
});
