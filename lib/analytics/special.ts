/**
 * Special functions the CLV likelihoods need: log-gamma, log-beta and the Gauss
 * hypergeometric function 2F1 on the real half-line z < 1.
 */

const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * B_{2k} / (2k (2k - 1)) for k = 1..8: the coefficients of Stirling's series
 * ln Γ(z) ≈ (z - ½) ln z - z + ½ ln 2π + Σ_k c_k / z^{2k-1}.
 */
const STIRLING = [
  1 / 12,
  -1 / 360,
  1 / 1260,
  -1 / 1680,
  1 / 1188,
  -691 / 360360,
  1 / 156,
  -3617 / 122400,
] as const;

/** Below this the argument is shifted up; at z ≥ 10 the first omitted Stirling term is < 2e-18. */
const STIRLING_MIN = 10;

/**
 * ln Γ(x) for x > 0 (NaN otherwise).
 *
 * Method: Stirling's asymptotic series with eight terms for x ≥ 10; smaller x is shifted
 * up with Γ(x) = Γ(x + n) / (x (x+1) … (x+n-1)). Relative error is ~1e-15 except near
 * the zeros at x = 1 and x = 2, where the absolute error (~1e-15) is what is meaningful.
 */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return x === Infinity ? Infinity : NaN;
  let shift = 0;
  let product = 1;
  let z = x;
  // One product and one log rather than n logs: the product stays far from overflow
  // because z < 10 and at most ten factors are multiplied.
  while (z < STIRLING_MIN) {
    product *= z;
    z += 1;
    shift = 1;
  }
  const stirling = (z - 0.5) * Math.log(z) - z + HALF_LN_2PI + stirlingSeries(z);
  return shift ? stirling - Math.log(product) : stirling;
}

/**
 * B_{2k} / (2k) for k = 1..7: ψ(z) ≈ ln z - 1/(2z) - Σ_k c_k / z^{2k}. At z ≥ 10 the first
 * omitted term is below 1e-17.
 */
const DIGAMMA_SERIES = [
  1 / 12,
  -1 / 120,
  1 / 252,
  -1 / 240,
  1 / 132,
  -691 / 32760,
  1 / 12,
] as const;

/**
 * ψ(x) = d/dx ln Γ(x) for x > 0 (NaN otherwise), for the likelihood gradients.
 *
 * Method: the asymptotic series for x ≥ 10; smaller x is shifted up with
 * ψ(x) = ψ(x + 1) - 1/x. Absolute error ~1e-15.
 */
export function digamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return x === Infinity ? Infinity : NaN;
  let shift = 0;
  let z = x;
  while (z < STIRLING_MIN) {
    shift += 1 / z;
    z += 1;
  }
  return Math.log(z) - 0.5 / z - digammaSeries(z) - shift;
}

/** Σ_k c_k / z^{2k-1}, Stirling's correction to ln Γ(z) (z ≥ 10). */
function stirlingSeries(z: number): number {
  const inv = 1 / z;
  const inv2 = inv * inv;
  let series = 0;
  let power = inv;
  for (const c of STIRLING) {
    series += c * power;
    power *= inv2;
  }
  return series;
}

/** Σ_k c_k / z^{2k}, the digamma series' correction (z ≥ 10). */
function digammaSeries(z: number): number {
  const inv2 = 1 / (z * z);
  let series = 0;
  let power = inv2;
  for (const c of DIGAMMA_SERIES) {
    series += c * power;
    power *= inv2;
  }
  return series;
}

/**
 * ln Γ(x + u) - ln Γ(x) for x > 0, u ≥ 0.
 *
 * The plain difference loses digits when x is large: at x = 1e7 each log-gamma is ~1.5e8,
 * so the difference keeps only about eight, and fits that run towards a degenerate limit
 * (a + b or q → ∞) see a noisy likelihood that no gradient method can settle on. For x ≥ 10
 * Stirling's series is differenced analytically instead:
 * (x - ½) ln(1 + u/x) + u ln(x + u) - u + S(x + u) - S(x), every term accurate.
 */
export function logGammaRatio(x: number, u: number): number {
  if (!(x >= STIRLING_MIN) || !(u >= 0) || !Number.isFinite(x + u)) {
    return logGamma(x + u) - logGamma(x);
  }
  const y = x + u;
  return (
    (x - 0.5) * Math.log1p(u / x) + u * Math.log(y) - u + stirlingSeries(y) - stirlingSeries(x)
  );
}

/** ψ(x + u) - ψ(x) for x > 0, u ≥ 0, accurate for large x as logGammaRatio. */
export function digammaDifference(x: number, u: number): number {
  if (!(x >= STIRLING_MIN) || !(u >= 0) || !Number.isFinite(x + u)) {
    return digamma(x + u) - digamma(x);
  }
  const y = x + u;
  return Math.log1p(u / x) + (0.5 * u) / (x * y) - (digammaSeries(y) - digammaSeries(x));
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** ln(e^u + e^v) without overflow; -Infinity stands for a zero term. */
export function logAddExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  const hi = Math.max(u, v);
  return hi + Math.log1p(Math.exp(-Math.abs(u - v)));
}

/**
 * 2F1 split as exp(logScale) · series, so that callers that need the logarithm of a
 * huge value (Pareto/NBD with large x) never form it.
 */
interface Hyp2f1Parts {
  logScale: number;
  series: number;
}

/** Terms are summed until they fall below this fraction of the running sum. */
const SERIES_EPS = 1e-17;
/** A safety bound; the series needs about 40 / (1 - z) terms, so this allows z up to ~0.9999. */
const SERIES_MAX_TERMS = 500_000;

/**
 * Σ_n (a)_n (b)_n / ((c)_n n!) z^n for 0 ≤ z < 1. NaN if c is a pole (0, -1, -2, …) or the
 * sum has not converged within SERIES_MAX_TERMS.
 */
function gaussSeries(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < SERIES_MAX_TERMS; n++) {
    const denominator = (c + n) * (n + 1);
    if (denominator === 0) return NaN;
    term *= (((a + n) * (b + n)) / denominator) * z;
    sum += term;
    // A zero term means a or b is a non-positive integer: the series is a polynomial.
    if (term === 0) return sum;
    // Stop once the terms shrink (n past the peak) and the current one is small enough
    // that even a geometric tail with ratio z stays below SERIES_EPS of the sum.
    const shrinking = Math.abs((a + n + 1) * (b + n + 1) * z) < Math.abs((c + n + 1) * (n + 2));
    if (shrinking && Math.abs(term) <= SERIES_EPS * (1 - z) * Math.abs(sum)) return sum;
  }
  return NaN;
}

function hyp2f1Parts(a: number, b: number, c: number, z: number): Hyp2f1Parts {
  if (!(z < 1) || Number.isNaN(a + b + c)) return { logScale: 0, series: NaN };
  if (z === 0) return { logScale: 0, series: 1 };
  if (z < 0) {
    // Pfaff: F(a,b;c;z) = (1-z)^{-a} F(a, c-b; c; z/(z-1)) maps z < 0 onto [0, 1).
    const inner = hyp2f1Parts(a, c - b, c, z / (z - 1));
    return { logScale: inner.logScale - a * Math.log1p(-z), series: inner.series };
  }
  if (c - a - b < 0) {
    // Euler: F(a,b;c;z) = (1-z)^{c-a-b} F(c-a, c-b; c; z). When c - a - b < 0 the original
    // series diverges at z = 1 and its terms grow like (1-z)^{c-a-b}; the transformed one
    // converges there, so its terms stay bounded and the blow-up sits in the exact prefactor.
    return { logScale: (c - a - b) * Math.log1p(-z), series: gaussSeries(c - a, c - b, c, z) };
  }
  return { logScale: 0, series: gaussSeries(a, b, c, z) };
}

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) for real z < 1 (NaN for z ≥ 1).
 *
 * Method: z < 0 is mapped onto [0, 1) by Pfaff's transformation; on [0, 1) the power series
 * is summed directly, after Euler's transformation whenever c - a - b < 0 (which is the
 * Pareto/NBD and BG/NBD case for large x), so that the summed terms are bounded and the
 * divergent factor (1 - z)^{c-a-b} is exact. Cost grows like 1 / (1 - z); z within 1e-4 of 1
 * is out of range and gives NaN rather than a wrong number.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const { logScale, series } = hyp2f1Parts(a, b, c, z);
  return logScale === 0 ? series : Math.exp(logScale) * series;
}

/**
 * exp(logFactor) · 2F1(a, b; c; z), for products such as (1-z)^{r+x} · 2F1(…) where the
 * factor underflows while the function overflows but the product is moderate. A caller that
 * already has ln(1 - z) may pass it (`log1mz`) to spare recomputing it.
 */
export function hyp2f1Scaled(
  a: number,
  b: number,
  c: number,
  z: number,
  logFactor: number,
  log1mz?: number,
): number {
  // 0 ≤ z < 1, the per-customer predictions' case, as in hyp2f1Parts but without the
  // intermediate object: these run for every customer, several times each.
  if (z >= 0 && z < 1 && !Number.isNaN(a + b + c)) {
    const exponent = c - a - b;
    if (exponent >= 0) return Math.exp(logFactor) * gaussSeries(a, b, c, z);
    const logScale = exponent * (log1mz ?? Math.log1p(-z));
    return Math.exp(logFactor + logScale) * gaussSeries(c - a, c - b, c, z);
  }
  const { logScale, series } = hyp2f1Parts(a, b, c, z);
  return Math.exp(logFactor + logScale) * series;
}

/** ln 2F1(a, b; c; z) where the function is positive (NaN where it is not); method as hyp2f1. */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  const { logScale, series } = hyp2f1Parts(a, b, c, z);
  return series > 0 ? logScale + Math.log(series) : NaN;
}
