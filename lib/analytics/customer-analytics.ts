/**
 * The whole analytics run: histories → population model → ranks → one CustomerAnalytics per
 * customer. Written as a generator that yields between slices of work, so the CLI can drain
 * it in one go and the extension's background can spread it over many short tasks and keep
 * answering the sidebar meanwhile.
 */
import type { AnalyticsSummary, CustomerAnalytics } from '../model/views';
import {
  buildHistoriesSteps,
  utcDay,
  type AnalyticsInteraction,
  type AnalyticsOrder,
  type CustomerHistory,
} from './customer-history';
import type { ModelSelection } from './model-select';
import {
  fitPopulationSteps,
  UNIT_DAYS,
  type ModelChoice,
  type PopulationModel,
} from './population';
import { buildRanksByCurrency, type RanksByCurrency } from './ranks';
import { scoreCustomer, type ScoreSettings } from './score-customer';
import { runToEnd } from './run-to-end';

export type AnalyticsSettings = ScoreSettings;

export interface AnalyzeOptions {
  /** The analysis date (the calibration end when a holdout is asked for). */
  asOf: number;
  model?: ModelChoice;
  /** Orders after `asOf` up to here are a holdout period for model choice and checking. */
  holdoutEnd?: number;
}

export interface AnalyticsData {
  orders: Iterable<AnalyticsOrder>;
  interactions?: Iterable<AnalyticsInteraction>;
  /** Customers to score even without orders or interactions. */
  customerIds?: Iterable<string>;
}

export interface AnalyticsRun {
  summary: AnalyticsSummary;
  population: PopulationModel;
  ranks: RanksByCurrency;
  customers: CustomerAnalytics[];
  selection: ModelSelection | null;
  /** Order rows that could not be used (no customer, date or amount). */
  skippedOrders: number;
  /** Orders dated after the analysis date (outside any holdout). */
  futureOrders: number;
  otherCurrencyOrders: number;
  histories: Map<string, CustomerHistory>;
}

/** How many customers are scored between two yields. */
const SCORE_SLICE = 500;

export function* analyzeSteps(
  data: AnalyticsData,
  settings: AnalyticsSettings,
  options: AnalyzeOptions,
  now: () => number = Date.now,
): Generator<void, AnalyticsRun, void> {
  const started = now();
  const asOfDay = utcDay(options.asOf);
  const { histories, skipped } = yield* buildHistoriesSteps(data, {
    asOf: options.asOf,
    currency: settings.currency,
    grossMargin: settings.grossMargin,
    ...(options.holdoutEnd !== undefined ? { holdoutEnd: options.holdoutEnd } : {}),
  });
  yield;
  const holdoutWeeks =
    options.holdoutEnd !== undefined
      ? Math.max(0, (utcDay(options.holdoutEnd) - asOfDay) / UNIT_DAYS)
      : 0;
  const fit = yield* fitPopulationSteps(histories.values(), {
    model: options.model ?? 'auto',
    asOfDay,
    holdoutWeeks,
  });
  yield;
  const ranks = buildRanksByCurrency(histories.values(), asOfDay, settings.abcThresholds);
  yield;
  const customers: CustomerAnalytics[] = [];
  let futureOrders = 0;
  let otherCurrencyOrders = 0;
  for (const h of histories.values()) {
    customers.push(scoreCustomer(h, fit.population, ranks, settings, options.asOf));
    futureOrders += h.futureOrders;
    otherCurrencyOrders += h.otherCurrencyOrders;
    if (customers.length % SCORE_SLICE === 0) yield;
  }
  const { population } = fit;
  const segments: AnalyticsSummary['segments'] = {};
  const abc: AnalyticsSummary['abc'] = { A: 0, B: 0, C: 0 };
  const predictedClv: Record<string, number> = {};
  for (const c of customers) {
    if (c.rfm) segments[c.rfm.segment] = (segments[c.rfm.segment] ?? 0) + 1;
    abc[c.abc.class]++;
    if (c.forecast.clv !== null) {
      predictedClv[c.currency] = (predictedClv[c.currency] ?? 0) + c.forecast.clv;
    }
  }
  const summary: AnalyticsSummary = {
    segments,
    abc,
    predictedClv: Object.fromEntries(
      Object.entries(predictedClv).map(([k, v]) => [k, Math.round(v * 100) / 100]),
    ),
    currency: settings.currency,
    computedAt: options.asOf,
    customers: customers.length,
    method:
      population.transaction?.name ?? (population.method === 'retention' ? 'retention' : 'none'),
    methodReason: population.reason,
    ...(population.transaction
      ? {
          params: population.transaction.params,
          logLikelihood: population.transaction.logLikelihood,
        }
      : {}),
    durationMs: now() - started,
  };
  return {
    summary,
    population,
    ranks,
    customers,
    selection: fit.selection,
    skippedOrders: skipped,
    futureOrders,
    otherCurrencyOrders,
    histories,
  };
}

/** The run in one go (CLI, tests). */
export function analyzeCustomers(
  data: AnalyticsData,
  settings: AnalyticsSettings,
  options: AnalyzeOptions,
): AnalyticsRun {
  return runToEnd(analyzeSteps(data, settings, options));
}

/**
 * The run spread over tasks: after each slice longer than `sliceMs`, wait for `pause()` (a
 * macrotask) so that messages queued meanwhile are answered first.
 */
export async function analyzeCustomersAsync(
  data: AnalyticsData,
  settings: AnalyticsSettings,
  options: AnalyzeOptions,
  pause: () => Promise<void>,
  sliceMs = 8,
): Promise<AnalyticsRun> {
  const steps = analyzeSteps(data, settings, options);
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await pause();
      sliceStart = performance.now();
    }
  }
}
