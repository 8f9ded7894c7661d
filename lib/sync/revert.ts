import type { KesherDB } from '../db/schema';
import type { ChangedRef } from '../db/write';
import type { TableName } from '../model';
import { RowStage, latestPlausibleClock, type SkippedRow } from './apply-remote';
import { checkRow, fromEntry, fromRemote, mergeIncoming, type RowAndClocks } from './row-state';
import { rowKey } from './sync-meta';
import type { RemoteChange } from './wire';

/**
 * Puts rows back to the server's state after it refused a change to them, so this replica
 * converges on the server instead of keeping a value nobody else will ever see. Changes still
 * waiting in the outbox (made after the refused one) are laid back on top, field by field
 * with their clocks, as a pull would keep them.
 *
 * When the server has no such row the local one is removed, and so are its pending entries:
 * each would be a partial upsert creating a fragment of a row the server never accepted.
 * Runs inside the caller's transaction on APPLY_SCOPE plus `outbox`.
 */

export interface Revert {
  table: TableName;
  id: string;
  /** The server's row (GET /v1/rows/…), or null when the team has none. */
  server: RemoteChange | null;
}

export async function revertRowsInTx(
  db: KesherDB,
  reverts: readonly Revert[],
  opts: { teamId: string; now: number },
): Promise<{ changed: ChangedRef[]; skipped: SkippedRow[] }> {
  if (reverts.length === 0) return { changed: [], skipped: [] };
  const stage = await RowStage.load(db, reverts);
  const targets = new Set(reverts.map((r) => rowKey(r.table, r.id)));
  const pending = (await db.outbox.orderBy('seq').toArray()).filter((e) =>
    targets.has(rowKey(e.table, e.id)),
  );
  const skipped: SkippedRow[] = [];
  const drop: number[] = [];

  for (const { table, id, server } of reverts) {
    const key = rowKey(table, id);
    const entries = pending.filter((e) => e.table === table && e.id === id);
    if (!server) {
      stage.set(key, table, id, undefined, {});
      drop.push(...entries.map((e) => e.seq));
      continue;
    }
    const serverOnly = mergeIncoming({ row: undefined, clocks: {} }, fromRemote(server));
    let state: RowAndClocks = serverOnly;
    for (const entry of entries) state = mergeIncoming(state, fromEntry(entry));
    let checked = checkRow(table, state.row ?? {}, id, opts.teamId);
    if (!checked.ok) {
      // A pending change the model refuses on top of the server's row: the server's row alone.
      state = serverOnly;
      checked = checkRow(table, state.row ?? {}, id, opts.teamId);
    }
    if (!checked.ok) {
      skipped.push({ table, id, message: checked.message });
      continue;
    }
    stage.set(key, table, id, checked.row, state.clocks);
  }

  if (drop.length > 0) await db.outbox.bulkDelete(drop);
  const servers = reverts.flatMap((r) => (r.server ? [r.server] : []));
  const changed = await stage.commit(db, latestPlausibleClock(servers, opts.now), opts.now);
  return { changed, skipped };
}
