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
 * write. A sidebar's read never waits behind the run's writes (a read-only transaction on a
 * store waits for every read-write one on it), and never sees half old, half new figures.
 */
export const FIGURE_STORES = ['analytics', 'analyticsAlt'] as const;
export type FigureStore = (typeof FIGURE_STORES)[number];

/** Which store holds the current figures; none yet: `analytics`. */
export interface FiguresPointerRow {
  key: 'figures';
  store: FigureStore;
}
