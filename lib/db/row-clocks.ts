/**
 * How a synced row's per-field clocks are stored: inside the row's own record, under one
 * reserved property, so that a pulled row is one put and its stored state one read (a
 * separate record per row cost about as much again as the rows themselves in an initial sync).
 *
 * Most rows' fields share one clock (a row pulled whole), so that case is stored as the clock
 * alone; any other set of clocks is stored as an object, field → clock. The property is never
 * seen outside the sync engine and the write path: the synced tables' reading hook takes it
 * off every row read through Dexie (`withoutClocks`), and those two read the records raw
 * (stored-records.ts) and split them here (`rowAndClocks`). Any other raw read must drop it
 * too (newest-interactions.ts) or keep only fields it names (analytics-store.ts).
 */

/** A row as the sync engine handles it: field → value. */
export type PlainRow = Record<string, unknown>;
/** Per-field clocks of one row, field → HLC: what per-field last-writer-wins compares. */
export type Clocks = Record<string, string>;

export interface RowAndClocks {
  row: PlainRow | undefined;
  clocks: Clocks;
}

/** The reserved property. No model field starts with an underscore. */
export const CLOCKS_PROPERTY = '_hlc';

/** A stored record: the row, and its clocks when it has any. */
export type StoredRecord = PlainRow & { [CLOCKS_PROPERTY]?: string | Clocks };

/**
 * Keys a shared clock does not cover: `id` and `teamId` are the server's and never clocked,
 * and `deleted` is ordered by its own clock, which a row pulled whole does not have.
 */
const NOT_COVERED = new Set(['id', 'teamId', 'deleted', CLOCKS_PROPERTY]);

/** A stored record split into the row and its clocks (none: `{}`); the record is not changed. */
export function rowAndClocks(stored: StoredRecord | undefined): RowAndClocks {
  if (stored === undefined) return { row: undefined, clocks: {} };
  const packed = stored[CLOCKS_PROPERTY];
  if (packed === undefined) return { row: stored, clocks: {} };
  const { [CLOCKS_PROPERTY]: _clocks, ...row } = stored;
  return { row, clocks: unpackClocks(packed, row) };
}

/**
 * The record to put for `row` with `clocks`. The clocks go last: the reading hook deletes
 * the property, and V8 keeps an object fast only when the property deleted is its last one.
 */
export function storedRecord(row: PlainRow, clocks: Clocks): StoredRecord {
  const packed = packClocks(row, clocks);
  if (packed === undefined) return row;
  if (row[CLOCKS_PROPERTY] === undefined) return { ...row, [CLOCKS_PROPERTY]: packed };
  const { [CLOCKS_PROPERTY]: _stale, ...fields } = row;
  return { ...fields, [CLOCKS_PROPERTY]: packed };
}

/**
 * The synced tables' reading hook: the row as the rest of the extension knows it. In place,
 * as every read through Dexie pays for it and a copy would double the objects made (the
 * object a read returns is its own). Dexie also hands it what a get() did not find.
 */
export function withoutClocks<T>(stored: T): T {
  if (stored !== undefined && (stored as StoredRecord)[CLOCKS_PROPERTY] !== undefined) {
    delete (stored as StoredRecord)[CLOCKS_PROPERTY];
  }
  return stored;
}

function unpackClocks(packed: string | Clocks, row: PlainRow): Clocks {
  if (typeof packed !== 'string') return { ...packed };
  const clocks: Clocks = {};
  for (const name of Object.keys(row)) if (!NOT_COVERED.has(name)) clocks[name] = packed;
  return clocks;
}

/** One clock when it is exactly the clock of every covered field; undefined when none. */
function packClocks(row: PlainRow, clocks: Clocks): string | Clocks | undefined {
  let shared: string | undefined;
  let count = 0;
  for (const name of Object.keys(clocks)) {
    count++;
    shared ??= clocks[name];
    if (clocks[name] !== shared || NOT_COVERED.has(name)) return { ...clocks };
  }
  if (shared === undefined) return undefined;
  let covered = 0;
  for (const name of Object.keys(row)) {
    if (NOT_COVERED.has(name)) continue;
    if (!Object.hasOwn(clocks, name)) return { ...clocks };
    covered++;
  }
  return covered === count ? shared : { ...clocks };
}
