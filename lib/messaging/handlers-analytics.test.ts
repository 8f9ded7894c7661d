import { afterEach, describe, expect, it } from 'vitest';
import { addCustomer, setup, unwrap, type Setup } from './test-support';

let env: Setup;
afterEach(() => env?.db.close());

const DAY = 86_400_000;

describe('analytics messages', () => {
  it('answers no summary before the first run', async () => {
    env = setup();
    expect(unwrap(await env.handlers.getAnalyticsSummary(null))).toEqual({ summary: null });
  });

  it('recomputes on request; the summary counts segments and classes; the file carries figures', async () => {
    env = setup();
    const dana = await addCustomer(env, {
      kind: 'person',
      personName: 'Dana',
      email: 'dana@gmail.com',
    });
    const omer = await addCustomer(env, {
      kind: 'person',
      personName: 'Omer',
      email: 'omer@gmail.com',
    });
    for (const [customer, amounts] of [
      [dana, [120, 80, 100]],
      [omer, [40]],
    ] as const) {
      for (const [k, amount] of amounts.entries()) {
        unwrap(
          await env.handlers.logOrder({
            customerId: customer.id,
            amount,
            currency: 'EUR',
            at: Date.UTC(2023, 5, 1) + k * 30 * DAY,
          }),
        );
      }
    }
    const { summary, phases } = unwrap(await env.handlers.recomputeAnalytics(null));
    expect(summary).toMatchObject({ customers: 2, method: 'retention', abc: { A: 1, B: 1, C: 0 } });
    expect(Object.values(summary!.segments).reduce((n, v) => n + (v ?? 0), 0)).toBe(2);
    expect(phases).toMatchObject({ orders: 4, interactions: 0 });
    expect(unwrap(await env.handlers.getAnalyticsSummary(null)).summary).toEqual(summary);

    const { file } = unwrap(await env.handlers.getCustomerFile({ customerId: dana.id }));
    expect(file.analytics).toMatchObject({
      customerId: dana.id,
      currency: 'EUR',
      revenueToDate: 300,
      purchases: 3,
      abc: { class: 'A' },
    });
    expect(file.analytics?.forecast.reason).toMatch(/retention formula/);
  });
});
