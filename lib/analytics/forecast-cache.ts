/**
 * The timing half of a customer's forecast (expected purchases in 90 days, P(alive), expected
 * purchases over the CLV horizon discounted to today) depends only on the fitted model and the
 * customer's (x, t_x, T). In every model, expected purchases are P(alive | x, t_x, T) × the
 * purchases expected if alive, which depend on (x, T) alone; the latter is the costly part (a
 * hypergeometric function per period of the horizon) and is shared by every customer with the
 * same number of repeat purchases and the same first purchase day. Scoring a base computes it
 * once per (x, T); P(alive) is one closed-form term per customer; the value per purchase, the
 * customer's own, multiplies in afterwards.
 */
import { clvHorizon, discountedIfAlive, type ClvHorizon } from './clv';
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

/** What a customer alive at T with x repeat purchases is expected to buy. */
interface IfAlive {
  /** In the forecast window. */
  purchases: number;
  /** Over the CLV horizon, discounted. */
  discounted: number;
}

/** Past this many (x, T) points a cache starts over: bounded memory whatever the base. */
const MAX_POINTS = 200_000;

/** One fit's answers for one forecast window and CLV horizon. */
class Forecasts {
  private readonly byX = new Map<number, Map<number, IfAlive>>();
  private points = 0;
  private readonly horizon: ClvHorizon;

  constructor(
    readonly model: TransactionModel,
    readonly window: number,
    readonly periods: number,
    readonly annualDiscountRate: number,
  ) {
    this.horizon = clvHorizon({ annualDiscountRate, periods });
  }

  answers(q: TimingQuery): boolean {
    return (
      q.window === this.window &&
      q.periods === this.periods &&
      q.annualDiscountRate === this.annualDiscountRate
    );
  }

  timing(x: number, t_x: number, T: number): Timing {
    const pAlive = this.model.probabilityAlive(x, t_x, T);
    const ifAlive = this.ifAlive(x, T);
    return {
      purchases: pAlive * ifAlive.purchases,
      pAlive,
      discounted: pAlive * ifAlive.discounted,
    };
  }

  private ifAlive(x: number, T: number): IfAlive {
    if (this.points >= MAX_POINTS) {
      this.byX.clear();
      this.points = 0;
    }
    let byT = this.byX.get(x);
    if (!byT) this.byX.set(x, (byT = new Map()));
    let point = byT.get(T);
    if (!point) {
      point = {
        purchases: this.model.purchasesIfAlive(this.window, x, T),
        discounted: discountedIfAlive(this.model, x, T, this.horizon),
      };
      byT.set(T, point);
      this.points++;
    }
    return point;
  }
}

const models = new WeakMap<FittedTransaction, TransactionModel>();
/** The latest window and horizon asked of each fit: one run asks one of each. */
const forecasts = new WeakMap<FittedTransaction, Forecasts>();

/** The model of a fit, built once per fit (a fit object is never mutated). */
export function modelOf(fit: FittedTransaction): TransactionModel {
  let model = models.get(fit);
  if (!model) models.set(fit, (model = transactionModelOf(fit)));
  return model;
}

export function timingOf(fit: FittedTransaction, q: TimingQuery): Timing {
  let cache = forecasts.get(fit);
  if (!cache || !cache.answers(q)) {
    cache = new Forecasts(modelOf(fit), q.window, q.periods, q.annualDiscountRate);
    forecasts.set(fit, cache);
  }
  return cache.timing(q.x, q.t_x, q.T);
}
