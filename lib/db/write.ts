import Dexie from 'dexie';
import type { RowOf, TableName } from '../model';
import { deepEqual } from './deep-equal';
import { NotFoundError, ValidationError } from './errors';
import { metaRow } from './meta';
import { storedRecord, type Clocks } from './row-clocks';
import {
  WRITE_SUPPORT_TABLES,
  type FieldChange,
  type KesherDB,
  type MetaRow,
  type OutboxEntry,
} from './schema';
import { readRowsAndClocksByKey } from './stored-records';
import { ROW_SCHEMAS, SYSTEM_FIELDS, customerIdOf, type AnyRow, type FieldsOf } from './tables';
import { WriteClock } from './write-clock';

/**
 * THE write path. Every local change to a synced table goes through here, so that one Dexie
 * transaction changes the rows with their per-field clocks (kept in the row's record,
 * row-clocks.ts), the HLC state and the outbox together: a service worker killed at any
 * instant either committed all of it or none of it.
 */

export type ChangeFor<T extends TableName> =
  /** Merges `fields` into the row, creating it when absent. `undefined` clears a field. */
  | { table: T; id: string; op: 'upsert'; fields: Partial<FieldsOf<T>> }
  /** delete keeps the row as a tombstone (deleted: true); restore brings it back. */
  | { table: T; id: string; op: 'delete' | 'restore' };

export type Change = { [T in TableName]: ChangeFor<T> }[TableName];

/** A row that really changed, for telling open sidebars which customer files to refresh. */
export interface ChangedRef {
  table: TableName;
  id: string;
  customerId?: string;
}

export interface WriteOptions {
  /** The time to stamp (ms); tests pin it, callers normally leave it to Date.now(). */
  now?: number;
  /** Team of rows created by this write; existing rows keep theirs. "local" until joined. */
  teamId?: string;
}

export interface WriteResult {
  /** The row after each change, in the order of the changes (unchanged rows included). */
  rows: AnyRow[];
  /** Each row that really changed, once. */
  changed: ChangedRef[];
}

const LOCAL_TEAM = 'local';

/** The tables a transaction must cover to write to `tables` through the write path. */
export function writeScope(tables: Iterable<TableName>): string[] {
  return [...new Set<string>([...tables, ...WRITE_SUPPORT_TABLES])];
}

/** Applies the changes in one new read-write transaction. */
export async function applyChanges(
  db: KesherDB,
  changes: readonly Change[],
  opts: WriteOptions = {},
): Promise<WriteResult> {
  if (changes.length === 0) return { rows: [], changed: [] };
  return db.transaction('rw', writeScope(changes.map((c) => c.table)), () =>
    applyChangesInTx(db, changes, opts),
  );
}

/**
 * Applies the changes inside the caller's read-write transaction (which must cover
 * `writeScope` of the changed tables), for checks that must be atomic with the write, such as
 * dedupe-then-insert. Reads and validates every change before writing any, so a refusal
 * leaves the transaction untouched; let the error propagate so Dexie aborts the rest too.
 */
export async function applyChangesInTx(
  db: KesherDB,
  changes: readonly Change[],
  opts: WriteOptions = {},
): Promise<WriteResult> {
  assertWriteTransaction(db, changes);
  const now = opts.now ?? Date.now();
  const teamId = opts.teamId ?? LOCAL_TEAM;

  const staged = new Map<string, { table: TableName; row: AnyRow; clocks: Clocks }>();
  const entries: OutboxEntry[] = [];
  const rows: AnyRow[] = [];
  const changed = new Map<string, ChangedRef>();
  const extraMeta: MetaRow[] = [];
  let ticked = false;

  // Every read the batch needs, issued at once: this is the path every click waits on.
  const [stored, clock] = await Promise.all([
    readRowsAndClocksByKey(db, changes, rowKey),
    WriteClock.load(db),
  ]);

  for (const change of changes) {
    const key = rowKey(change.table, change.id);
    const before = staged.get(key) ?? stored.get(key);
    const current = before?.row as AnyRow | undefined;
    const next = nextRow(change, current, now, teamId);
    const fields = changedFields(current, next);
    if (!fields) {
      rows.push(current!);
      continue;
    }

    ticked = true;
    const hlc = clock.tick(now);
    const clocks: Clocks = { ...before?.clocks };
    const outboxFields: Record<string, FieldChange> = {};
    for (const [name, value] of Object.entries(fields)) {
      clocks[name] = hlc;
      outboxFields[name] = { value, hlc };
    }
    entries.push({
      ...clock.nextMutation(),
      table: change.table,
      id: change.id,
      op: change.op,
      fields: outboxFields,
      createdAt: now,
    });
    staged.set(key, { table: change.table, row: next, clocks });
    changed.set(key, {
      table: change.table,
      id: change.id,
      customerId: customerIdOf(change.table, next),
    });
    if (change.table === 'interactions' && next.deleted && !current?.deleted) {
      extraMeta.push(metaRow('interactionTombstones', true));
    }
    rows.push(next);
  }

  // Nothing changed: nothing written, not even the clock.
  if (!ticked) return { rows, changed: [] };

  const byTable = new Map<TableName, object[]>();
  for (const { table, row, clocks } of staged.values()) {
    const record = storedRecord(row as unknown as Record<string, unknown>, clocks);
    const list = byTable.get(table);
    if (list) list.push(record);
    else byTable.set(table, [record]);
  }
  // Queued together in the one transaction: it commits all of them or none.
  await Promise.all([
    ...[...byTable].map(([table, records]) => db.table(table).bulkPut(records)),
    db.outbox.bulkAdd(entries),
    db.meta.bulkPut([...clock.metaRows(), ...extraMeta]),
  ]);
  return { rows, changed: [...changed.values()] };
}

/** applyChangesInTx for changes to one table, with the resulting rows typed. */
export async function writeInTx<T extends TableName>(
  db: KesherDB,
  changes: ReadonlyArray<ChangeFor<T>>,
  opts: WriteOptions = {},
): Promise<Array<RowOf[T]>> {
  const { rows } = await applyChangesInTx(db, changes as readonly Change[], opts);
  return rows as Array<RowOf[T]>;
}

function rowKey(table: string, id: string): string {
  return `${table}\u0000${id}`;
}

/** The row as the change leaves it, complete and validated; throws instead of guessing. */
function nextRow(change: Change, current: AnyRow | undefined, now: number, teamId: string): AnyRow {
  if (change.op !== 'upsert') {
    if (!current) throw new NotFoundError(change.table, change.id);
    return { ...current, deleted: change.op === 'delete', updatedAt: now };
  }
  const merged: Record<string, unknown> = {
    ...current,
    ...withoutSystemFields(change.fields),
    id: change.id,
    teamId: current?.teamId ?? teamId,
    createdAt: current?.createdAt ?? now,
    updatedAt: now,
    // An edit does not bring a tombstone back: only an explicit restore does.
    deleted: current?.deleted ?? false,
  };
  const parsed = ROW_SCHEMAS[change.table].safeParse(withoutUndefined(merged));
  if (!parsed.success) throw new ValidationError(change.table, parsed.error.issues);
  return withoutUndefined(parsed.data as Record<string, unknown>) as unknown as AnyRow;
}

/**
 * The fields whose value changed, with the value the wire should carry (null for a removed
 * field), or null when nothing but `updatedAt` would change. A new row sends every field.
 * `id` is the mutation's own key and `teamId` comes from the server's token, so neither is sent.
 */
function changedFields(current: AnyRow | undefined, next: AnyRow): Record<string, unknown> | null {
  const before = (current ?? {}) as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  let content = false;
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (name === 'id' || name === 'teamId') continue;
    if (current && deepEqual(before[name], after[name])) continue;
    out[name] = after[name] === undefined ? null : after[name];
    if (name !== 'updatedAt') content = true;
  }
  return content ? out : null;
}

function withoutSystemFields(fields: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...fields };
  for (const name of SYSTEM_FIELDS) delete out[name];
  return out;
}

/** A stored row never holds a key set to undefined: absent is how the model says "not set". */
function withoutUndefined(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (v !== undefined) out[k] = v;
  return out;
}

function assertWriteTransaction(db: KesherDB, changes: readonly Change[]): void {
  const tx = Dexie.currentTransaction;
  if (!tx || tx.db !== db || tx.mode !== 'readwrite') {
    throw new Error('applyChangesInTx must run inside a read-write transaction on this db');
  }
  const missing = writeScope(changes.map((c) => c.table)).filter((t) => !tx.storeNames.includes(t));
  if (missing.length > 0) {
    throw new Error(`The transaction does not cover ${missing.join(', ')}`);
  }
}
