/**
 * The timing half of a customer's forecast (expected purchases in 90 days, P(alive), expected
 * purchases over the CLV horizon discounted to today) depends only on the fitted model and the
 * customer's (x, t_x, T). Many customers share those: every one-time buyer of one week, every
 * regular with the same days. Scoring a base computes each distinct point once; the value per
 * purchase, which is the customer's own, multiplies in afterwards.
 */
import { discountedPurchases } from './clv';
import { transactionModelOf, type PopulationModel } from './population';
import type { TransactionModel } from './transaction-model';

type FittedTransaction = NonNullable<PopulationModel['transaction']>;

export interface Timing {
  purchases: number;
  pAlive: number;
  /** Σ expected purchases per period ÷ (1 + rate)^period: CLV per unit of margin. */
  discounted: number;
}

export interface TimingQuery {
  x: number;
  t_x: number;
  T: number;
  /** Forecast window for `purchases`, in the data's time unit. */
  window: number;
  periods: number;
  annualDiscountRate: number;
}

/** Past this many points a cache starts over: bounded memory whatever the base looks like. */
const MAX_POINTS = 200_000;

const models = new WeakMap<FittedTransaction, TransactionModel>();
const timings = new WeakMap<FittedTransaction, Map<string, Timing>>();

/** The model of a fit, built once per fit (a fit object is never mutated). */
export function modelOf(fit: FittedTransaction): TransactionModel {
  let model = models.get(fit);
  if (!model) models.set(fit, (model = transactionModelOf(fit)));
  return model;
}

export function timingOf(fit: FittedTransaction, q: TimingQuery): Timing {
  let cache = timings.get(fit);
  if (!cache || cache.size >= MAX_POINTS) timings.set(fit, (cache = new Map()));
  const key = `${q.x}|${q.t_x}|${q.T}|${q.window}|${q.periods}|${q.annualDiscountRate}`;
  let timing = cache.get(key);
  if (!timing) {
    const model = modelOf(fit);
    timing = {
      purchases: model.expectedPurchases(q.window, q.x, q.t_x, q.T),
      pAlive: model.probabilityAlive(q.x, q.t_x, q.T),
      discounted: discountedPurchases(model, q, {
        annualDiscountRate: q.annualDiscountRate,
        periods: q.periods,
      }).discounted,
    };
    cache.set(key, timing);
  }
  return timing;
}
