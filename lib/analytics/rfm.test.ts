import { describe, expect, it } from 'vitest';
import { quintileScores } from './quintile';
import { describeAgo, rfmReason, scoreRfm, segmentFor, type RfmSegment } from './rfm';

describe('quintileScores', () => {
  it('splits ten distinct values two per quintile', () => {
    expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('gives equal values equal scores, whatever their order', () => {
    const s = quintileScores([5, 1, 5, 5, 9, 5, 0, 5]);
    expect(new Set([s[0], s[2], s[3], s[5], s[7]]).size).toBe(1);
    expect(s[4]).toBe(5);
    expect(s[6]).toBe(1);
  });

  it('one value, all equal, empty: the middle score, no NaN', () => {
    expect(quintileScores([42])).toEqual([3]);
    expect(quintileScores([0, 0, 0])).toEqual([3, 3, 3]);
    expect(quintileScores([])).toEqual([]);
    expect(quintileScores([-5, -1])).toEqual([2, 4]);
    expect(() => quintileScores([1, NaN])).toThrow(RangeError);
  });
});

describe('segments', () => {
  it('covers the whole 5×5 grid with the documented table', () => {
    const grid: Record<string, RfmSegment> = {
      '5,5,5': 'Champions',
      '5,1,1': 'New',
      '5,3,2': 'Potential Loyalists',
      '4,5,4': 'Loyal',
      '4,1,1': 'Promising',
      '3,2,3': 'Need Attention',
      '3,1,1': 'About to Sleep',
      '2,3,3': 'At Risk',
      '2,1,2': 'About to Sleep',
      '1,5,5': "Can't Lose",
      '1,4,4': 'At Risk',
      '1,1,2': 'Hibernating',
    };
    for (const [key, want] of Object.entries(grid)) {
      const [r, f, m] = key.split(',').map(Number) as [number, number, number];
      expect(segmentFor(r, f, m), key).toBe(want);
    }
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++)
        for (let m = 1; m <= 5; m++) expect(typeof segmentFor(r, f, m)).toBe('string');
  });

  it('builds one-line reasons', () => {
    const lapsed = {
      customerId: 'a',
      recencyDays: 213,
      orders: 12,
      monetary: 900,
      firstOrderDaysAgo: 213 + 11 * 30,
    };
    expect(rfmReason('At Risk', lapsed)).toBe(
      'At Risk: last order 7 months ago, used to buy monthly',
    );
    expect(
      rfmReason('Champions', { ...lapsed, recencyDays: 3, firstOrderDaysAgo: 3 + 11 * 7 }),
    ).toBe('Champions: last order 3 days ago, buys weekly');
    expect(rfmReason('New', { customerId: 'b', recencyDays: -4, orders: 1, monetary: 10 })).toBe(
      'New: last order today, one order so far',
    );
    expect(describeAgo(1)).toBe('1 day ago');
    expect(describeAgo(800)).toBe('2 years ago');
  });
});

describe('scoreRfm', () => {
  const customers = Array.from({ length: 10 }, (_, i) => ({
    customerId: `c${i}`,
    recencyDays: 10 * (i + 1),
    orders: 10 - i,
    monetary: 100 * (10 - i),
    firstOrderDaysAgo: 400,
  }));

  it('recent, frequent, big spenders score 5 and are Champions; the opposite Hibernating', () => {
    const scores = scoreRfm(customers);
    expect(scores[0]).toMatchObject({ r: 5, f: 5, m: 5, segment: 'Champions' });
    expect(scores[9]).toMatchObject({ r: 1, f: 1, m: 1, segment: 'Hibernating' });
    expect(scores[0]!.reason).toMatch(/^Champions: last order 10 days ago, buys monthly$/);
  });

  it('degenerate input: one customer, future dates, duplicates, a million orders', () => {
    expect(scoreRfm([customers[0]!])[0]).toMatchObject({
      r: 3,
      f: 3,
      m: 3,
      segment: 'Need Attention',
    });
    const dup = scoreRfm([customers[1]!, customers[1]!]);
    expect(dup[0]).toEqual(dup[1]);
    const future = scoreRfm([
      { ...customers[0]!, recencyDays: -30 },
      { ...customers[0]!, recencyDays: 0 },
    ]);
    expect(future[0]!.r).toBe(future[1]!.r);
    const whale = scoreRfm([...customers, { ...customers[0]!, customerId: 'w', orders: 1e6 }]);
    expect(whale[10]!.f).toBe(5);
    expect(() => scoreRfm([{ ...customers[0]!, monetary: Infinity }])).toThrow(/finite/);
  });
});
