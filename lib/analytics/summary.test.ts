import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCdnowSample, parseSummaryCsv } from './cdnow';
import { summarizeTransactions, type Transaction } from './summary';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/datasets/${name}`, import.meta.url), 'utf8');

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('summarizeTransactions', () => {
  const txs: Transaction[] = [
    { customerId: 'a', at: day('2024-01-01'), amount: 10 },
    { customerId: 'a', at: new Date(day('2024-01-08') + 3_600_000), amount: 5 },
    // Same UTC day as the previous row: one purchase of 5 + 7.
    { customerId: 'a', at: day('2024-01-08') + 20 * 3_600_000, amount: 7 },
    { customerId: 'a', at: day('2024-01-15'), amount: 30 },
    { customerId: 'a', at: day('2024-02-01'), amount: 99 }, // holdout
    { customerId: 'a', at: day('2024-02-02'), amount: 1 }, // holdout
    { customerId: 'a', at: day('2024-03-01'), amount: 1 }, // after the holdout: ignored
    { customerId: 'b', at: day('2024-01-22'), amount: 4 },
    { customerId: 'c', at: day('2024-02-01'), amount: 4 }, // first buys after calibration
  ];
  const options = { calibrationEnd: day('2024-01-29'), holdoutEnd: day('2024-02-15') };

  it('counts one purchase per customer-day and measures in weeks by default', () => {
    const [a, b, ...rest] = summarizeTransactions(txs, options);
    expect(rest).toEqual([]);
    expect(a).toEqual({
      customerId: 'a',
      x: 2,
      t_x: 2,
      T: 4,
      monetary: (12 + 30) / 2,
      holdoutX: 2,
    });
    expect(b).toEqual({ customerId: 'b', x: 0, t_x: 0, T: 1, monetary: 0, holdoutX: 0 });
  });

  it('takes another time unit', () => {
    const [a] = summarizeTransactions(txs, { ...options, unitDays: 1 });
    expect(a).toMatchObject({ t_x: 14, T: 28 });
  });

  it('rejects invalid dates', () => {
    expect(() =>
      summarizeTransactions([{ customerId: 'x', at: Number.NaN, amount: 1 }], options),
    ).toThrow(RangeError);
  });

  it('reproduces the published CDNOW summaries from the raw transactions', () => {
    const summaries = summarizeTransactions(parseCdnowSample(fixture('CDNOW_sample.txt')), {
      calibrationEnd: day('1997-09-30'),
    });
    const published = parseSummaryCsv(fixture('cdnow_customers_summary_with_transactions.csv'));
    expect(summaries).toHaveLength(2357);
    expect(published).toHaveLength(2357);
    const byId = new Map(summaries.map((s) => [s.customerId, s]));
    for (const row of published) {
      // The summary file's IDs are 1..2357 in the sample's order of appearance.
      const s = summaries[Number(row.id) - 1]!;
      expect(byId.get(s.customerId)).toBe(s);
      expect(s.x).toBe(row.x);
      // The published file rounds to two decimals.
      expect(Math.abs(s.t_x - row.t_x)).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs(s.T - row.T)).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs(s.monetary - row.monetary!)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });
});
