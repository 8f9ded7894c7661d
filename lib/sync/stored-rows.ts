import type { RowAndClocks } from '../db/row-clocks';
import type { KesherDB } from '../db/schema';
import { readRowsAndClocks } from '../db/stored-records';
import type { TableName } from '../model';

/**
 * The stored rows and clocks of a pulled page's keys, read in a transaction of the caller's.
 * A row's clocks are in its record (lib/db/row-clocks.ts), so one read answers both.
 *
 * Reading is most of a pull's cost beyond its writes when the rows are new (an initial sync:
 * a read per row that finds nothing). So the table is first asked for the keys it holds
 * between the page's lowest and highest id, keys only and at most one more than the page
 * has: when fewer come back, that is every stored key in the range, and only those rows are
 * read. When the range holds more (ids spread over a large table), every key of the page is
 * read. Exact either way.
 */
export async function readStored(
  db: KesherDB,
  table: TableName,
  ids: readonly string[],
): Promise<Map<string, RowAndClocks>> {
  const present = await presentIds(db, table, ids);
  const stored = await readRowsAndClocks(db, table, present);
  const out = new Map<string, RowAndClocks>();
  for (const id of ids) out.set(id, stored.get(id) ?? { row: undefined, clocks: {} });
  return out;
}

/** The ids among `ids` that may be stored: those found in the range, or all of them. */
async function presentIds(
  db: KesherDB,
  table: TableName,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  let low = ids[0]!;
  let high = ids[0]!;
  for (const id of ids) {
    if (id < low) low = id;
    if (id > high) high = id;
  }
  const found = (await db
    .synced(table)
    .where(':id')
    .between(low, high, true, true)
    .limit(ids.length + 1)
    .primaryKeys()) as string[];
  if (found.length > ids.length) return [...ids];
  const stored = new Set(found);
  return ids.filter((id) => stored.has(id));
}
