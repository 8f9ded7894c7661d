/** The outcome of fitting a CLV model: parameters, or the reason the data cannot support a fit. */

import {
  minimizeSteps,
  type GradientFunction,
  type MinimizeOptions,
  type MinimizeResult,
} from './optimize';
import { runToEnd } from './run-to-end';

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
  /** Objective (likelihood) evaluations the optimiser made. */
  evaluations: number;
  /** The optimiser met its tolerances within its iteration bound. */
  converged: boolean;
  /**
   * A parameter ran off towards 0 or ∞ (beyond e^±14): the data pushes the model to a
   * degenerate limit, so the parameters are not meaningful estimates.
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

/**
 * Estimates beyond e^±14 (≈ 1.2e6 or 8e-7) mean the likelihood keeps improving towards a
 * degenerate limit (a rate of zero, a certain dropout, …) rather than at an interior optimum.
 */
const DEGENERATE_LOG_PARAM = 14;

export function isAtBoundary(logParams: readonly number[]): boolean {
  return logParams.some((v) => Math.abs(v) > DEGENERATE_LOG_PARAM);
}

/**
 * The fit a minimisation of the negative log-likelihood over log-parameters gives: the
 * parameters and figures, or a numerical failure when no finite likelihood was found.
 */
export function fitOutcome<P>(
  model: string,
  result: MinimizeResult,
  toParams: (logParams: readonly number[]) => P | null,
): FitResult<P> {
  const params = toParams(result.point);
  if (!params || !Number.isFinite(result.value)) {
    return failure('numerical-failure', `The ${model} likelihood was not finite anywhere tried.`);
  }
  return {
    ok: true,
    params,
    logLikelihood: -result.value,
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: result.converged,
    atBoundary: isAtBoundary(result.point),
  };
}

/**
 * A fit ready to run: the negative log-likelihood over log-parameters, where to start, and how
 * to read the parameters back. Built by each model's `…FitProblem`, run by solveFit(Steps).
 */
export interface FitProblem<P> {
  /** The model's name in messages, e.g. "BG/NBD". */
  label: string;
  objective(logParams: readonly number[]): number;
  /** The objective with its gradient; absent, the minimiser uses central differences. */
  gradient?: GradientFunction;
  start: number[];
  toParams(logParams: readonly number[]): P | null;
  options: MinimizeOptions;
}

/**
 * Runs the minimisation, yielding (undefined) after each objective evaluation, so a caller
 * can interleave a fit with other work; a failure passed in is returned at once.
 */
export function* solveFitSteps<P>(
  problem: FitProblem<P> | FitFailure,
): Generator<void, FitResult<P>, void> {
  if ('ok' in problem) return problem;
  const result = yield* minimizeSteps(
    (v) => problem.objective(v),
    problem.start,
    // The objectives are NaN outside the box (fromLogParams): let the minimiser stop at it.
    { bound: LOG_PARAM_BOUND, ...problem.options },
    problem.gradient && ((v) => problem.gradient!(v)),
  );
  return fitOutcome(problem.label, result, (v) => problem.toParams(v));
}

/** Runs the fit to the end in one go. */
export function solveFit<P>(problem: FitProblem<P> | FitFailure): FitResult<P> {
  return runToEnd(solveFitSteps(problem));
}
