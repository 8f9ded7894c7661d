import { describe, expect, it } from 'vitest';
import { minimize, minimizeSteps } from './optimize';

const rosenbrock = ([x = 0, y = 0]: readonly number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;

describe('minimize (Nelder–Mead with restarts)', () => {
  it('finds the Rosenbrock minimum', () => {
    const result = minimize(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 6);
    expect(result.point[1]).toBeCloseTo(1, 6);
    expect(result.value).toBeLessThan(1e-12);
  });

  it('is deterministic', () => {
    expect(minimize(rosenbrock, [-1.2, 1])).toEqual(minimize(rosenbrock, [-1.2, 1]));
  });

  it('treats NaN and Infinity as rejected regions', () => {
    // Minimum of (x-2)² subject to x > 1, with NaN below 1.
    const f = ([x = 0]: readonly number[]) => (x > 1 ? (x - 2) ** 2 : Number.NaN);
    const result = minimize(f, [3]);
    expect(result.point[0]).toBeCloseTo(2, 6);
  });

  it('stops at maxIterations and says it did not converge', () => {
    const result = minimize(rosenbrock, [-1.2, 1], { maxIterations: 10 });
    expect(result.iterations).toBeLessThanOrEqual(10);
    expect(result.converged).toBe(false);
    expect(Number.isFinite(result.value)).toBe(true);
  });
});

const rosenbrockGradient = ([x = 0, y = 0]: readonly number[]) => ({
  value: rosenbrock([x, y]),
  gradient: [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
});

/** Drains minimizeSteps, counting its yields. */
function drain(...args: Parameters<typeof minimizeSteps>) {
  const steps = minimizeSteps(...args);
  let yields = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { result: step.value, yields };
    yields++;
  }
}

describe('minimize with a gradient (quasi-Newton)', () => {
  it('finds the Rosenbrock minimum in far fewer evaluations than Nelder–Mead', () => {
    const simplex = minimize(rosenbrock, [-1.2, 1]);
    const result = minimize(rosenbrock, [-1.2, 1], {}, rosenbrockGradient);
    expect(result.method).toBe('quasi-newton');
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 6);
    expect(result.point[1]).toBeCloseTo(1, 6);
    expect(result.evaluations).toBeLessThan(simplex.evaluations / 3);
  });

  it('takes central differences when no gradient is given', () => {
    const result = minimize(rosenbrock, [-1.2, 1]);
    expect(result.method).toBe('quasi-newton');
    expect(result.point[0]).toBeCloseTo(1, 5);
    expect(result.point[1]).toBeCloseTo(1, 5);
  });

  it('falls back to Nelder–Mead from a start where the objective is not finite', () => {
    const f = ([x = 0]: readonly number[]) => (x > 1 ? (x - 2) ** 2 : Number.NaN);
    const result = minimize(f, [0.8]);
    expect(result.method).toBe('nelder-mead');
    expect(result.point[0]).toBeCloseTo(2, 6);
  });

  it('stops at the face of the search box, holding what pushes against it', () => {
    // Unconstrained minimum at x = 30, y = 3; with |x|, |y| ≤ 18 it is x = 18, y = 1.8.
    const f = ([x = 0, y = 0]: readonly number[]) =>
      Math.abs(x) > 18 || Math.abs(y) > 18 ? NaN : (x - 30) ** 2 + 10 * (y - x / 10) ** 2;
    const gradient = ([x = 0, y = 0]: readonly number[]) => ({
      value: f([x, y]),
      gradient: [2 * (x - 30) - 2 * (y - x / 10), 20 * (y - x / 10)],
    });
    const result = minimize(f, [0, 0], { bound: 18 }, gradient);
    expect(result.method).toBe('quasi-newton');
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBe(18);
    expect(result.point[1]).toBeCloseTo(1.8, 8);
    expect(result.evaluations).toBeLessThan(30);
  });

  it('is deterministic', () => {
    const run = () => minimize(rosenbrock, [-1.2, 1], {}, rosenbrockGradient);
    expect(run()).toEqual(run());
  });
});

describe('minimizeSteps', () => {
  const cases: [string, Parameters<typeof minimizeSteps>][] = [
    ['analytic gradient', [rosenbrock, [-1.2, 1], {}, rosenbrockGradient]],
    ['central differences', [rosenbrock, [-1.2, 1], {}]],
    [
      'Nelder–Mead fallback',
      [([x = 0]: readonly number[]) => (x > 1 ? (x - 2) ** 2 : Number.NaN), [0.8], {}],
    ],
    ['an iteration bound', [rosenbrock, [-1.2, 1], { maxIterations: 7 }, rosenbrockGradient]],
  ];
  it.each(cases)('%s: draining gives minimize’s result bit for bit', (_, args) => {
    const { result } = drain(...args);
    expect(result).toEqual(minimize(...args));
    expect(Object.is(result.value, minimize(...args).value)).toBe(true);
  });

  it.each(cases)('%s: one yield per evaluation', (_, args) => {
    const { result, yields } = drain(...args);
    expect(yields).toBe(result.evaluations);
    expect(yields).toBeGreaterThan(0);
  });
});
