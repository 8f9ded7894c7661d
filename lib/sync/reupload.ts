import type { KesherDB, OutboxEntry } from '../db/schema';
import { eachRowAndClocks } from '../db/stored-records';
import { WriteClock } from '../db/write-clock';
import type { TableName } from '../model';
import { isLocalOnly, wholeRow } from './row-state';
import { writeUnsent } from './sync-meta';

/**
 * Connecting to a different team than this database last synced with.
 *
 * The outbox only holds what no server has acknowledged yet. After a connection to team A
 * emptied it, a connection to team B would otherwise receive only later edits: partial
 * upserts of rows B has never seen (fragments), and none of the customers, history and
 * orders this browser holds. So on a change of team the outbox is replaced by one whole-row
 * mutation per synced row, each field with the clock it already has (no new clocks: the
 * writes keep their place in time, and sending a row the server already has is a no-op under
 * last-writer-wins). Pending local edits are in the rows, so nothing is lost by the swap.
 *
 * Not re-sent: local-only rows (demo data: never meant for a team). Refusals and the
 * "unsent" marks belonged to the old server and are cleared. What team B refuses (an agent's
 * settings and campaigns, addresses its customers already have) comes back as refusals as
 * usual. Reconnecting to the same team (a new token, a moved address) re-sends nothing: the
 * server keeps everything it acknowledged.
 *
 * Runs inside the caller's transaction on REUPLOAD_SCOPE.
 */

/** Parents first, so a reader of the new server never meets an order without its customer. */
const ORDER: TableName[] = [
  'settings',
  'campaigns',
  'customers',
  'contacts',
  'interactions',
  'orders',
  'deals',
];

export const REUPLOAD_SCOPE: string[] = [...ORDER, 'outbox', 'meta', 'refusals'];

export async function reuploadAllInTx(db: KesherDB, now: number): Promise<number> {
  await Promise.all([db.outbox.clear(), db.refusals.clear()]);
  await writeUnsent(db, new Map());
  const clock = await WriteClock.load(db);
  const entries: OutboxEntry[] = [];
  for (const table of ORDER) {
    await eachRowAndClocks(db, table, (row, clocks) => {
      const id = row.id as string;
      if (Object.keys(clocks).length === 0 || isLocalOnly(row, clocks)) return;
      const { op, fields } = wholeRow(row, clocks);
      if (Object.keys(fields).length === 0) return;
      entries.push({ ...clock.nextMutation(), table, id, op, fields, createdAt: now });
    });
  }
  await db.outbox.bulkAdd(entries);
  await db.meta.bulkPut(clock.metaRows());
  return entries.length;
}
