/**
 * ABC classification by revenue or margin. Customers are ranked by value; a customer is A
 * while the customers ranked above them hold less than the A cut-off (80 % by default) of the
 * positive total, so the customer who crosses the line is still A; B likewise up to A + B
 * (95 %), C the rest. Equal values always share the class of the best-placed of them, so a
 * tie is never split by input order. Zero and negative totals cannot contribute to the top
 * share: they are C, with their own reason.
 */

export interface AbcItem {
  id: string;
  value: number;
}

export type AbcClass = 'A' | 'B' | 'C';

export interface AbcOptions {
  /** Share of the positive total covered by A; 0.8 by default. */
  a?: number;
  /** Share covered by B after A; 0.15 by default (so A + B = 95 %). */
  b?: number;
  /** Word for the value in reasons: "revenue" (default) or "margin". */
  basis?: 'revenue' | 'margin';
}

export interface AbcResult {
  id: string;
  class: AbcClass;
  /** This customer's share of the positive total (0 for zero/negative values). */
  share: number;
  reason: string;
}

const CUT_SLACK = 1e-9;

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

export function classifyAbc(items: readonly AbcItem[], options: AbcOptions = {}): AbcResult[] {
  const { cutA, cutB } = abcCuts(options.a, options.b);
  const basis = options.basis ?? 'revenue';
  for (const it of items) {
    if (!Number.isFinite(it.value)) throw new RangeError(`${it.id}: value must be finite`);
  }
  const total = items.reduce((s, it) => s + Math.max(0, it.value), 0);
  const order = items.map((_, i) => i).sort((i, j) => items[j]!.value - items[i]!.value);

  const results = new Array<AbcResult>(items.length);
  walkAbc(
    order.map((i) => items[i]!.value),
    total,
    cutA,
    cutB,
    (k, cls) => {
      const i = order[k]!;
      const { id, value } = items[i]!;
      if (!(value > 0) || total === 0) {
        const why = total === 0 ? `no positive ${basis} at all` : `no positive ${basis}`;
        results[i] = { id, class: 'C', share: 0, reason: `C: ${why}` };
        return;
      }
      const share = value / total;
      const band =
        cls === 'A'
          ? `in the top ${pct(cutA)} of ${basis}`
          : cls === 'B'
            ? `in the next ${pct(cutB - cutA)} of ${basis}`
            : `in the last ${pct(1 - cutB)} of ${basis}`;
      results[i] = {
        id,
        class: cls,
        share,
        reason: `${cls}: ${band} (${pct(share)} of the total)`,
      };
    },
  );
  return results;
}

/** The cumulative cut-offs of A and A + B from the options' shares, checked. */
export function abcCuts(a = 0.8, b = 0.15): { cutA: number; cutB: number } {
  const cutA = a;
  const cutB = cutA + b;
  if (!(cutA >= 0 && cutB <= 1 + 1e-12 && cutB >= cutA)) {
    throw new RangeError(
      `cut-offs must satisfy 0 ≤ A ≤ A + B ≤ 1, got A=${cutA}, B=${cutB - cutA}`,
    );
  }
  return { cutA, cutB };
}

/**
 * The ABC rule over values sorted from highest to lowest: `each(k, class)` for every position
 * k. The one place the rule lives, for the classification with reasons and for the thresholds
 * the background ranks a whole base by (where a reason per customer would be wasted).
 */
export function walkAbc(
  descending: ArrayLike<number>,
  total: number,
  cutA: number,
  cutB: number,
  each: (k: number, cls: AbcClass) => void,
): void {
  let before = 0;
  let previousValue = NaN;
  let previousClass: AbcClass = 'A';
  for (let k = 0; k < descending.length; k++) {
    const value = descending[k]!;
    if (!(value > 0) || total === 0) {
      each(k, 'C');
      continue;
    }
    const shareBefore = before / total;
    // The slack keeps 0.8 + 0.15 (= 0.9500000000000001 in binary) from moving a boundary.
    let cls: AbcClass =
      shareBefore < cutA - CUT_SLACK ? 'A' : shareBefore < cutB - CUT_SLACK ? 'B' : 'C';
    if (previousValue === value) cls = previousClass;
    previousValue = value;
    previousClass = cls;
    before += value;
    each(k, cls);
  }
}
