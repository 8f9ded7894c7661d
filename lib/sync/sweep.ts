import type { KesherDB } from '../db/schema';
import { readRowsAndClocks } from '../db/stored-records';
import type { ChangedRef } from '../db/write';
import { TABLES, type TableName } from '../model';
import { APPLY_SCOPE, RowStage } from './apply-remote';
import { isLocalOnly } from './row-state';
import { readUnsent, rowKey } from './sync-meta';

/**
 * After a pull from cursor 0: rows of this team that the server did not show are gone there
 * (tombstones purged after the horizon, the case a 410 announces), so they go here too.
 * Spared: rows with changes still in the outbox (not sent yet), rows the server refused to
 * create and the user kept, local-only rows, and rows of any other team or of none ("local").
 *
 * In chunks of primary keys: a replica of a large team holds millions of rows, too many to
 * hold at once, and after a pull from 0 nearly every row was seen, so only the few that were
 * not are read whole, with their clocks.
 */

/** Keys read at a time, per table. */
export const SWEEP_CHUNK = 5_000;

export async function sweepUnseen(
  db: KesherDB,
  seen: ReadonlySet<string>,
  teamId: string,
  now: number,
  chunk = SWEEP_CHUNK,
): Promise<ChangedRef[]> {
  return db.transaction('rw', [...APPLY_SCOPE, 'outbox'], async () => {
    const pending = new Set<string>();
    await db.outbox.each((e) => {
      pending.add(rowKey(e.table, e.id));
    });
    const unsent = await readUnsent(db);
    const spared = (key: string) => seen.has(key) || pending.has(key) || unsent.has(key);
    const changed: ChangedRef[] = [];
    for (const table of TABLES) {
      let after: string | undefined;
      for (;;) {
        const keys =
          after === undefined
            ? db.synced(table).toCollection()
            : db.synced(table).where(':id').above(after);
        const ids = (await keys.limit(chunk).primaryKeys()) as string[];
        if (ids.length === 0) break;
        after = ids[ids.length - 1];
        const unseen = ids.filter((id) => !spared(rowKey(table, id)));
        if (unseen.length > 0) changed.push(...(await sweepRows(db, table, unseen, teamId, now)));
        if (ids.length < chunk) break;
      }
    }
    return changed;
  });
}

/** Removes the rows among `ids` that are this team's and not local-only. */
async function sweepRows(
  db: KesherDB,
  table: TableName,
  ids: string[],
  teamId: string,
  now: number,
): Promise<ChangedRef[]> {
  const stored = await readRowsAndClocks(db, table, ids);
  const gone = ids.filter((id) => {
    const { row, clocks } = stored.get(id)!;
    return row !== undefined && row.teamId === teamId && !isLocalOnly(row, clocks);
  });
  if (gone.length === 0) return [];
  const refs = gone.map((id) => ({ table, id }));
  const stage = await RowStage.load(db, refs);
  for (const r of refs) stage.set(rowKey(table, r.id), table, r.id, undefined, {});
  return stage.commit(db, undefined, now);
}
