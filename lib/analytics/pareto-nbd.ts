/**
 * Pareto/NBD model (Schmittlein, Morrison & Colombo 1987), in the form of Fader & Hardie's
 * note "A note on deriving the Pareto/NBD model and related expressions" (2005). While alive
 * a customer buys as a Poisson process with rate λ ~ Gamma(r, α); the lifetime is
 * exponential with rate μ ~ Gamma(s, β).
 */
import { fitOutcome, fromLogParams, type FitResult } from './fit-result';
import { minimize, type MinimizeOptions } from './optimize';
import { logIntegrate } from './quadrature';
import { prepareRfm } from './rfm-input';
import { logAddExp, logGamma, logHyp2f1 } from './special';
import type { RfmPoint } from './summary';

export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/**
 * ln A₀ of the note, where A₀ = (r+s+x) ∫_{t_x}^{T} (α+τ)^{-(r+x)} (β+τ)^{-(s+1)} dτ is the
 * likelihood of dying between the last purchase and T. Closed form:
 * A₀ = F(z(t_x)) / (ρ+t_x)^{r+s+x} - F(z(T)) / (ρ+T)^{r+s+x} with F = 2F1(r+s+x, b'; r+s+x+1; ·),
 * z(τ) = |α-β| / (ρ+τ), ρ = max(α, β), and b' = s+1 if α ≥ β, else r+x. Taking the larger
 * of α, β keeps z in [0, 1), where the series converges.
 */
function logA0(p: ParetoNbdParams, x: number, t_x: number, T: number): number {
  const { r, alpha, s, beta } = p;
  if (!(t_x < T)) return -Infinity;
  const rsx = r + s + x;
  const rho = Math.max(alpha, beta);
  const diff = Math.abs(alpha - beta);
  // z is largest at τ = t_x; the series needs ~40 / (1 - z) terms.
  if (diff / (rho + t_x) > SERIES_MAX_Z) return logA0ByQuadrature(p, x, t_x, T);
  const bArg = alpha >= beta ? s + 1 : r + x;
  const logTerm = (tau: number): number =>
    logHyp2f1(rsx, bArg, rsx + 1, diff / (rho + tau)) - rsx * Math.log(rho + tau);
  const early = logTerm(t_x);
  const late = logTerm(T);
  // A₀ is a difference of two close numbers when t_x ≈ T; expm1 keeps the digits that remain.
  const gap = late - early;
  return gap < 0 ? early + Math.log(-Math.expm1(gap)) : -Infinity;
}

/** Above this z the 2F1 series is slow (> ~400 terms) and A₀ is integrated numerically. */
const SERIES_MAX_Z = 0.9;

/**
 * ln A₀ from its integral when α and β are far apart. With m = min(α, β), M = max(α, β) and
 * y = (m+τ)/(M+τ) = 1 - z(τ), the integral becomes
 * (M-m)^{1-K} ∫ y^{-k} (1-y)^{K-2} dy over [y(t_x), y(T)], K = r+s+x+1, k the exponent
 * of (m+τ); with w = ln y it is ∫ exp((1-k) w + (K-2) ln(1-e^w)) dw, a smooth unimodal
 * integrand that adaptive Gauss–Legendre handles however close y is to 0.
 */
function logA0ByQuadrature(p: ParetoNbdParams, x: number, t_x: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const m = Math.min(alpha, beta);
  const M = Math.max(alpha, beta);
  const k = alpha < beta ? r + x : s + 1;
  const K = r + s + x + 1;
  const logF = (w: number): number => (1 - k) * w + (K - 2) * Math.log1p(-Math.exp(w));
  const lo = Math.log((m + t_x) / (M + t_x));
  const hi = Math.log((m + T) / (M + T));
  // Scale by the largest value: at an end, or at the interior stationary point if any.
  let shift = Math.max(logF(lo), logF(hi));
  const c = (1 - k) / (K - 2);
  if (c > 0) {
    const peak = Math.log(c / (1 + c));
    if (peak > lo && peak < hi) shift = Math.max(shift, logF(peak));
  }
  const logIntegral = logIntegrate(logF, lo, hi, shift);
  return Math.log(r + s + x) + (1 - K) * Math.log(M - m) + logIntegral;
}

/** ln of (alive-at-T term) and ln of (died-in-(t_x, T] term); their sum is the likelihood. */
function logBranches(p: ParetoNbdParams, x: number, t_x: number, T: number): [number, number] {
  const { r, alpha, s, beta } = p;
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const died = Math.log(s / (r + s + x)) + logA0(p, x, t_x, T);
  return [alive, died];
}

/** ln L(r, α, s, β | x, t_x, T) for one customer. */
export function paretoNbdLogLikelihoodOne(
  p: ParetoNbdParams,
  x: number,
  t_x: number,
  T: number,
): number {
  const [alive, died] = logBranches(p, x, t_x, T);
  const base = logGamma(p.r + x) - logGamma(p.r) + p.r * Math.log(p.alpha) + p.s * Math.log(p.beta);
  return base + logAddExp(alive, died);
}

export function paretoNbdLogLikelihood(
  p: ParetoNbdParams,
  rows: readonly (RfmPoint & { weight?: number })[],
): number {
  // ln Γ(r+x) depends on x only; data sets have few distinct x, so cache it per x.
  const logGammaR = logGamma(p.r);
  const scale = p.r * Math.log(p.alpha) + p.s * Math.log(p.beta);
  const baseByX = new Map<number, number>();
  let total = 0;
  for (const row of rows) {
    let base = baseByX.get(row.x);
    if (base === undefined) {
      base = logGamma(p.r + row.x) - logGammaR + scale;
      baseByX.set(row.x, base);
    }
    const [alive, died] = logBranches(p, row.x, row.t_x, row.T);
    total += (row.weight ?? 1) * (base + logAddExp(alive, died));
  }
  return total;
}

/** Maximum-likelihood fit; see FitResult for the flags on degenerate data. */
export function fitParetoNbd(
  summaries: readonly RfmPoint[],
  options: MinimizeOptions = {},
): FitResult<ParetoNbdParams> {
  const prepared = prepareRfm(summaries, 4);
  if ('ok' in prepared) return prepared;
  const { rows } = prepared;
  const toParams = (v: readonly number[]): ParetoNbdParams | null => {
    const p = fromLogParams(v);
    return p ? { r: p[0]!, alpha: p[1]!, s: p[2]!, beta: p[3]! } : null;
  };
  const objective = (v: readonly number[]): number => {
    const p = toParams(v);
    return p ? -paretoNbdLogLikelihood(p, rows) : NaN;
  };
  // α and β are time scales: start both at the mean customer age (unit-independent).
  const logMeanT = Math.log(prepared.meanT);
  const result = minimize(objective, [0, logMeanT, 0, logMeanT], options);
  return fitOutcome('Pareto/NBD', result, toParams);
}

/** P(alive at T | x, t_x, T) = L(alive branch) / L. */
export function probabilityAlive(p: ParetoNbdParams, x: number, t_x: number, T: number): number {
  const [alive, died] = logBranches(p, x, t_x, T);
  return 1 / (1 + Math.exp(died - alive));
}

/**
 * (1 - (h / (h + t))^{s-1}) / (s - 1), which tends to ln((h + t) / h) as s → 1; expm1 keeps
 * it accurate for s near 1 instead of dividing two vanishing numbers.
 */
function lifetimeFactor(s: number, h: number, t: number): number {
  const span = Math.log1p(t / h);
  const k = s - 1;
  return k === 0 ? span : -Math.expm1(-k * span) / k;
}

/** E[X(t)] for a customer picked at random at their first purchase. */
export function expectedNewCustomer(p: ParetoNbdParams, t: number): number {
  if (t <= 0) return 0;
  return ((p.r * p.beta) / p.alpha) * lifetimeFactor(p.s, p.beta, t);
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next t time units given this history. */
export function expectedPurchases(
  p: ParetoNbdParams,
  t: number,
  x: number,
  t_x: number,
  T: number,
): number {
  if (t <= 0) return 0;
  const whileAlive = ((p.r + x) * (p.beta + T)) / (p.alpha + T);
  return whileAlive * lifetimeFactor(p.s, p.beta + T, t) * probabilityAlive(p, x, t_x, T);
}
