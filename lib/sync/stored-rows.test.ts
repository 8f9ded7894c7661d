import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KesherDB } from '../db/schema';
import { customerFields, freshDb } from '../db/test-support';
import { applyChanges } from '../db/write';
import { readStored } from './stored-rows';

let d: KesherDB;
afterEach(() => d?.close());

async function store(ids: string[]) {
  await applyChanges(
    d,
    ids.map((id) => ({
      table: 'customers' as const,
      id,
      op: 'upsert' as const,
      fields: customerFields({ name: id }),
    })),
    { now: 1_000 },
  );
}

describe('readStored', () => {
  it('reads only the stored rows when the range of the ids holds few keys', async () => {
    d = freshDb();
    await store(['b', 'd', 'z']);
    const getMany = vi.spyOn(d.table('customers').core, 'getMany');
    const got = await readStored(d, 'customers', ['c', 'd', 'a', 'e', 'b']);
    expect(getMany).toHaveBeenCalledWith(expect.objectContaining({ keys: ['d', 'b'] }));
    expect([...got].map(([id, s]) => [id, s.row?.name ?? null])).toEqual([
      ['c', null],
      ['d', 'd'],
      ['a', null],
      ['e', null],
      ['b', 'b'],
    ]);
    expect(got.get('d')!.clocks.name).toBeDefined();
    expect(got.get('c')!.clocks).toEqual({});
  });

  it('reads every id when the range holds more keys than the page has', async () => {
    d = freshDb();
    await store(['a', 'b', 'c', 'd', 'e', 'f']);
    const getMany = vi.spyOn(d.table('customers').core, 'getMany');
    const got = await readStored(d, 'customers', ['a', 'f', 'x']);
    expect(getMany).toHaveBeenCalledWith(expect.objectContaining({ keys: ['a', 'f', 'x'] }));
    expect(got.get('a')!.row?.name).toBe('a');
    expect(got.get('f')!.row?.name).toBe('f');
    expect(got.get('x')).toEqual({ row: undefined, clocks: {} });
  });

  it('finds rows of the table asked for only', async () => {
    d = freshDb();
    await store(['m']);
    const got = await readStored(d, 'contacts', ['m']);
    expect(got.get('m')).toEqual({ row: undefined, clocks: {} });
  });
});
