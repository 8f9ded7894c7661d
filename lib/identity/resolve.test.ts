import { describe, expect, it } from 'vitest';
import { memoryLookup } from './memory-lookup';
import { byAge, survivingCustomer } from './resolve';
import { customerRow } from './test-rows';

describe('survivingCustomer', () => {
  it('returns a live row itself and refuses a deleted one', async () => {
    const live = customerRow({ id: 'a' });
    const gone = customerRow({ id: 'b', deleted: true });
    const lookup = memoryLookup([live, gone]);
    expect(await survivingCustomer(live, lookup)).toBe(live);
    expect(await survivingCustomer(gone, lookup)).toBeNull();
  });

  it('follows a merge chain, through tombstoned losers', async () => {
    const a = customerRow({ id: 'a', mergedInto: 'b', deleted: true });
    const b = customerRow({ id: 'b', mergedInto: 'c' });
    const c = customerRow({ id: 'c' });
    expect(await survivingCustomer(a, memoryLookup([a, b, c]))).toBe(c);
  });

  it('gives up on cycles, broken links, deleted survivors and overlong chains', async () => {
    const self = customerRow({ id: 's', mergedInto: 's' });
    const x = customerRow({ id: 'x', mergedInto: 'y' });
    const y = customerRow({ id: 'y', mergedInto: 'x' });
    const broken = customerRow({ id: 'k', mergedInto: 'missing' });
    const toDeleted = customerRow({ id: 'm', mergedInto: 'd' });
    const deleted = customerRow({ id: 'd', deleted: true });
    const chain = Array.from({ length: 40 }, (_, i) =>
      customerRow({ id: `n${i}`, mergedInto: i < 39 ? `n${i + 1}` : undefined }),
    );
    const lookup = memoryLookup([self, x, y, broken, toDeleted, deleted, ...chain]);
    expect(await survivingCustomer(self, lookup)).toBeNull();
    expect(await survivingCustomer(x, lookup)).toBeNull();
    expect(await survivingCustomer(broken, lookup)).toBeNull();
    expect(await survivingCustomer(toDeleted, lookup)).toBeNull();
    expect(await survivingCustomer(chain[0]!, lookup)).toBeNull();
  });
});

describe('byAge', () => {
  it('orders by createdAt, then id', () => {
    const rows = [
      { id: 'b', createdAt: 2 },
      { id: 'c', createdAt: 1 },
      { id: 'a', createdAt: 2 },
    ];
    expect(rows.sort(byAge).map((r) => r.id)).toEqual(['c', 'a', 'b']);
  });
});
