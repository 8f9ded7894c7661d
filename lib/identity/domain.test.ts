import { describe, expect, it } from 'vitest';
import { isWithinDomain, registrableDomain } from './domain';

describe('registrableDomain', () => {
  it.each([
    ['a@mail.acme.co.il', 'acme.co.il'],
    ['acme.co.il', 'acme.co.il'],
    ['Dana@Sub.Latvijas-Koks.LV', 'latvijas-koks.lv'],
    ['x.acme.co.uk', 'acme.co.uk'],
    ['info@acme.com', 'acme.com'],
    ['anna@münchen.de', 'xn--mnchen-3ya.de'],
  ])('%s → %s', (input, expected) => {
    expect(registrableDomain(input)).toBe(expected);
  });

  it.each([
    '1.2.3.4',
    'a@10.0.0.1',
    'localhost',
    'a@localhost',
    'co.il',
    'co.uk',
    '',
    'not a host',
  ])('%j → null', (input) => {
    expect(registrableDomain(input)).toBeNull();
  });
});

describe('isWithinDomain', () => {
  it('covers the domain and its subdomains only', () => {
    expect(isWithinDomain('acme.co.il', 'acme.co.il')).toBe(true);
    expect(isWithinDomain('mail.acme.co.il', 'acme.co.il')).toBe(true);
    expect(isWithinDomain('notacme.co.il', 'acme.co.il')).toBe(false);
    expect(isWithinDomain('acme.co.il.evil.com', 'acme.co.il')).toBe(false);
  });
});
