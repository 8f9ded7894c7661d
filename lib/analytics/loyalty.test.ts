import { describe, expect, it } from 'vitest';
import { loyaltyTier, type LoyaltyTier } from './loyalty';

const tiers: LoyaltyTier[] = [
  { name: 'Bronze', basis: 'orders', min: 2, discount: 0.02 },
  { name: 'Silver', basis: 'spend', min: 500, discount: 0.05 },
  { name: 'Gold', basis: 'spend', min: 2000, discount: 0.1 },
  { name: 'Frequent', basis: 'orders', min: 20, discount: 0.07 },
];

describe('loyaltyTier', () => {
  it('the highest tier reached wins', () => {
    expect(loyaltyTier({ spend: 2500, orders: 30 }, tiers)).toEqual({
      tier: 'Gold',
      discount: 0.1,
      reason: 'Gold: spend 2500 ≥ 2000, 10% off',
    });
    expect(loyaltyTier({ spend: 600, orders: 25 }, tiers).tier).toBe('Frequent');
    expect(loyaltyTier({ spend: 600, orders: 1 }, tiers).tier).toBe('Silver');
    expect(loyaltyTier({ spend: 10, orders: 2 }, tiers).reason).toBe(
      'Bronze: 2 orders ≥ 2, 2% off',
    );
  });

  it('no tier, negative spend, NaN, empty settings: no discount, with a reason', () => {
    expect(loyaltyTier({ spend: 0, orders: 0 }, tiers)).toEqual({
      tier: null,
      discount: 0,
      reason: 'no tier reached',
    });
    expect(loyaltyTier({ spend: -900, orders: 1 }, tiers).tier).toBeNull();
    expect(loyaltyTier({ spend: NaN, orders: 1 }, tiers).discount).toBe(0);
    expect(loyaltyTier({ spend: 1e12, orders: 1e6 }, []).tier).toBeNull();
  });

  it('equal discounts go to the later tier; bad settings are refused', () => {
    const same: LoyaltyTier[] = [
      { name: 'A', basis: 'orders', min: 1, discount: 0.05 },
      { name: 'B', basis: 'spend', min: 1, discount: 0.05 },
    ];
    expect(loyaltyTier({ spend: 5, orders: 5 }, same).tier).toBe('B');
    expect(() =>
      loyaltyTier({ spend: 1, orders: 1 }, [{ name: 'X', basis: 'spend', min: 0, discount: 5 }]),
    ).toThrow(/discount/);
    expect(() =>
      loyaltyTier({ spend: 1, orders: 1 }, [{ name: 'X', basis: 'spend', min: NaN, discount: 0 }]),
    ).toThrow(/min/);
  });
});
