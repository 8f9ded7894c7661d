import { afterEach, describe, expect, it } from 'vitest';
import type { KesherDB } from './schema';
import { freshDb } from './test-support';
import { packClockRow, packedClockRows, unpackClockRow } from './clock-codec';

let d: KesherDB | undefined;
afterEach(() => d?.close());

const A = '000000000001000-00000-a';
const B = '000000000002000-00000-b';

describe('clock packing', () => {
  it('packs a row whose fields share one clock, and unpacks it to the same fields', () => {
    const row = { table: 'customers' as const, id: 'c1', fields: { name: A, kind: A, tags: A } };
    const packed = packClockRow(row);
    expect(packed).toEqual({ table: 'customers', id: 'c1', hlc: A, names: 'name kind tags' });
    expect(unpackClockRow(packed)).toEqual(row);
  });

  it('keeps mixed clocks and a single field as they are', () => {
    const mixed = { table: 'customers' as const, id: 'c1', fields: { name: A, kind: B } };
    const one = { table: 'customers' as const, id: 'c2', fields: { name: A } };
    expect(packClockRow(mixed)).toBe(mixed);
    expect(packClockRow(one)).toBe(one);
    expect(unpackClockRow(mixed)).toBe(mixed);
  });

  it('every read of the table sees packed rows unpacked, unpacked ones unchanged', async () => {
    d = freshDb();
    const packed = { table: 'customers' as const, id: 'p', fields: { name: A, kind: A } };
    const mixed = { table: 'customers' as const, id: 'm', fields: { name: A, kind: B } };
    await d.clocks.bulkPut(packedClockRows([packed, mixed]));
    // Stored packed: what IndexedDB itself holds.
    const raw = await new Promise((resolve) => {
      const request = d!
        .backendDB()
        .transaction('clocks')
        .objectStore('clocks')
        .get(['customers', 'p']);
      request.onsuccess = () => resolve(request.result);
    });
    expect(raw).toEqual({ table: 'customers', id: 'p', hlc: A, names: 'name kind' });
    expect(await d.clocks.get(['customers', 'p'])).toEqual(packed);
    expect(
      await d.clocks.bulkGet([
        ['customers', 'p'],
        ['customers', 'm'],
      ]),
    ).toEqual([packed, mixed]);
    expect(await d.clocks.toArray()).toEqual([mixed, packed]);
    const seen: unknown[] = [];
    await d.clocks.each((c) => {
      seen.push(c);
    });
    expect(seen).toEqual([mixed, packed]);
  });
});
