import type { KesherDB, OutboxEntry } from '../db/schema';
import { readRowsAndClocksByKey } from '../db/stored-records';
import { TABLES, type TableName } from '../model';
import { isLocalOnly, maxClock, wholeRow, type Clocks, type PlainRow } from './row-state';
import { readUnsent, rowKey } from './sync-meta';
import { PUSH_LIMITS, type WireMutation } from './wire';

/**
 * The next push: a prefix of the outbox in seq order (mutation ids only grow, which the
 * server's "skip at or below lastMutationId" relies on), at most 1,000 entries and comfortably
 * under the server's 1,000,000 bytes. On the way:
 * - entries of local-only rows (demo data, or a row of a demo customer) are dropped: they
 *   were never meant for the team, and a partial upsert would leave a fragment there;
 * - a row created in this batch goes as ONE mutation carrying its later edits too, with the
 *   id of its last entry and in that entry's place. The server refuses to create a row from
 *   anything less than a whole row: were the creation refused (email_taken) and an edit
 *   after it sent on its own, the edit would be refused too. Whole, it is accepted or
 *   refused whole. (In its last entry's place, a retried push stays safe: an id at or below the
 *   server's last answered one had all its entries in the push that was answered.)
 * - a row the server refused to create but this browser kept (email_taken, id_taken) goes
 *   whole, for the same reason, in later batches;
 * - an entry too large to send even alone is refused here, as the server would (413).
 */

export interface Batch {
  mutations: WireMutation[];
  /** Entries never to be sent (local-only rows): removed with the acknowledged ones. */
  dropped: number[];
  /** Entries over the size bound on their own: refused locally. */
  tooLarge: OutboxEntry[];
  /** Rows sent whole: no longer "unsent" once the server accepts them. */
  widened: Array<{ table: TableName; id: string }>;
}

/** Headroom under the server's bound for any miscount. */
export const BATCH_BYTES = 900_000;
/** {"clientId":"<up to 64>","mutations":[]} */
const ENVELOPE_BYTES = 100;

export async function nextBatch(
  db: KesherDB,
  opts: { maxMutations?: number; maxBytes?: number } = {},
): Promise<Batch | null> {
  const maxMutations = Math.min(opts.maxMutations ?? PUSH_LIMITS.maxMutations, 1_000);
  const maxBytes = Math.min(opts.maxBytes ?? BATCH_BYTES, PUSH_LIMITS.maxBodyBytes - 10_000);
  const read = await readBatchInputs(db, maxMutations);
  if (!read) return null;

  const batch: Batch = { mutations: [], dropped: [], tooLarge: [], widened: [] };
  const encoder = new TextEncoder();
  const sizeOf = (m: WireMutation) => encoder.encode(JSON.stringify(m)).length + 1;
  /** Rows created (or sent whole) in this batch: their later entries join their mutation. */
  const open = new Map<string, { index: number; size: number; whole: boolean }>();
  const slots: Array<WireMutation | null> = [];
  let bytes = ENVELOPE_BYTES;

  for (const entry of read.entries) {
    const key = rowKey(entry.table, entry.id);
    const local = read.rows.get(key);
    const customerId = local?.row.customerId;
    const parent =
      typeof customerId === 'string'
        ? read.customers.get(rowKey('customers', customerId))
        : undefined;
    if (
      (local && isLocalOnly(local.row, local.clocks)) ||
      (parent && isLocalOnly(parent.row, parent.clocks))
    ) {
      batch.dropped.push(entry.seq);
      continue;
    }

    const group = open.get(key);
    const whole = group?.whole ?? (local !== undefined && read.unsent.has(key));
    let mutation: WireMutation;
    if (whole && local) {
      mutation = {
        mutationId: entry.mutationId,
        table: entry.table,
        id: entry.id,
        ...wholeRow(local.row, local.clocks),
      };
    } else if (group) {
      mutation = absorb(slots[group.index]!, entry);
    } else {
      mutation = {
        mutationId: entry.mutationId,
        table: entry.table,
        id: entry.id,
        op: entry.op,
        fields: entry.fields,
      };
    }
    const size = sizeOf(mutation);
    if (size + ENVELOPE_BYTES > maxBytes) {
      if (group) break; // the row so far goes now; this entry starts the next batch
      batch.tooLarge.push(entry);
      continue;
    }
    const delta = size - (group?.size ?? 0);
    if (bytes + delta > maxBytes) break;
    bytes += delta;

    if (group) {
      // In the place of its latest entry, so ids stay increasing.
      slots[group.index] = null;
      group.index = slots.length;
      group.size = size;
    } else if (whole || isCreation(entry)) {
      open.set(key, { index: slots.length, size, whole });
      if (whole) batch.widened.push({ table: entry.table, id: entry.id });
    }
    slots.push(mutation);
  }
  batch.mutations = slots.filter((m): m is WireMutation => m !== null);
  if (batch.mutations.length + batch.dropped.length + batch.tooLarge.length === 0) {
    throw new Error('The next outbox entry fits no push');
  }
  return batch;
}

/** An upsert carrying the row's createdAt: the write path sends that only for a new row. */
function isCreation(entry: OutboxEntry): boolean {
  return entry.op === 'upsert' && Object.hasOwn(entry.fields, 'createdAt');
}

/**
 * A created row's mutation with a later entry of the same row folded in: fields by their
 * clocks, the deleted flag by the latest delete or restore. A restore of a row created in the
 * same push is an upsert: the server refuses to restore a row it does not have yet.
 */
function absorb(mutation: WireMutation, entry: OutboxEntry): WireMutation {
  const fields = { ...mutation.fields };
  for (const [name, f] of Object.entries(entry.fields)) {
    if (name === 'deleted') continue;
    const had = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (!had || f.hlc > had.hlc) fields[name] = f;
  }
  let op = mutation.op;
  if (entry.op !== 'upsert') {
    const hlc =
      entry.fields.deleted?.hlc ?? maxClock(Object.values(entry.fields).map((f) => f.hlc));
    if (hlc !== undefined) fields.deleted = { value: entry.op === 'delete', hlc };
    op = entry.op === 'delete' ? 'delete' : 'upsert';
  }
  return { mutationId: entry.mutationId, table: mutation.table, id: mutation.id, op, fields };
}

interface BatchInputs {
  entries: OutboxEntry[];
  rows: Map<string, { row: PlainRow; clocks: Clocks }>;
  customers: Map<string, { row: PlainRow; clocks: Clocks }>;
  unsent: Map<string, { table: TableName; id: string }>;
}

/** The entries and everything deciding how they go, read in one snapshot. */
async function readBatchInputs(db: KesherDB, limit: number): Promise<BatchInputs | null> {
  return db.transaction('r', [...TABLES, 'outbox', 'meta'], async () => {
    const entries = await db.outbox.orderBy('seq').limit(limit).toArray();
    if (entries.length === 0) return null;
    const rows = await loadRows(db, entries);
    const parents = entries.flatMap((e) => {
      const customerId = rows.get(rowKey(e.table, e.id))?.row.customerId;
      return typeof customerId === 'string'
        ? [{ table: 'customers' as const, id: customerId }]
        : [];
    });
    const customers = await loadRows(db, parents);
    return { entries, rows, customers, unsent: await readUnsent(db) };
  });
}

async function loadRows(
  db: KesherDB,
  keys: ReadonlyArray<{ table: TableName; id: string }>,
): Promise<Map<string, { row: PlainRow; clocks: Clocks }>> {
  const stored = await readRowsAndClocksByKey(db, keys, rowKey);
  const out = new Map<string, { row: PlainRow; clocks: Clocks }>();
  for (const [key, { row, clocks }] of stored) if (row) out.set(key, { row, clocks });
  return out;
}
