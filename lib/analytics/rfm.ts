/**
 * RFM scoring and named segments. Scores are tie-aware quintiles (see quintile.ts): recency
 * scores 5 for the most recent buyers, frequency and monetary 5 for the most frequent and
 * the biggest spenders. Segments come from the R score and FM = round((F + M) / 2):
 *
 * | R \ FM | 1              | 2–3                 | 4          | 5          |
 * |--------|----------------|---------------------|------------|------------|
 * | 5      | New            | Potential Loyalists | Champions  | Champions  |
 * | 4      | Promising      | Potential Loyalists | Loyal      | Loyal      |
 * | 3      | About to Sleep | Need Attention      | Loyal      | Loyal      |
 * | 2      | About to Sleep | About to Sleep (2), At Risk (3) | At Risk | At Risk |
 * | 1      | Hibernating    | Hibernating (2), At Risk (3)    | At Risk | Can't Lose |
 */
import { quintileScores } from './quintile';

export interface RfmCustomer {
  customerId: string;
  /** Days since the last order; a future date (negative) counts as today. */
  recencyDays: number;
  /** Number of orders. */
  orders: number;
  /** Total spend (refunds may make it negative). */
  monetary: number;
  /** Days since the first order, for the buying-habit part of the reason. */
  firstOrderDaysAgo?: number;
}

export type RfmSegment =
  | 'Champions'
  | 'Loyal'
  | 'Potential Loyalists'
  | 'New'
  | 'Promising'
  | 'Need Attention'
  | 'About to Sleep'
  | 'At Risk'
  | "Can't Lose"
  | 'Hibernating';

export interface RfmScore {
  customerId: string;
  r: number;
  f: number;
  m: number;
  segment: RfmSegment;
  reason: string;
}

export function segmentFor(r: number, f: number, m: number): RfmSegment {
  const fm = Math.round((f + m) / 2);
  if (r === 5) return fm >= 4 ? 'Champions' : fm >= 2 ? 'Potential Loyalists' : 'New';
  if (r === 4) return fm >= 4 ? 'Loyal' : fm >= 2 ? 'Potential Loyalists' : 'Promising';
  if (r === 3) return fm >= 4 ? 'Loyal' : fm >= 2 ? 'Need Attention' : 'About to Sleep';
  if (r === 2) return fm >= 3 ? 'At Risk' : 'About to Sleep';
  return fm === 5 ? "Can't Lose" : fm >= 3 ? 'At Risk' : 'Hibernating';
}

const LAPSED: ReadonlySet<RfmSegment> = new Set([
  'At Risk',
  "Can't Lose",
  'Hibernating',
  'About to Sleep',
]);

/** "3 days", "5 weeks", "7 months", "2 years": the unit a person would use. */
/** Module level, not inside describeAgo: a closure made per call costs per customer. */
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} ago`;

export function describeAgo(days: number): string {
  const d = Math.max(0, Math.round(days));
  if (d === 0) return 'today';
  if (d < 14) return plural(d, 'day');
  if (d < 61) return plural(Math.round(d / 7), 'week');
  if (d < 730) return plural(Math.round(d / 30.44), 'month');
  return plural(Math.round(d / 365.25), 'year');
}

/** Typical gap between orders as a habit word, or null when it cannot be known. */
function habit(c: RfmCustomer): string | null {
  if (c.orders < 2 || c.firstOrderDaysAgo === undefined) return null;
  const gap = (c.firstOrderDaysAgo - Math.max(0, c.recencyDays)) / (c.orders - 1);
  if (!(gap >= 0) || !Number.isFinite(gap)) return null;
  if (gap <= 10) return 'weekly';
  if (gap <= 45) return 'monthly';
  if (gap <= 120) return 'quarterly';
  if (gap <= 400) return 'yearly';
  return 'every few years';
}

/** One line such as "At Risk: last order 7 months ago, used to buy monthly". */
export function rfmReason(segment: RfmSegment, c: RfmCustomer): string {
  const last = describeAgo(c.recencyDays);
  const when = last === 'today' ? 'last order today' : `last order ${last}`;
  const h = habit(c);
  const pattern =
    c.orders <= 1
      ? 'one order so far'
      : h === null
        ? `${c.orders} orders`
        : LAPSED.has(segment)
          ? `used to buy ${h}`
          : `buys ${h}`;
  return `${segment}: ${when}, ${pattern}`;
}

export function scoreRfm(customers: readonly RfmCustomer[]): RfmScore[] {
  for (const c of customers) {
    if (![c.recencyDays, c.orders, c.monetary].every(Number.isFinite)) {
      throw new RangeError(`customer ${c.customerId}: recency, orders and monetary must be finite`);
    }
  }
  // Negated so that fewer days since the last order ranks higher.
  const r = quintileScores(customers.map((c) => -Math.max(0, c.recencyDays)));
  const f = quintileScores(customers.map((c) => c.orders));
  const m = quintileScores(customers.map((c) => c.monetary));
  return customers.map((c, i) => {
    const segment = segmentFor(r[i]!, f[i]!, m[i]!);
    return {
      customerId: c.customerId,
      r: r[i]!,
      f: f[i]!,
      m: m[i]!,
      segment,
      reason: rfmReason(segment, c),
    };
  });
}
