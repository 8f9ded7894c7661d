import { describe, expect, it } from 'vitest';
import { prepareRfm, toColumns } from './rfm-input';

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
    expect(prepared.rows).toEqual([
      { x: 2, t_x: 5, T: 10, weight: 2 },
      { x: 0, t_x: 0, T: 10, weight: 2 },
      { x: 1, t_x: 10, T: 12, weight: 1 },
      { x: 2, t_x: 7, T: 12, weight: 1 },
    ]);
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
});
