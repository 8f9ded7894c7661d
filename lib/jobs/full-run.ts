/**
 * One full analytics run: read every customer's rows, refit, re-rank, rescore everyone, write
 * the figures and the run's state. Everything it produces goes to the database, so the
 * context that runs it (the service worker itself, or an offscreen document beside it) hands
 * back only where the time went; the job reads the new state from the database.
 */
import { analyzeCustomersAsync } from '../analytics/customer-analytics';
import {
  WORKER_PAGES,
  emptyFigureStore,
  publishFigures,
  readAnalyticsInput,
  writeAnalyticsRows,
  type StorePages,
} from '../db/analytics-store';
import type { KesherDB } from '../db/schema';
import { getSettings } from '../db/settings';
import type { AnalyticsRunPhases } from '../messaging/protocol';
import type { SettingsFields } from '../model';

/** Where a full run's time went, and where it ran (the protocol's shape: the popup shows it). */
export type FullRunPhases = AnalyticsRunPhases;

/** Runs a full analytics run somewhere and says what it took. */
export type FullRun = () => Promise<FullRunPhases>;

/** The settings the figures depend on, as a comparable string. */
export function analyticsSettingsKey(s: SettingsFields): string {
  return JSON.stringify([
    s.currency,
    s.grossMargin,
    s.discountRate,
    s.clvHorizonMonths,
    s.abcThresholds,
    s.loyaltyTiers,
    s.costPerInteraction,
  ]);
}

export async function runFullAnalytics(
  db: KesherDB,
  opts: {
    now: () => number;
    pause: () => Promise<void>;
    ranIn: FullRunPhases['ranIn'];
    /** Rows per read and per write transaction (analytics-store.ts says why they differ). */
    pages?: StorePages;
  },
): Promise<FullRunPhases> {
  const { now, pause } = opts;
  const pages = opts.pages ?? WORKER_PAGES;
  const t0 = performance.now();
  const startedAt = now();
  const settings = await getSettings(db);
  const input = await readAnalyticsInput(db, pause, pages.read);
  const t1 = performance.now();
  const asOf = now();
  // BG/NBD, the published model: fitting all three to choose (the CLI's `auto`) would
  // triple the work for figures that differ in the second decimal.
  const run = await analyzeCustomersAsync(input, settings, { asOf, model: 'bg-nbd' }, pause);
  const t2 = performance.now();
  const computedAt = now();
  // Into the store sidebars are not reading, made current at the end (analytics-rows.ts).
  const target = await emptyFigureStore(db, run.customers.length);
  await writeAnalyticsRows(db, target, run.customers, computedAt, pause, pages.write);
  await publishFigures(db, target, {
    key: 'state',
    summary: { ...run.summary, computedAt, startedAt, durationMs: computedAt - asOf },
    population: run.population,
    ranks: run.ranks,
    settingsKey: analyticsSettingsKey(settings),
  });
  return {
    readMs: t1 - t0,
    computeMs: t2 - t1,
    writeMs: performance.now() - t2,
    orders: input.orders.length,
    interactions: input.interactions.length,
    ranIn: opts.ranIn,
  };
}
