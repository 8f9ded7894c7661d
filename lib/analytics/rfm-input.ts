/**
 * Validation and compression of RFM summaries before a fit. Identical (x, t_x, T) rows are
 * merged with a weight, so the likelihood is evaluated once per distinct history, and laid
 * out in columns grouped by x, so that what depends on x alone is computed once per x.
 */
import type { RfmPoint } from './summary';
import { failure, type FitFailure } from './fit-result';

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
  let repeatBuyers = 0;
  let totalT = 0;
  for (let i = 0; i < summaries.length; i++) {
    const s = summaries[i]!;
    const problem = rfmProblem(s);
    if (problem) return failure('invalid-input', `Customer #${i}: ${problem}`);
    if (s.x > 0) repeatBuyers++;
    totalT += s.T;
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
    columns: toColumns(summaries),
    customers: summaries.length,
    repeatBuyers,
    meanT: totalT / summaries.length,
  };
}

/**
 * Columns of the summaries, identical (x, t_x, T) merged with a weight, sorted by x, then T,
 * then t_x (so the likelihood sums in a fixed order whatever the input order). Without repeats
 * t_x carries no information and is taken as 0, which merges more rows.
 *
 * Done with typed arrays and their own numeric sort: with maps and comparator sorts this
 * preparation took longer than the fit on a base of 100,000 customers.
 */
export function toColumns(points: readonly RfmPoint[]): RfmColumns {
  const n = points.length;
  const txOf = (p: RfmPoint) => (p.x > 0 ? p.t_x : 0);
  const all = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    all[2 * i] = points[i]!.T;
    all[2 * i + 1] = txOf(points[i]!);
  }
  const times = distinctSorted(all);
  const [xs, Ts, txs] = sortedRows(points, times, txOf);

  const columns: RfmColumns = {
    xs: [],
    rowStart: [],
    xWeight: [],
    times,
    T: new Int32Array(n),
    tx: new Int32Array(n),
    weight: new Float64Array(n),
  };
  let rows = 0;
  for (let k = 0; k < n; k++) {
    const newX = columns.xs[columns.xs.length - 1] !== xs[k];
    if (newX || columns.T[rows - 1] !== Ts[k] || columns.tx[rows - 1] !== txs[k]) {
      if (newX) {
        columns.xs.push(xs[k]!);
        columns.rowStart.push(rows);
        columns.xWeight.push(0);
      }
      columns.T[rows] = Ts[k]!;
      columns.tx[rows] = txs[k]!;
      rows++;
    }
    columns.weight[rows - 1]! += 1;
    columns.xWeight[columns.xWeight.length - 1]! += 1;
  }
  columns.rowStart.push(rows);
  columns.T = columns.T.slice(0, rows);
  columns.tx = columns.tx.slice(0, rows);
  columns.weight = columns.weight.slice(0, rows);
  return columns;
}

/** The distinct values of an array, ascending, as a new array. */
function distinctSorted(values: Float64Array): Float64Array {
  const sorted = values.slice().sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[distinct - 1]) sorted[distinct++] = sorted[i]!;
  }
  return sorted.slice(0, distinct);
}

/** Position of v in an ascending array that holds it. */
function indexOf(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * x and the indices of T and t_x of every point, ordered by (x, T, t_x). Each point as one
 * number, (x·m + T)·m + t_x, sorts natively and decodes exactly while it stays below 2^53;
 * past that (millions of distinct times and repeat counts at once), a comparator sort.
 */
function sortedRows(
  points: readonly RfmPoint[],
  times: Float64Array,
  txOf: (p: RfmPoint) => number,
): [Int32Array, Int32Array, Int32Array] {
  const n = points.length;
  const m = times.length;
  const x = new Int32Array(n);
  const T = new Int32Array(n);
  const tx = new Int32Array(n);
  let maxX = 0;
  for (let i = 0; i < n; i++) {
    const p = points[i]!;
    x[i] = p.x;
    maxX = Math.max(maxX, p.x);
    T[i] = indexOf(times, p.T);
    tx[i] = indexOf(times, txOf(p));
  }
  if ((maxX + 1) * m * m > Number.MAX_SAFE_INTEGER) {
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (i, j) => x[i]! - x[j]! || T[i]! - T[j]! || tx[i]! - tx[j]!,
    );
    return [
      Int32Array.from(order, (i) => x[i]!),
      Int32Array.from(order, (i) => T[i]!),
      Int32Array.from(order, (i) => tx[i]!),
    ];
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (x[i]! * m + T[i]!) * m + tx[i]!;
  keys.sort();
  for (let k = 0; k < n; k++) {
    const [xT, txIndex] = divide(keys[k]!, m);
    const [xValue, TIndex] = divide(xT, m);
    x[k] = xValue;
    T[k] = TIndex;
    tx[k] = txIndex;
  }
  return [x, T, tx];
}

/** [⌊a / b⌋, a mod b] for non-negative integers below 2^53, exact despite float division. */
function divide(a: number, b: number): [number, number] {
  let q = Math.floor(a / b);
  let r = a - q * b;
  if (r < 0) {
    q--;
    r += b;
  } else if (r >= b) {
    q++;
    r -= b;
  }
  return [q, r];
}
