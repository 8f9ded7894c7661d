/**
 * Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV: using
 * iso-value curves", and Fader & Hardie's note on the Gamma-Gamma model). A customer's
 * transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, so the mean z̄
 * of x transactions is Gamma(px, νx) given ν.
 */
import {
  failure,
  fromLogParams,
  solveFit,
  type FitFailure,
  type FitProblem,
  type FitResult,
} from './fit-result';
import type { GradientFunction, MinimizeOptions } from './optimize';
import { digammaDifference, logGamma, logGammaRatio } from './special';

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** A repeat buyer's number of repeat transactions and their mean value. */
export interface SpendPoint {
  x: number;
  monetary: number;
}

/** ln f(z̄ | p, q, γ, x): ν integrated out of Gamma(px, νx) against Gamma(q, γ). */
export function gammaGammaLogLikelihoodOne(
  params: GammaGammaParams,
  x: number,
  mbar: number,
): number {
  const { p, q, gamma } = params;
  const px = p * x;
  // As gammaGammaObjective: accurate however large q and γ are.
  return (
    logGammaRatio(q, px) -
    logGamma(px) +
    px * (Math.log(x) - Math.log(gamma)) +
    (px - 1) * Math.log(mbar) -
    (px + q) * Math.log1p((x * mbar) / gamma)
  );
}

export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  points: readonly SpendPoint[],
): number {
  let total = 0;
  for (const s of points) total += gammaGammaLogLikelihoodOne(params, s.x, s.monetary);
  return total;
}

/**
 * The repeat buyers grouped by x, identical (x, m̄) merged with a weight. Everything that
 * depends on the data alone (ln m̄, x m̄, Σ w ln m̄ per x) is computed once per fit, so an
 * evaluation costs one logarithm per distinct point plus a few log-gammas per distinct x.
 */
interface SpendColumns {
  /** Distinct x, ascending; the points of xs[k] are pointStart[k] ≤ i < pointStart[k + 1]. */
  xs: number[];
  pointStart: number[];
  xWeight: number[];
  /** Σ w ln m̄ over the points of each x. */
  xLogMean: number[];
  /** x · m̄ of each point. */
  total: Float64Array;
  weight: Float64Array;
}

function spendColumns(points: readonly SpendPoint[]): SpendColumns {
  // Grouped by x, then each group's means sorted as a typed array: maps keyed by the means
  // and a comparator sort cost more than the fit on a large base.
  const meansByX = new Map<number, number[]>();
  for (const { x, monetary } of points) {
    const means = meansByX.get(x);
    if (means) means.push(monetary);
    else meansByX.set(x, [monetary]);
  }
  const c: SpendColumns = {
    xs: [],
    pointStart: [],
    xWeight: [],
    xLogMean: [],
    total: new Float64Array(points.length),
    weight: new Float64Array(points.length),
  };
  let n = 0;
  for (const x of [...meansByX.keys()].sort((u, v) => u - v)) {
    const means = Float64Array.from(meansByX.get(x)!).sort();
    c.xs.push(x);
    c.pointStart.push(n);
    let logMean = 0;
    for (let k = 0; k < means.length; k++) {
      const monetary = means[k]!;
      if (k > 0 && monetary === means[k - 1]) {
        c.weight[n - 1]!++;
        continue;
      }
      if (k > 0) logMean += c.weight[n - 1]! * Math.log(means[k - 1]!);
      c.total[n] = x * monetary;
      c.weight[n] = 1;
      n++;
    }
    logMean += c.weight[n - 1]! * Math.log(means[means.length - 1]!);
    c.xWeight.push(means.length);
    c.xLogMean.push(logMean);
  }
  c.pointStart.push(n);
  c.total = c.total.slice(0, n);
  c.weight = c.weight.slice(0, n);
  return c;
}

/**
 * −ln L and its gradient over log-parameters (p, q, γ). Per point, with L = ln(1 + x m̄/γ),
 * ℓ = ln Γ(px+q)/Γ(q) − ln Γ(px) + px ln x + (px−1) ln m̄ − px ln γ − (px+q) L, so
 * ∂ℓ/∂p = x [ψ(px+q) − ψ(px) + ln x + ln m̄ − ln γ − L],
 * ∂ℓ/∂q = ψ(px+q) − ψ(q) − L,
 * γ ∂ℓ/∂γ = (px+q) x m̄ / (γ + x m̄) − px.
 * Written with L and Γ ratios rather than q ln γ − (px+q) ln(γ + x m̄) and a difference of
 * log-gammas, it stays accurate as q and γ run off together (spend the same for everyone).
 */
function gammaGammaObjective(c: SpendColumns): GradientFunction {
  return (v) => {
    const params = fromLogParams(v);
    if (!params) return { value: NaN, gradient: [NaN, NaN, NaN] };
    const [p, q, gamma] = params as [number, number, number];
    const lnGamma = Math.log(gamma);
    const inverseGamma = 1 / gamma;
    let ll = 0;
    let [gp, gq, gg] = [0, 0, 0];
    for (let k = 0; k < c.xs.length; k++) {
      let logSum = 0;
      let shareSum = 0;
      const end = c.pointStart[k + 1]!;
      for (let i = c.pointStart[k]!; i < end; i++) {
        const w = c.weight[i]!;
        const total = c.total[i]!;
        logSum += w * Math.log1p(total * inverseGamma);
        shareSum += (w * total) / (gamma + total);
      }
      const x = c.xs[k]!;
      const W = c.xWeight[k]!;
      const px = p * x;
      const lnX = Math.log(x);
      ll +=
        W * (logGammaRatio(q, px) - logGamma(px) + px * (lnX - lnGamma)) +
        (px - 1) * c.xLogMean[k]! -
        (px + q) * logSum;
      gp += x * (W * (digammaDifference(px, q) + lnX - lnGamma) + c.xLogMean[k]! - logSum);
      gq += W * digammaDifference(q, px) - logSum;
      gg += (px + q) * shareSum - px * W;
    }
    // Chain rule to log-parameters (gg is already γ ∂ℓ/∂γ), negated for minimisation.
    return { value: -ll, gradient: [-p * gp, -q * gq, -gg] };
  };
}

const toGammaGammaParams = (v: readonly number[]): GammaGammaParams | null => {
  const p = fromLogParams(v);
  return p ? { p: p[0]!, q: p[1]!, gamma: p[2]! } : null;
};

/**
 * The Gamma-Gamma fit, ready for solveFit / solveFitSteps; or why the data cannot support
 * one. Fits the customers who bought again (x > 0) with a positive mean value; others carry
 * no information on spend and are skipped, as in the published fits.
 */
export function gammaGammaFitProblem(
  customers: readonly SpendPoint[],
  options: MinimizeOptions = {},
): FitProblem<GammaGammaParams> | FitFailure {
  if (customers.length === 0) return failure('no-customers', 'No customers to fit.');
  for (let i = 0; i < customers.length; i++) {
    const c = customers[i]!;
    if (!Number.isInteger(c.x) || c.x < 0 || !Number.isFinite(c.monetary)) {
      return failure('invalid-input', `Customer #${i}: need integer x ≥ 0 and finite monetary.`);
    }
  }
  const points = customers.filter((c) => c.x > 0 && c.monetary > 0);
  if (points.length === 0) {
    return failure('no-positive-values', 'No repeat buyer has a positive mean value.');
  }
  if (points.length < 3) {
    return failure(
      'too-few-customers',
      `${points.length} repeat buyer(s) cannot identify 3 parameters.`,
    );
  }
  const first = points[0]!.monetary;
  if (points.every((c) => c.monetary === first)) {
    return failure('no-spread', 'Every mean value is identical; the spend variance is zero.');
  }

  const gradient = gammaGammaObjective(spendColumns(points));
  // Start at p = 1, q = 2 with γ set so the population mean pγ/(q-1) equals the sample mean:
  // this puts γ on the currency's scale whatever the currency.
  const mean = points.reduce((sum, c) => sum + c.monetary, 0) / points.length;
  return {
    label: 'Gamma-Gamma',
    objective: (v) => gradient(v).value,
    gradient,
    start: [0, Math.log(2), Math.log(mean)],
    toParams: toGammaGammaParams,
    options,
  };
}

/** Maximum-likelihood fit; see gammaGammaFitProblem for who is fitted. */
export function fitGammaGamma(
  customers: readonly SpendPoint[],
  options: MinimizeOptions = {},
): FitResult<GammaGammaParams> {
  return solveFit(gammaGammaFitProblem(customers, options));
}

/** Mean spend per transaction across the population, pγ / (q - 1). */
export function populationMeanValue(params: GammaGammaParams): number {
  if (!(params.q > 1)) throw new RangeError('The mean spend is infinite unless q > 1.');
  return (params.p * params.gamma) / (params.q - 1);
}

/**
 * E[M | x, m̄]: expected spend per transaction for a customer with x repeat transactions of
 * mean m̄, a credibility-weighted blend of the population mean and m̄. With x = 0 it is the
 * population mean. Throws when q ≤ 1, where the population mean does not exist.
 */
export function expectedAverageValue(params: GammaGammaParams, x: number, mbar: number): number {
  const { p, q, gamma } = params;
  if (!(q > 1)) throw new RangeError('Expected spend is infinite unless q > 1.');
  return (p * (gamma + x * mbar)) / (p * x + q - 1);
}
