import Dexie from 'dexie';
import type { TableName } from '../model';
import { rowAndClocks, type RowAndClocks, type StoredRecord } from './row-clocks';
import type { KesherDB } from './schema';

/**
 * Synced rows read with their clocks, for the write path and the sync engine: past the
 * reading hook that takes the clocks off for everyone else (schema.ts). Table.bulkGet is the
 * table's DBCore getMany followed by that hook, so the same getMany, in the same transaction
 * (the caller's, when there is one), reads exactly as bulkGet does, clocks kept.
 */

/** Every id of `ids` with its stored row and clocks ({ row: undefined, clocks: {} }: none). */
export async function readRowsAndClocks(
  db: KesherDB,
  table: TableName,
  ids: readonly string[],
): Promise<Map<string, RowAndClocks>> {
  const records = ids.length === 0 ? [] : await getRecords(db, table, ids);
  const out = new Map<string, RowAndClocks>();
  ids.forEach((id, i) => out.set(id, rowAndClocks(records[i])));
  return out;
}

/**
 * The stored row and clocks of rows of any tables, under `keyOf(table, id)`: every table's
 * read issued at once (each awaited request is a round trip to the browser's IndexedDB).
 */
export async function readRowsAndClocksByKey(
  db: KesherDB,
  refs: ReadonlyArray<{ table: TableName; id: string }>,
  keyOf: (table: TableName, id: string) => string,
): Promise<Map<string, RowAndClocks>> {
  const idsOf = new Map<TableName, Set<string>>();
  for (const { table, id } of refs) {
    const ids = idsOf.get(table);
    if (ids) ids.add(id);
    else idsOf.set(table, new Set([id]));
  }
  const read = await Promise.all(
    [...idsOf].map(([table, ids]) => readRowsAndClocks(db, table, [...ids])),
  );
  const out = new Map<string, RowAndClocks>();
  [...idsOf.keys()].forEach((table, i) => {
    for (const [id, stored] of read[i]!) out.set(keyOf(table, id), stored);
  });
  return out;
}

/** Calls `fn` with every row of `table` and its clocks, in key order. */
export async function eachRowAndClocks(
  db: KesherDB,
  table: TableName,
  fn: (row: NonNullable<RowAndClocks['row']>, clocks: RowAndClocks['clocks']) => void,
): Promise<void> {
  await db
    .synced(table)
    .toCollection()
    .raw()
    .each((record) => {
      const { row, clocks } = rowAndClocks(record as StoredRecord);
      fn(row!, clocks);
    });
}

async function getRecords(
  db: KesherDB,
  table: TableName,
  ids: readonly string[],
): Promise<Array<StoredRecord | undefined>> {
  return db.transaction('r', table, () =>
    db.synced(table).core.getMany({ trans: Dexie.currentTransaction.idbtrans, keys: [...ids] }),
  );
}
