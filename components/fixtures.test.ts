import { describe, expect, it } from 'vitest';
import { Contact, Customer, Deal, Interaction, Order } from '../lib/model';
import { CONTACTS, CUSTOMER, DEALS, INTERACTIONS, MATCHES, ORDERS } from './fixtures';

describe('fixtures', () => {
  it('satisfy the model schemas', () => {
    expect(Customer.parse(CUSTOMER)).toEqual(CUSTOMER);
    for (const c of CONTACTS) expect(Contact.parse(c)).toEqual(c);
    for (const i of INTERACTIONS) expect(Interaction.parse(i)).toEqual(i);
    for (const o of ORDERS) expect(Order.parse(o)).toEqual(o);
    for (const d of DEALS) expect(Deal.parse(d)).toEqual(d);
  });

  it('cover what the sidebar must lay out', () => {
    expect(new Set(INTERACTIONS.map((i) => i.channel)).size).toBe(9);
    expect(new Set(ORDERS.map((o) => o.currency))).toEqual(new Set(['ILS', 'EUR']));
    expect(MATCHES.some((m) => /[\u0590-\u05FF]/.test(m.participant.name))).toBe(true);
    expect(MATCHES.some((m) => /^[A-Za-z ]+$/.test(m.participant.name))).toBe(true);
    const times = INTERACTIONS.map((i) => i.at);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});
