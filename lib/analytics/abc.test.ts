import { describe, expect, it } from 'vitest';
import { classifyAbc } from './abc';

const items = (values: number[]) => values.map((value, i) => ({ id: `c${i}`, value }));

describe('classifyAbc', () => {
  it('80/15/5 on a skewed book', () => {
    // Total 1000: 500 + 300 reach 80 %, 100 + 50 the next 15 %.
    const res = classifyAbc(items([50, 500, 20, 300, 100, 30]));
    expect(res.map((r) => r.class)).toEqual(['B', 'A', 'C', 'A', 'B', 'C']);
    expect(res[1]!.reason).toBe('A: in the top 80% of revenue (50% of the total)');
    expect(res[4]!.reason).toBe('B: in the next 15% of revenue (10% of the total)');
    expect(res[2]!.reason).toBe('C: in the last 5% of revenue (2% of the total)');
  });

  it('the customer crossing the cut-off is still A; cut-offs are configurable', () => {
    // 30 starts at 60 % (< 80 %): A. 10 starts at 90 % (< 95 %): B.
    const res = classifyAbc(items([60, 30, 10]));
    expect(res.map((r) => r.class)).toEqual(['A', 'A', 'B']);
    const half = classifyAbc(items([60, 30, 10]), { a: 0.5, b: 0.3, basis: 'margin' });
    expect(half.map((r) => r.class)).toEqual(['A', 'B', 'C']);
    expect(half[0]!.reason).toBe('A: in the top 50% of margin (60% of the total)');
    expect(() => classifyAbc(items([1]), { a: 0.9, b: 0.2 })).toThrow(RangeError);
  });

  it('ties share a class regardless of input order', () => {
    const res = classifyAbc(items([10, 10, 10, 10, 10, 10, 10, 10, 10, 10]));
    expect(new Set(res.map((r) => r.class))).toEqual(new Set(['A']));
    const mixed = classifyAbc(items([40, 20, 20, 20]));
    expect(mixed.map((r) => r.class)).toEqual(['A', 'A', 'A', 'A']);
  });

  it('zero and negative totals are C with a reason; all-zero gives no NaN', () => {
    const res = classifyAbc(items([100, 0, -50]));
    expect(res.map((r) => r.class)).toEqual(['A', 'C', 'C']);
    expect(res[2]!.reason).toBe('C: no positive revenue');
    const zero = classifyAbc(items([0, 0]));
    expect(zero.every((r) => r.class === 'C' && r.share === 0)).toBe(true);
    expect(zero[0]!.reason).toBe('C: no positive revenue at all');
    expect(classifyAbc([])).toEqual([]);
    expect(() => classifyAbc(items([NaN]))).toThrow(/finite/);
  });

  it('one customer with everything is A; 200,000 customers with ties: A holds its 80 %', () => {
    expect(classifyAbc(items([5]))[0]!.class).toBe('A');
    const values = Array.from({ length: 200_000 }, (_, i) => (i % 97) + 1);
    const res = classifyAbc(items(values));
    const total = values.reduce((a, b) => a + b, 0);
    const inA = res.reduce((sum, r, i) => sum + (r.class === 'A' ? values[i]! : 0), 0);
    expect(inA / total).toBeGreaterThanOrEqual(0.8);
    // Ties share a class: each of the 97 values has one class only.
    const classesOf = new Map<number, Set<string>>();
    res.forEach((r, i) =>
      classesOf.set(values[i]!, (classesOf.get(values[i]!) ?? new Set()).add(r.class)),
    );
    expect([...classesOf.values()].every((classes) => classes.size === 1)).toBe(true);
  });
});
