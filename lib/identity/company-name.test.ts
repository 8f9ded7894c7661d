import { describe, expect, it } from 'vitest';
import { companyNameFromDomain } from './company-name';
import { titleCaseWords } from './title-case';

describe('companyNameFromDomain', () => {
  it.each([
    ['acme-tools.co.il', 'Acme Tools'],
    ['sia-latvijas-koks.lv', 'Sia Latvijas Koks'],
    ['mail.acme.co.uk', 'Acme'],
    ['ACME_WIDGETS.com', 'Acme Widgets'],
    ['dana@big--co.com', 'Big Co'],
    ['012.net.il', '012'],
    ['münchen.de', 'xn--mnchen-3ya.de'],
  ])('%s → %s', (domain, expected) => {
    expect(companyNameFromDomain(domain)).toBe(expected);
  });

  it.each(['', 'co.il', 'localhost', '10.0.0.1'])('%j → null', (domain) => {
    expect(companyNameFromDomain(domain)).toBeNull();
  });
});

describe('titleCaseWords', () => {
  it('splits on address separators and capitalises each word', () => {
    expect(titleCaseWords('dana.levi')).toBe('Dana Levi');
    expect(titleCaseWords('JOHN_o-neil')).toBe('John O Neil');
    expect(titleCaseWords('ilze..bērziņa')).toBe('Ilze Bērziņa');
    expect(titleCaseWords('...')).toBe('');
  });
});
