/**
 * BG/NBD ("beta-geometric / NBD") model of Fader, Hardie & Lee (2005), "Counting your
 * customers the easy way". While alive a customer buys as a Poisson process with rate
 * λ ~ Gamma(r, α); after each purchase they drop out with probability p ~ Beta(a, b).
 */
import { fitOutcome, fromLogParams, type FitResult } from './fit-result';
import { minimize, type MinimizeOptions } from './optimize';
import { prepareRfm, type WeightedRfm } from './rfm-input';
import { hyp2f1Scaled, logAddExp, logGamma } from './special';
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
  const lgAB = logGamma(a + b);
  const lgB = logGamma(b);
  const lgABX = logGamma(a + b + x);
  return {
    base: logGamma(r + x) - logGamma(r) + r * Math.log(alpha),
    alive: logGamma(b + x) - lgB - lgABX + lgAB,
    dropped: x > 0 ? Math.log(a) + logGamma(b + x - 1) - lgB - lgABX + lgAB : -Infinity,
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

/** Maximum-likelihood fit; see FitResult for the flags on degenerate data. */
export function fitBgNbd(
  summaries: readonly RfmPoint[],
  options: MinimizeOptions = {},
): FitResult<BgNbdParams> {
  const prepared = prepareRfm(summaries, 4);
  if ('ok' in prepared) return prepared;
  const rows: WeightedRfm[] = prepared.rows;
  const toParams = (v: readonly number[]): BgNbdParams | null => {
    const p = fromLogParams(v);
    return p ? { r: p[0]!, alpha: p[1]!, a: p[2]!, b: p[3]! } : null;
  };
  const objective = (v: readonly number[]): number => {
    const p = toParams(v);
    return p ? -bgNbdLogLikelihood(p, rows) : NaN;
  };
  // α is a time scale, so start it at the mean customer age: that makes the start
  // independent of the time unit.
  const start = [0, Math.log(prepared.meanT), 0, 0];
  const result = minimize(objective, start, options);
  return fitOutcome('BG/NBD', result, toParams);
}

/**
 * The BG/NBD closed forms divide by (a - 1) where the bracket they multiply also vanishes.
 * Near a = 1, average the values just either side instead: the function is smooth in a, so
 * this costs ~1e-12 in accuracy rather than the cancellation of 0/0.
 */
const A_NEAR_ONE = 1e-6;

function avoidingAEqualsOne<T extends BgNbdParams>(p: T, f: (q: T) => number): number {
  if (Math.abs(p.a - 1) >= A_NEAR_ONE) return f(p);
  return 0.5 * (f({ ...p, a: 1 - A_NEAR_ONE }) + f({ ...p, a: 1 + A_NEAR_ONE }));
}

/**
 * E[X(t)] for a customer picked at random at their first purchase (FHL 2005, eq. 9).
 */
export function expectedNewCustomer(params: BgNbdParams, t: number): number {
  if (t <= 0) return 0;
  return avoidingAEqualsOne(params, ({ r, alpha, a, b }) => {
    const z = t / (alpha + t);
    const tail = hyp2f1Scaled(r, b, a + b - 1, z, r * Math.log(alpha / (alpha + t)));
    return ((a + b - 1) / (a - 1)) * (1 - tail);
  });
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
  if (t <= 0) return 0;
  const odds = droppedOdds(params, x, t_x, T);
  return avoidingAEqualsOne(params, ({ r, alpha, a, b }) => {
    const z = t / (alpha + T + t);
    const tail = hyp2f1Scaled(
      r + x,
      b + x,
      a + b + x - 1,
      z,
      (r + x) * Math.log((alpha + T) / (alpha + T + t)),
    );
    return (((a + b + x - 1) / (a - 1)) * (1 - tail)) / (1 + odds);
  });
}
