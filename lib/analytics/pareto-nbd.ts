/**
 * Pareto/NBD model (Schmittlein, Morrison & Colombo 1987), in the form of Fader & Hardie's
 * note "A note on deriving the Pareto/NBD model and related expressions" (2005). While alive
 * a customer buys as a Poisson process with rate λ ~ Gamma(r, α); the lifetime is
 * exponential with rate μ ~ Gamma(s, β).
 */
import {
  fromLogParams,
  solveFit,
  type FitFailure,
  type FitProblem,
  type FitResult,
} from './fit-result';
import type { GradientFunction, MinimizeOptions } from './optimize';
import { logIntegrate } from './quadrature';
import { prepareRfm, type RfmColumns } from './rfm-input';
import { digammaDifference, logAddExp, logGamma, logGammaRatio, logHyp2f1 } from './special';
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
  const early = logTerm(rsx, bArg, rho, diff, t_x);
  const late = logTerm(rsx, bArg, rho, diff, T);
  // A₀ is a difference of two close numbers when t_x ≈ T; expm1 keeps the digits that remain.
  const gap = late - early;
  return gap < 0 ? early + Math.log(-Math.expm1(gap)) : -Infinity;
}

/** ln[F(z(τ)) / (ρ+τ)^{r+s+x}], one of logA0's two terms. */
function logTerm(rsx: number, bArg: number, rho: number, diff: number, tau: number): number {
  return logHyp2f1(rsx, bArg, rsx + 1, diff / (rho + tau)) - rsx * Math.log(rho + tau);
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
  const q = quadratureSetup(p, x, t_x, T);
  return q.logScale + logIntegrate(q.logF, q.lo, q.hi, q.shift);
}

interface QuadratureSetup {
  logF: (w: number) => number;
  lo: number;
  hi: number;
  /** ≈ max logF on [lo, hi], to keep the summed values in range. */
  shift: number;
  /** ln A₀ − ln ∫ exp(logF). */
  logScale: number;
  /** [ln(α+τ), ln(β+τ)] at the τ where ln y = w. */
  logAges: (w: number) => [number, number];
}

function quadratureSetup(p: ParetoNbdParams, x: number, t_x: number, T: number): QuadratureSetup {
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
  const logGap = Math.log(M - m);
  // M + τ = (M − m) / (1 − y) and m + τ = y (M + τ).
  const logAges = (w: number): [number, number] => {
    const logHigh = logGap - Math.log1p(-Math.exp(w));
    return alpha < beta ? [w + logHigh, logHigh] : [logHigh, w + logHigh];
  };
  return { logF, lo, hi, shift, logScale: Math.log(r + s + x) + (1 - K) * logGap, logAges };
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

/** G = 2F1(1, B; C; z) and its partial derivatives, from one pass of the series. */
interface SeriesWithSlopes {
  value: number;
  dB: number;
  dC: number;
  dz: number;
}

/**
 * 2F1(1, B; C; z) = Σ (B)_n / (C)_n zⁿ for B, C > 0 and 0 ≤ z < 1, with its derivatives in B,
 * C and z summed term by term: ∂/∂B of the nth coefficient is it times Σ_{k<n} 1/(B+k), ∂/∂C
 * minus it times Σ_{k<n} 1/(C+k). Every term is positive and each ratio is below z, so there
 * is no cancellation and the tail after a term is below term / (1 - z).
 */
function seriesWithSlopes(B: number, C: number, z: number, out: SeriesWithSlopes): void {
  let term = 1;
  let value = 1;
  let sumB = 0;
  let sumC = 0;
  let dB = 0;
  let dC = 0;
  let dz = 0;
  const tolerance = SERIES_EPS * (1 - z);
  for (let n = 0; n < SERIES_MAX_TERMS; n++) {
    const inverseC = 1 / (C + n);
    const ratio = (B + n) * inverseC;
    dz += (n + 1) * term * ratio;
    sumB += 1 / (B + n);
    sumC += inverseC;
    term *= ratio * z;
    value += term;
    dB += term * sumB;
    dC -= term * sumC;
    if (term <= tolerance * value) break;
  }
  out.value = value;
  out.dB = dB;
  out.dC = dC;
  out.dz = dz;
}

/** As in special.ts's series: stop once a term is this small against the sum. */
const SERIES_EPS = 1e-17;
/** z ≤ SERIES_MAX_Z needs < 500 terms; this only bounds a runaway. */
const SERIES_MAX_TERMS = 100_000;

/**
 * ∂ ln A₀ / ∂(r, α, s, β) for the rows whose A₀ is integrated numerically (α and β far
 * apart). A₀ = (r+s+x) ∫ f with f = (α+τ)^-(r+x) (β+τ)^-(s+1), so with E[·] the mean under f
 * on [t_x, T]: ∂/∂r = 1/(r+s+x) − E[ln(α+τ)], ∂/∂α = −(r+x) E[1/(α+τ)], and likewise for
 * s and β. Each mean is one more integral of the same kind, with a non-negative integrand
 * (ln((α+τ)/(α+t_x)) rather than ln(α+τ), which may change sign) as logIntegrate needs.
 */
function logA0ByQuadratureSlopes(
  p: ParetoNbdParams,
  x: number,
  t_x: number,
  T: number,
): [number, number, number, number] {
  const q = quadratureSetup(p, x, t_x, T);
  const logTotal = logIntegrate(q.logF, q.lo, q.hi, q.shift);
  // Gradients need far less than the value's 1e-13.
  const mean = (logG: (w: number) => number, logMax: number) =>
    Math.exp(
      logIntegrate((w) => q.logF(w) + logG(w), q.lo, q.hi, q.shift + logMax, 1e-10) - logTotal,
    );
  // ln((M+τ)/(M+t_x)) = ln((1 − y₀)/(1 − y)) and ln((m+τ)/(m+t_x)) = that + w − w₀, written
  // without cancellation near τ = t_x (y = e^w, y₀ = e^lo), where a noisy integrand would
  // keep the adaptive quadrature refining.
  const y0 = Math.exp(q.lo);
  const highGrowth = (w: number) => Math.log1p((y0 * Math.expm1(w - q.lo)) / -Math.expm1(w));
  const lowGrowth = (w: number) => w - q.lo + highGrowth(w);
  const [alphaGrowth, betaGrowth] =
    p.alpha < p.beta ? [lowGrowth, highGrowth] : [highGrowth, lowGrowth];
  const logOf = (v: number) => (v > 0 ? Math.log(v) : -Infinity);
  const [logAlphaStart, logBetaStart] = q.logAges(q.lo);
  const meanLogAlpha = logAlphaStart + mean((w) => logOf(alphaGrowth(w)), logOf(alphaGrowth(q.hi)));
  const meanLogBeta = logBetaStart + mean((w) => logOf(betaGrowth(w)), logOf(betaGrowth(q.hi)));
  const meanInverseAlpha = mean((w) => -q.logAges(w)[0], -logAlphaStart);
  const meanInverseBeta = mean((w) => -q.logAges(w)[1], -logBetaStart);
  const rsx = p.r + p.s + x;
  return [
    1 / rsx - meanLogAlpha,
    -(p.r + x) * meanInverseAlpha,
    1 / rsx - meanLogBeta,
    -(p.s + 1) * meanInverseBeta,
  ];
}

/**
 * −ln L and its gradient over log-parameters (r, α, s, β), for the minimiser.
 *
 * ln L = ln Γ(r+x)/Γ(r) + r ln α + s ln β + ln(e^{L₁} + e^{L₂}) per row, with
 * L₁ = −(r+x) ln(α+T) − s ln(β+T) (alive at T) and L₂ = ln s − ln(r+s+x) + ln A₀ (died in
 * (t_x, T]). ln A₀ = ln(e^{E} − e^{L}) with E, L the value at τ = t_x and τ = T of
 * ln F(z(τ)) − (r+s+x) ln(ρ+τ) (see logA0). F is summed in Euler's form,
 * F = (1−z)^{1−b'} 2F1(1, r+s+x+1−b'; r+s+x+1; z), whose terms are all positive, so the
 * same pass gives its derivatives.
 *
 * Those (x, τ) terms depend on the row only through x and τ, and a data set has far fewer
 * distinct (x, τ) than rows (CDNOW's master file: 2,700 against 8,700 rows and 17,400
 * terms), so each is computed once per evaluation and the rows combine them.
 */
function paretoNbdObjective(c: RfmColumns): GradientFunction {
  // Distinct (x group, time) pairs, and which of them each row takes at t_x and at T.
  const pairIndex = new Map<number, number>();
  const pairGroup: number[] = [];
  const pairTime: number[] = [];
  const pairOf = (k: number, time: number): number => {
    const key = k * c.times.length + time;
    let index = pairIndex.get(key);
    if (index === undefined) {
      index = pairGroup.length;
      pairIndex.set(key, index);
      pairGroup.push(k);
      pairTime.push(time);
    }
    return index;
  };
  const early = new Int32Array(c.weight.length);
  const late = new Int32Array(c.weight.length);
  for (let k = 0; k < c.xs.length; k++) {
    for (let i = c.rowStart[k]!; i < c.rowStart[k + 1]!; i++) {
      early[i] = pairOf(k, c.tx[i]!);
      late[i] = pairOf(k, c.T[i]!);
    }
  }
  const pairs = pairGroup.length;
  // The (x, τ) term and its derivatives in r, α, s, β; NaN where A₀ needs quadrature.
  const term = new Float64Array(pairs);
  const termR = new Float64Array(pairs);
  const termAlpha = new Float64Array(pairs);
  const termS = new Float64Array(pairs);
  const termBeta = new Float64Array(pairs);
  const times = c.times;
  const logAlphaAge = new Float64Array(times.length);
  const logBetaAge = new Float64Array(times.length);
  const inverseAlphaAge = new Float64Array(times.length);
  const inverseBetaAge = new Float64Array(times.length);
  const series: SeriesWithSlopes = { value: 0, dB: 0, dC: 0, dz: 0 };

  return (v) => {
    const p = toParetoNbdParams(v);
    if (!p) return { value: NaN, gradient: [NaN, NaN, NaN, NaN] };
    const { r, alpha, s, beta } = p;
    for (let i = 0; i < times.length; i++) {
      logAlphaAge[i] = Math.log(alpha + times[i]!);
      logBetaAge[i] = Math.log(beta + times[i]!);
      inverseAlphaAge[i] = 1 / (alpha + times[i]!);
      inverseBetaAge[i] = 1 / (beta + times[i]!);
    }

    // z(τ) = |α−β| / (ρ+τ), ρ = max(α, β); b' = s+1 if α ≥ β, else r+x (see logA0).
    const alphaAbove = alpha >= beta;
    const diff = Math.abs(alpha - beta);
    for (let j = 0; j < pairs; j++) {
      const x = c.xs[pairGroup[j]!]!;
      const time = pairTime[j]!;
      const inverseRhoAge = alphaAbove ? inverseAlphaAge[time]! : inverseBetaAge[time]!;
      const z = diff * inverseRhoAge;
      if (z > SERIES_MAX_Z) {
        term[j] = NaN;
        continue;
      }
      const rsx = r + s + x;
      const bPrime = alphaAbove ? s + 1 : r + x;
      seriesWithSlopes(rsx + 1 - bPrime, rsx + 1, z, series);
      const log1mz = Math.log1p(-z);
      const dB = series.dB / series.value;
      const dC = series.dC / series.value;
      // ln F = (1 − b') ln(1−z) + ln G: r moves C and either B (α ≥ β) or b'; s likewise.
      const dFdz = series.dz / series.value - (1 - bPrime) / (1 - z);
      const logRhoAge = alphaAbove ? logAlphaAge[time]! : logBetaAge[time]!;
      term[j] = (1 - bPrime) * log1mz + Math.log(series.value) - rsx * logRhoAge;
      termR[j] = (alphaAbove ? dB + dC : dC - log1mz) - logRhoAge;
      termS[j] = (alphaAbove ? dC - log1mz : dB + dC) - logRhoAge;
      // ∂z/∂ρ = −z/(ρ+τ) + 1/(ρ+τ) from |α−β| = ρ − min, and ∂z/∂min = −1/(ρ+τ).
      const dzRho = (1 - z) * inverseRhoAge;
      const dRho = dFdz * dzRho - rsx * inverseRhoAge;
      const dMin = -dFdz * inverseRhoAge;
      termAlpha[j] = alphaAbove ? dRho : dMin;
      termBeta[j] = alphaAbove ? dMin : dRho;
    }

    const lnAlpha = Math.log(alpha);
    const lnBeta = Math.log(beta);
    let ll = 0;
    let [gr, galpha, gs, gbeta] = [0, 0, 0, 0];
    for (let k = 0; k < c.xs.length; k++) {
      const x = c.xs[k]!;
      const W = c.xWeight[k]!;
      const rx = r + x;
      const rsx = r + s + x;
      const logShare = Math.log(s / rsx);
      ll += W * (logGammaRatio(r, x) + r * lnAlpha + s * lnBeta);
      gr += W * (digammaDifference(r, x) + lnAlpha);
      galpha += (W * r) / alpha;
      gs += W * lnBeta;
      gbeta += (W * s) / beta;
      for (let i = c.rowStart[k]!; i < c.rowStart[k + 1]!; i++) {
        const w = c.weight[i]!;
        const iT = c.T[i]!;
        const iTx = c.tx[i]!;
        const alive = -rx * logAlphaAge[iT]! - s * logBetaAge[iT]!;
        // ln A₀ and its derivatives, or -∞ when t_x = T (no time to die in).
        let logA0 = -Infinity;
        let [dR, dAlpha, dS, dBeta] = [0, 0, 0, 0];
        if (times[iTx]! < times[iT]!) {
          const e = early[i]!;
          const l = late[i]!;
          if (Number.isNaN(term[e]!)) {
            logA0 = logA0ByQuadrature(p, x, times[iTx]!, times[iT]!);
            [dR, dAlpha, dS, dBeta] = logA0ByQuadratureSlopes(p, x, times[iTx]!, times[iT]!);
          } else {
            // A₀ is a difference of two close numbers when t_x ≈ T; expm1 keeps its digits.
            const gap = term[l]! - term[e]!;
            if (gap < 0) {
              const remainder = -Math.expm1(gap);
              logA0 = term[e]! + Math.log(remainder);
              // ∂ ln(e^E − e^L) = ∂L + (∂E − ∂L) / (1 − e^{L−E})
              const q = 1 / remainder;
              dR = termR[l]! + q * (termR[e]! - termR[l]!);
              dAlpha = termAlpha[l]! + q * (termAlpha[e]! - termAlpha[l]!);
              dS = termS[l]! + q * (termS[e]! - termS[l]!);
              dBeta = termBeta[l]! + q * (termBeta[e]! - termBeta[l]!);
            }
          }
        }
        const died = logShare + logA0;
        // ln(e^alive + e^died) through the smaller exponential, which also gives the shares.
        let share = 0;
        if (died === -Infinity) ll += w * alive;
        else if (died <= alive) {
          const ratio = Math.exp(died - alive);
          ll += w * (alive + Math.log1p(ratio));
          share = ratio / (1 + ratio);
        } else {
          const ratio = Math.exp(alive - died);
          ll += w * (died + Math.log1p(ratio));
          share = 1 / (1 + ratio);
        }
        const kept = 1 - share;
        gr -= w * kept * logAlphaAge[iT]!;
        galpha -= w * kept * rx * inverseAlphaAge[iT]!;
        gs -= w * kept * logBetaAge[iT]!;
        gbeta -= w * kept * s * inverseBetaAge[iT]!;
        if (share > 0) {
          gr += w * share * (dR - 1 / rsx);
          galpha += w * share * dAlpha;
          gs += w * share * (dS + 1 / s - 1 / rsx);
          gbeta += w * share * dBeta;
        }
      }
    }
    // Chain rule to log-parameters, negated for minimisation.
    return { value: -ll, gradient: [-r * gr, -alpha * galpha, -s * gs, -beta * gbeta] };
  };
}

const toParetoNbdParams = (v: readonly number[]): ParetoNbdParams | null => {
  const p = fromLogParams(v);
  return p ? { r: p[0]!, alpha: p[1]!, s: p[2]!, beta: p[3]! } : null;
};

/** The Pareto/NBD fit, ready for solveFit / solveFitSteps; or why the data cannot support one. */
export function paretoNbdFitProblem(
  summaries: readonly RfmPoint[],
  options: MinimizeOptions = {},
): FitProblem<ParetoNbdParams> | FitFailure {
  const prepared = prepareRfm(summaries, 4);
  if ('ok' in prepared) return prepared;
  const gradient = paretoNbdObjective(prepared.columns);
  // α and β are time scales: start both at the mean customer age (unit-independent).
  const logMeanT = Math.log(prepared.meanT);
  return {
    label: 'Pareto/NBD',
    objective: (v) => gradient(v).value,
    gradient,
    start: [0, logMeanT, 0, logMeanT],
    toParams: toParetoNbdParams,
    options,
  };
}

/** Maximum-likelihood fit; see FitResult for the flags on degenerate data. */
export function fitParetoNbd(
  summaries: readonly RfmPoint[],
  options: MinimizeOptions = {},
): FitResult<ParetoNbdParams> {
  return solveFit(paretoNbdFitProblem(summaries, options));
}

/** P(alive at T | x, t_x, T) = L(alive branch) / L. */
export function probabilityAlive(p: ParetoNbdParams, x: number, t_x: number, T: number): number {
  const m = lastAlive;
  if (
    m.x === x &&
    m.t_x === t_x &&
    m.T === T &&
    m.r === p.r &&
    m.alpha === p.alpha &&
    m.s === p.s &&
    m.beta === p.beta
  ) {
    return m.value;
  }
  const [alive, died] = logBranches(p, x, t_x, T);
  const value = 1 / (1 + Math.exp(died - alive));
  [m.r, m.alpha, m.s, m.beta, m.x, m.t_x, m.T, m.value] = [
    p.r,
    p.alpha,
    p.s,
    p.beta,
    x,
    t_x,
    T,
    value,
  ];
  return value;
}

/**
 * The last P(alive) computed, with every input it came from. A CLV asks for E[Y(t)] at a dozen
 * horizons for one customer in a row, and P(alive), two 2F1 series, is most of the cost and
 * does not depend on t. Keyed on the values, not on the params object, so it cannot go stale.
 */
const lastAlive = { r: NaN, alpha: NaN, s: NaN, beta: NaN, x: NaN, t_x: NaN, T: NaN, value: NaN };

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
  return expectedPurchasesIfAlive(p, t, x, T) * probabilityAlive(p, x, t_x, T);
}

/** E[Y(t) | alive at T, x, T]: expectedPurchases without its P(alive) factor (no t_x in it). */
export function expectedPurchasesIfAlive(p: ParetoNbdParams, t: number, x: number, T: number) {
  if (t <= 0) return 0;
  return (((p.r + x) * (p.beta + T)) / (p.alpha + T)) * lifetimeFactor(p.s, p.beta + T, t);
}
