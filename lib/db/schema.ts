import Dexie, { type DexieOptions, type Table } from 'dexie';
import { TABLES, type RowOf, type TableName } from '../model';
import type { HlcState } from '../sync/hlc';
import type { SyncHealth, StoredConnection, SyncOrigin } from '../sync/stored';
import type { RefusedChange } from '../sync/types';
import type { AnalyticsStateRow, FigureBucketRow, FiguresPointerRow } from './analytics-rows';
import { moveClocksIntoRows } from './clocks-upgrade';
import { withoutClocks } from './row-clocks';

export type OutboxOp = 'upsert' | 'delete' | 'restore';

/**
 * A field as the push protocol sends it. `value: null` means the field was removed: no
 * top-level model field accepts null, and JSON would drop an `undefined` on the way.
 */
export interface FieldChange {
  value: unknown;
  hlc: string;
}

/**
 * One local mutation waiting to be pushed. `mutationId` is `seq` zero-padded to 15 digits:
 * per client it only grows (the counter lives in `meta`, so draining the outbox never makes it
 * start over), which is what the server's "skip at or below lastMutationId" needs. A UUIDv7
 * would not do: it follows the wall clock, which can go backwards across restarts.
 */
export interface OutboxEntry {
  seq: number;
  mutationId: string;
  table: TableName;
  id: string;
  op: OutboxOp;
  fields: Record<string, FieldChange>;
  createdAt: number;
}

/** Small per-database facts, each under its own key. */
export type MetaRow =
  | { key: 'clientId'; value: string }
  | { key: 'hlc'; value: HlcState }
  | { key: 'outboxSeq'; value: number }
  /** Set once any interaction is a tombstone: until then, counting needs no row reads. */
  | { key: 'interactionTombstones'; value: true }
  /** The team server this browser syncs with (lib/sync); absent while local-only. */
  | { key: 'syncConnection'; value: StoredConnection }
  /** The last team version whose changes are applied here: where the next pull starts. */
  | { key: 'syncCursor'; value: number }
  /** The team this database last connected to: kept after a disconnect (lib/sync/reupload.ts). */
  | { key: 'syncOrigin'; value: SyncOrigin }
  /** Last success, last failure and the backoff, so a restarted service worker keeps them. */
  | { key: 'syncHealth'; value: SyncHealth }
  /** Rows the server refused to create and this browser kept: pushed whole (lib/sync/batch.ts). */
  | { key: 'syncUnsent'; value: Array<{ table: TableName; id: string }> };

export type MetaKey = MetaRow['key'];

/** What tests hand in instead of the browser's IndexedDB (fake-indexeddb). */
export type KesherDbDeps = Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>;

type SyncedTables = { [T in TableName]: Table<RowOf[T], string> };

export class KesherDB extends Dexie {
  declare customers: SyncedTables['customers'];
  declare contacts: SyncedTables['contacts'];
  declare interactions: SyncedTables['interactions'];
  declare orders: SyncedTables['orders'];
  declare deals: SyncedTables['deals'];
  declare campaigns: SyncedTables['campaigns'];
  declare settings: SyncedTables['settings'];
  declare outbox: Table<OutboxEntry, number>;
  declare meta: Table<MetaRow, MetaKey>;
  /**
   * Derived figures per customer, a bucket of customers to a record: recomputed locally,
   * never synced (no clocks, no outbox). Two stores, one current and one a full run writes
   * into (analytics-rows.ts).
   */
  declare figureBuckets: Table<FigureBucketRow, number>;
  declare figureBucketsAlt: Table<FigureBucketRow, number>;
  /**
   * The population model and ranks the per-customer figures were scored against (`state`),
   * and which figure store is current (`figures`).
   */
  declare analyticsState: Table<AnalyticsStateRow | FiguresPointerRow, string>;
  /** Changes the team server refused, kept for the user to settle (lib/sync). */
  declare refusals: Table<RefusedChange, string>;

  /** The key-range constructor of the IndexedDB in use (the browser's, or a test's fake). */
  readonly keyRange: typeof IDBKeyRange;

  constructor(name: string, deps?: KesherDbDeps) {
    super(name, deps);
    this.keyRange = (deps?.IDBKeyRange ?? globalThis.IDBKeyRange) as typeof IDBKeyRange;
    declareVersionsOneToFive(this);
    // Version 6 stores the figures a bucket of customers to a record (analytics-rows.ts).
    // They are derived: the old stores go, with the state that pointed into them, and the
    // next full run makes them again.
    this.version(6)
      .stores({
        analytics: null,
        analyticsAlt: null,
        figureBuckets: 'bucket',
        figureBucketsAlt: 'bucket',
      })
      .upgrade((tx) => tx.table('analyticsState').clear());
    // Only the write path and the sync engine see the clocks; they read past this hook.
    for (const table of TABLES) this.table(table).hook('reading', withoutClocks);
  }

  /** The typed table of a synced entity, by its protocol name. */
  synced<T extends TableName>(table: T): Table<RowOf[T], string> {
    return this.table(table) as Table<RowOf[T], string>;
  }
}

/**
 * Versions 1 to 3 as they shipped, with the clocks in a table of their own: KesherDB builds on
 * them, and the upgrade test opens a database at version 3 with them.
 */
export function declareVersionsOneToThree(db: Dexie): void {
  db.version(1).stores({
    // Multi-entry indexes (*) are what identification looks up by; values are stored
    // normalised (lib/identity), so an exact match is the right match.
    customers: 'id, *emails, *phones, *domains, updatedAt',
    contacts: 'id, customerId, *emails, *phones',
    // [customerId+at] serves the newest-first page and counts; [customerId+externalId]
    // makes "already logged?" one key lookup.
    interactions: 'id, [customerId+at], [customerId+externalId], at',
    orders: 'id, [customerId+at], externalId',
    deals: 'id, customerId',
    campaigns: 'id',
    settings: 'id',
    clocks: '[table+id]',
    outbox: '++seq',
    meta: 'key',
  });
  // Version 2 adds the derived analytics; nothing existing changes, so no upgrade step.
  db.version(2).stores({ analytics: 'customerId', analyticsState: 'key' });
  // Version 3 adds the sync engine's refused changes; again nothing existing changes.
  db.version(3).stores({ refusals: 'mutationId' });
}

/** Versions 1 to 5 as they shipped: KesherDB builds on them, the upgrade tests start from them. */
export function declareVersionsOneToFive(db: Dexie): void {
  declareVersionsOneToThree(db);
  // Version 4 keeps each row's clocks in the row's own record (row-clocks.ts): a pulled row
  // is one put instead of two. The upgrade moves them there before `clocks` goes.
  db.version(4).stores({ clocks: null }).upgrade(moveClocksIntoRows);
  // Version 5 added the second figure store, one record per customer then.
  db.version(5).stores({ analyticsAlt: 'customerId' });
}

/** The tables every local write touches besides the entity tables it changes. */
export const WRITE_SUPPORT_TABLES = ['outbox', 'meta'] as const;
