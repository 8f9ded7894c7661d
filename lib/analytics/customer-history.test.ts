import { describe, expect, it } from 'vitest';
import {
  addInteraction,
  buildHistories,
  DAY_MS,
  orderProblem,
  utcDay,
  type AnalyticsInteraction,
  type AnalyticsOrder,
  type CustomerHistory,
  type HistoryOptions,
} from './customer-history';

/** Noon UTC, so that "n days ago" never straddles a day boundary by accident. */
const AS_OF = Date.UTC(2024, 5, 30, 12);
const AS_OF_DAY = utcDay(AS_OF);
const ago = (days: number) => AS_OF - days * DAY_MS;
const OPTIONS: HistoryOptions = { asOf: AS_OF, currency: 'EUR', grossMargin: 0.3 };

function only(
  orders: AnalyticsOrder[],
  options: HistoryOptions = OPTIONS,
): { h: CustomerHistory; skipped: number } {
  const { histories, skipped } = buildHistories({ orders }, options);
  expect(histories.size).toBe(1);
  return { h: [...histories.values()][0]!, skipped };
}

describe('utcDay', () => {
  it('counts whole UTC days since the epoch, flooring before 1970 too', () => {
    expect(utcDay(0)).toBe(0);
    expect(utcDay(DAY_MS - 1)).toBe(0);
    expect(utcDay(DAY_MS)).toBe(1);
    expect(utcDay(-1)).toBe(-1);
    expect(utcDay(Date.UTC(2024, 5, 30, 23, 59))).toBe(utcDay(Date.UTC(2024, 5, 30)));
  });
});

describe('purchase days', () => {
  it('several orders on one day are one purchase day valued at their sum; days ascend', () => {
    const { h } = only([
      { customerId: 'a', at: ago(3), amount: 10 },
      { customerId: 'a', at: ago(40), amount: 5 },
      { customerId: 'a', at: ago(3) + 3_600_000, amount: 2.5 },
      { customerId: 'a', at: ago(20), amount: 7 },
    ]);
    expect(h.purchaseDays).toEqual([AS_OF_DAY - 40, AS_OF_DAY - 20, AS_OF_DAY - 3]);
    expect(h.dayValues).toEqual([5, 7, 12.5]);
    expect(h.orderCount).toBe(4);
    expect(h.revenue).toBe(24.5);
    expect(h.margin).toBeCloseTo(24.5 * 0.3, 10);
  });

  it('the same history whatever order the rows arrive in, credits and repeats included', () => {
    const orders: AnalyticsOrder[] = [];
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let i = 0; i < 200; i++) {
      const amount = random() < 0.1 ? -Math.round(random() * 50) : Math.round(random() * 100);
      orders.push({ customerId: 'a', at: ago(Math.floor(random() * 30)), amount });
    }
    const byDate = [...orders].sort((u, v) => u.at - v.at);
    const shuffled = [...orders].sort(() => random() - 0.5);
    const expected = only(byDate).h;
    for (const rows of [orders, shuffled, [...byDate].reverse()]) {
      const { h } = only(rows);
      expect(h.purchaseDays).toEqual(expected.purchaseDays);
      h.dayValues.forEach((v, i) => expect(v).toBeCloseTo(expected.dayValues[i]!, 9));
      expect(h.revenue).toBeCloseTo(expected.revenue, 9);
    }
    expect(new Set(expected.purchaseDays).size).toBe(expected.purchaseDays.length);
    expect(expected.purchaseDays).toEqual([...expected.purchaseDays].sort((u, v) => u - v));
  });

  it('a duplicated row (same order twice, same day) is one purchase day with twice the value', () => {
    // Documented behaviour: duplicates inflate value and revenue (nothing identifies them as
    // the same order), while the purchase-count models, which count days, are unaffected.
    const order = { customerId: 'a', at: ago(5), amount: 30 };
    const { h } = only([order, { ...order }]);
    expect(h.purchaseDays).toEqual([AS_OF_DAY - 5]);
    expect(h.dayValues).toEqual([60]);
    expect(h.revenue).toBe(60);
    expect(h.orderCount).toBe(2);
  });

  it('a $0 order is still a purchase day (CDNOW has $0 purchases)', () => {
    const { h } = only([
      { customerId: 'a', at: ago(10), amount: 0 },
      { customerId: 'a', at: ago(2), amount: 0 },
    ]);
    expect(h.purchaseDays).toEqual([AS_OF_DAY - 10, AS_OF_DAY - 2]);
    expect(h.dayValues).toEqual([0, 0]);
    expect(h.revenue).toBe(0);
    expect(h.margin).toBe(0);
  });

  it('an order later on the analysis day itself counts (days, not instants, are compared)', () => {
    const { h } = only([{ customerId: 'a', at: AS_OF + 3_600_000, amount: 9 }]);
    expect(h.purchaseDays).toEqual([AS_OF_DAY]);
    expect(h.futureOrders).toBe(0);
  });
});

describe('credit notes (paid, negative amount)', () => {
  it('net against the same day’s purchases; a credit-only day is not a purchase day', () => {
    const { h } = only([
      { customerId: 'a', at: ago(30), amount: 100 },
      { customerId: 'a', at: ago(30), amount: -40 },
      { customerId: 'a', at: ago(10), amount: -25 }, // credit-only day
      { customerId: 'a', at: ago(5), amount: 50 },
    ]);
    expect(h.purchaseDays).toEqual([AS_OF_DAY - 30, AS_OF_DAY - 5]);
    expect(h.dayValues).toEqual([60, 50]);
    expect(h.revenue).toBe(85);
    expect(h.orderCount).toBe(4);
    expect(h.margin).toBeCloseTo(85 * 0.3, 10);
  });

  it('a credit larger than its day’s purchase leaves a day valued 0 and revenue negative', () => {
    const { h } = only([
      { customerId: 'a', at: ago(30), amount: 20 },
      { customerId: 'a', at: ago(30), amount: -50 },
      { customerId: 'a', at: ago(1), amount: -500 },
    ]);
    expect(h.purchaseDays).toEqual([AS_OF_DAY - 30]);
    expect(h.dayValues).toEqual([0]);
    expect(h.revenue).toBe(-530);
    expect(h.margin).toBeCloseTo(-530 * 0.3, 10);
  });

  it('credits only: no purchase day at all, revenue negative', () => {
    const { h } = only([{ customerId: 'a', at: ago(3), amount: -10 }]);
    expect(h.purchaseDays).toEqual([]);
    expect(h.dayValues).toEqual([]);
    expect(h.revenue).toBe(-10);
    expect(h.orderCount).toBe(1);
  });
});

describe('what does not count', () => {
  it('refunded and cancelled orders count nothing, anywhere', () => {
    const { h } = only([
      { customerId: 'a', at: ago(3), amount: 100, status: 'refunded' },
      { customerId: 'a', at: ago(4), amount: 100, status: 'cancelled' },
      { customerId: 'a', at: ago(-4), amount: 100, status: 'cancelled' },
      { customerId: 'a', at: ago(5), amount: 1, status: 'paid' },
    ]);
    expect(h.purchaseDays).toEqual([AS_OF_DAY - 5]);
    expect(h.revenue).toBe(1);
    expect(h.orderCount).toBe(1);
    expect(h.futureOrders).toBe(0);
    expect(h.otherCurrencyOrders).toBe(0);
  });

  it('other currencies are counted and left out; the team currency named explicitly counts', () => {
    const { h } = only([
      { customerId: 'a', at: ago(3), amount: 100, currency: 'USD' },
      { customerId: 'a', at: ago(4), amount: 100, currency: 'ILS' },
      { customerId: 'a', at: ago(5), amount: 7, currency: 'EUR' },
    ]);
    expect(h.otherCurrencyOrders).toBe(2);
    expect(h.purchaseDays).toEqual([AS_OF_DAY - 5]);
    expect(h.revenue).toBe(7);
    expect(h.orderCount).toBe(1);
  });

  it('future-dated orders are counted and left out of every figure', () => {
    const { h } = only([
      { customerId: 'a', at: ago(-1), amount: 1000 },
      { customerId: 'a', at: ago(-400), amount: -5 },
      { customerId: 'a', at: ago(2), amount: 10 },
    ]);
    expect(h.futureOrders).toBe(2);
    expect(h.purchaseDays).toEqual([AS_OF_DAY - 2]);
    expect(h.revenue).toBe(10);
    expect(h.orderCount).toBe(1);
    expect(h.holdoutDays).toBe(0);
  });

  it('with a holdout, its positive purchase days are counted apart; later ones are future', () => {
    const { h } = only(
      [
        { customerId: 'a', at: ago(-1), amount: 10 },
        { customerId: 'a', at: ago(-1), amount: 10 },
        { customerId: 'a', at: ago(-5), amount: 0 },
        { customerId: 'a', at: ago(-6), amount: -3 },
        { customerId: 'a', at: ago(-30), amount: 10 },
        { customerId: 'a', at: ago(-31), amount: 10 },
        { customerId: 'a', at: ago(1), amount: 4 },
      ],
      { ...OPTIONS, holdoutEnd: ago(-30) },
    );
    expect(h.holdoutDays).toBe(2); // days +1 and +30; $0 and credits are not holdout purchases
    expect(h.futureOrders).toBe(1);
    expect(h.purchaseDays).toEqual([AS_OF_DAY - 1]);
    expect(h.revenue).toBe(4);
  });
});

describe('bad rows', () => {
  it('orderProblem names each defect', () => {
    const ok: AnalyticsOrder = { customerId: 'a', at: 0, amount: 1 };
    expect(orderProblem(ok)).toBeNull();
    expect(orderProblem({ ...ok, customerId: '' })).toBe('no customer id');
    expect(orderProblem({ ...ok, customerId: undefined as unknown as string })).toBe(
      'no customer id',
    );
    expect(orderProblem({ ...ok, at: Infinity })).toBe('no valid date');
    expect(orderProblem({ ...ok, at: NaN })).toBe('no valid date');
    expect(orderProblem({ ...ok, amount: NaN })).toBe('no valid amount');
    expect(orderProblem({ ...ok, amount: -Infinity })).toBe('no valid amount');
    expect(orderProblem({ ...ok, margin: NaN })).toBe('margin is not a number');
    // Finite but absurd: two of them would sum to Infinity.
    expect(orderProblem({ ...ok, amount: 1e308 })).toBe('amount out of range');
    expect(orderProblem({ ...ok, amount: -1e14 })).toBe('amount out of range');
    expect(orderProblem({ ...ok, amount: 1e13 })).toBeNull();
    expect(orderProblem({ ...ok, margin: -1e308 })).toBe('margin out of range');
  });

  it('are skipped and counted, and create no customer', () => {
    const { histories, skipped } = buildHistories(
      {
        orders: [
          { customerId: 'a', at: ago(1), amount: NaN },
          { customerId: '', at: ago(1), amount: 5 },
          { customerId: 'b', at: Infinity, amount: 5 },
          { customerId: 'c', at: ago(1), amount: 5, margin: Infinity },
          { customerId: 'c', at: ago(1), amount: Number.MAX_VALUE },
          { customerId: 'd', at: ago(1), amount: 5 },
        ],
      },
      OPTIONS,
    );
    expect(skipped).toBe(5);
    expect([...histories.keys()]).toEqual(['d']);
  });
});

describe('customers and margins', () => {
  it('customers without orders get empty histories', () => {
    const { histories, skipped } = buildHistories(
      { orders: [], customerIds: ['x', 'y', 'x'] },
      OPTIONS,
    );
    expect(skipped).toBe(0);
    expect([...histories.keys()]).toEqual(['x', 'y']);
    const h = histories.get('x')!;
    expect(h).toMatchObject({ purchaseDays: [], dayValues: [], revenue: 0, margin: 0 });
    expect(h.orderCount).toBe(0);
  });

  it('an order’s own margin wins over the team rate', () => {
    const { h } = only([
      { customerId: 'a', at: ago(2), amount: 100, margin: 60 },
      { customerId: 'a', at: ago(1), amount: 100 },
    ]);
    expect(h.margin).toBeCloseTo(90, 10);
  });
});

describe('interactions', () => {
  it('count per channel, keep the latest valid survey answer, ignore the future', () => {
    const i = (at: number, extra: Partial<AnalyticsInteraction> = {}): AnalyticsInteraction => ({
      customerId: 'a',
      channel: 'email',
      at,
      ...extra,
    });
    const { histories } = buildHistories(
      {
        orders: [],
        interactions: [
          i(ago(10), { satisfaction: { scale: 'nps', score: 3 } }),
          i(ago(2), { channel: 'phone', satisfaction: { scale: 'nps', score: 9 } }),
          i(ago(5), { satisfaction: { scale: 'nps', score: 5 } }), // older than the 9
          i(ago(1), { satisfaction: { scale: 'nps', score: 11 } }), // out of range
          i(ago(1), { satisfaction: { scale: 'csat', score: 4.5 } }), // not an integer
          i(ago(3), { satisfaction: { scale: 'csat', score: 2 } }),
          i(ago(-1), { satisfaction: { scale: 'csat', score: 5 } }), // future
          i(NaN),
        ],
      },
      OPTIONS,
    );
    const h = histories.get('a')!;
    expect(Object.fromEntries(h.channels)).toEqual({ email: 5, phone: 1 });
    expect(h.nps).toEqual({ score: 9, at: ago(2) });
    expect(h.csat).toEqual({ score: 2, at: ago(3) });
    expect(h.purchaseDays).toEqual([]);
  });

  it('addInteraction alone updates one history (the background’s one-customer path)', () => {
    const { h } = only([{ customerId: 'a', at: ago(1), amount: 1 }]);
    addInteraction(h, { customerId: 'a', channel: 'meeting', at: ago(1) });
    addInteraction(h, { customerId: 'a', channel: 'meeting', at: ago(0) });
    expect(h.channels.get('meeting')).toBe(2);
  });
});
