import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bgNbdLogLikelihood,
  bgNbdLogLikelihoodOne,
  expectedNewCustomer,
  expectedPurchases,
  fitBgNbd,
  probabilityAlive,
  type BgNbdParams,
} from './bgnbd';
import { parseCdnowSample, parseSummaryCsv } from './cdnow';
import { summarizeTransactions } from './summary';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/datasets/${name}`, import.meta.url), 'utf8');
const reference = JSON.parse(fixture('clv-reference.json')).bgnbd_cdnow;
const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

const btyd: BgNbdParams = reference.params_btyd;
const summaries = parseSummaryCsv(fixture('cdnow_customers_summary.csv'));

describe('BG/NBD on CDNOW (cdnow_customers_summary.csv)', () => {
  const fit = fitBgNbd(summaries);
  if (!fit.ok) throw new Error(fit.message);

  it('fits within 0.1% of the BTYD parameters', () => {
    expect(fit.converged).toBe(true);
    expect(fit.atBoundary).toBe(false);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expect(rel(fit.params[key], btyd[key])).toBeLessThan(1e-3);
    }
  });

  it('matches the lifetimes fit of this very file to 1e-5', () => {
    const lifetimes = reference.params_lifetimes_docs;
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expect(rel(fit.params[key], lifetimes[key])).toBeLessThan(1e-5);
    }
  });

  it('reaches LL −9582.43 ± 0.01 (−9582.4256 on the rounded file)', () => {
    expect(Math.abs(fit.logLikelihood - -9582.43)).toBeLessThan(0.01);
    expect(
      Math.abs(fit.logLikelihood - reference.LL_on_rounded_summary_file_computed),
    ).toBeLessThan(1e-4);
    expect(Math.abs(bgNbdLogLikelihood(btyd, summaries) - reference.params_btyd.LL)).toBeLessThan(
      0.01,
    );
  });

  it('gives the published conditional expectation 1.226 for x=2, t_x=30.43, T=38.86, t=39', () => {
    const published = reference['cond_expected_t39_x2_tx30.43_T38.86'];
    expect(
      Math.abs(expectedPurchases(fit.params, 39, 2, 30.43, 38.86) - published.value),
    ).toBeLessThan(published.tol);
  });
});

describe('BG/NBD predictions at the BTYD parameters', () => {
  it('customer 1516: 52-week expectation and P(alive)', () => {
    const c = reference['cust1516_x26_tx30.85714_T31'];
    expect(rel(expectedPurchases(btyd, 52, 26, 30.85714, 31), c.cond_expected_t52)).toBeLessThan(
      1e-5,
    );
    expect(rel(probabilityAlive(btyd, 26, 30.85714, 31), c.p_alive)).toBeLessThan(1e-6);
  });

  it('the "paradox" customers (t_x=20, T=39, t=52)', () => {
    const { x, value } = reference.paradox_tx20_T39_t52 as { x: number[]; value: number[] };
    x.forEach((xi, i) => {
      expect(rel(expectedPurchases(btyd, 52, xi, 20, 39), value[i]!)).toBeLessThan(1e-4);
    });
  });

  it('expected purchases of a new customer', () => {
    const { t, value } = reference.expected_new_customer as { t: number[]; value: number[] };
    t.forEach((ti, i) => {
      // Published to 3 decimals.
      expect(Math.abs(expectedNewCustomer(btyd, ti) - value[i]!)).toBeLessThan(5e-4);
    });
    expect(
      rel(expectedNewCustomer(btyd, 52), reference.expected_new_customer_t52.value),
    ).toBeLessThan(1e-6);
    expect(expectedNewCustomer(btyd, 0)).toBe(0);
  });

  it('P(alive) is 1 for a customer who never repeated', () => {
    expect(probabilityAlive(btyd, 0, 0, 38.86)).toBe(reference.p_alive_x0);
  });

  it('single-customer log-likelihoods (Hardie note 027)', () => {
    const { params, cases } = reference.single_customer_logp as {
      params: BgNbdParams;
      cases: [number, number, number, number][];
    };
    for (const [x, tx, T, logp] of cases) {
      // 100.7957 is published to 4 decimals.
      expect(Math.abs(bgNbdLogLikelihoodOne(params, x, tx, T) - logp)).toBeLessThan(5e-5);
    }
  });

  it('is continuous through a = 1, where the closed form is 0/0', () => {
    const near = (a: number) => expectedPurchases({ ...btyd, a }, 52, 3, 20, 39);
    expect(Number.isFinite(near(1))).toBe(true);
    expect(Math.abs(near(1) - (near(0.999) + near(1.001)) / 2)).toBeLessThan(1e-6);
  });
});

describe('BG/NBD from the raw CDNOW transactions', () => {
  it('lands on the CLVTools estimate (fit on unrounded data)', () => {
    const raw = summarizeTransactions(parseCdnowSample(fixture('CDNOW_sample.txt')), {
      calibrationEnd: Date.UTC(1997, 8, 30),
    });
    const fit = fitBgNbd(raw);
    if (!fit.ok) throw new Error(fit.message);
    expect(Math.abs(fit.logLikelihood - reference.params_btyd.LL)).toBeLessThan(1e-3);
    const clvtools = reference.params_clvtools;
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expect(rel(fit.params[key], clvtools[key])).toBeLessThan(2e-5);
      expect(rel(fit.params[key], btyd[key])).toBeLessThan(1e-3);
    }
  });
});

describe('BG/NBD on degenerate data', () => {
  it('no customers', () => {
    expect(fitBgNbd([])).toMatchObject({ ok: false, reason: 'no-customers' });
  });

  it('one customer', () => {
    expect(fitBgNbd([{ x: 3, t_x: 10, T: 20 }])).toMatchObject({
      ok: false,
      reason: 'too-few-customers',
    });
  });

  it('nobody repeats', () => {
    const none = Array.from({ length: 50 }, (_, i) => ({ x: 0, t_x: 0, T: 10 + i }));
    expect(fitBgNbd(none)).toMatchObject({ ok: false, reason: 'no-repeat-buyers' });
  });

  it('malformed rows', () => {
    const bad = [...summaries.slice(0, 10), { x: 2, t_x: 50, T: 40 }];
    expect(fitBgNbd(bad)).toMatchObject({ ok: false, reason: 'invalid-input' });
    expect(fitBgNbd([...summaries.slice(0, 10), { x: 1.5, t_x: 1, T: 4 }])).toMatchObject({
      ok: false,
      reason: 'invalid-input',
    });
  });

  it('identical repeat buyers: finite result, flags instead of NaN', () => {
    const same = Array.from({ length: 5 }, () => ({ x: 4, t_x: 30, T: 30 }));
    const fit = fitBgNbd(same);
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    for (const v of [...Object.values(fit.params), fit.logLikelihood]) {
      expect(Number.isFinite(v)).toBe(true);
    }
    expect(typeof fit.converged).toBe('boolean');
    expect(fit.atBoundary).toBe(true);
  });
});
