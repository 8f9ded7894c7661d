import type { PopulationModel } from '../analytics/population';
import type { RanksByCurrency } from '../analytics/ranks';
import type { AnalyticsSummary, CustomerAnalytics } from '../model';

/** A customer's derived figures as stored, with when they were computed. */
export interface CustomerAnalyticsRow extends CustomerAnalytics {
  computedAt: number;
}

/**
 * What the last full recompute found, kept so that one customer's change can be scored at
 * once against the same model and ranks instead of waiting for the next full run.
 */
export interface AnalyticsStateRow {
  key: 'state';
  summary: AnalyticsSummary;
  population: PopulationModel;
  ranks: RanksByCurrency;
  /** The settings the figures depend on, to tell when a settings change needs a full run. */
  settingsKey: string;
}

/**
 * The figures are double-buffered: a full run writes every customer's figures into the store
 * sidebars are not reading, then points readers at it (`FiguresPointerRow`) in one small
 * write. A sidebar never sees half old, half new figures.
 */
export const FIGURE_STORES = ['figureBuckets', 'figureBucketsAlt'] as const;
export type FigureStore = (typeof FIGURE_STORES)[number];

/** A set of figures: the store it is in, and in how many buckets. */
export interface FigureSet {
  store: FigureStore;
  buckets: number;
}

/** Which figures are current; none yet: `figureBuckets`. */
export interface FiguresPointerRow extends FigureSet {
  key: 'figures';
}

/**
 * Figures are stored a bucket of customers to a record, each customer's figures as JSON text.
 * Measured in Chromium with 100,000 customers: one record per customer took 11-13 s to write
 * and 1.5-2.2 s to clear, and a read from another context waited 10 ms at p95 meanwhile;
 * records of 100 customers took 2.6-3.8 s, 0.1 s and 6 ms. IndexedDB's cost is per record
 * more than per byte. Text, not objects: reading one customer then deserialises a bucket's
 * strings (a copy) and parses only the one it needs.
 */
export interface FigureBucketRow {
  bucket: number;
  /** Customer id → JSON of their CustomerAnalyticsRow. */
  figures: Record<string, string>;
}

/** Customers per bucket a full run aims at. */
export const FIGURES_PER_BUCKET = 100;

export const bucketCountFor = (customers: number): number =>
  Math.max(1, Math.ceil(customers / FIGURES_PER_BUCKET));

/**
 * A customer's bucket: FNV-1a of the id. A hash, not an order: ids of one import are
 * alike, and customers added after a run must spread over its buckets, not pile into the last.
 */
export function bucketOf(customerId: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < customerId.length; i++) {
    h ^= customerId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % buckets;
}
