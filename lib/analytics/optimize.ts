/**
 * Minimisation for the small (2–4 parameter) likelihoods of the CLV models.
 *
 * A quasi-Newton method (BFGS with a backtracking line search) does the work: the objectives
 * are smooth, so it converges in a few dozen evaluations where Nelder–Mead needs hundreds.
 * It uses the objective's analytic gradient when one is given, else central differences.
 * One restart from a nearby point then confirms the optimum. Steps stop at the faces of the
 * search box (`bound`), so a fit whose parameters run off towards a degenerate limit settles
 * there. Nelder–Mead (with restarts from the best point) remains the fallback for what a
 * gradient method handles badly: a start where the objective or its gradient is not finite,
 * or a line search that cannot make progress away from any optimum.
 *
 * The minimiser is a generator that yields after each evaluation, so that a caller can spread
 * a fit over many short tasks; `minimize` simply drains it.
 */
import { runToEnd } from './run-to-end';

export interface MinimizeOptions {
  /** Upper bound on iterations (quasi-Newton and simplex together) over all restarts. */
  maxIterations?: number;
  /** Converged when the value settles to this, relative to max(1, |best|). */
  valueTolerance?: number;
  /** …and the point to within this (∞-norm). */
  pointTolerance?: number;
  /**
   * Quasi-Newton: converged when every gradient component is within this of zero, relative
   * to max(1, |value|).
   */
  gradientTolerance?: number;
  /** Length of the first step, and edge length of each simplex. */
  initialStep?: number;
  /** Restarts after the first run; stops as soon as one confirms the optimum. */
  maxRestarts?: number;
  /**
   * The search box |x_j| ≤ bound, where the objective is defined. Quasi-Newton steps stop at
   * its faces and a coordinate pushing against one is held there, rather than the line search
   * learning of the edge by stepping over it into NaN, again and again.
   */
  bound?: number;
}

export interface MinimizeResult {
  point: number[];
  value: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** Which method produced the point: quasi-Newton, or the Nelder–Mead fallback. */
  method: 'quasi-newton' | 'nelder-mead';
}

export interface ValueAndGradient {
  value: number;
  gradient: number[];
}

/** The objective and its gradient at a point, computed together (they share most work). */
export type GradientFunction = (point: readonly number[]) => ValueAndGradient;

const DEFAULTS: Required<MinimizeOptions> = {
  maxIterations: 5000,
  valueTolerance: 1e-12,
  pointTolerance: 1e-7,
  gradientTolerance: 1e-9,
  initialStep: 0.5,
  maxRestarts: 4,
  bound: Infinity,
};

/** Armijo sufficient-decrease constant: accept a step that achieves 1e-4 of the predicted fall. */
const ARMIJO = 1e-4;
/** Line-search trials before giving up on a direction. */
const MAX_BACKTRACKS = 30;
/** Longest quasi-Newton step (∞-norm): one bad curvature estimate cannot fling the point far. */
const MAX_STEP = 4;
/** A gradient below this (relative to the value) where no step helps is a flat, converged end. */
const FLAT_GRADIENT = 1e-6;
/** Relative step of the central differences: ~ε^⅓ balances truncation against rounding. */
const DIFFERENCE_STEP = 6e-6;
/** The restart that confirms the optimum starts this far (times initialStep) from it. */
const CONFIRM_OFFSET = 0.1;

interface Vertex {
  point: number[];
  value: number;
}

interface Probe extends Vertex {
  gradient: number[] | null;
}

type Steps<T> = Generator<void, T, void>;

const hasGradient = (p: Probe): p is Probe & { gradient: number[] } => p.gradient !== null;

/**
 * Minimise f from x0. Non-finite values count as +∞, so an objective may return NaN or
 * Infinity to reject a region. Deterministic: same inputs, same path. Yields once after each
 * evaluation of f or of `gradient` (a value-and-gradient evaluation counts as one).
 */
export function* minimizeSteps(
  f: (point: readonly number[]) => number,
  x0: readonly number[],
  options: MinimizeOptions = {},
  gradient?: GradientFunction,
): Steps<MinimizeResult> {
  const opts = { ...DEFAULTS, ...options };
  const state = { evaluations: 0, iterations: 0 };
  const oracle = makeOracle(f, gradient, state);

  let best: Probe = yield* oracle.full([...x0]);
  if (hasGradient(best)) {
    let run = yield* quasiNewtonRun(oracle, best, null, opts, state);
    best = run.best;
    // Confirm from a point nearby, keeping the curvature learnt so far so that a confirmation
    // costs a few iterations rather than a whole run.
    for (let restart = 1; run.converged && restart <= opts.maxRestarts; restart++) {
      const offset = best.point.map((v, j) => {
        const moved = v + (j % 2 ? -1 : 1) * CONFIRM_OFFSET * opts.initialStep;
        return Math.min(opts.bound, Math.max(-opts.bound, moved));
      });
      const from = yield* oracle.full(offset);
      if (!hasGradient(from)) break;
      run = yield* quasiNewtonRun(oracle, from, run.inverseHessian, opts, state);
      const improvement = best.value - run.best.value;
      if (run.best.value < best.value) best = run.best;
      // Back where the last run ended: the optimum is confirmed.
      if (!(improvement > opts.valueTolerance * Math.max(1, Math.abs(best.value)))) {
        return result(best, state, true, 'quasi-newton');
      }
    }
  }
  const simplex = yield* nelderMead(oracle.value, best, opts, state);
  return result(simplex.best, state, simplex.converged, 'nelder-mead');
}

/** Runs minimizeSteps to the end. */
export function minimize(
  f: (point: readonly number[]) => number,
  x0: readonly number[],
  options: MinimizeOptions = {},
  gradient?: GradientFunction,
): MinimizeResult {
  return runToEnd(minimizeSteps(f, x0, options, gradient));
}

function result(
  best: Vertex,
  state: { evaluations: number; iterations: number },
  converged: boolean,
  method: MinimizeResult['method'],
): MinimizeResult {
  const { point, value } = best;
  return {
    point,
    value,
    iterations: state.iterations,
    evaluations: state.evaluations,
    converged,
    method,
  };
}

interface Oracle {
  /** The value alone (one evaluation). */
  value(point: number[]): Steps<Vertex>;
  /** Value and gradient (gradient null where either is not finite). */
  full(point: number[]): Steps<Probe>;
  /** A line-search trial: with the gradient when that comes at no extra cost. */
  trial(point: number[]): Steps<Probe>;
  /** The gradient at a point whose value is known. */
  gradientAt(at: Vertex): Steps<number[] | null>;
}

function makeOracle(
  f: (point: readonly number[]) => number,
  gradient: GradientFunction | undefined,
  state: { evaluations: number },
): Oracle {
  function* value(point: number[]): Steps<Vertex> {
    state.evaluations++;
    const v = f(point);
    yield;
    return { point, value: Number.isFinite(v) ? v : Infinity };
  }
  if (gradient) {
    const full = function* (point: number[]): Steps<Probe> {
      state.evaluations++;
      const { value: v, gradient: g } = gradient(point);
      yield;
      const finite = Number.isFinite(v);
      return {
        point,
        value: finite ? v : Infinity,
        gradient: finite && g.every(Number.isFinite) ? g : null,
      };
    };
    return {
      value,
      full,
      trial: full,
      *gradientAt(at) {
        return (yield* full(at.point)).gradient;
      },
    };
  }
  // Central differences: steps scaled to the coordinate, taken as representable offsets so
  // that the divisor is the step actually made; one-sided where one side is not finite.
  function* gradientAt(at: Vertex): Steps<number[] | null> {
    if (!Number.isFinite(at.value)) return null;
    const g: number[] = [];
    for (let j = 0; j < at.point.length; j++) {
      const xj = at.point[j]!;
      const h = DIFFERENCE_STEP * Math.max(1, Math.abs(xj));
      const up = [...at.point];
      up[j] = xj + h;
      const down = [...at.point];
      down[j] = xj - h;
      const fUp = (yield* value(up)).value;
      const fDown = (yield* value(down)).value;
      let gj: number;
      if (fUp < Infinity && fDown < Infinity) gj = (fUp - fDown) / (up[j]! - down[j]!);
      else if (fUp < Infinity) gj = (fUp - at.value) / (up[j]! - xj);
      else if (fDown < Infinity) gj = (at.value - fDown) / (xj - down[j]!);
      else return null;
      g.push(gj);
    }
    return g;
  }
  return {
    value,
    *full(point) {
      const v = yield* value(point);
      return { ...v, gradient: yield* gradientAt(v) };
    },
    *trial(point) {
      return { ...(yield* value(point)), gradient: null };
    },
    gradientAt,
  };
}

const dot = (u: readonly number[], v: readonly number[]) =>
  u.reduce((s, ui, i) => s + ui * v[i]!, 0);
const maxAbs = (u: readonly number[]) => u.reduce((m, ui) => Math.max(m, Math.abs(ui)), 0);

interface QuasiNewtonRun {
  best: Probe;
  converged: boolean;
  inverseHessian: number[][];
}

/**
 * BFGS on the inverse Hessian, from a start with a finite value and gradient. Ends converged
 * (gradient, or value and point, within tolerance), or not: out of budget, or a direction
 * along which no step decreases the value.
 */
function* quasiNewtonRun(
  oracle: Oracle,
  start: Probe & { gradient: number[] },
  /** An inverse-Hessian estimate from an earlier run, or null to start from scratch. */
  inverseHessian: number[][] | null,
  opts: Required<MinimizeOptions>,
  state: { iterations: number },
): Steps<QuasiNewtonRun> {
  const n = start.point.length;
  const identity = () =>
    Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => +(i === j)));
  let H = inverseHessian ?? identity();
  // Until a step has measured the curvature, the inverse Hessian's scale is unknown.
  let scaled = inverseHessian !== null;
  let here: Probe & { gradient: number[] } = start;
  const { bound } = opts;

  while (state.iterations < opts.maxIterations) {
    // A coordinate on a face of the box that descent would push outwards is held there.
    const fixed = here.gradient.map((gj, j) => outwards(here.point[j]!, -gj, bound));
    const g = here.gradient.map((gj, j) => (fixed[j] ? 0 : gj));
    if (maxAbs(g) <= opts.gradientTolerance * Math.max(1, Math.abs(here.value))) {
      return { best: here, converged: true, inverseHessian: H };
    }
    // Nor may the step itself push any coordinate on a face outwards (H couples them).
    let d = heldStep(H, g, fixed).map((dj, j) => (outwards(here.point[j]!, dj, bound) ? 0 : dj));
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (the estimate lost positive-definiteness): steepest descent.
      H = identity();
      scaled = false;
      d = g.map((gj) => -gj);
      slope = -dot(g, g);
    }
    const length = maxAbs(d);
    let t = Math.min(
      scaled ? 1 : opts.initialStep / length,
      MAX_STEP / length,
      roomInBox(here.point, d, bound),
    );
    state.iterations++;

    // Steps this short cannot matter (they are far inside the point tolerance).
    const smallest = 1e-3 * opts.pointTolerance;
    let accepted: Probe | null = null;
    for (let k = 0; k < MAX_BACKTRACKS && t * length > smallest; k++) {
      const step = t;
      const inside = (x: number, j: number) => Math.min(bound, Math.max(-bound, x + step * d[j]!));
      const trial = yield* oracle.trial(here.point.map(inside));
      if (trial.value <= here.value + ARMIJO * t * slope) {
        accepted = trial;
        break;
      }
      // Minimum of the quadratic through f(0), f'(0) and f(t), kept within [t/10, t/2].
      const curvature = trial.value - here.value - slope * t;
      const quadratic = curvature > 0 ? (-slope * t * t) / (2 * curvature) : 0.1 * t;
      t = Math.min(0.5 * t, Math.max(0.1 * t, quadratic));
    }
    if (!accepted) {
      // No step lowers the value. With a gradient this small against the value, that is the
      // value's own rounding (a flat ridge towards a degenerate limit): as good as it gets.
      // Otherwise the direction is poor, and the caller falls back to Nelder–Mead.
      const flat = maxAbs(g) <= FLAT_GRADIENT * Math.max(1, Math.abs(here.value));
      return { best: here, converged: flat, inverseHessian: H };
    }
    const g1 = accepted.gradient ?? (yield* oracle.gradientAt(accepted));
    if (!g1) return { best: accepted, converged: false, inverseHessian: H };
    const next = { ...accepted, gradient: g1 };

    const s = next.point.map((x, j) => x - here.point[j]!);
    const y = g1.map((gj, j) => gj - here.gradient[j]!);
    const sy = dot(s, y);
    // Update only under positive curvature, which keeps the estimate positive definite.
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (!scaled) {
        // Nocedal & Wright (6.20): scale the initial estimate to the measured curvature.
        const gamma = sy / dot(y, y);
        H = H.map((row) => row.map((v) => v * gamma));
        scaled = true;
      }
      H = bfgsUpdate(H, s, y, sy);
    }
    const fell = here.value - next.value;
    here = next;
    // Where the gradient test is out of reach (finite differences are noisy), a step that
    // changes neither the value nor the point any more ends the run.
    if (
      fell <= opts.valueTolerance * Math.max(1, Math.abs(here.value)) &&
      maxAbs(s) <= opts.pointTolerance
    ) {
      return { best: here, converged: true, inverseHessian: H };
    }
  }
  return { best: here, converged: false, inverseHessian: H };
}

/** Whether moving coordinate x in direction dx leaves the box [−bound, bound]. */
function outwards(x: number, dx: number, bound: number): boolean {
  return (x >= bound && dx > 0) || (x <= -bound && dx < 0);
}

/** The longest t with point + t·d inside the box. */
function roomInBox(point: readonly number[], d: readonly number[], bound: number): number {
  let room = Infinity;
  d.forEach((dj, j) => {
    if (dj > 0) room = Math.min(room, (bound - point[j]!) / dj);
    if (dj < 0) room = Math.min(room, (-bound - point[j]!) / dj);
  });
  return room;
}

/**
 * The quasi-Newton step −H g with the `fixed` coordinates held (g is 0 there): on the free
 * ones it is −(H_ff − H_fa H_aa⁻¹ H_af) g_f, the inverse of the Hessian's free block by the
 * Schur complement of H, so a held coordinate's coupling to the others is accounted for.
 */
function heldStep(H: number[][], g: number[], fixed: boolean[]): number[] {
  const full = H.map((row) => dot(row, g));
  const held = fixed.flatMap((f, j) => (f ? [j] : []));
  if (held.length === 0) return full.map((v) => -v);
  const w = solve(
    held.map((i) => held.map((j) => H[i]![j]!)),
    held.map((i) => full[i]!),
  );
  return full.map((v, j) =>
    fixed[j] ? 0 : -v + held.reduce((sum, i, k) => sum + H[j]![i]! * w[k]!, 0),
  );
}

/** A x = b for a small positive-definite A, by Gaussian elimination. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const m = A.map((row, i) => [...row, b[i]!]);
  for (let k = 0; k < n; k++) {
    for (let i = k + 1; i < n; i++) {
      const f = m[i]![k]! / m[k]![k]!;
      for (let j = k; j <= n; j++) m[i]![j]! -= f * m[k]![j]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = m[i]![n]!;
    for (let j = i + 1; j < n; j++) sum -= m[i]![j]! * x[j]!;
    x[i] = sum / m[i]![i]!;
  }
  return x;
}

/** H⁺ = (I - ρ s yᵀ) H (I - ρ y sᵀ) + ρ s sᵀ with ρ = 1 / sᵀy. */
function bfgsUpdate(H: number[][], s: number[], y: number[], sy: number): number[][] {
  const rho = 1 / sy;
  const Hy = H.map((row) => dot(row, y));
  const yHy = dot(y, Hy);
  return H.map((row, i) =>
    row.map(
      (v, j) =>
        v - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!,
    ),
  );
}

/**
 * Nelder–Mead (standard coefficients: reflect 1, expand 2, contract ½, shrink ½) with
 * restarts from the best point, which guard against its habit of stalling on a collapsed
 * simplex; it stops once a restart no longer improves.
 */
function* nelderMead(
  evaluate: (point: number[]) => Steps<Vertex>,
  start: Vertex,
  opts: Required<MinimizeOptions>,
  state: { iterations: number },
): Steps<{ best: Vertex; converged: boolean }> {
  let best = start;
  let converged = false;
  for (let restart = 0; restart <= opts.maxRestarts; restart++) {
    if (state.iterations >= opts.maxIterations) break;
    const run = yield* nelderMeadRun(evaluate, best, opts, state);
    const improvement = best.value - run.best.value;
    if (run.best.value < best.value) best = run.best;
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
  return { best, converged };
}

function* nelderMeadRun(
  evaluate: (point: number[]) => Steps<Vertex>,
  start: Vertex,
  opts: Required<MinimizeOptions>,
  state: { iterations: number },
): Steps<{ best: Vertex; converged: boolean }> {
  const n = start.point.length;
  const simplex: Vertex[] = [start];
  for (let i = 0; i < n; i++) {
    const point = [...start.point];
    point[i] = (point[i] ?? 0) + opts.initialStep;
    simplex.push(yield* evaluate(point));
  }

  while (state.iterations < opts.maxIterations) {
    simplex.sort((u, v) => u.value - v.value);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (hasConverged(simplex, opts)) return { best, converged: true };
    state.iterations++;

    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      const p = simplex[i]!.point;
      for (let j = 0; j < n; j++) centroid[j]! += p[j]! / n;
    }
    const along = (t: number): number[] => centroid.map((c, j) => c + t * (worst.point[j]! - c));

    const reflected = yield* evaluate(along(-1));
    if (reflected.value < best.value) {
      const expanded = yield* evaluate(along(-2));
      simplex[n] = expanded.value < reflected.value ? expanded : reflected;
      continue;
    }
    if (reflected.value < simplex[n - 1]!.value) {
      simplex[n] = reflected;
      continue;
    }
    // Contract towards whichever of the worst point and its reflection is better.
    const outside = reflected.value < worst.value;
    const contracted = yield* evaluate(along(outside ? -0.5 : 0.5));
    if (contracted.value < (outside ? reflected.value : worst.value)) {
      simplex[n] = contracted;
      continue;
    }
    for (let i = 1; i <= n; i++) {
      const p = simplex[i]!.point;
      simplex[i] = yield* evaluate(best.point.map((b, j) => b + 0.5 * (p[j]! - b)));
    }
  }
  simplex.sort((u, v) => u.value - v.value);
  return { best: simplex[0]!, converged: hasConverged(simplex, opts) };
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
