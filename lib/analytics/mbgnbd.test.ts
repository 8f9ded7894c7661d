import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSummaryCsv } from './cdnow';
import {
  expectedNewCustomer,
  expectedPurchases,
  fitMbgNbd,
  mbgNbdLogLikelihood,
  mbgNbdLogLikelihoodOne,
  probabilityAlive,
  type MbgNbdParams,
} from './mbgnbd';
import { mulberry32, sampleBeta, sampleGamma } from './test-random';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/datasets/${name}`, import.meta.url), 'utf8');
const reference = JSON.parse(fixture('clv-reference.json')).mbgnbd_cdnow;
const published: MbgNbdParams = {
  r: reference.r,
  alpha: reference.alpha,
  a: reference.a,
  b: reference.b,
};
const summaries = parseSummaryCsv(fixture('cdnow_customers_summary.csv'));

describe('MBG/NBD on CDNOW (cdnow_customers_summary.csv)', () => {
  const fit = fitMbgNbd(summaries);
  if (!fit.ok) throw new Error(fit.message);

  it(`matches the published parameters to ${reference.decimal} decimals`, () => {
    expect(fit.converged).toBe(true);
    expect(fit.atBoundary).toBe(false);
    // numpy's assert_almost_equal(decimal=3): |got - want| < 1.5e-3.
    const tol = 1.5 * 10 ** -reference.decimal;
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.params[key] - published[key])).toBeLessThan(tol);
    }
  });

  it('reaches LL −9582.13 and beats the rounded published parameters', () => {
    expect(Math.abs(fit.logLikelihood - reference.LL_computed)).toBeLessThan(0.01);
    const atPublished = mbgNbdLogLikelihood(published, summaries);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(atPublished);
    expect(fit.logLikelihood - atPublished).toBeLessThan(0.01);
  });
});

describe('MBG/NBD closed forms', () => {
  it('P(alive) < 1 for a customer who never repeated (the time-zero dropout)', () => {
    const p0 = probabilityAlive(published, 0, 0, 38.86);
    // 1 / (1 + a/b · ((α+T)/α)^r)
    const want =
      1 /
      (1 +
        (published.a / published.b) * ((published.alpha + 38.86) / published.alpha) ** published.r);
    expect(p0).toBeCloseTo(want, 12);
    expect(p0).toBeLessThan(1);
    // Recent, frequent buyers are more likely alive than lapsed ones.
    expect(probabilityAlive(published, 10, 38, 39)).toBeGreaterThan(
      probabilityAlive(published, 10, 10, 39),
    );
  });

  it('a customer with T → 0 and no repeats is a new customer', () => {
    for (const t of [1, 10, 52]) {
      expect(expectedPurchases(published, t, 0, 0, 1e-12)).toBeCloseTo(
        expectedNewCustomer(published, t),
        9,
      );
    }
  });

  it('the purchase rate at t → 0 is (r+x)/(α+T) · P(alive)', () => {
    const [x, tx, T] = [3, 20, 39];
    const h = 1e-6;
    const slope = expectedPurchases(published, h, x, tx, T) / h;
    const want =
      ((published.r + x) / (published.alpha + T)) * probabilityAlive(published, x, tx, T);
    expect(Math.abs(slope - want) / want).toBeLessThan(1e-4);
  });

  it('agrees with a simulation of the MBG/NBD story (40 000 customers)', () => {
    const rand = mulberry32(20070101);
    const horizon = 39;
    const n = 40_000;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const lambda = sampleGamma(rand, published.r) / published.alpha;
      const p = sampleBeta(rand, published.a, published.b);
      if (rand() < p) continue; // dropped at time zero
      let clock = 0;
      for (;;) {
        clock += -Math.log(1 - rand()) / lambda;
        if (clock > horizon) break;
        total++;
        if (rand() < p) break;
      }
    }
    const simulated = total / n;
    expect(Math.abs(simulated - expectedNewCustomer(published, horizon)) / simulated).toBeLessThan(
      0.03,
    );
  });

  it('is continuous through a = 1', () => {
    const at = (a: number) => expectedPurchases({ ...published, a }, 52, 3, 20, 39);
    expect(Number.isFinite(at(1))).toBe(true);
    expect(Math.abs(at(1) - (at(0.999) + at(1.001)) / 2)).toBeLessThan(1e-6);
  });

  it('single-customer likelihood equals the hand-written formula', () => {
    const { r, alpha, a, b } = published;
    const [x, tx, T] = [2, 30.43, 38.86];
    const g = (v: number) => Math.log(gammaFn(v));
    const want =
      g(r + x) -
      g(r) +
      r * Math.log(alpha) +
      g(a + b) +
      g(b + x + 1) -
      g(b) -
      g(a + b + x + 1) +
      Math.log((alpha + T) ** -(r + x) + (a / (b + x)) * (alpha + tx) ** -(r + x));
    expect(mbgNbdLogLikelihoodOne(published, x, tx, T)).toBeCloseTo(want, 8);
  });
});

describe('MBG/NBD on degenerate data', () => {
  it('fails with a reason instead of NaN', () => {
    expect(fitMbgNbd([])).toMatchObject({ ok: false, reason: 'no-customers' });
    expect(fitMbgNbd([{ x: 1, t_x: 1, T: 2 }])).toMatchObject({
      ok: false,
      reason: 'too-few-customers',
    });
    const none = Array.from({ length: 20 }, (_, i) => ({ x: 0, t_x: 0, T: 5 + i }));
    expect(fitMbgNbd(none)).toMatchObject({ ok: false, reason: 'no-repeat-buyers' });
  });

  it('a million purchases stays finite', () => {
    // Bought just now: alive, and the rate (r+x)/(α+T) carries on for the next 52 weeks.
    const busy = expectedPurchases(published, 52, 1_000_000, 39, 39);
    expect(Math.abs(busy / ((1_000_000 * 52) / (published.alpha + 39)) - 1)).toBeLessThan(0.5);
    expect(probabilityAlive(published, 1_000_000, 39, 39)).toBeGreaterThan(0.99);
    // A million purchases then a week of silence: certainly gone, exactly 0 rather than NaN.
    expect(probabilityAlive(published, 1_000_000, 38, 39)).toBe(0);
    expect(expectedPurchases(published, 52, 1_000_000, 38, 39)).toBe(0);
    expect(Number.isFinite(mbgNbdLogLikelihoodOne(published, 1_000_000, 38, 39))).toBe(true);
  });
});

/** Γ(v) by Lanczos (g = 7), independent of special.ts so the check is not circular. */
function gammaFn(v: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (v < 0.5) return Math.PI / (Math.sin(Math.PI * v) * gammaFn(1 - v));
  const z = v - 1;
  let s = c[0]!;
  for (let i = 1; i < 9; i++) s += c[i]! / (z + i);
  const t = z + 7.5;
  return Math.sqrt(2 * Math.PI) * t ** (z + 0.5) * Math.exp(-t) * s;
}
