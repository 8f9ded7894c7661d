import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCdnowSample, parseSummaryCsv } from './cdnow';
import {
  expectedNewCustomer,
  expectedPurchases,
  fitParetoNbd,
  paretoNbdLogLikelihood,
  paretoNbdLogLikelihoodOne,
  probabilityAlive,
  type ParetoNbdParams,
} from './pareto-nbd';
import { summarizeTransactions } from './summary';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/datasets/${name}`, import.meta.url), 'utf8');
const reference = JSON.parse(fixture('clv-reference.json')).paretonbd_cdnow;
const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);
const asParams = ([r, alpha, s, beta]: number[]): ParetoNbdParams => ({
  r: r!,
  alpha: alpha!,
  s: s!,
  beta: beta!,
});

const summaries = parseSummaryCsv(fixture('cdnow_customers_summary.csv'));
const raw = summarizeTransactions(parseCdnowSample(fixture('CDNOW_sample.txt')), {
  calibrationEnd: Date.UTC(1997, 8, 30),
});

describe('Pareto/NBD likelihood against an independent evaluation', () => {
  // 40-digit mpmath values of the likelihood written as the note's integral,
  // Γ(r+x)αʳβˢ/Γ(r) · [(α+T)^-(r+x) (β+T)^-s + s ∫_{t_x}^T (α+τ)^-(r+x) (β+τ)^-(s+1) dτ],
  // which needs no 2F1: this checks the closed form and its 2F1 on both branches (α ≷ β).
  const cases: [number[], [number, number, number, number, number][]][] = [
    [
      [0.5534, 10.5802, 0.6061, 11.6562],
      [
        [26, 30.85714, 31, -39.13208325407462, 0.9978732310430953],
        [10, 20, 39, -24.670760312759537, 0.08039186018256543],
        [0, 0, 38.86, -0.5211291959732854, 0.29496148643704223],
        [2, 30.43, 38.86, -9.554510694614422, 0.8691106439681371],
      ],
    ],
    [
      [0.5, 3, 0.8, 20],
      [
        [5, 10, 12, -11.258156741693991, 0.925550022990441],
        [200, 38.999, 39, 110.29095570094891, 0.999986408238574],
        [1, 0.001, 39, -3.895766678426653, 0.06587324449515071],
        [0, 0, 39, -0.891000276683611, 0.27417943232981107],
      ],
    ],
    [
      [0.7, 50, 0.4, 2],
      [
        [5, 10, 12, -17.473731400808028, 0.9344640325488152],
        [200, 38.999, 39, -37.95796357730518, 0.9999902328224276],
        [1, 0.001, 39, -4.645202058316614, 0.16334209014912526],
        [0, 0, 39, -0.17257915279692893, 0.23711259727677084],
      ],
    ],
    // α and β far apart: z near 1, where A₀ comes from quadrature instead of the series.
    [
      [0.7, 5000, 0.4, 0.5],
      [
        [5, 10, 12, -39.79425833735611, 0.9325605921568615],
        [200, 38.999, 39, -845.3646936549113, 0.9999898731391387],
        [1, 0.001, 39, -8.878261699328421, 0.1726318251905432],
        [0, 0, 39, -0.0014818351053103418, 0.17347251242623035],
        [3, 0.5, 39, -24.6718688089082, 0.2255907292231257],
      ],
    ],
    [
      [0.5, 0.2, 0.8, 3000],
      [
        [5, 10, 12, -11.179469382238429, 0.9991084967594589],
        [200, 38.999, 39, 123.62509916166478, 0.9999997360811783],
        [1, 0.001, 39, -6.769486411779648, 0.7852698789795726],
        [0, 0, 39, -2.6301235705997614, 0.9809176781187335],
        [3, 0.5, 39, -8.420803579370448, 0.009991622256921876],
      ],
    ],
    [
      [0.5, 0.002, 0.8, 3000000],
      [
        [5, 10, 12, -13.389760484537476, 0.9999990959069387],
        [1, 0.001, 39, -9.293532808991229, 0.9976545438794134],
        [0, 0, 39, -4.939100260626271, 0.9999793482629995],
      ],
    ],
  ];
  for (const [values, rows] of cases) {
    const p = asParams(values);
    it.each(rows)(`params ${values.join(', ')}: x=%i t_x=%f T=%f`, (x, tx, T, ll, alive) => {
      expect(Math.abs(paretoNbdLogLikelihoodOne(p, x, tx, T) - ll)).toBeLessThan(
        1e-10 * Math.max(1, Math.abs(ll)),
      );
      expect(rel(probabilityAlive(p, x, tx, T), alive)).toBeLessThan(1e-10);
    });
  }
});

describe('Pareto/NBD on CDNOW', () => {
  const fit = fitParetoNbd(summaries);
  if (!fit.ok) throw new Error(fit.message);
  const rawFit = fitParetoNbd(raw);
  if (!rawFit.ok) throw new Error(rawFit.message);

  it('fits the published parameters and LL −9594.98', () => {
    expect(fit.converged).toBe(true);
    // The summary file is rounded to 2 decimals, which moves the LL by ~0.002.
    expect(Math.abs(fit.logLikelihood - reference.params_btyd.LL)).toBeLessThan(0.01);
    expect(Math.abs(rawFit.logLikelihood - reference.params_clvtools.LL)).toBeLessThan(1e-3);
    // The Pareto/NBD likelihood is flat along a ridge: published fits agree on LL to 1e-3 but
    // differ in the 4th digit of β. Within 0.1% of the paper's parameters:
    for (const f of [fit, rawFit]) {
      for (const key of ['r', 'alpha', 's', 'beta'] as const) {
        expect(rel(f.params[key], reference.params_paper[key])).toBeLessThan(1e-3);
        expect(rel(f.params[key], reference.params_clvtools[key])).toBeLessThan(1e-3);
      }
    }
  });

  it('the BTYD and CLVTools estimates score the same LL', () => {
    expect(
      Math.abs(paretoNbdLogLikelihood(reference.params_clvtools, raw) - -9594.976),
    ).toBeLessThan(1e-3);
    expect(
      Math.abs(paretoNbdLogLikelihood(asParams(reference.cust1516.params), raw) - -9594.976),
    ).toBeLessThan(1e-3);
  });

  it('expected purchases of a new customer in 52 weeks (1.473434)', () => {
    expect(
      rel(expectedNewCustomer(rawFit.params, 52), reference.expected_new_customer_t52),
    ).toBeLessThan(1e-5);
  });

  it('expected purchases of a new customer in weeks 0..9', () => {
    // The file does not say which parameters produced this curve. Our fitted parameters
    // reproduce it to 0.6% (the curve is sensitive to s and β along the flat ridge);
    // the rounded set r=0.55, α=10.56, s=0.61, β=11.64 reproduces it to 1e-7.
    const want: number[] = reference.expected_new_customer_t0_9;
    const rounded = { r: 0.55, alpha: 10.56, s: 0.61, beta: 11.64 };
    want.forEach((w, t) => {
      if (t === 0) {
        expect(expectedNewCustomer(rawFit.params, 0)).toBe(0);
        return;
      }
      expect(rel(expectedNewCustomer(rounded, t), w)).toBeLessThan(1e-7);
      expect(rel(expectedNewCustomer(rawFit.params, t), w)).toBeLessThan(6e-3);
    });
  });

  it('customer 1516 (x=26, t_x=30.85714, T=31)', () => {
    const c = reference.cust1516;
    const p = asParams(c.params);
    expect(rel(probabilityAlive(p, 26, 30.85714, 31), c.p_alive)).toBeLessThan(1e-6);
    // 25.45378 at the four-decimal parameters listed; 25.45518 at our fit. Both within 1e-4.
    expect(rel(expectedPurchases(p, 52, 26, 30.85714, 31), c.cond_expected_t52)).toBeLessThan(
      1.2e-4,
    );
    expect(
      rel(expectedPurchases(rawFit.params, 52, 26, 30.85714, 31), c.cond_expected_t52),
    ).toBeLessThan(1e-4);
  });

  it('the "paradox" customers (t_x=20, T=39, t=52), to 0.1%', () => {
    // Sensitive to the 4th digit of the parameters: our fit is within 5e-4 of these.
    const { x, value } = reference.paradox_tx20_T39_t52 as { x: number[]; value: number[] };
    x.forEach((xi, i) => {
      expect(rel(expectedPurchases(rawFit.params, 52, xi, 20, 39), value[i]!)).toBeLessThan(1e-3);
    });
  });

  it('the conditional expectation is continuous through s = 1', () => {
    const at = (s: number) => expectedPurchases({ ...fit.params, s }, 52, 3, 20, 39);
    expect(Number.isFinite(at(1))).toBe(true);
    expect(Math.abs(at(1) - (at(1 - 1e-7) + at(1 + 1e-7)) / 2)).toBeLessThan(1e-9);
  });
});

describe('Pareto/NBD P(alive), remembered for the next call', () => {
  it('never answers from a stale memory: other customer, other or mutated parameters', () => {
    const p = asParams([0.5534, 10.5802, 0.6061, 11.6562]);
    const first = probabilityAlive(p, 26, 30.85714, 31);
    expect(probabilityAlive(p, 26, 30.85714, 31)).toBe(first);
    expect(probabilityAlive(p, 10, 20, 39)).toBeCloseTo(0.08039186018256543, 12);
    // The same object, changed between two calls for the same customer.
    const changing = { ...p };
    expect(probabilityAlive(changing, 26, 30.85714, 31)).toBe(first);
    changing.s = 0.8;
    const fresh = probabilityAlive({ ...changing }, 26, 30.85714, 31);
    expect(fresh).not.toBe(first);
    expect(probabilityAlive(changing, 26, 30.85714, 31)).toBe(fresh);
    expect(probabilityAlive(p, 26, 30.85714, 31)).toBe(first);
  });
});

describe('Pareto/NBD on degenerate data', () => {
  it('no customers, one customer, nobody repeats', () => {
    expect(fitParetoNbd([])).toMatchObject({ ok: false, reason: 'no-customers' });
    expect(fitParetoNbd([{ x: 3, t_x: 10, T: 20 }])).toMatchObject({
      ok: false,
      reason: 'too-few-customers',
    });
    const none = Array.from({ length: 50 }, (_, i) => ({ x: 0, t_x: 0, T: 10 + i }));
    expect(fitParetoNbd(none)).toMatchObject({ ok: false, reason: 'no-repeat-buyers' });
  });

  it('identical repeat buyers: finite result with flags', () => {
    const fit = fitParetoNbd(Array.from({ length: 5 }, () => ({ x: 4, t_x: 30, T: 30 })));
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    for (const v of [...Object.values(fit.params), fit.logLikelihood])
      expect(Number.isFinite(v)).toBe(true);
  });
});
