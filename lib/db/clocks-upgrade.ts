import type { Transaction } from 'dexie';
import { TABLES, type TableName } from '../model';
import { storedRecord, type Clocks, type StoredRecord } from './row-clocks';

/**
 * The upgrade to version 4 (schema.ts): every record of the `clocks` table moves into its
 * row's record, and the table goes. A clock record is `{ table, id, fields }`, or, when every
 * field had one clock, packed as `{ table, id, hlc, names }` (the field names, space-separated);
 * both are unpacked here. A clock record whose row is missing has nothing to date and is dropped.
 *
 * In chunks of the clocks' key order, which is table then id: a large team has a clock record
 * per row, too many to hold at once.
 */

/** Clock records moved at a time. */
const CHUNK = 5_000;

type ClockRecord =
  | { table: string; id: string; fields: Clocks }
  | { table: string; id: string; hlc: string; names: string };

export async function moveClocksIntoRows(tx: Transaction, chunkSize = CHUNK): Promise<void> {
  const clocks = tx.table<ClockRecord, [string, string]>('clocks');
  let after: [string, string] | undefined;
  for (;;) {
    const from = after === undefined ? clocks.toCollection() : clocks.where(':id').above(after);
    const chunk = await from.limit(chunkSize).toArray();
    if (chunk.length === 0) return;
    const last = chunk[chunk.length - 1]!;
    after = [last.table, last.id];
    await Promise.all([...byTable(chunk)].map(([table, records]) => moveInto(tx, table, records)));
    if (chunk.length < chunkSize) return;
  }
}

async function moveInto(tx: Transaction, table: TableName, records: ClockRecord[]): Promise<void> {
  const rows = (await tx
    .table(table)
    .where(':id')
    .anyOf(records.map((r) => r.id))
    .raw()
    .toArray()) as StoredRecord[];
  const clocksOf = new Map(records.map((r) => [r.id, fieldsOf(r)]));
  await tx
    .table(table)
    .bulkPut(rows.map((row) => storedRecord(row, clocksOf.get(row.id as string)!)));
}

function byTable(records: readonly ClockRecord[]): Map<TableName, ClockRecord[]> {
  const out = new Map<TableName, ClockRecord[]>();
  for (const r of records) {
    if (!(TABLES as readonly string[]).includes(r.table)) continue;
    const table = r.table as TableName;
    const list = out.get(table);
    if (list) list.push(r);
    else out.set(table, [r]);
  }
  return out;
}

function fieldsOf(record: ClockRecord): Clocks {
  if ('fields' in record) return record.fields;
  const fields: Clocks = {};
  for (const name of record.names.split(' ')) fields[name] = record.hlc;
  return fields;
}
