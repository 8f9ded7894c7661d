import { describe, expect, it } from 'vitest';
import { customerLifetimeValue } from './clv';
import { modelOf, timingOf } from './forecast-cache';
import { bgNbdModel, mbgNbdModel, paretoNbdModel } from './transaction-model';

// The published BG/NBD fit on the CDNOW sample (Fader, Hardie & Lee 2005).
const fit = {
  name: 'bg-nbd' as const,
  params: { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 },
  logLikelihood: -9582.43,
};
const query = { x: 2, t_x: 30.43, T: 38.86, window: 90 / 7, periods: 12, annualDiscountRate: 0.1 };

describe('forecast cache', () => {
  it('gives what the model gives: purchases, P(alive) and CLV per unit of value', () => {
    const model = bgNbdModel(fit.params);
    const timing = timingOf(fit, query);
    expect(timing.purchases).toBeCloseTo(model.expectedPurchases(90 / 7, 2, 30.43, 38.86), 12);
    expect(timing.pAlive).toBeCloseTo(model.probabilityAlive(2, 30.43, 38.86), 12);
    const clv = customerLifetimeValue(model, { x: query.x, t_x: query.t_x, T: query.T }, 50, {
      annualDiscountRate: 0.1,
      periods: 12,
      margin: 0.3,
    }).value;
    expect(timing.discounted * 50 * 0.3).toBeCloseTo(clv, 9);
  });

  it('shares the costly part between customers who differ only in their last purchase', () => {
    const recent = timingOf(fit, query);
    const lapsed = timingOf(fit, { ...query, t_x: 5 });
    expect(lapsed.pAlive).toBeLessThan(recent.pAlive);
    // Per unit of P(alive), both customers expect the same: the (x, T) part is one.
    expect(lapsed.discounted / lapsed.pAlive).toBeCloseTo(recent.discounted / recent.pAlive, 12);
    expect(lapsed.purchases / lapsed.pAlive).toBeCloseTo(recent.purchases / recent.pAlive, 12);
    expect(timingOf(fit, { ...query })).toEqual(recent);
    expect(modelOf(fit)).toBe(modelOf(fit));
  });

  it('answers per fit and per horizon, never from another', () => {
    const otherFit = { ...fit, params: { ...fit.params, r: 0.5 } };
    expect(timingOf(otherFit, query).purchases).not.toBeCloseTo(timingOf(fit, query).purchases, 3);
    const longer = timingOf(fit, { ...query, periods: 24 });
    expect(longer.discounted).toBeGreaterThan(timingOf(fit, query).discounted);
    const wider = timingOf(fit, { ...query, window: 2 * query.window });
    expect(wider.purchases).toBeGreaterThan(timingOf(fit, query).purchases);
    const dearer = timingOf(fit, { ...query, annualDiscountRate: 0.5 });
    expect(dearer.discounted).toBeLessThan(timingOf(fit, query).discounted);
  });
});

// The split the cache rests on: in every model, expected purchases = P(alive) × purchases if
// alive, the latter without t_x. Parameters of the order of each model's fit on CDNOW.
describe.each([
  ['BG/NBD', bgNbdModel({ r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 })],
  ['Pareto/NBD', paretoNbdModel({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 })],
  ['MBG/NBD', mbgNbdModel({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 })],
])('%s', (_name, model) => {
  it('expected purchases are P(alive) times purchases if alive, for any last purchase', () => {
    for (const [x, t_x, T] of [
      [0, 0, 30],
      [2, 30.43, 38.86],
      [2, 3, 38.86],
      [14, 71, 72],
      [40, 10, 70],
    ] as const) {
      for (const t of [1, 13, 52]) {
        const whole = model.expectedPurchases(t, x, t_x, T);
        const split = model.purchasesIfAlive(t, x, T) * model.probabilityAlive(x, t_x, T);
        expect(split).toBeCloseTo(whole, 12);
        expect(whole).toBeGreaterThanOrEqual(0);
      }
      expect(model.purchasesIfAlive(0, x, T)).toBe(0);
    }
  });
});
