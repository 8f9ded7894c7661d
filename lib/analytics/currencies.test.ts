import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../model/settings';
import { analyzeCustomers } from './customer-analytics';
import type { AnalyticsOrder } from './customer-history';

const DAY = 86_400_000;
const AS_OF = Date.UTC(2026, 10, 23);
const settings = { ...DEFAULT_SETTINGS, currency: 'EUR' };

/** n customers buying every `gap` days in one currency, amounts around `scale`. */
function base(prefix: string, currency: string, n: number, scale: number): AnalyticsOrder[] {
  const orders: AnalyticsOrder[] = [];
  for (let i = 0; i < n; i++) {
    const purchases = 1 + (i % 5);
    for (let k = 0; k < purchases; k++) {
      orders.push({
        customerId: `${prefix}${i}`,
        at: AS_OF - (300 - i - k * (20 + (i % 7))) * DAY,
        amount: scale * (1 + (i % 4)),
        currency,
      });
    }
  }
  return orders;
}

describe('a team selling in several currencies', () => {
  const orders = [...base('il', 'ILS', 40, 400), ...base('lv', 'EUR', 40, 100)];
  // One customer who paid five times in ILS and once in EUR.
  orders.push({ customerId: 'il4', at: AS_OF - 10 * DAY, amount: 50, currency: 'EUR' });
  const run = analyzeCustomers({ orders }, settings, { asOf: AS_OF, model: 'bg-nbd' });
  const byId = new Map(run.customers.map((c) => [c.customerId, c]));

  it('analyses each customer in the currency they buy in, never converting', () => {
    expect(byId.get('il3')!.currency).toBe('ILS');
    expect(byId.get('lv3')!.currency).toBe('EUR');
    const il4 = byId.get('il4')!;
    expect(il4.currency).toBe('ILS');
    expect(il4.otherCurrencyOrders).toBe(1);
    expect(il4.revenueToDate).toBe(2000); // the EUR order is not added to shekels
  });

  it('fits one purchase model for everyone and a spend model per currency', () => {
    expect(run.population.transaction?.name).toBe('bg-nbd');
    expect(Object.keys(run.population.spend).sort()).toEqual(['EUR', 'ILS']);
    const il = run.population.spend.ILS!.params;
    const eu = run.population.spend.EUR!.params;
    // The ILS spend model's mean is on the shekel amounts' scale, about 4× the euro one.
    const mean = (p: { p: number; q: number; gamma: number }) => (p.p * p.gamma) / (p.q - 1);
    expect(mean(il) / mean(eu)).toBeGreaterThan(2.5);
    expect(mean(il) / mean(eu)).toBeLessThan(6);
  });

  it('ranks revenue within a currency: each currency has its own A class', () => {
    for (const prefix of ['il', 'lv']) {
      const group = run.customers.filter((c) => c.customerId.startsWith(prefix));
      expect(group.some((c) => c.abc.class === 'A')).toBe(true);
      const total = group.reduce((n, c) => n + Math.max(0, c.revenueToDate), 0);
      const a = group.filter((c) => c.abc.class === 'A');
      expect(a.reduce((n, c) => n + c.revenueToDate, 0) / total).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('spend tiers (in the team currency) are not applied to shekel amounts', () => {
    const il = byId.get('il3')!;
    expect(il.loyalty.reason).toMatch(/spend tiers are in EUR/);
    expect(byId.get('lv3')!.loyalty.reason).not.toMatch(/spend tiers are in/);
  });
});
