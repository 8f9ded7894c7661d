/**
 * Reads the analytics need and writes what they derive. Reads go page by page, each page its
 * own short transaction, so a full recompute over a million rows never holds the database
 * while a sidebar waits; derived rows are written in small transactions for the same reason.
 */
import type { AnalyticsInteraction, AnalyticsOrder } from '../analytics/customer-history';
import type { Interaction, Order } from '../model';
import type { CustomerAnalytics } from '../model/views';
import {
  FIGURE_STORES,
  type AnalyticsStateRow,
  type CustomerAnalyticsRow,
  type FigureStore,
  type FiguresPointerRow,
} from './analytics-rows';
import { customerRange } from './customer-range';
import type { KesherDB } from './schema';

/**
 * Rows per read and per write. On the worker's own thread a page is (de)serialised in one go
 * and the worker answers nobody meanwhile: measured on 100,000 customers, pages of 5,000 and
 * 500 took 2 s less in all, and kept a message waiting 48 ms at p95 instead of 33. Elsewhere
 * (an offscreen document) the pages' cost is the database's: a sidebar's read waits behind
 * one page read or one chunk's write transaction, so smaller ones keep that wait short.
 */
export interface StorePages {
  read: number;
  write: number;
}
export const WORKER_PAGES: StorePages = { read: 2_000, write: 200 };

export interface AnalyticsInput {
  orders: AnalyticsOrder[];
  interactions: AnalyticsInteraction[];
  /** Live customers, each under the id its rows are analysed as (merges followed). */
  customerIds: string[];
}

/** Only the fields the analytics read: a million full rows would not fit in a worker's budget. */
export const slimOrder = (o: Order, customerId = o.customerId): AnalyticsOrder => ({
  customerId,
  at: o.at,
  amount: o.amount,
  currency: o.currency,
  status: o.status,
  ...(o.margin !== undefined ? { margin: o.margin } : {}),
});

export const slimInteraction = (
  i: Interaction,
  customerId = i.customerId,
): AnalyticsInteraction => ({
  customerId,
  channel: i.channel,
  at: i.at,
  ...(i.satisfaction ? { satisfaction: i.satisfaction } : {}),
});

/**
 * Every row of a table, page by page in primary-key order (tombstones included). Raw, past
 * the reading hook that takes each row's clocks off (schema.ts): `each` keeps only the
 * fields it names, so the hook's work would be wasted on a million rows.
 */
async function eachPage<T extends { id: string; deleted: boolean }>(
  table: {
    where(index: string): {
      above(key: string): { limit(n: number): { raw(): { toArray(): Promise<T[]> } } };
    };
  },
  each: (row: T) => void,
  pause: () => Promise<void>,
  size: number,
): Promise<void> {
  let after = '';
  for (;;) {
    const page = await table.where(':id').above(after).limit(size).raw().toArray();
    for (const row of page) each(row);
    if (page.length < size) return;
    after = page[page.length - 1]!.id;
    await pause();
  }
}

/**
 * Everything a full recompute needs. Rows of a merged customer count for the customer it was
 * merged into (followed to the end of the chain); deleted customers' rows are left out.
 */
export async function readAnalyticsInput(
  db: KesherDB,
  pause: () => Promise<void>,
  pageSize = WORKER_PAGES.read,
): Promise<AnalyticsInput> {
  const survivor = new Set<string>();
  const mergedInto = new Map<string, string>();
  await eachPage(
    db.customers as never,
    (c: { id: string; mergedInto?: string; deleted: boolean }) => {
      if (c.deleted) return;
      if (c.mergedInto) mergedInto.set(c.id, c.mergedInto);
      else survivor.add(c.id);
    },
    pause,
    pageSize,
  );
  /** The live customer a row counts for: merges followed; undefined when none is left. */
  const resolve = (id: string): string | undefined => {
    let current = id;
    for (let hops = 0; hops < 16; hops++) {
      if (survivor.has(current)) return current;
      const next = mergedInto.get(current);
      if (next === undefined) return undefined;
      current = next;
    }
    return undefined;
  };
  const orders: AnalyticsOrder[] = [];
  await eachPage(
    db.orders as never,
    (o: Order) => {
      const id = o.deleted ? undefined : resolve(o.customerId);
      if (id !== undefined) orders.push(slimOrder(o, id));
    },
    pause,
    pageSize,
  );
  const interactions: AnalyticsInteraction[] = [];
  await eachPage(
    db.interactions as never,
    (i: Interaction) => {
      const id = i.deleted ? undefined : resolve(i.customerId);
      if (id !== undefined) interactions.push(slimInteraction(i, id));
    },
    pause,
    pageSize,
  );
  return { orders, interactions, customerIds: [...survivor] };
}

/** One customer's rows, for scoring a single change. */
export async function readCustomerAnalyticsInput(
  db: KesherDB,
  customerId: string,
): Promise<AnalyticsInput | undefined> {
  const [lo, hi] = customerRange(customerId);
  return db.transaction('r', ['customers', 'orders', 'interactions'], async () => {
    const customer = await db.customers.get(customerId);
    if (!customer || customer.deleted || customer.mergedInto) return undefined;
    const [orders, interactions] = await Promise.all([
      db.orders.where('[customerId+at]').between(lo, hi, true, true).toArray(),
      db.interactions.where('[customerId+at]').between(lo, hi, true, true).toArray(),
    ]);
    return {
      orders: orders.filter((o) => !o.deleted).map((o) => slimOrder(o)),
      interactions: interactions.filter((i) => !i.deleted).map((i) => slimInteraction(i)),
      customerIds: [customerId],
    };
  });
}

/**
 * Writes customers' figures, stamped `computedAt`, into `store`, a chunk per transaction. Rows
 * are made a chunk at a time: copying a whole base's figures at once was one long task of the
 * worker.
 */
export async function writeAnalyticsRows(
  db: KesherDB,
  store: FigureStore,
  customers: readonly CustomerAnalytics[],
  computedAt: number,
  pause: () => Promise<void>,
  chunk = WORKER_PAGES.write,
): Promise<void> {
  for (let i = 0; i < customers.length; i += chunk) {
    const rows: CustomerAnalyticsRow[] = customers
      .slice(i, i + chunk)
      .map((c) => ({ ...c, computedAt }));
    await db.table(store).bulkPut(rows);
    if (i + chunk < customers.length) await pause();
  }
}

const otherFigureStore = (store: FigureStore): FigureStore =>
  FIGURE_STORES.find((s) => s !== store)!;

/** The store that holds the current figures. */
export async function currentFigureStore(db: KesherDB): Promise<FigureStore> {
  const pointer = (await db.analyticsState.get('figures')) as FiguresPointerRow | undefined;
  return pointer?.store ?? 'analytics';
}

/** A full run's store to write into: the one not current, emptied of an older run's figures. */
export async function emptyFigureStore(db: KesherDB): Promise<FigureStore> {
  const target = otherFigureStore(await currentFigureStore(db));
  await db.table(target).clear();
  return target;
}

/**
 * Makes a full run's figures and state current in one transaction, then empties the store
 * that was: a sidebar that read the pointer just before finds nothing there and shows the
 * file without figures until the change event that follows reloads it.
 *
 * One clear(): at 100,000 rows it holds the database about two seconds, once per run, and a
 * thread opened then waits that long. Deleting in chunks instead doubled the run's writing
 * and kept thread opens waiting 85 ms at p95 throughout it, against 43 ms.
 */
export async function publishFigures(
  db: KesherDB,
  store: FigureStore,
  state: AnalyticsStateRow,
): Promise<void> {
  const pointer: FiguresPointerRow = { key: 'figures', store };
  await db.analyticsState.bulkPut([state, pointer]);
  await db.table(otherFigureStore(store)).clear();
}

/** Drops customers' figures from the current store (deleted or merged since the last run). */
export async function deleteAnalytics(db: KesherDB, customerIds: readonly string[]): Promise<void> {
  await db.table(await currentFigureStore(db)).bulkDelete([...customerIds]);
}

export const readAnalyticsState = async (db: KesherDB) =>
  (await db.analyticsState.get('state')) as AnalyticsStateRow | undefined;

export async function readCustomerAnalytics(
  db: KesherDB,
  customerId: string,
): Promise<CustomerAnalyticsRow | undefined> {
  return db.table<CustomerAnalyticsRow, string>(await currentFigureStore(db)).get(customerId);
}

/** How many customers have current figures. */
export async function figureCount(db: KesherDB): Promise<number> {
  return db.table(await currentFigureStore(db)).count();
}
