/**
 * BG/NBD ("beta-geometric / NBD") model of Fader, Hardie & Lee (2005), "Counting your
 * customers the easy way". While alive a customer buys as a Poisson process with rate
 * λ ~ Gamma(r, α); after each purchase they drop out with probability p ~ Beta(a, b).
 */
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

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * Per-x constants of the likelihood (FHL 2005, eq. 6). They depend on the parameters and on
 * x only, and a data set has few distinct x, so computing them once per x makes an
 * evaluation cost two logarithms per customer instead of six log-gammas.
 */
interface XTerms {
  /** ln Γ(r+x) - ln Γ(r) + r ln α */
  base: number;
  /** ln [B(a, b+x) / B(a, b)]: still alive at T */
  alive: number;
  /** ln [B(a+1, b+x-1) / B(a, b)]: dropped out right after the last purchase (x > 0) */
  dropped: number;
}

function xTerms(p: BgNbdParams, x: number): XTerms {
  const { r, alpha, a, b } = p;
  // Γ ratios stay accurate as a and b grow large (see logGammaRatio).
  const lgABX = logGammaRatio(a + b, x);
  return {
    base: logGammaRatio(r, x) + r * Math.log(alpha),
    alive: logGammaRatio(b, x) - lgABX,
    dropped: x > 0 ? Math.log(a) + logGammaRatio(b, x - 1) - lgABX : -Infinity,
  };
}

function rowLogLikelihood(p: BgNbdParams, terms: XTerms, row: RfmPoint): number {
  const rx = p.r + row.x;
  const alive = terms.alive - rx * Math.log(p.alpha + row.T);
  const dropped = row.x > 0 ? terms.dropped - rx * Math.log(p.alpha + row.t_x) : -Infinity;
  return terms.base + logAddExp(alive, dropped);
}

/** ln L(r, α, a, b | x, t_x, T) for one customer. */
export function bgNbdLogLikelihoodOne(p: BgNbdParams, x: number, t_x: number, T: number): number {
  return rowLogLikelihood(p, xTerms(p, x), { x, t_x, T });
}

/** Σ weight · ln L over (possibly weighted) customers. */
export function bgNbdLogLikelihood(
  p: BgNbdParams,
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
    total += (row.weight ?? 1) * rowLogLikelihood(p, terms, row);
  }
  return total;
}

/** What branchSums returns for one x group (wA, wD: each row's alive and dropped shares). */
export interface BranchSums {
  /** Σ w ln[(α+T)^-(r+x) + odds · (α+t_x)^-(r+x)] */
  logLikelihood: number;
  /** Σ w wD */
  dropped: number;
  /** Σ w [wA ln(α+T) + wD ln(α+t_x)] */
  logAge: number;
  /** Σ w [wA/(α+T) + wD/(α+t_x)] */
  inverseAge: number;
}

/**
 * The per-row part of the likelihood that BG/NBD and MBG/NBD share, over the rows of x group
 * k: ln[(α+T)^-(r+x) + odds · (α+t_x)^-(r+x)], "alive at T" against "dropped after the last
 * purchase", odds being their ratio before the time terms (e^logOdds; none if -∞). Also the
 * sums the gradient needs, so one pass over the rows serves value and gradient alike.
 */
export function branchSums(
  c: RfmColumns,
  k: number,
  rx: number,
  logOdds: number,
  /** ln(α + τ) and 1/(α + τ) for each of c.times. */
  logAge: Float64Array,
  inverseAge: Float64Array,
  out: BranchSums,
): void {
  let ll = 0;
  let dropped = 0;
  let logSum = 0;
  let inverseSum = 0;
  const end = c.rowStart[k + 1]!;
  for (let i = c.rowStart[k]!; i < end; i++) {
    const w = c.weight[i]!;
    const iT = c.T[i]!;
    const alive = -rx * logAge[iT]!;
    if (logOdds === -Infinity) {
      ll += w * alive;
      logSum += w * logAge[iT]!;
      inverseSum += w * inverseAge[iT]!;
      continue;
    }
    const iTx = c.tx[i]!;
    const gone = logOdds - rx * logAge[iTx]!;
    // ln(e^alive + e^gone) through the smaller exponential, which also gives the shares.
    let share: number;
    if (gone <= alive) {
      const e = Math.exp(gone - alive);
      ll += w * (alive + Math.log1p(e));
      share = e / (1 + e);
    } else {
      const e = Math.exp(alive - gone);
      ll += w * (gone + Math.log1p(e));
      share = 1 / (1 + e);
    }
    dropped += w * share;
    logSum += w * (logAge[iT]! + share * (logAge[iTx]! - logAge[iT]!));
    inverseSum += w * (inverseAge[iT]! + share * (inverseAge[iTx]! - inverseAge[iT]!));
  }
  out.logLikelihood = ll;
  out.dropped = dropped;
  out.logAge = logSum;
  out.inverseAge = inverseSum;
}

/** ln(α + τ) and 1/(α + τ) over the distinct times, refilled at each evaluation. */
export function ageTables(times: Float64Array): (alpha: number) => [Float64Array, Float64Array] {
  const logAge = new Float64Array(times.length);
  const inverseAge = new Float64Array(times.length);
  return (alpha) => {
    for (let i = 0; i < times.length; i++) {
      const age = alpha + times[i]!;
      logAge[i] = Math.log(age);
      inverseAge[i] = 1 / age;
    }
    return [logAge, inverseAge];
  };
}

/**
 * −ln L and its gradient over log-parameters (r, α, a, b), for the minimiser. Per row,
 * ℓ = ln Γ(r+x)/Γ(r) + r ln α + ln B(a, b+x)/B(a, b)
 *     + ln[(α+T)^-(r+x) + a/(b+x−1) · (α+t_x)^-(r+x)]   (the second term only for x > 0),
 * so
 * ∂ℓ/∂r = ψ(r+x) − ψ(r) + ln α − [wA ln(α+T) + wD ln(α+t_x)],
 * ∂ℓ/∂α = r/α − (r+x)[wA/(α+T) + wD/(α+t_x)],
 * ∂ℓ/∂a = ψ(a+b) − ψ(a+b+x) + wD/a,
 * ∂ℓ/∂b = ψ(a+b) − ψ(b) + ψ(b+x) − ψ(a+b+x) − wD/(b+x−1).
 */
function bgNbdObjective(c: RfmColumns): GradientFunction {
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
      const logOdds = x > 0 ? Math.log(a / (b + x - 1)) : -Infinity;
      branchSums(c, k, rx, logOdds, logAge, inverseAge, sums);
      // Γ ratios rather than differences of log-gammas: a and b run to 1e6 and beyond on
      // data whose dropout probability is the same for everyone (see logGammaRatio).
      const psiABX = digammaDifference(a + b, x);
      ll +=
        W * (logGammaRatio(r, x) + r * lnAlpha + logGammaRatio(b, x) - logGammaRatio(a + b, x)) +
        sums.logLikelihood;
      gr += W * (digammaDifference(r, x) + lnAlpha) - sums.logAge;
      galpha += (W * r) / alpha - rx * sums.inverseAge;
      ga += -W * psiABX + sums.dropped / a;
      gb += W * (digammaDifference(b, x) - psiABX) - (x > 0 ? sums.dropped / (b + x - 1) : 0);
    }
    // Chain rule to log-parameters (∂/∂ln θ = θ ∂/∂θ), negated for minimisation.
    return { value: -ll, gradient: [-r * gr, -alpha * galpha, -a * ga, -b * gb] };
  };
}

const toBgNbdParams = (v: readonly number[]): BgNbdParams | null => {
  const p = fromLogParams(v);
  return p ? { r: p[0]!, alpha: p[1]!, a: p[2]!, b: p[3]! } : null;
};

/** The BG/NBD fit, ready for solveFit / solveFitSteps; or why the data cannot support one. */
export function bgNbdFitProblem(
  summaries: readonly RfmPoint[],
  options: MinimizeOptions = {},
): FitProblem<BgNbdParams> | FitFailure {
  const prepared = prepareRfm(summaries, 4);
  if ('ok' in prepared) return prepared;
  const gradient = bgNbdObjective(prepared.columns);
  return {
    label: 'BG/NBD',
    objective: (v) => gradient(v).value,
    gradient,
    // α is a time scale, so start it at the mean customer age: that makes the start
    // independent of the time unit.
    start: [0, Math.log(prepared.meanT), 0, 0],
    toParams: toBgNbdParams,
    options,
  };
}

/** Maximum-likelihood fit; see FitResult for the flags on degenerate data. */
export function fitBgNbd(
  summaries: readonly RfmPoint[],
  options: MinimizeOptions = {},
): FitResult<BgNbdParams> {
  return solveFit(bgNbdFitProblem(summaries, options));
}

/**
 * The BG/NBD closed forms divide by (a - 1) where the bracket they multiply also vanishes.
 * Near a = 1, average the values just either side instead: the function is smooth in a, so
 * this costs ~1e-12 in accuracy rather than the cancellation of 0/0.
 */
const A_NEAR_ONE = 1e-6;

/**
 * (a+b+x-1)/(a-1) · [1 - ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(α+T+t))]: expected
 * purchases in the next t given alive at T, the bracket of FHL (2005) eq. (9) and (10).
 * Near a = 1 it is the mean of the values just either side (see A_NEAR_ONE).
 */
function purchasesIfAlive(p: BgNbdParams, t: number, x: number, T: number): number {
  if (Math.abs(p.a - 1) >= A_NEAR_ONE) return purchasesAt(p, p.a, t, x, T);
  return 0.5 * (purchasesAt(p, 1 - A_NEAR_ONE, t, x, T) + purchasesAt(p, 1 + A_NEAR_ONE, t, x, T));
}

function purchasesAt(p: BgNbdParams, a: number, t: number, x: number, T: number): number {
  const { r, alpha, b } = p;
  const z = t / (alpha + T + t);
  // ln(1 - z), also the log of the factor's base.
  const log1mz = Math.log((alpha + T) / (alpha + T + t));
  const tail = hyp2f1Scaled(r + x, b + x, a + b + x - 1, z, (r + x) * log1mz, log1mz);
  return ((a + b + x - 1) / (a - 1)) * (1 - tail);
}

/**
 * E[X(t)] for a customer picked at random at their first purchase (FHL 2005, eq. 9): the
 * conditional expectation of a customer with x = 0 and T = 0.
 */
export function expectedNewCustomer(params: BgNbdParams, t: number): number {
  if (t <= 0) return 0;
  return purchasesIfAlive(params, t, 0, 0);
}

/** P(still alive at T | x, t_x, T) (FHL 2005 technical note, eq. for P(τ > T)). */
export function probabilityAlive(params: BgNbdParams, x: number, t_x: number, T: number): number {
  return 1 / (1 + droppedOdds(params, x, t_x, T));
}

/** P(dropped out after the last purchase) / P(alive), from the two likelihood branches. */
function droppedOdds(p: BgNbdParams, x: number, t_x: number, T: number): number {
  if (x === 0) return 0;
  const logOdds =
    Math.log(p.a / (p.b + x - 1)) + (p.r + x) * Math.log((p.alpha + T) / (p.alpha + t_x));
  return Math.exp(logOdds);
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in the next t time units for a customer with this
 * history (FHL 2005, eq. 10).
 */
export function expectedPurchases(
  params: BgNbdParams,
  t: number,
  x: number,
  t_x: number,
  T: number,
): number {
  return expectedPurchasesIfAlive(params, t, x, T) * probabilityAlive(params, x, t_x, T);
}

/**
 * E[Y(t) | alive at T, x, T]: expectedPurchases without its P(alive) factor. It does not
 * depend on t_x, so customers who differ only in their last purchase share it.
 */
export function expectedPurchasesIfAlive(
  params: BgNbdParams,
  t: number,
  x: number,
  T: number,
): number {
  return t <= 0 ? 0 : purchasesIfAlive(params, t, x, T);
}
