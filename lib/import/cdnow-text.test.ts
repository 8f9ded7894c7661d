import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCdnowSample } from '../analytics/cdnow';
import { CdnowFormatError, parseCdnowText } from './cdnow-text';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/datasets/${name}`, import.meta.url), 'utf8');

describe('parseCdnowText', () => {
  const text = fixture('CDNOW_sample.txt');
  const sample = parseCdnowText(text);

  it('reads every line of CDNOW_sample.txt (5 columns, CRLF, no header)', () => {
    expect(sample.layout).toBe('sample');
    expect(sample.errorCount).toBe(0);
    expect(sample.rows).toBe(6919);
    expect(sample.orders).toHaveLength(6919);
    expect(new Set(sample.orders.map((o) => o.customerId)).size).toBe(2357);
  });

  it('keys the sample by the sample id (column 2), as the published per-customer figures do', () => {
    // " 15562 1516 19970225  1   11.77": master id 15562 is the walkthrough's customer 1516.
    const of1516 = sample.orders.filter((o) => o.customerId === '1516');
    expect(of1516[0]).toEqual({ customerId: '1516', at: Date.UTC(1997, 1, 25), amount: 11.77 });
    expect(sample.orders.some((o) => o.customerId === '15562')).toBe(false);
    const ids = new Set(sample.orders.map((o) => Number(o.customerId)));
    expect(Math.min(...ids)).toBe(1);
    expect(Math.max(...ids)).toBe(2357);
  });

  it('agrees with lib/analytics parseCdnowSample line for line, up to the id used', () => {
    const byMaster = parseCdnowSample(text);
    expect(byMaster).toHaveLength(sample.orders.length);
    const masterOf = new Map<string, string>();
    byMaster.forEach((t, i) => {
      const o = sample.orders[i]!;
      expect([o.at, o.amount]).toEqual([t.at, t.amount]);
      // One master id per sample id and back: the re-keying merges or splits no customer.
      expect(masterOf.get(o.customerId) ?? t.customerId).toBe(t.customerId);
      masterOf.set(o.customerId, t.customerId);
    });
    expect(new Set(masterOf.values()).size).toBe(masterOf.size);
  });

  it('reads the 4-column master layout with its header', () => {
    const head = fixture('CDNOW_master.txt').split('\n').slice(0, 50).join('\n');
    const master = parseCdnowText(head);
    expect(master.layout).toBe('master');
    expect(master.errorCount).toBe(0);
    expect(master.rows).toBe(49);
    expect(master.orders[0]).toEqual({ customerId: '1', at: Date.UTC(1997, 0, 1), amount: 11.77 });
  });

  it('reports bad lines with their numbers', () => {
    const bad = [
      '00001 0001 19970101 1 11.77',
      '00001 0001 19970231 1 11.77', // 2: no such day
      '00002 0002 19970101 one 5.00', // 3
      '',
      '00003 0003 19970101 1', // 5: a column short
      '00004 0004 1997-01-01 1 5.00', // 6
      '0000x 0005 19970101 1 5.00', // 7
      '00005 0005 19970101 1 $5.00', // 8
    ].join('\r\n');
    const result = parseCdnowText(bad);
    expect(result.orders).toHaveLength(1);
    expect(result.rows).toBe(7);
    expect(result.errors).toEqual([
      { line: 2, message: 'date "19970231" is not a calendar date' },
      { line: 3, message: 'number of CDs "one" is not a whole number' },
      { line: 5, message: '4 column(s) where the sample layout has 5' },
      { line: 6, message: 'date "1997-01-01" is not YYYYMMDD' },
      { line: 7, message: 'master id "0000x" is not a number' },
      { line: 8, message: 'dollar amount "$5.00" is not a number with a dot decimal' },
    ]);
  });

  it('refuses a file whose first line is neither layout', () => {
    expect(() => parseCdnowText('customer_id,date,amount\n1,2024-01-01,3\n')).toThrow(
      CdnowFormatError,
    );
    expect(() => parseCdnowText('a b c\n')).toThrow('the first line has 3 column(s)');
  });
});
