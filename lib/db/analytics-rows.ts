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
