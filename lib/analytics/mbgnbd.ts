/**
 * MBG/NBD ("modified BG/NBD") model of Batislam, Denizel & Filiztekin (2007). As BG/NBD,
 * except that a customer may also drop out at time zero, right after the first purchase:
 * dropout chances come at each purchase *including* the first. So a customer who never
 * repeated is no longer certainly alive, which is BG/NBD's best-known oddity.
 */
import { fitOutcome, fromLogParams, type FitResult } from './fit-result';
import { minimize, type MinimizeOptions } from './optimize';
import { prepareRfm } from './rfm-input';
import { hyp2f1Scaled, logAddExp, logGamma } from './special';
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
    base: logGamma(r + x) - logGamma(r) + r * Math.log(alpha),
    alive: logGamma(a + b) + logGamma(b + x + 1) - logGamma(b) - logGamma(a + b + x + 1),
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

/** Maximum-likelihood fit; see FitResult for the flags on degenerate data. */
export function fitMbgNbd(
  summaries: readonly RfmPoint[],
  options: MinimizeOptions = {},
): FitResult<MbgNbdParams> {
  const prepared = prepareRfm(summaries, 4);
  if ('ok' in prepared) return prepared;
  const toParams = (v: readonly number[]): MbgNbdParams | null => {
    const p = fromLogParams(v);
    return p ? { r: p[0]!, alpha: p[1]!, a: p[2]!, b: p[3]! } : null;
  };
  const objective = (v: readonly number[]): number => {
    const p = toParams(v);
    return p ? -mbgNbdLogLikelihood(p, prepared.rows) : NaN;
  };
  // α is a time scale: starting it at the mean age makes the start unit-independent.
  const result = minimize(objective, [0, Math.log(prepared.meanT), 0, 0], options);
  return fitOutcome('MBG/NBD', result, toParams);
}

/**
 * The closed forms carry 1 / (a - 1) times a bracket that also vanishes at a = 1. The
 * function is smooth in a, so near 1 the mean of the values just either side is used.
 */
const A_NEAR_ONE = 1e-6;

function smoothThroughAOne(p: MbgNbdParams, f: (q: MbgNbdParams) => number): number {
  if (Math.abs(p.a - 1) >= A_NEAR_ONE) return f(p);
  return 0.5 * (f({ ...p, a: 1 - A_NEAR_ONE }) + f({ ...p, a: 1 + A_NEAR_ONE }));
}

/** (a/(b+x)) · ((α+T)/(α+t_x))^(r+x): P(dropped) / P(alive) given the history. */
function droppedOdds(p: MbgNbdParams, x: number, t_x: number, T: number): number {
  const tx = x > 0 ? t_x : 0;
  return Math.exp(Math.log(p.a / (p.b + x)) + (p.r + x) * Math.log((p.alpha + T) / (p.alpha + tx)));
}

/** P(still alive at T | x, t_x, T). Below 1 even for x = 0: the time-zero dropout. */
export function probabilityAlive(p: MbgNbdParams, x: number, t_x: number, T: number): number {
  return 1 / (1 + droppedOdds(p, x, t_x, T));
}

/** E[X(t)] for a customer picked at random at their first purchase. */
export function expectedNewCustomer(params: MbgNbdParams, t: number): number {
  if (!(t > 0)) return 0;
  return smoothThroughAOne(params, ({ r, alpha, a, b }) => {
    const tail = hyp2f1Scaled(r, b + 1, a + b, t / (alpha + t), r * Math.log(alpha / (alpha + t)));
    return (b / (a - 1)) * (1 - tail);
  });
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next t time units given this history. */
export function expectedPurchases(
  params: MbgNbdParams,
  t: number,
  x: number,
  t_x: number,
  T: number,
): number {
  if (!(t > 0)) return 0;
  const alive = probabilityAlive(params, x, t_x, T);
  return smoothThroughAOne(params, ({ r, alpha, a, b }) => {
    const tail = hyp2f1Scaled(
      r + x,
      b + x + 1,
      a + b + x,
      t / (alpha + T + t),
      (r + x) * Math.log((alpha + T) / (alpha + T + t)),
    );
    return ((a + b + x) / (a - 1)) * (1 - tail) * alive;
  });
}
