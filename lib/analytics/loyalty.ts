/**
 * Loyalty tiers from settings such as
 * `[{ name: 'Silver', basis: 'spend', min: 500, discount: 0.05 }, …]`. A customer reaches every
 * tier whose threshold they meet; the highest reached wins, "highest" meaning the largest
 * discount (ties go to the tier listed later), so tiers on different bases compare sensibly.
 */

export interface LoyaltyTier {
  name: string;
  basis: 'spend' | 'orders';
  min: number;
  /** Fraction off, 0–1. */
  discount: number;
}

export interface LoyaltyResult {
  tier: string | null;
  discount: number;
  reason: string;
}

export function validateTiers(tiers: readonly LoyaltyTier[]): string | null {
  for (const t of tiers) {
    if (!t.name) return 'every tier needs a name';
    if (t.basis !== 'spend' && t.basis !== 'orders')
      return `${t.name}: basis must be spend or orders`;
    if (!Number.isFinite(t.min) || t.min < 0) return `${t.name}: min must be a finite number ≥ 0`;
    if (!(t.discount >= 0 && t.discount <= 1)) return `${t.name}: discount must lie in 0–1`;
  }
  return null;
}

export function loyaltyTier(
  customer: { spend: number; orders: number },
  tiers: readonly LoyaltyTier[],
): LoyaltyResult {
  const problem = validateTiers(tiers);
  if (problem) throw new RangeError(problem);
  // Refunds can leave spend negative and bad data NaN: neither reaches any tier.
  const spend = Number.isFinite(customer.spend) ? customer.spend : 0;
  const orders = Number.isFinite(customer.orders) ? customer.orders : 0;
  let best: LoyaltyTier | null = null;
  for (const t of tiers) {
    const value = t.basis === 'spend' ? spend : orders;
    if (value >= t.min && (!best || t.discount >= best.discount)) best = t;
  }
  if (!best) return { tier: null, discount: 0, reason: 'no tier reached' };
  const met =
    best.basis === 'spend' ? `spend ${spend} ≥ ${best.min}` : `${orders} orders ≥ ${best.min}`;
  return {
    tier: best.name,
    discount: best.discount,
    reason: `${best.name}: ${met}, ${Math.round(best.discount * 1000) / 10}% off`,
  };
}
