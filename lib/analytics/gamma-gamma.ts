/**
 * Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV: using
 * iso-value curves", and Fader & Hardie's note on the Gamma-Gamma model). A customer's
 * transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, so the mean z̄
 * of x transactions is Gamma(px, νx) given ν.
 */
import { failure, fitOutcome, fromLogParams, type FitResult } from './fit-result';
import { minimize, type MinimizeOptions } from './optimize';
import { logGamma } from './special';

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
  return (
    logGamma(px + q) -
    logGamma(px) -
    logGamma(q) +
    q * Math.log(gamma) +
    px * Math.log(x) +
    (px - 1) * Math.log(mbar) -
    (px + q) * Math.log(gamma + x * mbar)
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
 * Fit on the customers who bought again (x > 0) with a positive mean value; others carry
 * no information on spend and are skipped, as in the published fits.
 */
export function fitGammaGamma(
  customers: readonly SpendPoint[],
  options: MinimizeOptions = {},
): FitResult<GammaGammaParams> {
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

  const toParams = (v: readonly number[]): GammaGammaParams | null => {
    const p = fromLogParams(v);
    return p ? { p: p[0]!, q: p[1]!, gamma: p[2]! } : null;
  };
  const objective = (v: readonly number[]): number => {
    const params = toParams(v);
    return params ? -gammaGammaLogLikelihood(params, points) : NaN;
  };
  // Start at p = 1, q = 2 with γ set so the population mean pγ/(q-1) equals the sample mean:
  // this puts γ on the currency's scale whatever the currency.
  const mean = points.reduce((sum, c) => sum + c.monetary, 0) / points.length;
  const result = minimize(objective, [0, Math.log(2), Math.log(mean)], options);
  return fitOutcome('Gamma-Gamma', result, toParams);
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
