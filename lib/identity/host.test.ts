import { describe, expect, it } from 'vitest';
import { normalizeHost } from './host';

describe('normalizeHost', () => {
  it('lower-cases and converts IDN to punycode', () => {
    expect(normalizeHost('Mail.ACME.co.il')).toBe('mail.acme.co.il');
    expect(normalizeHost('MÜNCHEN.de')).toBe('xn--mnchen-3ya.de');
    expect(normalizeHost('acme.lv.')).toBe('acme.lv');
  });

  it.each([
    '',
    'localhost',
    '127.0.0.1',
    '0x7f.1',
    '[::1]',
    'a b.com',
    'acme.com:80',
    'x@y.com',
    'acme.123',
    'a'.repeat(2_000),
  ])('refuses %j', (raw) => {
    expect(normalizeHost(raw)).toBeNull();
  });
});
