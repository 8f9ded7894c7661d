import type { Order, RevenueSummary } from '../model';

/** Float noise from adding decimals away; no ISO 4217 currency has more than 4 minor digits. */
const ROUND = 10_000;

/**
 * Revenue per currency from the customer's orders: only `paid` orders count (a refund keeps
 * its positive amount with status "refunded", and it and cancelled orders count zero).
 * Amounts in different currencies are never added. The team currency comes first, then the
 * others by code; a currency with no paid order is left out.
 */
export function summariseRevenue(orders: readonly Order[], teamCurrency: string): RevenueSummary[] {
  const byCurrency = new Map<string, RevenueSummary>();
  for (const order of orders) {
    if (order.deleted || order.status !== 'paid') continue;
    const sum = byCurrency.get(order.currency) ?? {
      currency: order.currency,
      total: 0,
      orderCount: 0,
    };
    sum.total += order.amount;
    sum.orderCount += 1;
    sum.firstAt = Math.min(sum.firstAt ?? order.at, order.at);
    sum.lastAt = Math.max(sum.lastAt ?? order.at, order.at);
    byCurrency.set(order.currency, sum);
  }
  return [...byCurrency.values()]
    .map((s) => ({ ...s, total: Math.round(s.total * ROUND) / ROUND }))
    .sort((a, b) =>
      a.currency === teamCurrency
        ? -1
        : b.currency === teamCurrency
          ? 1
          : a.currency < b.currency
            ? -1
            : 1,
    );
}
