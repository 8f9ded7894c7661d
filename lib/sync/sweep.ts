import type { KesherDB } from '../db/schema';
import type { ChangedRef } from '../db/write';
import { TABLES, type TableName } from '../model';
import { APPLY_SCOPE, RowStage } from './apply-remote';
import { isLocalOnly, type PlainRow } from './row-state';
import { readUnsent, rowKey } from './sync-meta';

/**
 * After a pull from cursor 0: rows of this team that the server did not show are gone there
 * (tombstones purged after the horizon, the case a 410 announces), so they go here too.
 * Spared: rows with changes still in the outbox (not sent yet), rows the server refused to
 * create and the user kept, local-only rows, and rows of any other team or of none ("local").
 */
export async function sweepUnseen(
  db: KesherDB,
  seen: ReadonlySet<string>,
  teamId: string,
  now: number,
): Promise<ChangedRef[]> {
  return db.transaction('rw', [...APPLY_SCOPE, 'outbox'], async () => {
    const [entries, unsent, clocks] = await Promise.all([
      db.outbox.toArray(),
      readUnsent(db),
      db.clocks.toArray(),
    ]);
    const pending = new Set(entries.map((e) => rowKey(e.table, e.id)));
    const clockOf = new Map(clocks.map((c) => [rowKey(c.table, c.id), c.fields]));
    const gone: Array<{ table: TableName; id: string }> = [];
    for (const table of TABLES) {
      // Row by row (each): a full table in memory at once could be large.
      await db.synced(table).each((stored) => {
        const row = stored as PlainRow;
        const id = row.id as string;
        const key = rowKey(table, id);
        if (row.teamId !== teamId || seen.has(key) || pending.has(key) || unsent.has(key)) return;
        if (isLocalOnly(row, clockOf.get(key))) return;
        gone.push({ table, id });
      });
    }
    if (gone.length === 0) return [];
    const stage = await RowStage.load(db, gone);
    for (const g of gone) stage.set(rowKey(g.table, g.id), g.table, g.id, undefined, {});
    return stage.commit(db, [], now);
  });
}
