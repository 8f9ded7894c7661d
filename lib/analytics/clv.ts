/**
 * Customer lifetime value as discounted expected margin: for each future period, expected
 * purchases in that period (from a fitted purchase-count model) × expected value per purchase
 * (Gamma-Gamma) × margin, discounted to today at the end of the period.
 */
import { DAYS_PER_YEAR, periodDiscountRate } from './discount';
import type { RfmPoint } from './summary';
import type { TransactionModel } from './transaction-model';

export interface ClvOptions {
  /** Annual discount rate, e.g. 0.1 for 10 %; converted to the period length below. */
  annualDiscountRate: number;
  /** Number of periods to sum over; 12 by default. */
  periods?: number;
  /**
   * Length of one period in the data's time unit; one month (365.25 / 12 days) by default,
   * i.e. 4.348 when the data are in weeks.
   */
  periodLength?: number;
  /** Days per time unit of the summaries (7 = weeks, the default; 1 = days). */
  unitDays?: number;
  /**
   * Time units per year; 365.25 / unitDays by default. lifetimes' convention is 12 × 4.345 =
   * 52.14 weeks, which reproduces its monthly rate exactly.
   */
  unitsPerYear?: number;
  /** Share of each purchase's value that is profit; 1 (revenue CLV) by default. */
  margin?: number;
}

export interface ClvBreakdown {
  value: number;
  /** Expected purchases in each period (undiscounted). */
  purchasesPerPeriod: number[];
  /** Per-period discount rate actually applied. */
  periodRate: number;
}

interface ResolvedOptions {
  periods: number;
  periodLength: number;
  periodRate: number;
  margin: number;
}

function resolve(options: ClvOptions): ResolvedOptions {
  const unitDays = options.unitDays ?? 7;
  if (!(unitDays > 0)) throw new RangeError(`unitDays must be positive, got ${unitDays}`);
  const unitsPerYear = options.unitsPerYear ?? DAYS_PER_YEAR / unitDays;
  const periodLength = options.periodLength ?? DAYS_PER_YEAR / 12 / unitDays;
  const periods = options.periods ?? 12;
  // A bound on the loop: 10 000 periods is 190 years of weeks, far past any horizon in use.
  if (!Number.isInteger(periods) || periods < 0 || periods > 10_000) {
    throw new RangeError(`periods must be an integer in 0..10000, got ${periods}`);
  }
  const margin = options.margin ?? 1;
  if (!Number.isFinite(margin)) throw new RangeError(`margin must be finite, got ${margin}`);
  return {
    periods,
    periodLength,
    periodRate: periodDiscountRate(options.annualDiscountRate, periodLength, unitsPerYear),
    margin,
  };
}

/** The horizon of a CLV: how many periods, how long each is, and the rate per period. */
export type ClvHorizon = Pick<ResolvedOptions, 'periods' | 'periodLength' | 'periodRate'>;

export function clvHorizon(options: ClvOptions): ClvHorizon {
  const { periods, periodLength, periodRate } = resolve(options);
  return { periods, periodLength, periodRate };
}

/**
 * Σ over periods of the purchases expected in the period, given the customer is alive at T,
 * discounted to today: CLV per unit of value before the P(alive) factor. The models give
 * cumulative counts; a period's own count is the difference. It depends on (x, T) only, so a
 * caller scoring a whole base computes it once for every customer sharing x and T, whatever
 * their last purchase; `perPeriod`, when given, receives each period's count.
 */
export function discountedIfAlive(
  model: TransactionModel,
  x: number,
  T: number,
  horizon: ClvHorizon,
  perPeriod?: number[],
): number {
  const { periods, periodLength, periodRate } = horizon;
  let discounted = 0;
  let cumulativeBefore = 0;
  for (let i = 1; i <= periods; i++) {
    const cumulative = model.purchasesIfAlive(i * periodLength, x, T);
    const inPeriod = Math.max(0, cumulative - cumulativeBefore);
    cumulativeBefore = cumulative;
    perPeriod?.push(inPeriod);
    discounted += inPeriod / (1 + periodRate) ** i;
  }
  return discounted;
}

/**
 * Expected purchases per period and their sum discounted to today, per unit of value: the
 * part of CLV that depends only on the customer's (x, t_x, T). Expected purchases are P(alive)
 * × purchases if alive in every model, and P(alive) ≥ 0, so the factor comes out of the sum.
 */
export function discountedPurchases(
  model: TransactionModel,
  customer: Pick<RfmPoint, 'x' | 't_x' | 'T'>,
  options: ClvOptions,
): { discounted: number; purchasesPerPeriod: number[]; periodRate: number } {
  const horizon = clvHorizon(options);
  const { x, t_x, T } = customer;
  const alive = model.probabilityAlive(x, t_x, T);
  const ifAlive: number[] = [];
  const discounted = alive * discountedIfAlive(model, x, T, horizon, ifAlive);
  return {
    discounted,
    purchasesPerPeriod: ifAlive.map((n) => alive * n),
    periodRate: horizon.periodRate,
  };
}

/**
 * CLV of one customer. `valuePerPurchase` is the expected value of a future purchase, normally
 * Gamma-Gamma's expectedAverageValue(params, x, monetary).
 */
export function customerLifetimeValue(
  model: TransactionModel,
  customer: RfmPoint,
  valuePerPurchase: number,
  options: ClvOptions,
): ClvBreakdown {
  const { margin } = resolve(options);
  if (!Number.isFinite(valuePerPurchase)) {
    throw new RangeError(`valuePerPurchase must be finite, got ${valuePerPurchase}`);
  }
  const { discounted, purchasesPerPeriod, periodRate } = discountedPurchases(
    model,
    customer,
    options,
  );
  const value = discounted * valuePerPurchase * margin;
  if (!Number.isFinite(value)) {
    const { x, t_x, T } = customer;
    throw new RangeError(`CLV is not finite for x=${x}, t_x=${t_x}, T=${T}`);
  }
  return { value, purchasesPerPeriod, periodRate };
}
