import { describe, expect, it } from 'vitest';
import { classifyAbc } from './abc';
import type { CustomerHistory } from './customer-history';
import { quintileScores } from './quintile';
import { abcOf, buildRanks, quintileOf, rankInputs } from './ranks';
import { mulberry32 } from './test-random';

const ascending = (u: number, v: number) => u - v;

/** A column with heavy ties: small integers, some halves, zeros of both signs. */
function randomColumn(rand: () => number): number[] {
  const n = 1 + Math.floor(rand() * 60);
  const spread = 1 + Math.floor(rand() * 12);
  return Array.from({ length: n }, () => {
    const u = rand();
    if (u < 0.05) return -0;
    const v = Math.floor(rand() * spread) - Math.floor(spread / 3);
    return u < 0.2 ? v + 0.5 : v;
  });
}

describe('quintileOf', () => {
  it('gives exactly quintileScores’ score to every member of random columns with ties', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const column = randomColumn(mulberry32(seed));
      const sorted = [...column].sort(ascending);
      const expected = quintileScores(column);
      const got = column.map((v) => quintileOf(sorted, v));
      expect(got, `seed ${seed}: ${column.join(',')}`).toEqual(expected);
    }
  });

  it('places a value not in the column as if it had been ranked with the others', () => {
    for (let seed = 100; seed < 140; seed++) {
      const rand = mulberry32(seed);
      const column = randomColumn(rand);
      const sorted = [...column].sort(ascending);
      // Quarter values never occur in the column.
      for (const v of [sorted[0]! - 1, sorted.at(-1)! + 1, Math.floor(rand() * 10) - 3 + 0.25]) {
        const asIfRanked = quintileScores([...column, v]).at(-1);
        expect(quintileOf(sorted, v), `seed ${seed}, v ${v}`).toBe(asIfRanked);
      }
    }
  });

  it('new values land sensibly: above everyone 5, below everyone 1, empty column 3', () => {
    const column = Array.from({ length: 50 }, (_, i) => i);
    expect(quintileOf(column, 1000)).toBe(5);
    expect(quintileOf(column, -1000)).toBe(1);
    expect(quintileOf(column, 24.5)).toBe(3);
    expect(quintileOf([], 7)).toBe(3);
    expect(quintileOf([4, 4, 4], 4)).toBe(3);
  });
});

function history(customerId: string, purchaseDays: number[], revenue: number): CustomerHistory {
  return {
    customerId,
    currency: 'EUR',
    purchaseDays,
    dayValues: purchaseDays.map(() => (purchaseDays.length ? revenue / purchaseDays.length : 0)),
    revenue,
    margin: revenue * 0.3,
    orderCount: purchaseDays.length,
    otherCurrencyOrders: 0,
    futureOrders: 0,
    holdoutDays: 0,
    channels: new Map(),
    nps: null,
    csat: null,
  };
}

const AS_OF_DAY = 20_000;

describe('rankInputs and the RFM columns', () => {
  it('recency, purchase days and revenue of buyers; nobody else', () => {
    const hs = [
      history('a', [AS_OF_DAY - 40, AS_OF_DAY - 10], 50),
      history('b', [], -20), // credits only
      history('c', [AS_OF_DAY], 0),
    ];
    expect(rankInputs(hs[0]!, AS_OF_DAY)).toEqual({ recencyDays: 10, purchases: 2, revenue: 50 });
    expect(rankInputs(hs[1]!, AS_OF_DAY)).toBeNull();
    expect(rankInputs(hs[2]!, AS_OF_DAY)).toEqual({ recencyDays: 0, purchases: 1, revenue: 0 });
    const ranks = buildRanks(hs, AS_OF_DAY, [0.8, 0.95]);
    expect(ranks.recency.map((v) => v + 0)).toEqual([-10, 0]); // + 0 folds −0 into 0
    expect(ranks.frequency).toEqual([1, 2]);
    expect(ranks.monetary).toEqual([0, 50]);
  });

  it('a purchase after the analysis day counts as today, never as negative recency', () => {
    expect(rankInputs(history('a', [AS_OF_DAY + 3], 1), AS_OF_DAY)!.recencyDays).toBe(0);
  });
});

describe('ABC thresholds as values', () => {
  function randomHistories(rand: () => number): CustomerHistory[] {
    const n = 1 + Math.floor(rand() * 80);
    return Array.from({ length: n }, (_, i) => {
      const u = rand();
      // Ties (whole tens), zeros and negatives (credit notes) in the mix.
      const revenue =
        u < 0.1 ? 0 : u < 0.2 ? -Math.round(rand() * 50) : Math.round(rand() * 30) * 10;
      return history(`c${i}`, revenue > 0 ? [AS_OF_DAY - i] : [], revenue);
    });
  }

  it('abcOf puts every customer in the class classifyAbc gives them', () => {
    const thresholds: [number, number][] = [
      [0.8, 0.95],
      [0.5, 0.9],
      [0.8, 0.8],
      [0.2, 1],
    ];
    for (let seed = 1; seed <= 30; seed++) {
      const hs = randomHistories(mulberry32(seed));
      for (const [a, b] of thresholds) {
        const ranks = buildRanks(hs, AS_OF_DAY, [a, b]);
        const expected = classifyAbc(
          hs.map((h) => ({ id: h.customerId, value: h.revenue })),
          { a, b: b - a },
        );
        const got = hs.map((h) => abcOf(h.revenue, ranks.abc));
        expect(
          got.map((g) => g.class),
          `seed ${seed}, [${a}, ${b}]`,
        ).toEqual(expected.map((e) => e.class));
        got.forEach((g, i) => expect(g.share).toBeCloseTo(expected[i]!.share, 12));
      }
    }
  });

  it('positive total and the cut-offs are carried for the reasons', () => {
    const hs = [history('a', [1], 100), history('b', [1], 50), history('c', [], -30)];
    const ranks = buildRanks(hs, AS_OF_DAY, [0.6, 0.9]);
    expect(ranks.abc).toMatchObject({ total: 150, cutA: 0.6, cutB: 0.9, aMin: 100, bMin: 50 });
    expect(abcOf(100, ranks.abc)).toEqual({ class: 'A', share: 100 / 150, cutoff: 0.6 });
    expect(abcOf(50, ranks.abc)).toEqual({ class: 'B', share: 50 / 150, cutoff: 0.9 });
    expect(abcOf(-30, ranks.abc)).toEqual({ class: 'C', share: 0, cutoff: 1 });
    // A changed customer placed against the old thresholds.
    expect(abcOf(1000, ranks.abc).class).toBe('A');
    expect(abcOf(10, ranks.abc).class).toBe('C');
  });

  it('no positive revenue at all: everyone C with share 0, no NaN', () => {
    const hs = [history('a', [1], 0), history('b', [], -5), history('c', [], 0)];
    const ranks = buildRanks(hs, AS_OF_DAY, [0.8, 0.95]);
    expect(ranks.abc.total).toBe(0);
    for (const h of hs)
      expect(abcOf(h.revenue, ranks.abc)).toEqual({ class: 'C', share: 0, cutoff: 1 });
    expect(abcOf(NaN, ranks.abc).class).toBe('C');
  });

  it('no customers at all', () => {
    const ranks = buildRanks([], AS_OF_DAY, [0.8, 0.95]);
    expect(ranks).toMatchObject({ recency: [], frequency: [], monetary: [] });
    expect(abcOf(10, ranks.abc)).toEqual({ class: 'C', share: 0, cutoff: 1 });
  });
});
