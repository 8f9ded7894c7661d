/**
 * Tie-aware quintile scores 1–5. Each value gets its mid-rank percentile
 * p = (values below + ½ · values equal) / n and the score 1 + ⌊5p⌋ (capped at 5). Equal
 * values therefore always share a score, a lone customer or an all-equal column scores 3
 * (the middle), and heavy ties never push different values into the same bucket by accident
 * of sort order, as a plain "split the sorted list in five" would.
 */
export function quintileScores(values: readonly number[]): number[] {
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`cannot score a non-finite value: ${v}`);
  }
  const sorted = [...values].sort((u, v) => u - v);
  const n = sorted.length;
  return values.map((v) => {
    const below = lowerBound(sorted, v);
    const equal = lowerBound(sorted, nextUp(v)) - below;
    const p = (below + 0.5 * equal) / n;
    return Math.min(5, 1 + Math.floor(5 * p));
  });
}

/** Index of the first element ≥ v in an ascending array. */
function lowerBound(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The smallest double above v, so lowerBound(nextUp(v)) counts the values ≤ v. */
function nextUp(v: number): number {
  if (v === 0) return Number.MIN_VALUE;
  const buf = new Float64Array([v]);
  const bits = new BigInt64Array(buf.buffer);
  bits[0] = bits[0]! + (v > 0 ? 1n : -1n);
  return buf[0]!;
}
