import { describe, expect, it } from 'vitest';
import { prepareRfm, toColumns, type RfmColumns } from './rfm-input';
import type { RfmPoint } from './summary';
import { mulberry32 } from './test-random';

describe('prepareRfm', () => {
  const summaries = [
    { x: 2, t_x: 5, T: 10 },
    { x: 0, t_x: 3, T: 10 },
    { x: 2, t_x: 5, T: 10 },
    { x: 0, t_x: 0, T: 10 },
    { x: 1, t_x: 10, T: 12 },
    { x: 2, t_x: 7, T: 12 },
  ];

  it('merges identical histories (t_x is 0 without repeats) into weighted rows', () => {
    const prepared = prepareRfm(summaries, 4);
    if ('ok' in prepared) throw new Error(prepared.message);
    const c = prepared.columns;
    expect([...c.weight]).toEqual([2, 1, 2, 1]);
    expect(c.weight.reduce((a, b) => a + b, 0)).toBe(summaries.length);
    expect(prepared).toMatchObject({ customers: 6, repeatBuyers: 4, meanT: 64 / 6 });
  });

  it('lays the rows out by x, with every time listed once', () => {
    const prepared = prepareRfm(summaries, 4);
    if ('ok' in prepared) throw new Error(prepared.message);
    const c = prepared.columns;
    expect(c.xs).toEqual([0, 1, 2]);
    expect(c.rowStart).toEqual([0, 1, 2, 4]);
    expect(c.xWeight).toEqual([2, 1, 3]);
    expect([...c.times]).toEqual([0, 5, 7, 10, 12]);
    // Rows sorted by x, then T, then t_x.
    const rows = [...c.weight].map((w, i) => [c.times[c.tx[i]!], c.times[c.T[i]!], w]);
    expect(rows).toEqual([
      [0, 10, 2],
      [10, 12, 1],
      [5, 10, 2],
      [7, 12, 1],
    ]);
  });

  it('columns of no rows are empty', () => {
    const c = toColumns([]);
    expect(c.xs).toEqual([]);
    expect(c.rowStart).toEqual([0]);
    expect(c.times.length).toBe(0);
  });

  // Both ways of ordering the rows (one sortable number per row, or a comparator sort when
  // that number would not be exact) must lay out the same columns.
  it.each([
    ['few distinct times (one number per row)', 10, 50],
    ['a million repeats among 100,000 distinct times (comparator sort)', 1_000_000, 100_000],
  ])(
    '%s: every point counted once, rows merged and ordered by x, T, t_x',
    (_name, maxX, spread) => {
      const random = mulberry32(3);
      const points: RfmPoint[] = [];
      for (let i = 0; i < 60_000; i++) {
        const x = i === 0 ? maxX : Math.floor(random() * 4);
        const T = 1 + Math.floor(random() * spread) / 7;
        points.push({ x, T, t_x: x > 0 ? Math.floor(random() * T * 7) / 7 : 0 });
      }
      points.push(...points.slice(0, 1000));
      const c = toColumns(points);
      expect(c.weight.reduce((a, b) => a + b, 0)).toBe(points.length);
      expect(c.xWeight.reduce((a, b) => a + b, 0)).toBe(points.length);
      expect(distinctCount(points)).toBe(c.weight.length);
      const rows = rowsOf(c);
      for (let i = 1; i < rows.length; i++) {
        const [u, v] = [rows[i - 1]!, rows[i]!];
        expect(u.x < v.x || (u.x === v.x && (u.T < v.T || (u.T === v.T && u.t_x < v.t_x)))).toBe(
          true,
        );
      }
    },
  );
});

function rowsOf(c: RfmColumns): RfmPoint[] {
  const rows: RfmPoint[] = [];
  c.xs.forEach((x, k) => {
    for (let i = c.rowStart[k]!; i < c.rowStart[k + 1]!; i++) {
      rows.push({ x, T: c.times[c.T[i]!]!, t_x: c.times[c.tx[i]!]! });
    }
  });
  return rows;
}

function distinctCount(points: readonly RfmPoint[]): number {
  return new Set(points.map((p) => `${p.x}|${p.T}|${p.x > 0 ? p.t_x : 0}`)).size;
}
