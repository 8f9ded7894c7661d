import { describe, expect, it } from 'vitest';
import { emailHost, normalizeEmail } from './email';

describe('normalizeEmail', () => {
  it.each([
    ['dana@acme.co.il', 'dana@acme.co.il'],
    ['  Dana.Levi@ACME.co.IL ', 'dana.levi@acme.co.il'],
    ['<dana@acme.co.il>', 'dana@acme.co.il'],
    ['mailto:dana@acme.co.il', 'dana@acme.co.il'],
    ['MAILTO:Dana@Acme.LV', 'dana@acme.lv'],
    ['mailto:dana%40acme.lv?subject=Hi', 'dana@acme.lv'],
    ['<mailto:dana@acme.lv>', 'dana@acme.lv'],
    ['dana+crm@sub.acme.co.uk', 'dana+crm@sub.acme.co.uk'],
    ["o'brien@acme.ie", "o'brien@acme.ie"],
    ['anna@münchen.de', 'anna@xn--mnchen-3ya.de'],
    ['anna@xn--mnchen-3ya.de', 'anna@xn--mnchen-3ya.de'],
    ['dana@acme.co.il.', 'dana@acme.co.il'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeEmail(raw)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    'dana',
    '@acme.com',
    'dana@',
    'dana@@acme.com',
    'a@b@acme.com',
    'dana@localhost',
    'dana@10.0.0.1',
    'dana@[127.0.0.1]',
    'dana@acme',
    'dana@-acme.com',
    'dana@acme..com',
    '.dana@acme.com',
    'dana.@acme.com',
    'da..na@acme.com',
    'dana levi@acme.com',
    'dana@acme.com, noa@acme.com',
    'dana@acme.com;noa@acme.com',
    'Dana Levi <dana@acme.com>',
    '"<script>"@x.com',
    '"<script>"@x',
    '<script>@x.com',
    'dana@acme.com<script>',
    'dana@acme.com/path',
    'dana@acme.com:25',
    'dana@acme%2ecom',
    'דנה@acme.co.il',
    `${'a'.repeat(65)}@acme.com`,
    `dana@${'a'.repeat(64)}.com`,
    `dana@${'a.'.repeat(130)}com`,
    `${'a'.repeat(100_000)}@acme.com`,
    'mailto:',
    'mailto:%E0%A4%A@acme.com',
  ])('refuses %j', (raw) => {
    expect(normalizeEmail(raw)).toBeNull();
  });

  it('refuses non-strings from untyped callers', () => {
    expect(normalizeEmail(null)).toBeNull();
    expect(normalizeEmail(undefined)).toBeNull();
    expect(normalizeEmail(42 as unknown as string)).toBeNull();
  });

  it('always returns what the model accepts as an Email', () => {
    for (const raw of ['X@Y.CO', 'mailto:<a@b.lv>', 'a.b-c_d@e-f.g.co.il']) {
      const email = normalizeEmail(raw);
      expect(email).toMatch(/^[^\s@A-Z]+@[a-z0-9.-]+$/);
    }
  });

  it('gives the host of a normalised address', () => {
    expect(emailHost('dana@mail.acme.co.il')).toBe('mail.acme.co.il');
  });
});
