/**
 * What every model's FitProblem must do: be the fit that fitX runs, step by step with one
 * yield per evaluation, deterministically; reach the same optimum from a bad start; give the
 * same validation failures; and, where it has one, carry a gradient that matches differences.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bgNbdFitProblem, bgNbdLogLikelihood, fitBgNbd } from './bgnbd';
import { parseSummaryCsv } from './cdnow';
import {
  solveFit,
  solveFitSteps,
  type FitFailure,
  type FitProblem,
  type FitResult,
} from './fit-result';
import {
  fitGammaGamma,
  gammaGammaFitProblem,
  gammaGammaLogLikelihood,
  type SpendPoint,
} from './gamma-gamma';
import { fitMbgNbd, mbgNbdFitProblem, mbgNbdLogLikelihood } from './mbgnbd';
import { fitParetoNbd, paretoNbdFitProblem, paretoNbdLogLikelihood } from './pareto-nbd';
import { mulberry32, sampleGamma } from './test-random';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/datasets/${name}`, import.meta.url), 'utf8');
const rows = parseSummaryCsv(fixture('cdnow_customers_summary_with_transactions.csv'));
const spend: SpendPoint[] = rows.map((r) => ({ x: r.x, monetary: r.monetary ?? 0 }));
const repeatSpend = spend.filter((c) => c.x > 0 && c.monetary > 0);

interface Case {
  name: string;
  data: readonly unknown[];
  problem: (data: never) => FitProblem<object> | FitFailure;
  fit: (data: never) => FitResult<object>;
  /** Σ ln L at the parameters, computed row by row by the model's public function. */
  logLikelihood: (params: never) => number;
  /** Points (log-parameters) where the objective and gradient are checked. */
  points: number[][];
  badStart: number[];
  /** Inputs each fit refuses. */
  invalid: unknown[][];
}

const nobodyRepeats = Array.from({ length: 50 }, (_, i) => ({ x: 0, t_x: 0, T: 10 + i }));
const invalidRfm = [[], [{ x: 3, t_x: 10, T: 20 }], nobodyRepeats, [{ x: 2, t_x: 50, T: 40 }]];
const rfmPoints = [
  [-1.4, 1.5, -0.2, 0.9],
  [2, -1, 3, -2],
  [-5, 4, 1, 6],
];

const cases: Case[] = [
  {
    name: 'BG/NBD',
    data: rows,
    problem: bgNbdFitProblem,
    fit: fitBgNbd,
    logLikelihood: (p) => bgNbdLogLikelihood(p, rows),
    points: rfmPoints,
    badStart: [4, -4, -4, 4],
    invalid: invalidRfm,
  },
  {
    name: 'MBG/NBD',
    data: rows,
    problem: mbgNbdFitProblem,
    fit: fitMbgNbd,
    logLikelihood: (p) => mbgNbdLogLikelihood(p, rows),
    points: rfmPoints,
    badStart: [4, -4, -4, 4],
    invalid: invalidRfm,
  },
  {
    name: 'Pareto/NBD',
    data: rows,
    problem: paretoNbdFitProblem,
    fit: fitParetoNbd,
    logLikelihood: (p) => paretoNbdLogLikelihood(p, rows),
    // The last two put α and β far apart, where some rows integrate A₀ numerically.
    points: [...rfmPoints, [-0.36, 8.5, -0.9, -0.7], [-0.7, -1.6, -0.2, 8]],
    badStart: [3, -3, 3, 0],
    invalid: invalidRfm,
  },
  {
    name: 'Gamma-Gamma',
    data: spend,
    problem: gammaGammaFitProblem,
    fit: fitGammaGamma,
    logLikelihood: (p) => gammaGammaLogLikelihood(p, repeatSpend),
    points: [
      [1.8, 1.3, 2.7],
      [-2, 3, 0],
      [5, -1, 8],
    ],
    badStart: [-4, 6, -5],
    invalid: [[], [{ x: 3, monetary: 20 }], [{ x: 2, monetary: Number.NaN }]],
  },
];

/** Drains solveFitSteps, counting its yields. */
function drain<P>(problem: FitProblem<P> | FitFailure) {
  const steps = solveFitSteps(problem);
  let yields = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { fit: step.value, yields };
    yields++;
  }
}

/** Central differences; at h = 1e-4 they are good to ~1e-6 of max(1, |g|) on these data. */
function centralDifferences(f: (v: readonly number[]) => number, v: readonly number[]) {
  const h = 1e-4;
  return v.map((_, j) => {
    const up = [...v];
    const down = [...v];
    up[j]! += h;
    down[j]! -= h;
    return (f(up) - f(down)) / (2 * h);
  });
}

describe.each(cases)('$name FitProblem', (c) => {
  const problem = c.problem(c.data as never);
  if ('ok' in problem) throw new Error(problem.message);
  const fit = c.fit(c.data as never);
  if (!fit.ok) throw new Error(fit.message);

  it('objective is −Σ ln L of the rows, merged or not', () => {
    for (const v of [problem.start, ...c.points]) {
      const want = -c.logLikelihood(problem.toParams(v) as never);
      expect(Math.abs(problem.objective(v) - want)).toBeLessThan(1e-10 * Math.abs(want));
    }
  });

  it.runIf(problem.gradient)('gradient agrees with central differences', () => {
    for (const v of [problem.start, ...c.points]) {
      const { value, gradient } = problem.gradient!(v);
      expect(value).toBe(problem.objective(v));
      const numeric = centralDifferences((u) => problem.objective(u), v);
      gradient.forEach((g, j) => {
        expect(Math.abs(g - numeric[j]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(g)));
      });
    }
  });

  it('solveFit(problem) is the fit, and stepping gives it too, one yield per evaluation', () => {
    expect(solveFit(problem)).toEqual(fit);
    const { fit: stepped, yields } = drain(problem);
    expect(stepped).toEqual(fit);
    expect(yields).toBe(fit.evaluations);
  });

  it('is deterministic', () => {
    expect(c.fit(c.data as never)).toEqual(fit);
  });

  it('reaches the same optimum from a bad start', () => {
    const far = solveFit({ ...problem, start: c.badStart });
    if (!far.ok) throw new Error(far.message);
    expect(far.converged).toBe(true);
    expect(Math.abs(far.logLikelihood - fit.logLikelihood)).toBeLessThan(1e-6);
    for (const [key, value] of Object.entries(fit.params)) {
      const got = (far.params as Record<string, number>)[key]!;
      expect(Math.abs(got - value) / value).toBeLessThan(1e-4);
    }
  });

  it('returns the validation failures of the fit, without stepping', () => {
    for (const data of c.invalid) {
      const failed = c.problem(data as never);
      expect(failed).toMatchObject({ ok: false });
      expect(failed).toEqual(c.fit(data as never));
      expect(drain(failed)).toEqual({ fit: failed, yields: 0 });
    }
  });
});

describe('fits that run to a degenerate limit', () => {
  // Everyone drops out after each purchase with the same chance 0.3: the heterogeneity
  // parameters run off to infinity, where the likelihood flattens out.
  const rand = mulberry32(42);
  const homogeneous = Array.from({ length: 300 }, () => {
    const lambda = sampleGamma(rand, 0.5) / 4;
    const T = 20 + Math.floor(rand() * 20);
    let [t, x, t_x] = [0, 0, 0];
    for (;;) {
      t += -Math.log(1 - rand()) / lambda;
      if (t > T) break;
      [x, t_x] = [x + 1, Math.round(t * 7) / 7];
      sampleGamma(rand, 3); // the purchase's value: drawn, though not used here
      if (rand() < 0.3) break;
    }
    return { x, t_x, T };
  });

  it.each([
    ['BG/NBD', fitBgNbd],
    ['MBG/NBD', fitMbgNbd],
    ['Pareto/NBD', fitParetoNbd],
  ] as const)('%s settles at the edge of the search box in few evaluations', (_, fit) => {
    const result = fit(homogeneous);
    if (!result.ok) throw new Error(result.message);
    expect(result.atBoundary).toBe(true);
    expect(result.converged).toBe(true);
    // Nelder–Mead used its whole budget here (5,000 iterations) without converging.
    expect(result.evaluations).toBeLessThan(200);
    for (const v of Object.values(result.params)) expect(Number.isFinite(v)).toBe(true);
  });
});
