import { afterEach, describe, expect, it } from 'vitest';
import { deleteCustomer } from '../db/mutations';
import type { Customer } from '../model';
import type { LogOrderInput } from './protocol';
import {
  NOW,
  addCustomer,
  dbSnapshot,
  errorOf,
  expectInvalid,
  setup,
  unwrap,
  type Setup,
} from './test-support';

let env: Setup;
afterEach(() => env?.db.close());

const DAY = 24 * 3_600_000;
const MISSING_ID = '0190f1c2-0000-7000-8000-00000000dead';

async function dana(): Promise<Customer> {
  const customer = await addCustomer(env, {
    kind: 'person',
    personName: 'Dana',
    email: 'dana@gmail.com',
  });
  env.notify.mockClear();
  return customer;
}

describe('logOrder', () => {
  it('stores a paid sale in the team currency, now, with its outbox entry', async () => {
    env = setup();
    const customer = await dana();
    const outboxBefore = await env.db.outbox.count();

    const { order } = unwrap(
      await env.handlers.logOrder({
        customerId: customer.id,
        amount: 1_250.5,
        description: 'Annual licence',
      }),
    );

    expect(order).toMatchObject({
      customerId: customer.id,
      amount: 1_250.5,
      currency: 'EUR',
      at: NOW,
      status: 'paid',
      description: 'Annual licence',
      deleted: false,
    });
    expect(await env.db.orders.get(order.id)).toEqual(order);
    const outbox = await env.db.outbox.toArray();
    expect(outbox).toHaveLength(outboxBefore + 1);
    expect(outbox.filter((e) => e.table === 'orders').map((e) => e.id)).toEqual([order.id]);
    expect(env.notify).toHaveBeenCalledTimes(1);
    expect(env.notify).toHaveBeenCalledWith({ customerIds: [customer.id], tables: ['orders'] });
  });

  it('follows the team currency setting and keeps a given currency and date', async () => {
    env = setup();
    unwrap(await env.handlers.updateSettings({ currency: 'ILS' }));
    const customer = await dana();
    const inTeamCurrency = unwrap(
      await env.handlers.logOrder({ customerId: customer.id, amount: 100 }),
    ).order;
    const inEuro = unwrap(
      await env.handlers.logOrder({
        customerId: customer.id,
        amount: 40,
        currency: 'EUR',
        at: NOW - 3 * DAY,
      }),
    ).order;
    expect([inTeamCurrency.currency, inEuro.currency, inEuro.at]).toEqual([
      'ILS',
      'EUR',
      NOW - 3 * DAY,
    ]);
  });

  it('is always a sale: a status sent along is ignored', async () => {
    env = setup();
    const customer = await dana();
    const { order } = unwrap(
      await env.handlers.logOrder({
        customerId: customer.id,
        amount: 10,
        status: 'refunded',
      } as LogOrderInput),
    );
    expect(order.status).toBe('paid');
  });

  it('shows in the customer file: its revenue and its orders', async () => {
    env = setup();
    const customer = await dana();
    for (const amount of [200, 49.99]) {
      unwrap(await env.handlers.logOrder({ customerId: customer.id, amount }));
    }
    unwrap(await env.handlers.logOrder({ customerId: customer.id, amount: 30, currency: 'USD' }));

    const { file } = unwrap(await env.handlers.getCustomerFile({ customerId: customer.id }));
    expect(file.revenue.map((r) => [r.currency, r.total, r.orderCount, r.lastAt])).toEqual([
      ['EUR', 249.99, 2, NOW],
      ['USD', 30, 1, NOW],
    ]);
    expect(file.orders).toHaveLength(3);
  });

  it('takes a date up to a day ahead (time zones), no further', async () => {
    env = setup();
    const customer = await dana();
    unwrap(await env.handlers.logOrder({ customerId: customer.id, amount: 5, at: NOW + DAY }));
    const before = await dbSnapshot(env.db);
    env.notify.mockClear();

    const result = await env.handlers.logOrder({
      customerId: customer.id,
      amount: 5,
      at: NOW + DAY + 1,
    });

    expectInvalid(result, 'A sale cannot be dated more than a day ahead');
    expect(await dbSnapshot(env.db)).toEqual(before);
    expect(env.notify).not.toHaveBeenCalled();
  });

  /** Each refused request, with what its message must name. */
  const BAD: Array<[what: string, input: Record<string, unknown>, field: string | RegExp]> = [
    ['a zero amount', { amount: 0 }, 'amount: a sale needs an amount above zero'],
    ['a negative amount', { amount: -12.5 }, 'amount: a sale needs an amount above zero'],
    ['NaN', { amount: Number.NaN }, 'amount'],
    ['an infinite amount', { amount: Number.POSITIVE_INFINITY }, 'amount'],
    ['an amount as text', { amount: '12' }, 'amount'],
    ['no amount', {}, 'amount'],
    ['a lower-case currency', { amount: 5, currency: 'eur' }, 'currency'],
    ['a currency name', { amount: 5, currency: 'Euro' }, 'currency'],
    ['a date ten years ahead', { amount: 5, at: NOW + 3_650 * DAY }, 'more than a day ahead'],
    ['a negative date', { amount: 5, at: -1 }, 'at'],
    ['a fractional date', { amount: 5, at: 1.5 }, 'at'],
    ['a 501-character description', { amount: 5, description: 'x'.repeat(501) }, 'description'],
  ];

  it.each(BAD)('refuses %s and writes nothing', async (_what, input, field) => {
    env = setup();
    const customer = await dana();
    const before = await dbSnapshot(env.db);

    const result = await env.handlers.logOrder({ customerId: customer.id, ...input });

    expectInvalid(result, field);
    expect(await dbSnapshot(env.db)).toEqual(before);
    expect(env.notify).not.toHaveBeenCalled();
  });

  it('answers not-found for an unknown or deleted customer and writes nothing', async () => {
    env = setup();
    const customer = await dana();
    await deleteCustomer(env.db, customer.id);
    const before = await dbSnapshot(env.db);

    for (const customerId of [MISSING_ID, customer.id]) {
      const error = errorOf(await env.handlers.logOrder({ customerId, amount: 10 }));
      expect(error.code).toBe('not-found');
    }
    expect(await dbSnapshot(env.db)).toEqual(before);
    expect(env.notify).not.toHaveBeenCalled();
  });
});
