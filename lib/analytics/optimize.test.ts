import { describe, expect, it } from 'vitest';
import { minimize } from './optimize';

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
