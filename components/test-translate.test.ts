import { describe, expect, it } from 'vitest';
import { makeTranslate } from './test-translate';

describe('makeTranslate', () => {
  const t = makeTranslate({
    plain: { message: 'Hello' },
    two: { message: 'Logged $1 of $2' },
    dollars: { message: 'Costs $$5, not $1' },
    named: {
      message: 'Hi $who$, $count$ new',
      placeholders: { who: { content: '$1' }, count: { content: '$2', example: '3' } },
    },
    nine: { message: '$9$8$7$6$5$4$3$2$1' },
    Mixed_Case: { message: 'found' },
  });

  it('substitutes $1..$9 from a string or a list', () => {
    expect(t('plain')).toBe('Hello');
    expect(t('two', ['3', '5'])).toBe('Logged 3 of 5');
    expect(t('two', '3')).toBe('Logged 3 of ');
    expect(t('nine', ['1', '2', '3', '4', '5', '6', '7', '8', '9'])).toBe('987654321');
  });

  it('reads $$ as a dollar sign and resolves named placeholders', () => {
    expect(t('dollars', 'free')).toBe('Costs $5, not free');
    expect(t('named', ['Dana', '3'])).toBe('Hi Dana, 3 new');
  });

  it('does not substitute into substituted text', () => {
    expect(t('two', ['$2', 'x'])).toBe('Logged $2 of x');
  });

  it('matches names case-insensitively, like browsers', () => {
    expect(t('mixed_case')).toBe('found');
  });

  it('falls back, then shows the key itself', () => {
    const withFallback = makeTranslate({}, (key, subs) =>
      key === 'known' ? `fb:${String(subs)}` : '',
    );
    expect(withFallback('known', 'a')).toBe('fb:a');
    expect(withFallback('unknown')).toBe('unknown');
    expect(t('missing')).toBe('missing');
  });
});
