import { describe, expect, it } from 'vitest';
import {
  CLOCKS_PROPERTY,
  rowAndClocks,
  storedRecord,
  withoutClocks,
  type Clocks,
} from './row-clocks';
import { readRowsAndClocks } from './stored-records';
import { closedAfterEach, customerFields } from './test-support';
import { applyChanges } from './write';

const db = closedAfterEach();

const row = { id: 'c', teamId: 't', deleted: false, name: 'Acme', tags: ['x'], createdAt: 1 };
const h1 = '000000000001000-0000-client';
const h2 = '000000000002000-0000-client';

describe('stored records', () => {
  it('stores one clock, last, when every field of a row pulled whole has it', () => {
    const clocks = { name: h1, tags: h1, createdAt: h1 };
    const record = storedRecord(row, clocks);
    expect(record[CLOCKS_PROPERTY]).toBe(h1);
    expect(Object.keys(record).at(-1)).toBe(CLOCKS_PROPERTY);
    expect(rowAndClocks(record)).toEqual({ row, clocks });
  });

  it('stores any other set of clocks field by field, and reads it back as it was', () => {
    const cases: Clocks[] = [
      { name: h1, tags: h2, createdAt: h1 }, // mixed
      { name: h1, tags: h1, createdAt: h1, deleted: h1 }, // created here: a clock for deleted
      { name: h1, tags: h1, createdAt: h1, notes: h1 }, // a removed field keeps its clock
      { name: h1, tags: h1 }, // a field without a clock
    ];
    for (const clocks of cases) {
      const record = storedRecord(row, clocks);
      expect(record[CLOCKS_PROPERTY]).toEqual(clocks);
      expect(rowAndClocks(record)).toEqual({ row, clocks });
    }
  });

  it('stores a row without clocks as it is, and reads no clocks for it', () => {
    expect(storedRecord(row, {})).toBe(row);
    expect(rowAndClocks(row)).toEqual({ row, clocks: {} });
    expect(rowAndClocks(undefined)).toEqual({ row: undefined, clocks: {} });
  });

  it('takes the clocks off in place for the reading hook', () => {
    const record = storedRecord(row, { name: h1 });
    expect(withoutClocks(record)).toBe(record);
    expect(record).toEqual(row);
    expect(withoutClocks(undefined)).toBeUndefined();
  });

  it('shows no clocks to readers through Dexie, and keeps them for the sync engine', async () => {
    const d = db();
    const fields = customerFields({ name: 'Acme' });
    await applyChanges(d, [{ table: 'customers', id: 'c', op: 'upsert', fields }], { now: 5 });
    const reads = [
      await d.customers.get('c'),
      ...(await d.customers.bulkGet(['c'])),
      ...(await d.customers.toArray()),
      ...(await d.customers.where('updatedAt').equals(5).toArray()),
    ];
    for (const read of reads) expect(read).not.toHaveProperty(CLOCKS_PROPERTY);
    const stored = (await readRowsAndClocks(d, 'customers', ['c'])).get('c')!;
    expect(stored.row).toEqual(reads[0]);
    expect(stored.clocks.name).toBeDefined();
  });
});
