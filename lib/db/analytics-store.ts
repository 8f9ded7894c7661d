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
  FIGURES_PER_BUCKET,
  bucketCountFor,
  bucketOf,
  type AnalyticsStateRow,
  type CustomerAnalyticsRow,
  type FigureBucketRow,
  type FigureSet,
  type FigureStore,
  type FiguresPointerRow,
} from './analytics-rows';
import { customerRange } from './customer-range';
import type { KesherDB } from './schema';

/**
 * Rows per read and customers' figures per write. On the worker's own thread a page is
 * (de)serialised in one go and the worker answers nobody meanwhile: measured on 100,000
 * customers, pages of 5,000 and 500 took 2 s less in all, and kept a message waiting 48 ms at
 * p95 instead of 33. Elsewhere (an offscreen document) the pages' cost is the database's: a
 * sidebar's read waits behind one page read or one chunk's write transaction, so smaller
 * ones keep that wait short.
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

/** The current figures: their store and how many buckets they are in. */
async function currentFigures(db: KesherDB): Promise<FigureSet> {
  const pointer = (await db.analyticsState.get('figures')) as FiguresPointerRow | undefined;
  return pointer ?? { store: FIGURE_STORES[0], buckets: 1 };
}

/** The store that holds the current figures. */
export const currentFigureStore = async (db: KesherDB): Promise<FigureStore> =>
  (await currentFigures(db)).store;

/**
 * Where a full run writes: the store not current, emptied of an older run's figures, in as
 * many buckets as its base needs.
 */
export async function emptyFigureStore(db: KesherDB, customers: number): Promise<FigureSet> {
  const store = otherFigureStore(await currentFigureStore(db));
  await db.table(store).clear();
  return { store, buckets: bucketCountFor(customers) };
}

/**
 * Writes a full run's figures, stamped `computedAt`, into its emptied store: whole buckets,
 * about `chunk` customers to a transaction, each bucket's text made just before its write so
 * the worker never serialises the whole base in one go.
 */
export async function writeAnalyticsRows(
  db: KesherDB,
  target: FigureSet,
  customers: readonly CustomerAnalytics[],
  computedAt: number,
  pause: () => Promise<void>,
  chunk = WORKER_PAGES.write,
): Promise<void> {
  const members: CustomerAnalytics[][] = Array.from({ length: target.buckets }, () => []);
  for (const c of customers) members[bucketOf(c.customerId, target.buckets)]!.push(c);
  const perWrite = Math.max(1, Math.round(chunk / FIGURES_PER_BUCKET));
  for (let b = 0; b < target.buckets; b += perWrite) {
    const rows: FigureBucketRow[] = [];
    for (let bucket = b; bucket < Math.min(b + perWrite, target.buckets); bucket++) {
      const figures: Record<string, string> = {};
      for (const c of members[bucket]!) figures[c.customerId] = figureText(c, computedAt);
      rows.push({ bucket, figures });
    }
    await db.table(target.store).bulkPut(rows);
    if (b + perWrite < target.buckets) await pause();
  }
}

const figureText = (c: CustomerAnalytics, computedAt: number): string =>
  JSON.stringify({ ...c, computedAt } satisfies CustomerAnalyticsRow);

/**
 * One change's customers rescored (`scored`) or gone (`gone`, deleted or merged away), in the
 * current figures: their buckets read, changed and written back in one transaction.
 */
export async function replaceFigures(
  db: KesherDB,
  scored: readonly CustomerAnalytics[],
  gone: readonly string[],
  computedAt: number,
): Promise<void> {
  if (scored.length === 0 && gone.length === 0) return;
  // Customer id → their new figures' text, or undefined for a customer gone.
  const edits: [string, string | undefined][] = [
    ...scored.map((c): [string, string] => [c.customerId, figureText(c, computedAt)]),
    ...gone.map((id): [string, undefined] => [id, undefined]),
  ];
  for (;;) {
    const { store } = await currentFigures(db);
    // The transaction holds the pointer and the current store only: including the other
    // store would make it wait behind a full run's writes there.
    const done = await db.transaction('rw', ['analyticsState', store], async () => {
      const current = await currentFigures(db);
      // A full run switched the figures since: do it again, on the new current store.
      if (current.store !== store) return false;
      const bucketsOf = edits.map(([id]) => bucketOf(id, current.buckets));
      const table = db.table<FigureBucketRow, number>(store);
      const rows = new Map<number, FigureBucketRow>();
      for (const row of await table.bulkGet([...new Set(bucketsOf)])) {
        if (row) rows.set(row.bucket, row);
      }
      edits.forEach(([id, text], i) => {
        const bucket = bucketsOf[i]!;
        let row = rows.get(bucket);
        if (!row) rows.set(bucket, (row = { bucket, figures: {} }));
        if (text === undefined) delete row.figures[id];
        else row.figures[id] = text;
      });
      await table.bulkPut([...rows.values()]);
      return true;
    });
    if (done) return;
  }
}

const otherFigureStore = (store: FigureStore): FigureStore =>
  FIGURE_STORES.find((s) => s !== store)!;

/**
 * Makes a full run's figures and state current in one transaction, then empties the store
 * that was: a sidebar that read the pointer just before finds nothing there and shows the
 * file without figures until the change event that follows reloads it.
 */
export async function publishFigures(
  db: KesherDB,
  target: FigureSet,
  state: AnalyticsStateRow,
): Promise<void> {
  const pointer: FiguresPointerRow = { key: 'figures', ...target };
  await db.analyticsState.bulkPut([state, pointer]);
  await db.table(otherFigureStore(target.store)).clear();
}

export const readAnalyticsState = async (db: KesherDB) =>
  (await db.analyticsState.get('state')) as AnalyticsStateRow | undefined;

/**
 * One customer's current figures. The pointer and the bucket are two reads, not one
 * transaction: a transaction over both stores would wait behind a full run's writes.
 */
export async function readCustomerAnalytics(
  db: KesherDB,
  customerId: string,
): Promise<CustomerAnalyticsRow | undefined> {
  const { store, buckets } = await currentFigures(db);
  const row = await db.table<FigureBucketRow, number>(store).get(bucketOf(customerId, buckets));
  const text = row?.figures[customerId];
  return text === undefined ? undefined : (JSON.parse(text) as CustomerAnalyticsRow);
}

/** How many customers have current figures. */
export async function figureCount(db: KesherDB): Promise<number> {
  const rows = await db.table<FigureBucketRow, number>(await currentFigureStore(db)).toArray();
  return rows.reduce((n, row) => n + Object.keys(row.figures).length, 0);
}
