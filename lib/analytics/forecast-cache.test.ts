import { describe, expect, it } from 'vitest';
import { customerLifetimeValue } from './clv';
import { modelOf, timingOf } from './forecast-cache';
import { bgNbdModel } from './transaction-model';

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

  it('keeps one answer per point and per fit, and a different horizon is a different point', () => {
    expect(timingOf(fit, query)).toBe(timingOf(fit, { ...query }));
    expect(modelOf(fit)).toBe(modelOf(fit));
    const otherFit = { ...fit, params: { ...fit.params, r: 0.5 } };
    expect(timingOf(otherFit, query).purchases).not.toBeCloseTo(timingOf(fit, query).purchases, 3);
    const longer = timingOf(fit, { ...query, periods: 24 });
    expect(longer.discounted).toBeGreaterThan(timingOf(fit, query).discounted);
  });
});
