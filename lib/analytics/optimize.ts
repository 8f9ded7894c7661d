/**
 * Derivative-free minimisation for the small (2–4 parameter) likelihoods of the CLV models.
 * Nelder–Mead is used because the objectives are cheap, smooth and low-dimensional, and it
 * needs no gradients; restarts from the best point guard against its known habit of stalling
 * on a collapsed simplex.
 */

export interface MinimizeOptions {
  /** Upper bound on simplex iterations over all restarts. */
  maxIterations?: number;
  /** Converged when the simplex's values agree to this, relative to max(1, |best|). */
  valueTolerance?: number;
  /** …and every vertex is within this (∞-norm) of the best one. */
  pointTolerance?: number;
  /** Edge length of the starting simplex (and of each restart's simplex). */
  initialStep?: number;
  /** Restarts after the first run; stops early once a restart no longer improves. */
  maxRestarts?: number;
}

export interface MinimizeResult {
  point: number[];
  value: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

const DEFAULTS: Required<MinimizeOptions> = {
  maxIterations: 5000,
  valueTolerance: 1e-12,
  pointTolerance: 1e-7,
  initialStep: 0.5,
  maxRestarts: 4,
};

interface Vertex {
  point: number[];
  value: number;
}

/**
 * Minimise f from x0 with Nelder–Mead (standard coefficients: reflect 1, expand 2,
 * contract ½, shrink ½). Non-finite values count as +∞, so an objective may return NaN or
 * Infinity to reject a region. Deterministic: same inputs, same path.
 */
export function minimize(
  f: (point: readonly number[]) => number,
  x0: readonly number[],
  options: MinimizeOptions = {},
): MinimizeResult {
  const opts = { ...DEFAULTS, ...options };
  let evaluations = 0;
  const evaluate = (point: number[]): Vertex => {
    evaluations++;
    const value = f(point);
    return { point, value: Number.isFinite(value) ? value : Infinity };
  };

  let best = evaluate([...x0]);
  let iterations = 0;
  let converged = false;
  for (let restart = 0; restart <= opts.maxRestarts; restart++) {
    const budget = opts.maxIterations - iterations;
    if (budget <= 0) break;
    const run = nelderMeadRun(evaluate, best, opts, budget);
    iterations += run.iterations;
    const improvement = best.value - run.best.value;
    const improved = run.best.value < best.value;
    if (improved) best = run.best;
    converged = run.converged;
    // A restart that lands where the last run ended confirms the minimum; stop there.
    if (
      restart > 0 &&
      converged &&
      !(improvement > opts.valueTolerance * Math.max(1, Math.abs(best.value)))
    ) {
      break;
    }
  }
  return { point: best.point, value: best.value, iterations, evaluations, converged };
}

function nelderMeadRun(
  evaluate: (point: number[]) => Vertex,
  start: Vertex,
  opts: Required<MinimizeOptions>,
  budget: number,
): { best: Vertex; iterations: number; converged: boolean } {
  const n = start.point.length;
  const simplex: Vertex[] = [start];
  for (let i = 0; i < n; i++) {
    const point = [...start.point];
    point[i] = (point[i] ?? 0) + opts.initialStep;
    simplex.push(evaluate(point));
  }

  let iterations = 0;
  while (iterations < budget) {
    simplex.sort((u, v) => u.value - v.value);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (hasConverged(simplex, opts)) return { best, iterations, converged: true };
    iterations++;

    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      const p = simplex[i]!.point;
      for (let j = 0; j < n; j++) centroid[j]! += p[j]! / n;
    }
    const along = (t: number): number[] => centroid.map((c, j) => c + t * (worst.point[j]! - c));

    const reflected = evaluate(along(-1));
    if (reflected.value < best.value) {
      const expanded = evaluate(along(-2));
      simplex[n] = expanded.value < reflected.value ? expanded : reflected;
      continue;
    }
    if (reflected.value < simplex[n - 1]!.value) {
      simplex[n] = reflected;
      continue;
    }
    // Contract towards whichever of the worst point and its reflection is better.
    const outside = reflected.value < worst.value;
    const contracted = evaluate(along(outside ? -0.5 : 0.5));
    if (contracted.value < (outside ? reflected.value : worst.value)) {
      simplex[n] = contracted;
      continue;
    }
    for (let i = 1; i <= n; i++) {
      const p = simplex[i]!.point;
      simplex[i] = evaluate(best.point.map((b, j) => b + 0.5 * (p[j]! - b)));
    }
  }
  simplex.sort((u, v) => u.value - v.value);
  return { best: simplex[0]!, iterations, converged: hasConverged(simplex, opts) };
}

function hasConverged(sorted: readonly Vertex[], opts: Required<MinimizeOptions>): boolean {
  const best = sorted[0]!;
  if (!Number.isFinite(best.value)) return false;
  const valueScale = opts.valueTolerance * Math.max(1, Math.abs(best.value));
  for (const v of sorted) {
    if (!(v.value - best.value <= valueScale)) return false;
    for (let j = 0; j < v.point.length; j++) {
      if (Math.abs(v.point[j]! - best.point[j]!) > opts.pointTolerance) return false;
    }
  }
  return true;
}
