import { deepEqual } from '../db/deep-equal';
import { metaRow, readMeta } from '../db/meta';
import { storedRecord, type StoredRecord } from '../db/row-clocks';
import type { KesherDB, MetaRow } from '../db/schema';
import { customerIdOf, type AnyRow } from '../db/tables';
import type { ChangedRef } from '../db/write';
import { TABLES, type TableName } from '../model';
import { INITIAL_HLC_STATE, isTooFarInFuture, receiveHlc } from './hlc';
import { checkRow, fromRemote, mergeIncoming, type Clocks, type PlainRow } from './row-state';
import { readStored } from './stored-rows';
import { readCursor, rowKey } from './sync-meta';
import type { RemoteChange } from './wire';

/**
 * Applies one pulled page in ONE transaction: the rows that win field by field, their clocks,
 * the HLC advanced past every clock seen, and the new cursor. A service worker killed mid-pull
 * resumes from the last page that committed, and never holds half a page. No outbox entries:
 * these changes came from the server.
 *
 * Pending local changes need no separate rebase: their clocks are in their rows and are newer
 * than anything the server had when they were made, so last-writer-wins keeps them.
 */

/** Tables a pull (and a revert) writes: every synced table (rows with their clocks), `meta`. */
export const APPLY_SCOPE: string[] = [...TABLES, 'meta'];

/** Clocks this far ahead of ours are applied but not folded into our clock (broken server). */
const MAX_RECEIVED_SKEW_MS = 24 * 3_600_000;

export interface SkippedRow {
  table: TableName;
  id: string;
  /** Why the model refused it, e.g. "name: Too small". */
  message: string;
}

export interface ApplyResult {
  /** Rows whose stored state changed (moved rows once per customer they touch). */
  changed: ChangedRef[];
  /** Rows the model refused: not written at all, the rest of the page was. */
  skipped: SkippedRow[];
}

export interface ApplyOptions {
  /** The team the server's rows belong to (from GET /v1/me). */
  teamId: string;
  /** Stored with the rows; undefined leaves the cursor as it is. */
  cursor?: number;
  /**
   * The stored cursor this page follows: when another is stored (the page before it failed),
   * nothing is written. A pull starts a page's transaction before the one before commits.
   */
  after?: number;
  now: number;
  /** The page checked beforehand (`preparePage`), so the transaction does not wait for it. */
  prepared?: PreparedPage;
}

/** A change merged and checked: the row it makes, its clocks, and its record when made. */
type CheckedChange =
  { ok: true; row: AnyRow; clocks: Clocks; record?: StoredRecord } | { ok: false; message: string };

/**
 * A pulled page checked outside any transaction, as if none of its rows were stored here:
 * the model check and each record's making cost more per row than the write's own work on
 * this thread, and done while the page before is being written, they keep the database busy.
 * Its transaction then only looks up which rows are stored; those are merged and checked
 * there, against what is stored. Row for row the same result as checking inside.
 */
export interface PreparedPage {
  /** Each change (same index) as it is where none of its row is stored yet. */
  alone: CheckedChange[];
  /** The latest clock of the page that is not implausibly far ahead of `now`. */
  latestClock: string | undefined;
}

export function preparePage(
  changes: readonly RemoteChange[],
  teamId: string,
  now: number,
): PreparedPage {
  const alone = changes.map((change): CheckedChange => {
    const checked = checkMerged(change, NOTHING_STORED, teamId);
    if (!checked.ok) return checked;
    return { ...checked, record: storedRecord(checked.row as PlainRow, checked.clocks) };
  });
  return { alone, latestClock: latestPlausibleClock(changes, now) };
}

const NOTHING_STORED = { row: undefined, clocks: {} };

export async function applyRemotePage(
  db: KesherDB,
  changes: readonly RemoteChange[],
  opts: ApplyOptions,
): Promise<ApplyResult> {
  return db.transaction('rw', APPLY_SCOPE, async () => {
    if (opts.after !== undefined && (await readCursor(db)) !== opts.after) {
      throw new Error(
        `sync: a page after version ${opts.after} found another cursor stored; the page before it did not commit`,
      );
    }
    const prepared = opts.prepared ?? preparePage(changes, opts.teamId, opts.now);
    const stage = await RowStage.load(db, changes);
    const skipped: SkippedRow[] = [];
    changes.forEach((change, i) => {
      const key = rowKey(change.table, change.id);
      const current = stage.current(key);
      const checked =
        current.row === undefined && isEmpty(current.clocks)
          ? prepared.alone[i]!
          : checkMerged(change, current, opts.teamId);
      if (!checked.ok) {
        skipped.push({ table: change.table, id: change.id, message: checked.message });
        return;
      }
      stage.set(key, change.table, change.id, checked.row, checked.clocks, checked.record);
    });
    const changed = await stage.commit(db, prepared.latestClock, opts.now);
    if (opts.cursor !== undefined) await db.meta.put(metaRow('syncCursor', opts.cursor));
    return { changed, skipped };
  });
}

/** A change merged field by field into the stored row, and checked. */
function checkMerged(
  change: RemoteChange,
  current: { row: PlainRow | undefined; clocks: Clocks },
  teamId: string,
): CheckedChange {
  const merged = mergeIncoming(current, fromRemote(change));
  const checked = checkRow(change.table, merged.row, change.id, teamId);
  return checked.ok ? { ok: true, row: checked.row, clocks: merged.clocks } : checked;
}

const isEmpty = (clocks: Clocks) => {
  for (const _ in clocks) return false;
  return true;
};

interface Staged {
  table: TableName;
  id: string;
  row: PlainRow | undefined;
  clocks: Clocks;
  /** The row with its clocks as stored, when already made. */
  record?: StoredRecord;
}

/**
 * The rows a transaction reads, changes in memory and writes back once, with what changed.
 * Shared by pulls and reverts (revert.ts); must be used inside a transaction on APPLY_SCOPE.
 */
export class RowStage {
  private readonly before = new Map<string, Staged>();
  private readonly after = new Map<string, Staged>();

  static async load(
    db: KesherDB,
    keys: ReadonlyArray<{ table: TableName; id: string }>,
  ): Promise<RowStage> {
    const stage = new RowStage();
    const unique = [...new Map(keys.map((k) => [rowKey(k.table, k.id), k])).values()];
    const idsOf = new Map<TableName, string[]>();
    for (const k of unique) {
      const ids = idsOf.get(k.table) ?? [];
      ids.push(k.id);
      idsOf.set(k.table, ids);
    }
    const stored = await Promise.all([...idsOf].map(([table, ids]) => readStored(db, table, ids)));
    const storedOf = new Map([...idsOf.keys()].map((table, i) => [table, stored[i]!]));
    for (const k of unique) {
      const s = storedOf.get(k.table)!.get(k.id)!;
      stage.before.set(rowKey(k.table, k.id), { table: k.table, id: k.id, ...s });
    }
    return stage;
  }

  current(key: string): { row: PlainRow | undefined; clocks: Clocks } {
    const s = this.after.get(key) ?? this.before.get(key);
    return { row: s?.row, clocks: s?.clocks ?? {} };
  }

  set(
    key: string,
    table: TableName,
    id: string,
    row: AnyRow | undefined,
    clocks: Clocks,
    record?: StoredRecord,
  ): void {
    this.after.set(key, { table, id, row: row as PlainRow | undefined, clocks, record });
  }

  /**
   * Writes what changed, folds `latestClock` (the latest plausible clock seen) into the HLC,
   * and answers the changed rows. A row is written with its clocks, one record; set to
   * undefined, it goes with them.
   */
  async commit(db: KesherDB, latestClock: string | undefined, now: number): Promise<ChangedRef[]> {
    const changed: ChangedRef[] = [];
    const puts = new Map<TableName, StoredRecord[]>();
    const removals = new Map<TableName, string[]>();
    const meta: MetaRow[] = [];
    for (const [key, next] of this.after) {
      const prev = this.before.get(key);
      const rowChanged = !deepEqual(prev?.row, next.row);
      if (rowChanged) {
        changed.push(...refsOf(next.table, next.id, prev?.row, next.row));
        if (next.table === 'interactions' && next.row?.deleted === true) {
          meta.push(metaRow('interactionTombstones', true));
        }
      }
      if (next.row && (rowChanged || !deepEqual(prev?.clocks ?? {}, next.clocks))) {
        const list = puts.get(next.table) ?? [];
        list.push(next.record ?? storedRecord(next.row, next.clocks));
        puts.set(next.table, list);
      } else if (!next.row && prev?.row) {
        const ids = removals.get(next.table) ?? [];
        ids.push(next.id);
        removals.set(next.table, ids);
      }
    }
    if (latestClock !== undefined) {
      const state = (await readMeta(db, 'hlc')) ?? INITIAL_HLC_STATE;
      meta.push(metaRow('hlc', receiveHlc(state, latestClock, now)));
    }
    await Promise.all([
      ...[...puts].map(([table, records]) => db.table(table).bulkPut(records)),
      ...[...removals].map(([table, ids]) => db.table(table).bulkDelete(ids)),
      meta.length > 0 ? db.meta.bulkPut(meta) : undefined,
    ]);
    return changed;
  }
}

/** Refresh both customers' files when a row moved from one to the other. */
function refsOf(
  table: TableName,
  id: string,
  before: PlainRow | undefined,
  after: PlainRow | undefined,
): ChangedRef[] {
  const now = after ? customerIdOf(table, after as AnyRow) : undefined;
  const was = before ? customerIdOf(table, before as AnyRow) : undefined;
  const refs: ChangedRef[] = [{ table, id, customerId: now ?? was }];
  if (was !== undefined && now !== undefined && was !== now) {
    refs.push({ table, id, customerId: was });
  }
  return refs;
}

/** The latest clock of the changes not implausibly far ahead of `now`. */
export function latestPlausibleClock(
  changes: readonly RemoteChange[],
  now: number,
): string | undefined {
  let latest: string | undefined;
  for (const change of changes) {
    for (const name in change.fields) {
      const c = change.fields[name]!.hlc;
      // Compared first, parsed only when later: a page has a clock per field (millions in an
      // initial sync), nearly all of them no later than one already seen.
      if (latest !== undefined && c <= latest) continue;
      if (isTooFarInFuture(c, now, MAX_RECEIVED_SKEW_MS)) continue;
      latest = c;
    }
  }
  return latest;
}
