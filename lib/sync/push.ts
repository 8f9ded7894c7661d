import { readMeta } from '../db/meta';
import type { KesherDB } from '../db/schema';
import type { ChangedRef } from '../db/write';
import type { TableName } from '../model';
import { APPLY_SCOPE, type SkippedRow } from './apply-remote';
import { nextBatch, type Batch } from './batch';
import { labelOf, storeRefusalsInTx } from './refusals';
import { revertRowsInTx, type Revert } from './revert';
import { readUnsent, rowKey, writeUnsent } from './sync-meta';
import type { Transport } from './transport';
import { SyncTransportError } from './transport-error';
import type { RefusedChange } from './types';
import { PUSH_LIMITS, type RemoteChange, type WireRejection } from './wire';

/**
 * Pushes the outbox, batch after batch, until it is empty. Each answer is settled in ONE
 * transaction: the acknowledged entries leave the outbox, refusals are stored for the UI, and
 * refused rows take the server's state again. Until that commits nothing changes here, so an
 * answer lost on the way (or a worker killed before the commit) only means the same mutations
 * are pushed again: the server skips them as answered and repeats their refusals.
 */

/** Refusals after which the local row stays as the user made it, for the user to settle. */
const KEEP_LOCAL: ReadonlySet<string> = new Set(['email_taken', 'id_taken']);
/** A runaway guard: far more batches than a legitimate outbox would need in one sync. */
const MAX_BATCHES = 10_000;

export interface PushContext {
  db: KesherDB;
  transport: Transport;
  teamId: string;
  now: () => number;
}

export interface PushOutcome {
  pushed: number;
  refused: number;
  changed: ChangedRef[];
  skipped: SkippedRow[];
}

export async function pushAll(
  ctx: PushContext,
  onBatch: (outcome: PushOutcome) => void = () => {},
): Promise<PushOutcome> {
  const total: PushOutcome = { pushed: 0, refused: 0, changed: [], skipped: [] };
  for (let i = 0; i < MAX_BATCHES; i++) {
    const batch = await nextBatch(ctx.db);
    if (!batch) return total;
    const outcome = await pushBatch(ctx, batch);
    onBatch(outcome);
    total.pushed += outcome.pushed;
    total.refused += outcome.refused;
    total.changed.push(...outcome.changed);
    total.skipped.push(...outcome.skipped);
  }
  return total;
}

async function pushBatch(ctx: PushContext, batch: Batch): Promise<PushOutcome> {
  const { db, transport } = ctx;
  let last = '';
  const rejected: WireRejection[] = [];
  if (batch.mutations.length > 0) {
    const clientId = await readMeta(db, 'clientId');
    if (clientId === undefined) throw new Error('The outbox has entries but no client id');
    const answer = await transport.push({ clientId, mutations: batch.mutations });
    const sentLast = batch.mutations[batch.mutations.length - 1]!.mutationId;
    // The server answers at least the last id it was sent; less would leave entries unanswered
    // and the loop pushing them forever.
    if (answer.lastMutationId < sentLast) {
      throw new SyncTransportError(
        'invalid-response',
        `The sync server acknowledged up to ${answer.lastMutationId} of a push up to ${sentLast}; nothing was applied.`,
      );
    }
    last = answer.lastMutationId;
    // Only refusals of what was sent, about the row that was sent: the server's word on table
    // and id is not needed, and a confused one must not make us revert another row.
    const sent = new Map(batch.mutations.map((m) => [m.mutationId, m]));
    for (const r of answer.rejected) {
      const m = sent.get(r.mutationId);
      if (m) rejected.push({ ...r, table: m.table, id: m.id });
    }
  }
  for (const entry of batch.tooLarge) {
    rejected.push({
      mutationId: entry.mutationId,
      code: 'invalid',
      reason: `This change is too large to send to the server (over ${PUSH_LIMITS.maxBodyBytes.toLocaleString('en')} bytes).`,
      table: entry.table,
      id: entry.id,
    });
  }

  // The network part first: the server's rows for every refused row, and names for conflicts.
  const servers = new Map<string, RemoteChange | null>();
  for (const r of rejected) {
    const key = rowKey(r.table, r.id);
    if (!servers.has(key)) servers.set(key, await transport.row(r.table, r.id));
  }
  const conflictNames = new Map<string, string | undefined>();
  for (const r of rejected) {
    if (r.conflictWith === undefined || conflictNames.has(r.conflictWith)) continue;
    const local = await db.customers.get(r.conflictWith);
    const remote = local ? undefined : await transport.row('customers', r.conflictWith);
    conflictNames.set(r.conflictWith, labelOf(local ?? valuesOf(remote)));
  }

  const now = ctx.now();
  return db.transaction('rw', [...APPLY_SCOPE, 'outbox', 'refusals'], async () => {
    const done = [...batch.dropped, ...batch.tooLarge.map((e) => e.seq)];
    if (last !== '') await db.outbox.where('seq').belowOrEqual(Number(last)).delete();
    if (done.length > 0) await db.outbox.bulkDelete(done);

    const unsent = await readUnsent(db);
    for (const w of batch.widened) unsent.delete(rowKey(w.table, w.id));
    const refusals: RefusedChange[] = [];
    const reverts = new Map<string, Revert>();
    for (const r of rejected) {
      const key = rowKey(r.table, r.id);
      const server = servers.get(key) ?? null;
      const local = await db.synced(r.table).get(r.id);
      refusals.push({
        mutationId: r.mutationId,
        code: r.code,
        reason: r.reason,
        table: r.table,
        id: r.id,
        ...(r.conflictWith === undefined
          ? {}
          : { conflictWith: r.conflictWith, conflictLabel: conflictNames.get(r.conflictWith) }),
        label: labelOf(local ?? valuesOf(server)),
        at: now,
      });
      if (KEEP_LOCAL.has(r.code)) {
        // Kept as the user made it; a row the server does not have goes out whole from now on.
        if (server) unsent.delete(key);
        else unsent.set(key, { table: r.table as TableName, id: r.id });
      } else {
        reverts.set(key, { table: r.table, id: r.id, server });
        unsent.delete(key);
      }
    }
    await writeUnsent(db, unsent);
    await storeRefusalsInTx(db, refusals.map(withoutUndefined));
    const { changed, skipped } = await revertRowsInTx(db, [...reverts.values()], {
      teamId: ctx.teamId,
      now,
    });
    return { pushed: batch.mutations.length, refused: refusals.length, changed, skipped };
  });
}

function valuesOf(change: RemoteChange | null | undefined): Record<string, unknown> | undefined {
  if (!change) return undefined;
  return Object.fromEntries(Object.entries(change.fields).map(([k, f]) => [k, f.value]));
}

/** IndexedDB keeps an explicit undefined; the UI's JSON would drop it anyway. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
