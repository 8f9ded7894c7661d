import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  currentFigureStore,
  figureCount,
  readAnalyticsState,
  readCustomerAnalytics,
} from '../db/analytics-store';
import type { ChangeEvent } from '../messaging/ports';
import type { Customer } from '../model';
import {
  addOrder,
  createCustomer,
  deleteCustomer,
  logInteraction,
  updateSettings,
} from '../db/mutations';
import { getCustomerFile } from '../db/queries';
import { KesherDB } from '../db/schema';
import { freshDb, orderFields, testDeps } from '../db/test-support';
import { createAnalyticsJob } from './analytics-job';
import { runFullAnalytics } from './full-run';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 23, 12);

let db: KesherDB;
let events: ChangeEvent[];
let clock: number;
beforeEach(() => {
  db = freshDb();
  events = [];
  clock = NOW;
});
afterEach(() => db.close());

function job() {
  return createAnalyticsJob({
    db,
    now: () => clock,
    notify: (e) => events.push(e),
    onError: (e) => {
      throw e;
    },
  });
}

async function customer(n: number): Promise<Customer> {
  return createCustomer(db, { kind: 'person', personName: `P${n}`, email: `p${n}@example.com` });
}

/**
 * A base the models can fit: 45 customers, most buying every few weeks for a while, some
 * stopping early (deterministic, no randomness).
 */
async function seedBase(): Promise<Customer[]> {
  const people: Customer[] = [];
  for (let n = 0; n < 45; n++) {
    const c = await customer(n);
    people.push(c);
    const purchases = 1 + (n % 6);
    const gapDays = 10 + ((n * 7) % 40);
    const start = NOW - 400 * DAY + n * 3 * DAY;
    for (let k = 0; k < purchases; k++) {
      await addOrder(db, orderFields(c.id, { at: start + k * gapDays * DAY, amount: 20 + n }));
    }
  }
  return people;
}

describe('analytics job', () => {
  it('computes every customer’s figures at start-up and the file carries them', async () => {
    const people = await seedBase();
    const outboxBefore = await db.outbox.count();
    const j = job();
    await j.start();
    await j.idle();
    expect(await figureCount(db)).toBe(45);
    const state = await readAnalyticsState(db);
    expect(state?.summary.method).toBe('bg-nbd');
    expect(state?.summary.customers).toBe(45);
    const file = await getCustomerFile(db, people[5]!.id, { interactionLimit: 10 });
    const a = file!.analytics!;
    expect(a.purchases).toBe(6);
    expect(a.revenueToDate).toBe(6 * 25);
    expect(a.forecast.method).toBe('bg-nbd');
    expect(a.forecast.pAlive).toBeGreaterThan(0);
    expect(a.forecast.pAlive).toBeLessThanOrEqual(1);
    expect(a.forecast.clv).toBeGreaterThan(0);
    expect(a.rfm?.segment).toBeTruthy();
    expect(events).toContainEqual({ tables: ['analytics'], customerIds: [] });
    // Nothing derived is synced: the run added nothing to the outbox.
    expect(await db.outbox.count()).toBe(outboxBefore);
  });

  it('a logged sale is scored at once for that customer alone', async () => {
    const people = await seedBase();
    const j = job();
    await j.start();
    await j.idle();
    const target = people[0]!;
    const other = await readCustomerAnalytics(db, people[1]!.id);
    const before = (await readCustomerAnalytics(db, target.id))!;
    events = [];
    clock = NOW + 60_000;
    await addOrder(db, orderFields(target.id, { at: NOW, amount: 500 }));
    j.changed({ tables: ['orders'], customerIds: [target.id] });
    await j.idle();
    const after = (await readCustomerAnalytics(db, target.id))!;
    expect(after.purchases).toBe(before.purchases + 1);
    expect(after.revenueToDate).toBe(before.revenueToDate + 500);
    expect(after.rfm?.daysSinceLastPurchase).toBe(0);
    expect(after.computedAt).toBe(clock);
    expect(events).toEqual([{ tables: ['analytics'], customerIds: [target.id] }]);
    // No refit for one sale: the others keep their figures and the model its parameters.
    expect(await readCustomerAnalytics(db, people[1]!.id)).toEqual(other);
  });

  it('a sale logged during a full run is scored at once, and again against the new model after it', async () => {
    const people = await seedBase();
    await job().recompute();
    const target = people[0]!;
    const before = (await readCustomerAnalytics(db, target.id))!;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const j = createAnalyticsJob({
      db,
      now: () => clock,
      notify: (e) => events.push(e),
      // A full run that has read nothing yet and waits: one resting while an agent works.
      fullRun: async () => {
        await held;
        return runFullAnalytics(db, { now: () => clock, pause: async () => {}, ranIn: 'worker' });
      },
      onError: (e) => {
        throw e;
      },
    });
    events = [];
    const recomputing = j.recompute();

    await addOrder(db, orderFields(target.id, { at: NOW, amount: 500 }));
    j.changed({ tables: ['orders'], customerIds: [target.id] });
    await vi.waitFor(async () =>
      expect((await readCustomerAnalytics(db, target.id))!.purchases).toBe(before.purchases + 1),
    );
    expect(events).toEqual([{ tables: ['analytics'], customerIds: [target.id] }]);

    release();
    await recomputing;
    expect(events).toEqual([
      { tables: ['analytics'], customerIds: [target.id] },
      { tables: ['analytics'], customerIds: [] },
      { tables: ['analytics'], customerIds: [target.id] },
    ]);
    expect((await readCustomerAnalytics(db, target.id))!.purchases).toBe(before.purchases + 1);
  });

  it('serves and scores against a full run made on another connection (the offscreen worker’s)', async () => {
    // Two connections to one database, as the service worker and the offscreen worker have.
    const deps = testDeps();
    db.close();
    db = new KesherDB('kesher-two-contexts', deps);
    const offscreen = new KesherDB('kesher-two-contexts', deps);
    const people = await seedBase();
    const j = createAnalyticsJob({
      db,
      now: () => clock,
      notify: (e) => events.push(e),
      fullRun: () =>
        runFullAnalytics(offscreen, {
          now: () => clock,
          pause: async () => {},
          ranIn: 'offscreen',
        }),
      onError: (e) => {
        throw e;
      },
    });
    const { summary, phases } = await j.recompute();
    offscreen.close();
    // seedBase's orders: 1 + (n % 6) for each of 45 customers.
    expect(phases).toMatchObject({ ranIn: 'offscreen', orders: 153 });
    expect(summary).toMatchObject({ customers: 45, method: 'bg-nbd' });
    expect(events).toContainEqual({ tables: ['analytics'], customerIds: [] });
    // The model and ranks the other connection saved are what a single change is scored with.
    const target = people[0]!;
    const before = (await readCustomerAnalytics(db, target.id))!;
    await addOrder(db, orderFields(target.id, { at: NOW, amount: 500 }));
    j.changed({ tables: ['orders'], customerIds: [target.id] });
    await j.idle();
    const after = (await readCustomerAnalytics(db, target.id))!;
    expect(after.purchases).toBe(before.purchases + 1);
    expect(after.forecast.method).toBe('bg-nbd');
  });

  it('a full run writes into the figures nobody reads, and switches readers over at its end', async () => {
    const people = await seedBase();
    const first = job();
    await first.recompute();
    const firstAt = (await readCustomerAnalytics(db, people[7]!.id))!.computedAt;
    const firstStore = await currentFigureStore(db);

    clock = NOW + 3_600_000;
    // What a sidebar reads at every pause of the next run: the first run's figures, all of them.
    const seen: Array<{ at: number | undefined; count: number }> = [];
    const second = createAnalyticsJob({
      db,
      now: () => clock,
      notify: () => {},
      fullRun: () =>
        runFullAnalytics(db, {
          now: () => clock,
          ranIn: 'worker',
          pages: { read: 20, write: 10 },
          pause: async () => {
            const a = await readCustomerAnalytics(db, people[7]!.id);
            seen.push({ at: a?.computedAt, count: await figureCount(db) });
          },
        }),
    });
    await second.recompute();
    expect(seen.length).toBeGreaterThan(5);
    expect(new Set(seen.map((v) => v.at))).toEqual(new Set([firstAt]));
    expect(new Set(seen.map((v) => v.count))).toEqual(new Set([45]));
    // Now the new figures, from the other store; the old one is emptied.
    expect((await readCustomerAnalytics(db, people[7]!.id))!.computedAt).toBe(clock);
    expect(await currentFigureStore(db)).not.toBe(firstStore);
    expect(await db.table(firstStore).count()).toBe(0);
  });

  it('a settings change recomputes everyone under the new settings', async () => {
    const people = await seedBase();
    const j = job();
    await j.start();
    await j.idle();
    await updateSettings(db, { grossMargin: 0.5 });
    j.changed({ tables: ['settings'], customerIds: [] });
    await j.idle();
    const a = (await readCustomerAnalytics(db, people[3]!.id))!;
    expect(a.marginToDate).toBeCloseTo(a.revenueToDate * 0.5, 2);
  });

  it('a deleted customer loses their figures', async () => {
    const people = await seedBase();
    const j = job();
    await j.start();
    await j.idle();
    await deleteCustomer(db, people[2]!.id);
    j.changed({ tables: ['customers'], customerIds: [people[2]!.id] });
    await j.idle();
    expect(await readCustomerAnalytics(db, people[2]!.id)).toBeUndefined();
    expect(await figureCount(db)).toBe(44);
  });

  it('a restarted worker keeps fresh figures instead of recomputing them', async () => {
    await seedBase();
    const first = job();
    await first.start();
    await first.idle();
    events = [];
    const second = job();
    await second.start();
    await second.idle();
    expect(events).toEqual([]);
  });

  it('a new day recomputes at start-up (recency moves)', async () => {
    await seedBase();
    const first = job();
    await first.start();
    await first.idle();
    events = [];
    clock = NOW + DAY;
    const second = job();
    await second.start();
    await second.idle();
    expect(events).toEqual([{ tables: ['analytics'], customerIds: [] }]);
  });

  it('a tiny base falls back to the retention formula and says why', async () => {
    const c = await customer(1);
    await addOrder(db, orderFields(c.id, { at: NOW - 30 * DAY, amount: 100 }));
    await addOrder(db, orderFields(c.id, { at: NOW - 10 * DAY, amount: 50 }));
    await logInteraction(db, {
      customerId: c.id,
      channel: 'phone',
      direction: 'inbound',
      at: NOW - DAY,
      satisfaction: { scale: 'nps', score: 9 },
    });
    const j = job();
    await j.start();
    await j.idle();
    const a = (await readCustomerAnalytics(db, c.id))!;
    expect(a.forecast.method).toBe('retention');
    expect(a.forecast.reason).toMatch(/fewer than 30 repeat buyers \(1\)/);
    expect(a.costToServe).toMatchObject({ cost: 8, interactions: 1 });
    expect(a.satisfaction.nps).toEqual({ class: 'promoter', score: 9 });
    expect(Number.isFinite(a.forecast.clv)).toBe(true);
  });

  it('answers other requests between slices of a full run', async () => {
    await seedBase();
    const j = job();
    let runFinished = false;
    const run = j.start().then(() => {
      runFinished = true;
    });
    // A sidebar's read issued after the run started completes before the run does.
    const read = db.customers.count().then((n) => ({ n, runFinished }));
    const seen = await read;
    await run;
    expect(seen).toEqual({ n: 45, runFinished: false });
  });
});
