import type { TableName } from '../model';
import type { Clocks, PlainRow, RowAndClocks } from '../db/row-clocks';
import type { OutboxEntry } from '../db/schema';
import { ROW_SCHEMAS, type AnyRow } from '../db/tables';
import type { RemoteChange, WireField } from './wire';

/**
 * Per-field last-writer-wins on one row and its clocks, pure: the same rule the server applies
 * (server/merge.ts), so a replica that has seen the same writes holds the same row.
 *
 * - A field takes an incoming value only when the incoming clock is greater than the local
 *   clock of that field; a field with no local clock (demo data, never written here) loses to
 *   any clock. `null` on the wire means "removed": the key is dropped from the row.
 * - The deleted flag is not a field: it is ordered by its own clock (a delete's or a restore's),
 *   so an edit never undeletes. A flag without a clock (a row never deleted or restored) only
 *   fills a row that has no ordered flag of its own.
 * - `id` and `teamId` are the server's, set by the caller.
 */

export type { Clocks, PlainRow, RowAndClocks };

export interface Incoming {
  fields: Record<string, WireField>;
  deleted?: { value: boolean; hlc?: string };
}

/** Keys that are never merged as fields. */
const NOT_FIELDS = new Set(['deleted', 'id', 'teamId']);

export function mergeIncoming(
  base: RowAndClocks,
  incoming: Incoming,
): { row: PlainRow; clocks: Clocks } {
  const row: PlainRow = { ...base.row };
  const clocks: Clocks = { ...base.clocks };
  for (const [name, field] of Object.entries(incoming.fields)) {
    if (NOT_FIELDS.has(name)) continue;
    const mine = Object.hasOwn(clocks, name) ? clocks[name] : undefined;
    if (mine !== undefined && field.hlc <= mine) continue;
    if (field.value === null || field.value === undefined) delete row[name];
    else row[name] = field.value;
    clocks[name] = field.hlc;
  }
  const flag = incoming.deleted;
  if (flag) {
    const mine = Object.hasOwn(clocks, 'deleted') ? clocks.deleted : undefined;
    if (flag.hlc !== undefined) {
      if (mine === undefined || flag.hlc > mine) {
        row.deleted = flag.value;
        clocks.deleted = flag.hlc;
      }
    } else if (mine === undefined) {
      row.deleted = flag.value;
    }
  }
  return { row, clocks };
}

/** A pulled row as an incoming change. */
export function fromRemote(change: RemoteChange): Incoming {
  return {
    fields: change.fields,
    deleted: { value: change.deleted, hlc: change.fields.deleted?.hlc },
  };
}

/** A pending outbox entry as an incoming change (to lay it back over the server's row). */
export function fromEntry(entry: OutboxEntry): Incoming {
  if (entry.op === 'upsert') return { fields: entry.fields };
  return {
    fields: entry.fields,
    deleted: {
      value: entry.op === 'delete',
      hlc: entry.fields.deleted?.hlc ?? maxClock(Object.values(entry.fields).map((f) => f.hlc)),
    },
  };
}

export function maxClock(clocks: Iterable<string>): string | undefined {
  let max: string | undefined;
  for (const c of clocks) if (max === undefined || c > max) max = c;
  return max;
}

export type Checked = { ok: true; row: AnyRow } | { ok: false; message: string };

/** The row with the server's id and team, validated by the model; never half a row. */
export function checkRow(table: TableName, row: PlainRow, id: string, teamId: string): Checked {
  const parsed = ROW_SCHEMAS[table].safeParse({ ...row, id, teamId });
  if (parsed.success) return { ok: true, row: withoutUndefined(parsed.data) as AnyRow };
  const issue = parsed.error.issues[0];
  const where = issue?.path.map(String).join('.') || 'row';
  return { ok: false, message: `${where}: ${issue?.message ?? 'invalid'}` };
}

/**
 * True for a row that was never written here in full nor received whole from a server: a
 * field without a clock (bulk-loaded demo data, edited or not). Such a row is this browser's
 * alone and is never pushed: a partial upsert would make a fragment of it on the server.
 */
export function isLocalOnly(row: PlainRow, clocks: Clocks | undefined): boolean {
  for (const name of Object.keys(row)) {
    if (NOT_FIELDS.has(name)) continue;
    if (!clocks || !Object.hasOwn(clocks, name)) return true;
  }
  return false;
}

/**
 * Every field of the row with its clock: a mutation that creates the whole row on a server
 * that has none of it (reupload, and rows whose creation was refused). The deleted flag rides
 * with a `delete` op, dated by its own clock.
 */
export function wholeRow(
  row: PlainRow,
  clocks: Clocks,
): { op: 'upsert' | 'delete'; fields: Record<string, WireField> } {
  const fallback = maxClock(Object.values(clocks));
  const fields: Record<string, WireField> = {};
  for (const [name, value] of Object.entries(row)) {
    if (NOT_FIELDS.has(name) || value === undefined) continue;
    const hlc = Object.hasOwn(clocks, name) ? clocks[name] : fallback;
    if (hlc !== undefined) fields[name] = { value, hlc };
  }
  if (row.deleted !== true) return { op: 'upsert', fields };
  const hlc = clocks.deleted ?? fallback;
  if (hlc !== undefined) fields.deleted = { value: true, hlc };
  return { op: 'delete', fields };
}

function withoutUndefined(row: object): PlainRow {
  const out: PlainRow = {};
  for (const [k, v] of Object.entries(row)) if (v !== undefined) out[k] = v;
  return out;
}
