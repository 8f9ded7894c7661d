import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSummaryCsv } from './cdnow';
import {
  expectedAverageValue,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  populationMeanValue,
} from './gamma-gamma';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/datasets/${name}`, import.meta.url), 'utf8');
const reference = JSON.parse(fixture('clv-reference.json')).gammagamma_cdnow;
const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

const rows = parseSummaryCsv(fixture('cdnow_customers_summary_with_transactions.csv'));
const customers = rows.map((r) => ({ x: r.x, monetary: r.monetary ?? 0 }));

describe('Gamma-Gamma on CDNOW', () => {
  const fit = fitGammaGamma(customers);
  if (!fit.ok) throw new Error(fit.message);

  it('fits p, q, γ of the published MLE (946 repeat buyers)', () => {
    expect(customers.filter((c) => c.x > 0)).toHaveLength(946);
    const mle = reference.params_mle_computed;
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.params.p - mle.p)).toBeLessThan(1e-4);
    expect(Math.abs(fit.params.q - mle.q)).toBeLessThan(1e-4);
    expect(Math.abs(fit.params.gamma - mle.v)).toBeLessThan(1e-4);
    // …and the paper's two-decimal figures.
    const paper = reference.params_paper;
    expect(Math.abs(fit.params.p - paper.p)).toBeLessThan(0.005);
    expect(Math.abs(fit.params.q - paper.q)).toBeLessThan(0.005);
    expect(Math.abs(fit.params.gamma - paper.v)).toBeLessThan(0.01);
    expect(Math.abs(fit.logLikelihood - mle.LL)).toBeLessThan(1e-3);
  });

  it('gives the first ten customers’ expected spend to 1e-4', () => {
    const want: number[] = reference.cond_expected_spend_first10;
    rows.slice(0, 10).forEach((r, i) => {
      expect(Math.abs(expectedAverageValue(fit.params, r.x, r.monetary!) - want[i]!)).toBeLessThan(
        1e-4,
      );
    });
    expect(Math.abs(populationMeanValue(fit.params) - reference.population_mean)).toBeLessThan(
      1e-3,
    );
  });

  it('log-likelihood at the published parameters', () => {
    const mle = reference.params_mle_computed;
    const ll = gammaGammaLogLikelihood(
      { p: mle.p, q: mle.q, gamma: mle.v },
      customers.filter((c) => c.x > 0),
    );
    expect(Math.abs(ll - mle.LL)).toBeLessThan(1e-3);
  });

  it('is the population mean for x = 0 and tends to m̄ as x grows', () => {
    expect(
      rel(expectedAverageValue(fit.params, 0, 0), populationMeanValue(fit.params)),
    ).toBeLessThan(1e-15);
    expect(rel(expectedAverageValue(fit.params, 10_000, 80), 80)).toBeLessThan(1e-3);
  });

  it('refuses q ≤ 1, where the mean spend is infinite', () => {
    expect(() => expectedAverageValue({ p: 1, q: 1, gamma: 1 }, 2, 10)).toThrow(RangeError);
  });
});

describe('Gamma-Gamma on degenerate data', () => {
  it('no customers', () => {
    expect(fitGammaGamma([])).toMatchObject({ ok: false, reason: 'no-customers' });
  });
  it('one customer', () => {
    expect(fitGammaGamma([{ x: 3, monetary: 20 }])).toMatchObject({
      ok: false,
      reason: 'too-few-customers',
    });
  });
  it('nobody repeats', () => {
    const none = Array.from({ length: 20 }, () => ({ x: 0, monetary: 0 }));
    expect(fitGammaGamma(none)).toMatchObject({ ok: false, reason: 'no-positive-values' });
  });
  it('all-zero revenue', () => {
    const zero = Array.from({ length: 20 }, (_, i) => ({ x: 1 + (i % 3), monetary: 0 }));
    expect(fitGammaGamma(zero)).toMatchObject({ ok: false, reason: 'no-positive-values' });
  });
  it('identical values', () => {
    const same = Array.from({ length: 20 }, (_, i) => ({ x: 1 + (i % 3), monetary: 25 }));
    expect(fitGammaGamma(same)).toMatchObject({ ok: false, reason: 'no-spread' });
  });
  it('non-finite input', () => {
    expect(fitGammaGamma([{ x: 2, monetary: Number.NaN }])).toMatchObject({
      ok: false,
      reason: 'invalid-input',
    });
  });
});
