/**
 * MBG/NBD ("modified BG/NBD") model of Batislam, Denizel & Filiztekin (2007). As BG/NBD,
 * except that a customer may also drop out at time zero, right after the first purchase:
 * dropout chances come at each purchase *including* the first. So a customer who never
 * repeated is no longer certainly alive, which is BG/NBD's best-known oddity.
 */
import { ageTables, branchSums, type BranchSums } from './bgnbd';
import {
  fromLogParams,
  solveFit,
  type FitFailure,
  type FitProblem,
  type FitResult,
} from './fit-result';
import type { GradientFunction, MinimizeOptions } from './optimize';
import { prepareRfm, type RfmColumns } from './rfm-input';
import { digammaDifference, hyp2f1Scaled, logAddExp, logGammaRatio } from './special';
import type { RfmPoint } from './summary';

export interface MbgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Per-x constants: a data set has few distinct x, so they are computed once per x. */
interface XTerms {
  /** ln Γ(r+x) - ln Γ(r) + r ln α */
  base: number;
  /** ln [B(a, b+x+1) / B(a, b)]: survived all x+1 dropout chances */
  alive: number;
  /** ln [a / (b+x)]: odds of having dropped at the last chance rather than survived it */
  droppedOdds: number;
}

function xTerms(p: MbgNbdParams, x: number): XTerms {
  const { r, alpha, a, b } = p;
  return {
    base: logGammaRatio(r, x) + r * Math.log(alpha),
    // Γ ratios stay accurate as a and b grow large (see logGammaRatio).
    alive: logGammaRatio(b, x + 1) - logGammaRatio(a + b, x + 1),
    droppedOdds: Math.log(a / (b + x)),
  };
}

/**
 * L = A · (α+T)^-(r+x) · [1 + (a/(b+x)) · ((α+T)/(α+t_x))^(r+x)]: the "alive at T" and
 * "dropped right after the last purchase" branches. Unlike BG/NBD the second branch exists
 * for x = 0 too (dropped at time zero, with t_x = 0).
 */
function rowLogLikelihood(p: MbgNbdParams, terms: XTerms, row: RfmPoint): number {
  const rx = p.r + row.x;
  const alive = -rx * Math.log(p.alpha + row.T);
  const dropped = terms.droppedOdds - rx * Math.log(p.alpha + row.t_x);
  return terms.base + terms.alive + logAddExp(alive, dropped);
}

/** ln L(r, α, a, b | x, t_x, T) for one customer. */
export function mbgNbdLogLikelihoodOne(p: MbgNbdParams, x: number, t_x: number, T: number): number {
  return rowLogLikelihood(p, xTerms(p, x), { x, t_x: x > 0 ? t_x : 0, T });
}

/** Σ weight · ln L over (possibly weighted) customers. */
export function mbgNbdLogLikelihood(
  p: MbgNbdParams,
  rows: readonly (RfmPoint & { weight?: number })[],
): number {
  const cache = new Map<number, XTerms>();
  let total = 0;
  for (const row of rows) {
    let terms = cache.get(row.x);
    if (!terms) {
      terms = xTerms(p, row.x);
      cache.set(row.x, terms);
    }
    // t_x carries no information without repeats; the time-zero dropout happens at 0.
    const tx = row.x > 0 ? row.t_x : 0;
    total += (row.weight ?? 1) * rowLogLikelihood(p, terms, { x: row.x, t_x: tx, T: row.T });
  }
  return total;
}

/**
 * −ln L and its gradient over log-parameters (r, α, a, b). As BG/NBD's (see bgnbd.ts) with
 * ℓ = ln Γ(r+x)/Γ(r) + r ln α + ln B(a, b+x+1)/B(a, b) + ln[(α+T)^-(r+x) + a/(b+x) (α+t_x)^-(r+x)],
 * so ∂ℓ/∂a = ψ(a+b) − ψ(a+b+x+1) + wD/a and
 * ∂ℓ/∂b = ψ(a+b) − ψ(b) + ψ(b+x+1) − ψ(a+b+x+1) − wD/(b+x).
 */
function mbgNbdObjective(c: RfmColumns): GradientFunction {
  const tables = ageTables(c.times);
  const sums: BranchSums = { logLikelihood: 0, dropped: 0, logAge: 0, inverseAge: 0 };
  return (v) => {
    const p = fromLogParams(v);
    if (!p) return { value: NaN, gradient: [NaN, NaN, NaN, NaN] };
    const [r, alpha, a, b] = p as [number, number, number, number];
    const [logAge, inverseAge] = tables(alpha);
    const lnAlpha = Math.log(alpha);
    let ll = 0;
    let [gr, galpha, ga, gb] = [0, 0, 0, 0];
    for (let k = 0; k < c.xs.length; k++) {
      const x = c.xs[k]!;
      const W = c.xWeight[k]!;
      const rx = r + x;
      // t_x is 0 for x = 0 (prepareRfm), where the time-zero dropout happens.
      branchSums(c, k, rx, Math.log(a / (b + x)), logAge, inverseAge, sums);
      // Γ ratios, accurate however large a and b run (see bgnbd.ts).
      const psiABX = digammaDifference(a + b, x + 1);
      ll +=
        W *
          (logGammaRatio(r, x) +
            r * lnAlpha +
            logGammaRatio(b, x + 1) -
            logGammaRatio(a + b, x + 1)) +
        sums.logLikelihood;
      gr += W * (digammaDifference(r, x) + lnAlpha) - sums.logAge;
      galpha += (W * r) / alpha - rx * sums.inverseAge;
      ga += -W * psiABX + sums.dropped / a;
      gb += W * (digammaDifference(b, x + 1) - psiABX) - sums.dropped / (b + x);
    }
    // Chain rule to log-parameters, negated for minimisation.
    return { value: -ll, gradient: [-r * gr, -alpha * galpha, -a * ga, -b * gb] };
  };
}

const toMbgNbdParams = (v: readonly number[]): MbgNbdParams | null => {
  const p = fromLogParams(v);
  return p ? { r: p[0]!, alpha: p[1]!, a: p[2]!, b: p[3]! } : null;
};

/** The MBG/NBD fit, ready for solveFit / solveFitSteps; or why the data cannot support one. */
export function mbgNbdFitProblem(
  summaries: readonly RfmPoint[],
  options: MinimizeOptions = {},
): FitProblem<MbgNbdParams> | FitFailure {
  const prepared = prepareRfm(summaries, 4);
  if ('ok' in prepared) return prepared;
  const gradient = mbgNbdObjective(prepared.columns);
  return {
    label: 'MBG/NBD',
    objective: (v) => gradient(v).value,
    gradient,
    // α is a time scale: starting it at the mean age makes the start unit-independent.
    start: [0, Math.log(prepared.meanT), 0, 0],
    toParams: toMbgNbdParams,
    options,
  };
}

/** Maximum-likelihood fit; see FitResult for the flags on degenerate data. */
export function fitMbgNbd(
  summaries: readonly RfmPoint[],
  options: MinimizeOptions = {},
): FitResult<MbgNbdParams> {
  return solveFit(mbgNbdFitProblem(summaries, options));
}

/**
 * The closed forms carry 1 / (a - 1) times a bracket that also vanishes at a = 1. The
 * function is smooth in a, so near 1 the mean of the values just either side is used.
 */
const A_NEAR_ONE = 1e-6;

/** (a/(b+x)) · ((α+T)/(α+t_x))^(r+x): P(dropped) / P(alive) given the history. */
function droppedOdds(p: MbgNbdParams, x: number, t_x: number, T: number): number {
  const tx = x > 0 ? t_x : 0;
  return Math.exp(Math.log(p.a / (p.b + x)) + (p.r + x) * Math.log((p.alpha + T) / (p.alpha + tx)));
}

/** P(still alive at T | x, t_x, T). Below 1 even for x = 0: the time-zero dropout. */
export function probabilityAlive(p: MbgNbdParams, x: number, t_x: number, T: number): number {
  return 1 / (1 + droppedOdds(p, x, t_x, T));
}

/**
 * scale/(a-1) · [1 - ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; t/(α+T+t))] with `shift`
 * = 0 for a new customer and 1 for one alive at T (whose dropout chance at time zero is
 * past), scale = b + (a+x)·shift. Near a = 1, the mean of the values just either side.
 */
function purchasesIfAlive(p: MbgNbdParams, t: number, x: number, T: number, shift: 0 | 1): number {
  if (Math.abs(p.a - 1) >= A_NEAR_ONE) return purchasesAt(p, p.a, t, x, T, shift);
  const below = purchasesAt(p, 1 - A_NEAR_ONE, t, x, T, shift);
  return 0.5 * (below + purchasesAt(p, 1 + A_NEAR_ONE, t, x, T, shift));
}

function purchasesAt(p: MbgNbdParams, a: number, t: number, x: number, T: number, shift: 0 | 1) {
  const { r, alpha, b } = p;
  const z = t / (alpha + T + t);
  const log1mz = Math.log((alpha + T) / (alpha + T + t));
  const tail = hyp2f1Scaled(r + x, b + x + 1, a + b + x, z, (r + x) * log1mz, log1mz);
  return ((b + (a + x) * shift) / (a - 1)) * (1 - tail);
}

/** E[X(t)] for a customer picked at random at their first purchase. */
export function expectedNewCustomer(params: MbgNbdParams, t: number): number {
  if (!(t > 0)) return 0;
  return purchasesIfAlive(params, t, 0, 0, 0);
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next t time units given this history. */
export function expectedPurchases(
  params: MbgNbdParams,
  t: number,
  x: number,
  t_x: number,
  T: number,
): number {
  return expectedPurchasesIfAlive(params, t, x, T) * probabilityAlive(params, x, t_x, T);
}

/** E[Y(t) | alive at T, x, T]: expectedPurchases without its P(alive) factor (no t_x in it). */
export function expectedPurchasesIfAlive(
  params: MbgNbdParams,
  t: number,
  x: number,
  T: number,
): number {
  return t > 0 ? purchasesIfAlive(params, t, x, T, 1) : 0;
}
