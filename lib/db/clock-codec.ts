import type { ClockRow } from './schema';

/**
 * How a row's field clocks are stored. The clocks are one record per synced row, as many as
 * the rows themselves, and an initial sync writes both; most rows' fields share one clock (a
 * row pulled whole, a row created here), so those are stored as that clock once and the
 * field names in one string: a fraction of the bytes to serialize and write. The table's
 * reading hook (schema.ts) turns them back into `fields`, so no other code sees the packing,
 * and rows stored unpacked (before it, or with mixed clocks) read as they always did.
 */
export interface PackedClockRow {
  table: ClockRow['table'];
  id: string;
  /** The clock every field has. */
  hlc: string;
  /** The field names, space-separated (a field name is an identifier: no spaces). */
  names: string;
}

export function packClockRow(row: ClockRow): ClockRow | PackedClockRow {
  const names = Object.keys(row.fields);
  if (names.length < 2) return row;
  const hlc = row.fields[names[0]!]!;
  for (const name of names) if (row.fields[name] !== hlc) return row;
  return { table: row.table, id: row.id, hlc, names: names.join(' ') };
}

/** Also handed what a read did not find (Dexie fires the hook for missing keys too). */
export function unpackClockRow(
  stored: ClockRow | PackedClockRow | undefined,
): ClockRow | undefined {
  if (stored === undefined || !('names' in stored)) return stored;
  const fields: Record<string, string> = {};
  for (const name of stored.names.split(' ')) fields[name] = stored.hlc;
  return { table: stored.table, id: stored.id, fields };
}

/**
 * The records to bulkPut for `rows`, typed as the table's rows: the reading hook unpacks
 * them, so the table's type stays the unpacked one.
 */
export function packedClockRows(rows: readonly ClockRow[]): ClockRow[] {
  return rows.map(packClockRow) as ClockRow[];
}
