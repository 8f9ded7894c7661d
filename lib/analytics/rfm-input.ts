/**
 * Validation and compression of RFM summaries before a fit. Identical (x, t_x, T) rows are
 * merged with a weight, so the likelihood is evaluated once per distinct history, and laid
 * out in columns grouped by x, so that what depends on x alone is computed once per x.
 */
import type { RfmPoint } from './summary';
import { failure, type FitFailure } from './fit-result';

export interface WeightedRfm extends RfmPoint {
  weight: number;
}

/**
 * The merged rows as columns, grouped by x. Real data have few distinct x and few distinct
 * times (summaries count whole days), so a likelihood evaluation computes its log-gammas once
 * per x and its ln(α + τ) once per time, leaving each row a few array reads.
 */
export interface RfmColumns {
  /** Distinct x, ascending; the rows of xs[k] are rowStart[k] ≤ i < rowStart[k + 1]. */
  xs: number[];
  rowStart: number[];
  /** Σ weight over the rows of each x. */
  xWeight: number[];
  /** Distinct times (T and t_x together), ascending; T[i] and tx[i] index into it. */
  times: Float64Array;
  T: Int32Array;
  tx: Int32Array;
  weight: Float64Array;
}

export interface PreparedRfm {
  rows: WeightedRfm[];
  columns: RfmColumns;
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
  // Keyed by x, then T, then t_x: numeric keys, where string keys cost more than the fit.
  const merged = new Map<number, Map<number, Map<number, WeightedRfm>>>();
  const rows: WeightedRfm[] = [];
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
    const byT = getOrAdd(merged, s.x, () => new Map<number, Map<number, WeightedRfm>>());
    const byTx = getOrAdd(byT, s.T, () => new Map<number, WeightedRfm>());
    const row = byTx.get(tx);
    if (row) row.weight++;
    else {
      const added = { x: s.x, t_x: tx, T: s.T, weight: 1 };
      byTx.set(tx, added);
      rows.push(added);
    }
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
    rows,
    columns: toColumns(rows),
    customers: summaries.length,
    repeatBuyers,
    meanT: totalT / summaries.length,
  };
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** Columns of the rows, sorted by x (then T, t_x, so the summation order is fixed). */
export function toColumns(rows: readonly WeightedRfm[]): RfmColumns {
  const sorted = [...rows].sort((u, v) => u.x - v.x || u.T - v.T || u.t_x - v.t_x);
  const times = Float64Array.from(new Set(sorted.flatMap((r) => [r.T, r.t_x]))).sort();
  const timeIndex = new Map<number, number>();
  times.forEach((t, i) => timeIndex.set(t, i));
  const columns: RfmColumns = {
    xs: [],
    rowStart: [],
    xWeight: [],
    times,
    T: new Int32Array(sorted.length),
    tx: new Int32Array(sorted.length),
    weight: new Float64Array(sorted.length),
  };
  sorted.forEach((row, i) => {
    if (columns.xs[columns.xs.length - 1] !== row.x) {
      columns.xs.push(row.x);
      columns.rowStart.push(i);
      columns.xWeight.push(0);
    }
    columns.xWeight[columns.xWeight.length - 1]! += row.weight;
    columns.T[i] = timeIndex.get(row.T)!;
    columns.tx[i] = timeIndex.get(row.t_x)!;
    columns.weight[i] = row.weight;
  });
  columns.rowStart.push(sorted.length);
  return columns;
}
