/**
 * The population-level half of the analytics: which method the data supports, the fitted
 * purchase-count and spend models, or the retention rate for the fallback. Everything here is
 * plain data (parameters, not closures), so the background can keep it and score one changed
 * customer later without refitting.
 */
import { chooseMethod } from './clv-method';
import type { CustomerHistory } from './customer-history';
import { solveFitSteps, type FitResult } from './fit-result';
import * as gammaGamma from './gamma-gamma';
import { selectModelSteps, type ModelSelection } from './model-select';
import type { CustomerSummary } from './summary';
import {
  bgNbdModel,
  mbgNbdModel,
  paretoNbdModel,
  type TransactionModel,
  type TransactionModelName,
} from './transaction-model';
import { runToEnd } from './run-to-end';

export type ModelChoice = 'auto' | TransactionModelName;

/** Weeks, the unit of the published CDNOW figures; time unit conversions live in clv.ts. */
export const UNIT_DAYS = 7;

export interface PopulationModel {
  method: 'model' | 'retention' | 'none';
  reason: string;
  transaction?: {
    name: TransactionModelName;
    params: Record<string, number>;
    logLikelihood: number;
  };
  /**
   * Gamma-Gamma per currency, where it could be fitted; elsewhere spend is each customer's own
   * mean. Purchase timing is the same whatever the currency, so one transaction model serves
   * every customer, but amounts in different currencies are never mixed in one spend model.
   */
  spend: Record<string, { params: gammaGamma.GammaGammaParams; logLikelihood: number }>;
  /** Mean value of a purchase day per currency: the fallback expected order value. */
  meanPurchaseValue: Record<string, number>;
  /** Annual retention rate for the retention formula, and how it was measured. */
  retention: { rate: number; basis: string };
}

export interface PopulationFit {
  population: PopulationModel;
  /** The candidate fits (with holdout figures when a holdout was given); null without a fit. */
  selection: ModelSelection | null;
}

/** The model's sufficient statistics at `asOfDay`, in weeks; null for a customer who never bought. */
export function summaryOf(h: CustomerHistory, asOfDay: number): CustomerSummary | null {
  const days = h.purchaseDays;
  if (days.length === 0) return null;
  const first = days[0]!;
  const x = days.length - 1;
  let repeatTotal = 0;
  for (let i = 1; i < h.dayValues.length; i++) repeatTotal += h.dayValues[i]!;
  return {
    customerId: h.customerId,
    x,
    t_x: (days[x]! - first) / UNIT_DAYS,
    T: (asOfDay - first) / UNIT_DAYS,
    monetary: x > 0 ? repeatTotal / x : 0,
    holdoutX: h.holdoutDays,
  };
}

export function transactionModelOf(
  t: NonNullable<PopulationModel['transaction']>,
): TransactionModel {
  const p = t.params as never;
  return t.name === 'bg-nbd'
    ? bgNbdModel(p)
    : t.name === 'pareto-nbd'
      ? paretoNbdModel(p)
      : mbgNbdModel(p);
}

export interface FitPopulationOptions {
  model: ModelChoice;
  asOfDay: number;
  /** Holdout length in weeks for model choice and the holdout check; 0 for none. */
  holdoutWeeks: number;
}

export function fitPopulation(
  histories: Iterable<CustomerHistory>,
  options: FitPopulationOptions,
): PopulationFit {
  return runToEnd(fitPopulationSteps(histories, options));
}

/** Customers summarised between two yields. */
const CUSTOMERS_PER_SLICE = 20_000;

/** fitPopulation, yielding between slices of customers and likelihood evaluations. */
export function* fitPopulationSteps(
  histories: Iterable<CustomerHistory>,
  options: FitPopulationOptions,
): Generator<void, PopulationFit, void> {
  const summaries: CustomerSummary[] = [];
  const values = new Map<string, { sum: number; days: number }>();
  const currencyOf = new Map<string, string>();
  let valueDays = 0;
  const all: CustomerHistory[] = [];
  for (const h of histories) {
    all.push(h);
    if (h.dayValues.length > 0) {
      const v = values.get(h.currency) ?? { sum: 0, days: 0 };
      for (const value of h.dayValues) v.sum += value;
      v.days += h.dayValues.length;
      values.set(h.currency, v);
      valueDays += h.dayValues.length;
    }
    currencyOf.set(h.customerId, h.currency);
    const s = summaryOf(h, options.asOfDay);
    // A customer whose first purchase is today has no observed time: no information yet.
    if (s && s.T > 0) summaries.push(s);
    if (all.length % CUSTOMERS_PER_SLICE === 0) yield;
  }
  // A canonical order: the likelihood is a floating-point sum over customers, and on a flat
  // likelihood the optimiser's stopping point moves with its last bits, so the same data in
  // another row order would otherwise give (slightly) different parameters and forecasts.
  summaries.sort((u, v) =>
    u.customerId < v.customerId ? -1 : u.customerId > v.customerId ? 1 : 0,
  );
  const meanPurchaseValue: Record<string, number> = {};
  for (const [currency, v] of values) meanPurchaseValue[currency] = v.sum / v.days;
  const retention = measureRetention(all, options.asOfDay);
  const base = { meanPurchaseValue, retention, spend: {} };
  if (valueDays === 0) {
    return {
      population: { ...base, method: 'none', reason: 'no purchases in the data' },
      selection: null,
    };
  }

  if (summaries.length === 0) {
    // Buyers exist, but every one of them first bought today ("no customers" would be wrong).
    const reason =
      'every buyer first bought on the analysis day, nothing observed yet: retention formula';
    return { population: { ...base, method: 'retention', reason }, selection: null };
  }
  const choice = chooseMethod(summaries);
  if (choice.method === 'retention') {
    return { population: { ...base, method: 'retention', reason: choice.reason }, selection: null };
  }
  yield;
  const selected = yield* selectModelSteps(summaries, {
    holdoutLength: options.holdoutWeeks,
    ...(options.model === 'auto' ? {} : { models: [options.model] }),
  });
  if (!selected.ok) {
    const reason = `no purchase model could be fitted (${selected.message}): retention formula`;
    return { population: { ...base, method: 'retention', reason }, selection: null };
  }
  const chosen = selected.chosen;
  const spend = yield* fitSpendByCurrency(summaries, currencyOf);
  const fitted = Object.keys(spend).sort();
  const reason =
    (options.model === 'auto' ? selected.reason : `${chosen.name}: as asked`) +
    (fitted.length > 0
      ? `; spend by Gamma-Gamma (${fitted.join(', ')})`
      : '; spend: each customer’s own average');
  return {
    population: {
      ...base,
      method: 'model',
      reason,
      transaction: {
        name: chosen.name,
        params: { ...(chosen.params as Record<string, number>) },
        logLikelihood: chosen.logLikelihood,
      },
      spend,
    },
    selection: selected,
  };
}

/** One Gamma-Gamma per currency; a currency whose fit fails or degenerates has none. */
function* fitSpendByCurrency(
  summaries: readonly CustomerSummary[],
  currencyOf: ReadonlyMap<string, string>,
): Generator<void, PopulationModel['spend'], void> {
  const groups = new Map<string, CustomerSummary[]>();
  for (const s of summaries) {
    const currency = currencyOf.get(s.customerId)!;
    const group = groups.get(currency) ?? [];
    group.push(s);
    groups.set(currency, group);
  }
  const spend: PopulationModel['spend'] = {};
  for (const [currency, group] of groups) {
    const fit: FitResult<gammaGamma.GammaGammaParams> = yield* solveFitSteps(
      gammaGamma.gammaGammaFitProblem(group),
    );
    if (fit.ok && !fit.atBoundary && fit.params.q > 1) {
      spend[currency] = { params: fit.params, logLikelihood: fit.logLikelihood };
    }
  }
  return spend;
}

const YEAR_DAYS = 365;
const MIN_RETENTION_BASE = 5;
/** r = 1 with no discounting is an infinite value; a customer base never retains everyone. */
const MAX_RETENTION = 0.99;

/**
 * Annual retention: of the customers who bought in the year before last, the share who bought
 * again in the last year. With fewer than five such customers there is nothing to measure, and
 * the share of buyers who ever came back stands in for it (said so in the basis).
 */
export function measureRetention(
  histories: readonly CustomerHistory[],
  asOfDay: number,
): PopulationModel['retention'] {
  let base = 0;
  let retained = 0;
  let buyers = 0;
  let repeaters = 0;
  for (const h of histories) {
    const days = h.purchaseDays;
    if (days.length === 0) continue;
    buyers++;
    if (days.length > 1) repeaters++;
    const boughtYearBefore = days.some(
      (d) => d <= asOfDay - YEAR_DAYS && d > asOfDay - 2 * YEAR_DAYS,
    );
    if (!boughtYearBefore) continue;
    base++;
    if (days[days.length - 1]! > asOfDay - YEAR_DAYS) retained++;
  }
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  if (base >= MIN_RETENTION_BASE) {
    const rate = Math.min(MAX_RETENTION, retained / base);
    return { rate, basis: `${retained} of ${base} last year's buyers bought again (${pct(rate)})` };
  }
  const rate = buyers > 0 ? Math.min(MAX_RETENTION, repeaters / buyers) : 0;
  return {
    rate,
    basis: `under ${MIN_RETENTION_BASE} buyers a year back to measure on; repeat-buyer share ${pct(rate)} used`,
  };
}
