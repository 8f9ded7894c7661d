/**
 * Where a customer stands among all customers: the sorted RFM columns of the buyers (for
 * tie-aware quintiles, the same formula as quintile.ts) and the ABC thresholds as values.
 * Kept as plain data so the background can place one changed customer without re-ranking
 * everyone; the next full recompute absorbs the drift that leaves.
 */
import { abcCuts, walkAbc } from './abc';
import type { CustomerHistory } from './customer-history';

export interface RankInputs {
  /** Days since the last purchase. */
  recencyDays: number;
  /** Purchase days. */
  purchases: number;
  /** Net revenue to date. */
  revenue: number;
}

export interface PopulationRanks {
  /** −recency of every buyer, ascending (higher is more recent). */
  recency: number[];
  frequency: number[];
  monetary: number[];
  abc: {
    /** Lowest value still in class A (∞ when nobody has positive revenue). */
    aMin: number;
    bMin: number;
    /** Sum of positive revenue, for each customer's share. */
    total: number;
    cutA: number;
    cutB: number;
  };
}

export function rankInputs(h: CustomerHistory, asOfDay: number): RankInputs | null {
  const days = h.purchaseDays;
  if (days.length === 0) return null;
  return {
    recencyDays: Math.max(0, asOfDay - days[days.length - 1]!),
    purchases: days.length,
    revenue: h.revenue,
  };
}

export function buildRanks(
  histories: Iterable<CustomerHistory>,
  asOfDay: number,
  abcThresholds: readonly [number, number],
): PopulationRanks {
  const recency: number[] = [];
  const frequency: number[] = [];
  const monetary: number[] = [];
  const revenue: number[] = [];
  for (const h of histories) {
    if (!Number.isFinite(h.revenue)) throw new RangeError(`${h.customerId}: value must be finite`);
    revenue.push(h.revenue);
    const r = rankInputs(h, asOfDay);
    if (!r) continue;
    recency.push(-r.recencyDays);
    frequency.push(r.purchases);
    monetary.push(r.revenue);
  }
  const [cutA, cutB] = abcThresholds;
  const cuts = abcCuts(cutA, Math.max(0, cutB - cutA));
  const descending = sortedAscending(revenue).reverse();
  let aMin = Infinity;
  let bMin = Infinity;
  let total = 0;
  for (const value of descending) if (value > 0) total += value;
  walkAbc(descending, total, cuts.cutA, cuts.cutB, (k, cls) => {
    const value = descending[k]!;
    if (cls === 'A' && value > 0) aMin = Math.min(aMin, value);
    if (cls === 'B' && value > 0) bMin = Math.min(bMin, value);
  });
  if (bMin === Infinity) bMin = aMin;
  return {
    recency: Array.from(sortedAscending(recency)),
    frequency: Array.from(sortedAscending(frequency)),
    monetary: Array.from(sortedAscending(monetary)),
    abc: { aMin, bMin, total, cutA, cutB },
  };
}

/** A typed array's own numeric sort: several times faster than Array.sort with a comparator. */
const sortedAscending = (values: readonly number[]): Float64Array =>
  Float64Array.from(values).sort();

/** Ranks per currency: revenue in different currencies is never ranked together. */
export type RanksByCurrency = Record<string, PopulationRanks>;

export function buildRanksByCurrency(
  histories: Iterable<CustomerHistory>,
  asOfDay: number,
  abcThresholds: readonly [number, number],
): RanksByCurrency {
  const groups = new Map<string, CustomerHistory[]>();
  for (const h of histories) {
    const group = groups.get(h.currency) ?? [];
    group.push(h);
    groups.set(h.currency, group);
  }
  const ranks: RanksByCurrency = {};
  for (const [currency, group] of groups) {
    ranks[currency] = buildRanks(group, asOfDay, abcThresholds);
  }
  return ranks;
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

/** Index of the first element > v. */
function upperBound(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The quintile score of v in the column: mid-rank percentile (below + ½ equal) / n, score
 * 1 + ⌊5p⌋ capped at 5, exactly quintileScores' rule. A value not in the column (a customer
 * changed since the ranks were built) is placed as if it were.
 */
export function quintileOf(sorted: readonly number[], v: number): number {
  const below = lowerBound(sorted, v);
  const present = upperBound(sorted, v) - below;
  const equal = present > 0 ? present : 1;
  const n = present > 0 ? sorted.length : sorted.length + 1;
  const p = (below + 0.5 * equal) / n;
  return Math.min(5, 1 + Math.floor(5 * p));
}

export function abcOf(
  revenue: number,
  abc: PopulationRanks['abc'],
): { class: 'A' | 'B' | 'C'; share: number; cutoff: number } {
  if (!(revenue > 0) || abc.total <= 0) return { class: 'C', share: 0, cutoff: 1 };
  const share = revenue / abc.total;
  if (revenue >= abc.aMin) return { class: 'A', share, cutoff: abc.cutA };
  if (revenue >= abc.bMin) return { class: 'B', share, cutoff: abc.cutB };
  return { class: 'C', share, cutoff: 1 };
}
