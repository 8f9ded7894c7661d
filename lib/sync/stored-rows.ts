import type { Table } from 'dexie';
import type { ClockRow, KesherDB } from '../db/schema';
import type { TableName } from '../model';
import type { Clocks, PlainRow } from './row-state';

/**
 * The stored rows and clocks of a pulled page's keys, read in a transaction of the caller's.
 *
 * Reading is most of a pull's cost beyond its writes when the rows are new (an initial sync:
 * a get() per row and per clock that finds nothing). So each table is first asked for the
 * keys it holds between the page's lowest and highest id, keys only and at most one more than
 * the page has: when fewer come back, that is every stored key in the range, and only those
 * rows are read. When the range holds more (ids spread over a large table), every key of the
 * page is read as before. Exact either way.
 */
export async function readStored(
  db: KesherDB,
  table: TableName,
  ids: readonly string[],
): Promise<Map<string, { row: PlainRow | undefined; clocks: Clocks }>> {
  const [rowIds, clockIds] = await Promise.all([
    presentIds(db.synced(table) as Table<unknown, string>, ids, (id) => id),
    presentIds(db.clocks as Table<ClockRow, [string, string]>, ids, (id) => [table, id]),
  ]);
  const [rows, clocks] = await Promise.all([
    db.synced(table).bulkGet(rowIds),
    db.clocks.bulkGet(clockIds.map((id) => [table, id] as [TableName, string])),
  ]);
  const out = new Map<string, { row: PlainRow | undefined; clocks: Clocks }>();
  for (const id of ids) out.set(id, { row: undefined, clocks: {} });
  rowIds.forEach((id, i) => {
    out.get(id)!.row = rows[i] as PlainRow | undefined;
  });
  clockIds.forEach((id, i) => {
    out.get(id)!.clocks = clocks[i]?.fields ?? {};
  });
  return out;
}

/** The ids among `ids` that may be stored: those found in the range, or all of them. */
async function presentIds<K extends string | [string, string]>(
  store: Table<unknown, K>,
  ids: readonly string[],
  keyOf: (id: string) => K,
): Promise<string[]> {
  if (ids.length === 0) return [];
  let low = ids[0]!;
  let high = ids[0]!;
  for (const id of ids) {
    if (id < low) low = id;
    if (id > high) high = id;
  }
  const found = await store
    .where(':id')
    .between(keyOf(low), keyOf(high), true, true)
    .limit(ids.length + 1)
    .primaryKeys();
  if (found.length > ids.length) return [...ids];
  const stored = new Set(found.map((k) => (typeof k === 'string' ? k : k[1])));
  return ids.filter((id) => stored.has(id));
}
