/**
 * Which CLV method a data set can support, and why, per customer. The probabilistic models
 * (a purchase-count model plus Gamma-Gamma) need enough repeat buyers to identify their
 * parameters; below that the retention formula is the honest answer.
 */
import type { CustomerSummary } from './summary';

export type ClvMethod = 'model' | 'retention';

export interface MethodChoice {
  method: ClvMethod;
  /** Why this method was chosen for the data set as a whole. */
  reason: string;
  customers: { customerId: string; method: ClvMethod; reason: string }[];
}

export interface ChooseMethodOptions {
  /**
   * Repeat buyers needed before the models are used; 30 by default. The transaction models
   * have four parameters and Gamma-Gamma three, fitted only on repeat buyers: with fewer than
   * a few dozen the estimates run to the boundary or swing with a single customer.
   */
  minRepeatBuyers?: number;
}

const DEFAULT_MIN_REPEAT_BUYERS = 30;

export function chooseMethod(
  summaries: readonly Pick<CustomerSummary, 'customerId' | 'x' | 'monetary'>[],
  options: ChooseMethodOptions = {},
): MethodChoice {
  const minRepeat = options.minRepeatBuyers ?? DEFAULT_MIN_REPEAT_BUYERS;
  const repeaters = summaries.filter((s) => s.x > 0);
  const paying = repeaters.filter((s) => s.monetary > 0);
  const firstValue = paying[0]?.monetary;
  const spread = paying.some((s) => s.monetary !== firstValue);

  let reason: string | null = null;
  if (summaries.length === 0) reason = 'no customers';
  else if (repeaters.length < minRepeat) {
    reason = `fewer than ${minRepeat} repeat buyers (${repeaters.length}): retention formula`;
  } else if (paying.length < minRepeat) {
    reason = `fewer than ${minRepeat} repeat buyers with positive spend (${paying.length}): retention formula`;
  } else if (!spread) {
    reason = 'every repeat buyer spends the same: spend model not identified, retention formula';
  }
  if (reason !== null) {
    const why = reason;
    return {
      method: 'retention',
      reason: why,
      customers: summaries.map((s) => ({
        customerId: s.customerId,
        method: 'retention',
        reason: `retention formula: ${why}`,
      })),
    };
  }
  return {
    method: 'model',
    reason: `${repeaters.length} repeat buyers of ${summaries.length}: purchase model × Gamma-Gamma`,
    customers: summaries.map((s) => ({
      customerId: s.customerId,
      method: 'model',
      reason: customerReason(s.x, s.monetary),
    })),
  };
}

function customerReason(x: number, monetary: number): string {
  if (x === 0) return 'model: no repeat purchase yet, so spend is the population average';
  if (!(monetary > 0)) {
    return `model: ${x} repeat purchase(s) with no positive value, spend shrunk towards the population average`;
  }
  return `model: ${x} repeat purchase(s), own average spend blended with the population's`;
}
