import { metaRow } from '../db/meta';
import type { KesherDB } from '../db/schema';
import { applyRemotePage, type ApplyResult } from './apply-remote';
import { sweepUnseen } from './sweep';
import { readCursor, rowKey } from './sync-meta';
import type { Transport } from './transport';
import { SyncTransportError, isTransportError } from './transport-error';

/**
 * Pulls pages from the stored cursor until the server has no more, each page applied with its
 * cursor in one transaction (apply-remote.ts). A 410 (cursor behind the tombstone horizon, or
 * ahead of a server restored from a backup) restarts from 0: a full resync, after which local
 * rows of the team that the server no longer has are removed (sweep.ts).
 */

export const PAGE_LIMIT = 500;
/** Pages in a row that do not move the cursor before the server is taken to be broken. */
const MAX_STALLS = 3;

export interface PullContext {
  db: KesherDB;
  transport: Transport;
  teamId: string;
  now: () => number;
  pageLimit?: number;
}

export async function pullAll(
  ctx: PullContext,
  onApplied: (result: ApplyResult) => void = () => {},
): Promise<{ pages: number }> {
  const { db, transport } = ctx;
  let cursor = await readCursor(db);
  // A pull from 0 sees every row the server has: what it does not show is gone there.
  let seen: Set<string> | null = cursor === 0 ? new Set() : null;
  let restarted = false;
  let stalls = 0;
  let pages = 0;
  for (;;) {
    let page;
    try {
      page = await transport.pull(cursor, ctx.pageLimit ?? PAGE_LIMIT);
    } catch (error) {
      if (!isTransportError(error, 410) || restarted) throw error;
      restarted = true;
      cursor = 0;
      seen = new Set();
      await db.meta.put(metaRow('syncCursor', 0));
      continue;
    }
    pages++;
    // Never backwards: a stale page (a replayed or cached answer) covers versions this replica
    // already has, and re-applying it is harmless under last-writer-wins.
    const next = Math.max(cursor, page.nextCursor);
    const result = await applyRemotePage(db, page.changes, {
      teamId: ctx.teamId,
      cursor: next,
      now: ctx.now(),
    });
    if (seen) for (const c of page.changes) seen.add(rowKey(c.table, c.id));
    onApplied(result);
    if (!page.hasMore) break;
    stalls = next === cursor ? stalls + 1 : 0;
    if (stalls >= MAX_STALLS) {
      throw new SyncTransportError(
        'invalid-response',
        `The sync server keeps answering more changes without moving past version ${cursor}.`,
      );
    }
    cursor = next;
  }
  if (seen) {
    const changed = await sweepUnseen(db, seen, ctx.teamId, ctx.now());
    if (changed.length > 0) onApplied({ changed, skipped: [] });
  }
  return { pages };
}
