/** The outcome of fitting a CLV model: parameters, or the reason the data cannot support a fit. */

export type FitFailureReason =
  /** The input held no customers. */
  | 'no-customers'
  /** Fewer customers than parameters: the model is not identified. */
  | 'too-few-customers'
  /** No customer bought twice, so nothing separates purchase rate from dropout. */
  | 'no-repeat-buyers'
  /** Gamma-Gamma: no repeat buyer with a positive mean value. */
  | 'no-positive-values'
  /** Gamma-Gamma: every mean value is the same, so the spread parameters run off to infinity. */
  | 'no-spread'
  /** A summary is malformed (negative counts, t_x > T, non-finite numbers, …). */
  | 'invalid-input'
  /** The optimiser never found a point where the likelihood is finite. */
  | 'numerical-failure';

export interface FitSuccess<P> {
  ok: true;
  params: P;
  logLikelihood: number;
  iterations: number;
  /** The optimiser met its tolerances within its iteration bound. */
  converged: boolean;
  /**
   * A parameter ended near the edge of the search box (e^±LOG_PARAM_BOUND): the data pushes
   * the model to a degenerate limit, so treat the parameters with suspicion.
   */
  atBoundary: boolean;
}

export interface FitFailure {
  ok: false;
  reason: FitFailureReason;
  message: string;
}

export type FitResult<P> = FitSuccess<P> | FitFailure;

/**
 * Parameters are searched on a log scale (so they stay positive) within ±this bound; e^18 ≈
 * 6.6e7 is far beyond any parameter a real purchase history supports, while keeping every
 * likelihood term finite.
 */
export const LOG_PARAM_BOUND = 18;

export function failure(reason: FitFailureReason, message: string): FitFailure {
  return { ok: false, reason, message };
}

/** Map log-parameters back; outside the search box the objective is rejected (NaN). */
export function fromLogParams(logParams: readonly number[]): number[] | null {
  for (const v of logParams) if (!(Math.abs(v) <= LOG_PARAM_BOUND)) return null;
  return logParams.map(Math.exp);
}

export function isAtBoundary(logParams: readonly number[]): boolean {
  return logParams.some((v) => Math.abs(v) > LOG_PARAM_BOUND - 1);
}
