import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Customer } from '../model';
import { readMeta } from './meta';
import { CLOCKS_PROPERTY } from './row-clocks';
import {
  addDeal,
  addOrder,
  createCustomer,
  deleteCustomer,
  logInteraction,
  updateCustomer,
  updateSettings,
  upsertCampaign,
  upsertContact,
} from './mutations';
import { getCustomerFile } from './queries';
import type { KesherDB } from './schema';
import { freshDb, orderFields } from './test-support';
import { applyChanges } from './write';

let db: KesherDB;
let acme: Customer;
beforeEach(async () => {
  db = freshDb();
  acme = await createCustomer(db, {
    kind: 'company',
    personName: 'Noa',
    email: 'noa@acme.co.il',
    companyName: 'Acme',
    domain: 'acme.co.il',
  });
});
afterEach(() => db.close());

async function log(channel: 'email' | 'phone' | 'note', at: number, customerId = acme.id) {
  const { interaction } = await logInteraction(db, {
    customerId,
    channel,
    direction: 'inbound',
    at,
  });
  return interaction;
}

describe('getCustomerFile', () => {
  it('answers undefined for an unknown or deleted customer', async () => {
    expect(await getCustomerFile(db, 'nope', { interactionLimit: 10 })).toBeUndefined();
    await deleteCustomer(db, acme.id);
    expect(await getCustomerFile(db, acme.id, { interactionLimit: 10 })).toBeUndefined();
  });

  it('pages interactions newest first, filters by channel, and counts every live one', async () => {
    // Logged out of time order on purpose: the index orders them.
    for (const [channel, at] of [
      ['email', 3_000],
      ['phone', 1_000],
      ['email', 5_000],
      ['note', 4_000],
      ['phone', 2_000],
    ] as const) {
      await log(channel, at);
    }
    const other = await createCustomer(db, {
      kind: 'person',
      personName: 'D',
      email: 'd@gmail.com',
    });
    await log('email', 9_000, other.id);

    const file = await getCustomerFile(db, acme.id, { interactionLimit: 3 });
    expect(file!.interactions.map((i) => i.at)).toEqual([5_000, 4_000, 3_000]);
    expect(file!.interactionCount).toBe(5);

    const phones = await getCustomerFile(db, acme.id, { interactionLimit: 10, channel: 'phone' });
    expect(phones!.interactions.map((i) => [i.channel, i.at])).toEqual([
      ['phone', 2_000],
      ['phone', 1_000],
    ]);
    expect(phones!.interactionCount).toBe(5);

    // The limit counts matching rows, not rows scanned.
    const oneEmail = await getCustomerFile(db, acme.id, { interactionLimit: 1, channel: 'phone' });
    expect(oneEmail!.interactions.map((i) => i.at)).toEqual([2_000]);
  });

  it('leaves tombstoned interactions out of the page and the count', async () => {
    const a = await log('email', 1_000);
    await log('email', 2_000);
    expect(await readMeta(db, 'interactionTombstones')).toBeUndefined();
    await applyChanges(db, [{ table: 'interactions', id: a.id, op: 'delete' }]);
    expect(await readMeta(db, 'interactionTombstones')).toBe(true);
    const file = await getCustomerFile(db, acme.id, { interactionLimit: 10 });
    expect(file!.interactions.map((i) => i.at)).toEqual([2_000]);
    expect(file!.interactionCount).toBe(1);
  });

  it('puts the primary contact first and leaves deleted contacts out', async () => {
    const avi = await upsertContact(db, { customerId: acme.id, patch: { name: 'Avi' } });
    const gone = await upsertContact(db, { customerId: acme.id, patch: { name: 'Gone' } });
    await applyChanges(db, [{ table: 'contacts', id: gone.id, op: 'delete' }]);
    let file = await getCustomerFile(db, acme.id, { interactionLimit: 1 });
    expect(file!.contacts.map((c) => c.name)).toEqual(['Noa', 'Avi']);
    await upsertContact(db, { id: avi.id, customerId: acme.id, patch: { primary: true } });
    file = await getCustomerFile(db, acme.id, { interactionLimit: 1 });
    expect(file!.contacts.map((c) => c.name)).toEqual(['Avi', 'Noa']);
  });

  it('sums paid orders per currency, team currency first, refunds and cancellations at zero', async () => {
    await updateSettings(db, { currency: 'ILS' });
    const orders = [
      orderFields(acme.id, { at: 1_000, amount: 100.1, currency: 'EUR' }),
      orderFields(acme.id, { at: 4_000, amount: 0.2, currency: 'EUR' }),
      orderFields(acme.id, { at: 5_000, amount: 999, currency: 'EUR', status: 'refunded' }),
      orderFields(acme.id, { at: 500, amount: 70, currency: 'USD', status: 'cancelled' }),
      orderFields(acme.id, { at: 3_000, amount: 50, currency: 'ILS' }),
      orderFields(acme.id, { at: 2_000, amount: 25, currency: 'ILS' }),
      orderFields(acme.id, { at: 6_000, amount: 10, currency: 'GBP' }),
    ];
    for (const o of orders) await addOrder(db, o);
    const file = await getCustomerFile(db, acme.id, { interactionLimit: 1 });
    expect(file!.orders.map((o) => o.at)).toEqual([6_000, 5_000, 4_000, 3_000, 2_000, 1_000, 500]);
    expect(file!.revenue).toEqual([
      { currency: 'ILS', total: 75, orderCount: 2, firstAt: 2_000, lastAt: 3_000 },
      // 100.1 + 0.2 is 100.30000000000001 in floating point.
      { currency: 'EUR', total: 100.3, orderCount: 2, firstAt: 1_000, lastAt: 4_000 },
      { currency: 'GBP', total: 10, orderCount: 1, firstAt: 6_000, lastAt: 6_000 },
    ]);
  });

  it('includes deals and the acquisition campaign name', async () => {
    const campaign = await upsertCampaign(db, {
      fields: {
        name: 'Expo 2025',
        channel: 'meeting',
        cost: 1_000,
        currency: 'EUR',
        sent: 0,
        bounced: 0,
      },
    });
    await updateCustomer(db, acme.id, {
      acquisition: { channel: 'event', campaignId: campaign.id },
    });
    await addDeal(db, {
      customerId: acme.id,
      name: 'Robots',
      stage: 'proposal',
      value: 5_000,
      currency: 'EUR',
    });
    const file = await getCustomerFile(db, acme.id, { interactionLimit: 1 });
    expect(file!.acquisitionCampaignName).toBe('Expo 2025');
    expect(file!.deals.map((d) => d.name)).toEqual(['Robots']);
  });

  it('carries no field clocks: they stay in the stored records (row-clocks.ts)', async () => {
    await log('email', 2_000);
    await addOrder(db, orderFields(acme.id));
    await addDeal(db, { customerId: acme.id, name: 'R', stage: 'lead', value: 1, currency: 'EUR' });
    await updateSettings(db, { currency: 'EUR' });
    const file = await getCustomerFile(db, acme.id, { interactionLimit: 10 });
    expect(file!.contacts).toHaveLength(1);
    expect(file!.interactions).toHaveLength(1);
    expect(file!.orders).toHaveLength(1);
    expect(file!.deals).toHaveLength(1);
    expect(JSON.stringify(file)).not.toContain(CLOCKS_PROPERTY);
  });

  it('follows mergedInto to the surviving customer, and survives a merge loop', async () => {
    const survivor = await createCustomer(db, {
      kind: 'person',
      personName: 'S',
      email: 's@gmail.com',
    });
    await log('phone', 1_000, survivor.id);
    await updateCustomer(db, acme.id, { mergedInto: survivor.id });
    const file = await getCustomerFile(db, acme.id, { interactionLimit: 5 });
    expect(file!.customer.id).toBe(survivor.id);
    expect(file!.interactionCount).toBe(1);

    await updateCustomer(db, survivor.id, { mergedInto: acme.id });
    const looped = await getCustomerFile(db, acme.id, { interactionLimit: 5 });
    expect([acme.id, survivor.id]).toContain(looped!.customer.id);
  });
});
