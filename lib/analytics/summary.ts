/**
 * Turns a transaction log into the per-customer RFM summary the CLV models consume.
 */

export interface Transaction {
  customerId: string;
  /** A Date or epoch milliseconds. */
  at: Date | number;
  amount: number;
}

/** Frequency / recency / age, the sufficient statistics of BG/NBD and Pareto/NBD. */
export interface RfmPoint {
  /** Repeat purchases in the calibration period (purchase-days after the first). */
  x: number;
  /** Time from the first to the last purchase in the calibration period. */
  t_x: number;
  /** Time from the first purchase to the end of the calibration period. */
  T: number;
}

export interface CustomerSummary extends RfmPoint {
  customerId: string;
  /** Mean value of the repeat purchase-days (0 when x = 0), the input to Gamma-Gamma. */
  monetary: number;
  /** Purchase-days in the holdout window (0 when no holdout window was asked for). */
  holdoutX: number;
}

export interface SummaryOptions {
  /** Last day of the calibration period (that whole UTC day is included). */
  calibrationEnd: Date | number;
  /** Last day of the holdout period (inclusive, UTC); omitted means no holdout counts. */
  holdoutEnd?: Date | number;
  /** Length of the model's time unit in days; 7 (weeks) by default. */
  unitDays?: number;
}

const DAY_MS = 86_400_000;

/** Days since the epoch in UTC: the models count one purchase per customer-day. */
function utcDay(at: Date | number): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid transaction time: ${String(at)}`);
  return Math.floor(ms / DAY_MS);
}

interface CustomerDays {
  /** Amount per purchase-day, keyed by UTC day number. */
  calibration: Map<number, number>;
  holdoutDays: Set<number>;
}

/**
 * One summary per customer whose first purchase falls on or before the calibration end, in
 * order of first appearance in the input. Several transactions on the same UTC day are one
 * purchase whose amount is their sum, which is how the published CDNOW figures count them.
 */
export function summarizeTransactions(
  transactions: Iterable<Transaction>,
  options: SummaryOptions,
): CustomerSummary[] {
  const unitDays = options.unitDays ?? 7;
  if (!(unitDays > 0)) throw new RangeError(`unitDays must be positive, got ${unitDays}`);
  const endDay = utcDay(options.calibrationEnd);
  const holdoutEndDay = options.holdoutEnd === undefined ? endDay : utcDay(options.holdoutEnd);

  const byCustomer = new Map<string, CustomerDays>();
  for (const tx of transactions) {
    const day = utcDay(tx.at);
    if (day > holdoutEndDay) continue;
    let days = byCustomer.get(tx.customerId);
    if (!days) {
      days = { calibration: new Map(), holdoutDays: new Set() };
      byCustomer.set(tx.customerId, days);
    }
    if (day <= endDay) days.calibration.set(day, (days.calibration.get(day) ?? 0) + tx.amount);
    else days.holdoutDays.add(day);
  }

  const summaries: CustomerSummary[] = [];
  for (const [customerId, days] of byCustomer) {
    // Customers who first buy after the calibration end are not in the calibration cohort.
    if (days.calibration.size === 0) continue;
    const sorted = [...days.calibration.keys()].sort((u, v) => u - v);
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;
    let repeatTotal = 0;
    for (const day of sorted.slice(1)) repeatTotal += days.calibration.get(day)!;
    const x = sorted.length - 1;
    summaries.push({
      customerId,
      x,
      t_x: (last - first) / unitDays,
      T: (endDay - first) / unitDays,
      monetary: x > 0 ? repeatTotal / x : 0,
      holdoutX: days.holdoutDays.size,
    });
  }
  return summaries;
}
