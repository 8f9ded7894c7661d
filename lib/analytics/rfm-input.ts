/**
 * Validation and compression of RFM summaries before a fit. Identical (x, t_x, T) rows are
 * merged with a weight, so the likelihood is evaluated once per distinct history.
 */
import type { RfmPoint } from './summary';
import { failure, type FitFailure } from './fit-result';

export interface WeightedRfm extends RfmPoint {
  weight: number;
}

export interface PreparedRfm {
  rows: WeightedRfm[];
  customers: number;
  repeatBuyers: number;
  meanT: number;
}

/** Why a summary is unusable, or null when it is fine. */
export function rfmProblem(p: RfmPoint): string | null {
  if (!Number.isInteger(p.x) || p.x < 0) return `x must be a non-negative integer, got ${p.x}`;
  if (!Number.isFinite(p.T) || p.T <= 0) return `T must be positive and finite, got ${p.T}`;
  if (!Number.isFinite(p.t_x) || p.t_x < 0 || p.t_x > p.T) {
    return `t_x must lie in [0, T], got t_x=${p.t_x}, T=${p.T}`;
  }
  return null;
}

/** Checks the data can identify a model with `parameterCount` parameters. */
export function prepareRfm(
  summaries: readonly RfmPoint[],
  parameterCount: number,
): PreparedRfm | FitFailure {
  if (summaries.length === 0) return failure('no-customers', 'No customers to fit.');
  const merged = new Map<string, WeightedRfm>();
  let repeatBuyers = 0;
  let totalT = 0;
  for (let i = 0; i < summaries.length; i++) {
    const s = summaries[i]!;
    const problem = rfmProblem(s);
    if (problem) return failure('invalid-input', `Customer #${i}: ${problem}`);
    if (s.x > 0) repeatBuyers++;
    totalT += s.T;
    // With no repeats, t_x carries no information; normalising it to 0 merges more rows.
    const tx = s.x > 0 ? s.t_x : 0;
    const key = `${s.x}|${tx}|${s.T}`;
    const row = merged.get(key);
    if (row) row.weight++;
    else merged.set(key, { x: s.x, t_x: tx, T: s.T, weight: 1 });
  }
  if (summaries.length < parameterCount) {
    return failure(
      'too-few-customers',
      `${summaries.length} customer(s) cannot identify ${parameterCount} parameters.`,
    );
  }
  if (repeatBuyers === 0) {
    return failure(
      'no-repeat-buyers',
      'Nobody bought twice: purchase rate and dropout cannot be told apart.',
    );
  }
  return {
    rows: [...merged.values()],
    customers: summaries.length,
    repeatBuyers,
    meanT: totalT / summaries.length,
  };
}
