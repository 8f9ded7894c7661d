/**
 * `--model auto`: fit BG/NBD, Pareto/NBD and MBG/NBD (or those in `models`) and pick one.
 * With a holdout period the deciding figure is the out-of-sample error (mean absolute error of
 * predicted vs actual holdout purchases per customer), because that is what the forecasts are
 * used for; without one it is AIC. All three models have four parameters, so AIC ranks them
 * exactly as the log-likelihood does; it is reported so that models of other sizes could join
 * later.
 */
import { bgNbdFitProblem } from './bgnbd';
import { failure, solveFitSteps, type FitFailure, type FitProblem } from './fit-result';
import { mbgNbdFitProblem } from './mbgnbd';
import { cohortHoldoutForecast } from './holdout-check';
import type { MinimizeOptions } from './optimize';
import { paretoNbdFitProblem } from './pareto-nbd';
import type { RfmPoint } from './summary';
import {
  bgNbdModel,
  mbgNbdModel,
  paretoNbdModel,
  type TransactionModel,
  type TransactionModelName,
} from './transaction-model';
import { runToEnd } from './run-to-end';

const PARAMETER_COUNT = 4;

export interface CandidateSuccess {
  name: TransactionModelName;
  ok: true;
  model: TransactionModel;
  params: object;
  logLikelihood: number;
  aic: number;
  converged: boolean;
  atBoundary: boolean;
  /** Present when a holdout was given. */
  holdout?: HoldoutFigures;
}

export type Candidate = CandidateSuccess | (FitFailure & { name: TransactionModelName });

export interface ModelSelection {
  ok: true;
  chosen: CandidateSuccess;
  basis: 'holdout-mae' | 'aic';
  /** e.g. "mbg-nbd: lowest holdout MAE 0.612 (bg-nbd 0.615, pareto-nbd 0.618)". */
  reason: string;
  candidates: Candidate[];
}

export interface SelectOptions {
  /** Holdout length in the summaries' time unit; 0 or absent means there is no holdout. */
  holdoutLength?: number;
  minimize?: MinimizeOptions;
  /** The models to fit and choose among; all three by default. One model means no choice. */
  models?: readonly TransactionModelName[];
}

type Fitter = (s: readonly RfmPoint[], o: MinimizeOptions) => FitProblem<object> | FitFailure;

const FITTERS: { name: TransactionModelName; fit: Fitter; wrap: (p: never) => TransactionModel }[] =
  [
    { name: 'bg-nbd', fit: bgNbdFitProblem, wrap: bgNbdModel },
    { name: 'pareto-nbd', fit: paretoNbdFitProblem, wrap: paretoNbdModel },
    { name: 'mbg-nbd', fit: mbgNbdFitProblem, wrap: mbgNbdModel },
  ];

export interface HoldoutFigures {
  /** Mean |predicted − actual| holdout purchases per customer, from each one's history. */
  mae: number;
  /** Σ conditional expectations E[Y(holdout) | x, t_x, T]. */
  predictedTotal: number;
  /** The FHL (2005) cohort forecast: Σ E[X(T + holdout)] − E[X(T)], ignoring histories. */
  cohortForecastTotal: number;
  actualTotal: number;
}

function holdoutFigures(
  model: TransactionModel,
  summaries: readonly (RfmPoint & { holdoutX?: number })[],
  length: number,
): HoldoutFigures {
  let absError = 0;
  let predictedTotal = 0;
  let actualTotal = 0;
  for (const s of summaries) {
    const predicted = model.expectedPurchases(length, s.x, s.t_x, s.T);
    const actual = s.holdoutX ?? 0;
    absError += Math.abs(predicted - actual);
    predictedTotal += predicted;
    actualTotal += actual;
  }
  return {
    mae: absError / summaries.length,
    predictedTotal,
    cohortForecastTotal: cohortHoldoutForecast(model, summaries, length),
    actualTotal,
  };
}

export function selectModel(
  summaries: readonly (RfmPoint & { holdoutX?: number })[],
  options: SelectOptions = {},
): ModelSelection | FitFailure {
  return runToEnd(selectModelSteps(summaries, options));
}

/** selectModel, yielding after every evaluation of a likelihood (see solveFitSteps). */
export function* selectModelSteps(
  summaries: readonly (RfmPoint & { holdoutX?: number })[],
  options: SelectOptions = {},
): Generator<void, ModelSelection | FitFailure, void> {
  const holdoutLength = options.holdoutLength ?? 0;
  if (!(holdoutLength >= 0) || !Number.isFinite(holdoutLength)) {
    return failure('invalid-input', `holdoutLength must be ≥ 0, got ${holdoutLength}`);
  }
  const wanted = options.models;
  const fitters = wanted ? FITTERS.filter((f) => wanted.includes(f.name)) : FITTERS;
  if (fitters.length === 0 || (wanted && wanted.some((m) => !FITTERS.some((f) => f.name === m)))) {
    return failure('invalid-input', `models must list known models, got [${wanted?.join(', ')}]`);
  }
  const candidates: Candidate[] = [];
  for (const { name, fit, wrap } of fitters) {
    const result = yield* solveFitSteps(fit(summaries, options.minimize ?? {}));
    if (!result.ok) {
      candidates.push({ ...result, name });
      continue;
    }
    const model = wrap(result.params as never);
    const candidate: CandidateSuccess = {
      name,
      ok: true,
      model,
      params: result.params,
      logLikelihood: result.logLikelihood,
      aic: 2 * PARAMETER_COUNT - 2 * result.logLikelihood,
      converged: result.converged,
      atBoundary: result.atBoundary,
    };
    if (holdoutLength > 0) candidate.holdout = holdoutFigures(model, summaries, holdoutLength);
    candidates.push(candidate);
  }

  const fitted = candidates.filter((c): c is CandidateSuccess => c.ok);
  if (fitted.length === 0) {
    const first = candidates[0] as FitFailure;
    return failure(first.reason, `No model could be fitted: ${first.message}`);
  }
  // A fit that ran to a degenerate limit is only chosen when nothing better exists.
  const sound = fitted.filter((c) => !c.atBoundary);
  const pool = sound.length > 0 ? sound : fitted;
  const basis = holdoutLength > 0 ? 'holdout-mae' : 'aic';
  const score = (c: CandidateSuccess) => (basis === 'holdout-mae' ? c.holdout!.mae : c.aic);
  // AIC breaks exact MAE ties, so the choice never depends on list order alone.
  const ranked = [...pool].sort((u, v) => score(u) - score(v) || u.aic - v.aic);
  const chosen = ranked[0]!;
  const others = ranked
    .slice(1)
    .map((c) => `${c.name} ${score(c).toFixed(3)}`)
    .join(', ');
  const label = basis === 'holdout-mae' ? 'lowest holdout MAE' : 'lowest AIC';
  const skipped = fitted.length - pool.length;
  const reason =
    `${chosen.name}: ${label} ${score(chosen).toFixed(3)}` +
    (others ? ` (${others})` : '') +
    (skipped > 0 ? `; ${skipped} fit(s) at a degenerate limit set aside` : '');
  return { ok: true, chosen, basis, reason, candidates };
}
