import { describe, expect, it } from 'vitest';
import { addressListMatcher } from './address-list';

describe('addressListMatcher', () => {
  const listed = addressListMatcher({
    addresses: [' Billing@Vendor.lv ', 'not an address'],
    domains: ['Acme.co.il', 'mail.partner.com', ''],
  });

  it('matches listed addresses, normalised', () => {
    expect(listed('billing@vendor.lv')).toBe(true);
    expect(listed('sales@vendor.lv')).toBe(false);
  });

  it('matches a listed domain and its subdomains, not look-alikes', () => {
    expect(listed('dana@acme.co.il')).toBe(true);
    expect(listed('dana@mail.acme.co.il')).toBe(true);
    expect(listed('dana@notacme.co.il')).toBe(false);
    expect(listed('x@mail.partner.com')).toBe(true);
    expect(listed('x@partner.com')).toBe(false);
  });

  it('matches nothing when empty', () => {
    expect(addressListMatcher({ addresses: [], domains: [] })('a@b.com')).toBe(false);
  });
});
