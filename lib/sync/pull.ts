import { metaRow } from '../db/meta';
import type { KesherDB } from '../db/schema';
import type * as Server from '../../server/protocol';
import { applyRemotePage, preparePage, type ApplyResult } from './apply-remote';
import { sweepUnseen } from './sweep';
import { readCursor, rowKey } from './sync-meta';
import type { Transport } from './transport';
import { SyncTransportError, isTransportError } from './transport-error';
import type { PullPage } from './wire';

/**
 * Pulls pages from the stored cursor until the server has no more, each page applied with its
 * cursor in one transaction (apply-remote.ts). A 410 (cursor behind the tombstone horizon, or
 * ahead of a server restored from a backup) restarts from 0: a full resync, after which local
 * rows of the team that the server no longer has are removed (sweep.ts).
 *
 * The next page is asked for while the current one is applied, so the network and the
 * server's work overlap the local writes; and a page that came is checked and its
 * transaction queued while the one before is still being written, so the database never
 * waits for this thread between pages. At most one page is fetched ahead and one queued; when
 * anything fails they are dropped unapplied (a queued page writes nothing unless the cursor
 * it follows is stored): the stored cursor moves only with its page's rows, so a worker
 * stopped mid-pipeline resumes exactly after the last page that committed.
 */

/**
 * Rows asked for per page: a push's run of rows (the server writes a push under one version,
 * in runs of up to 1,000, and never splits a version), so a page is one whole version. Twice
 * the old 500, which split every version and cost the server a second query per page. The
 * server allows 5,000 (server/protocol.ts LIMITS.pullMaxLimit), but measured on PGlite with
 * 220,000 rows that made the server's pulls 3.5 times as costly per row (1.1 s a page, against
 * 0.07 s for 1,000) and the initial sync no faster: the browser's writes, not the round trips,
 * bound it now that the next page is fetched while one is applied.
 */
export const PAGE_LIMIT = 1_000;
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
  /** After each committed page, with the number of changes the page held. */
  onApplied: (result: ApplyResult, received: number) => void = () => {},
): Promise<{ pages: number }> {
  const { db, transport } = ctx;
  const limit = ctx.pageLimit ?? PAGE_LIMIT;
  let cursor = await readCursor(db);
  // A pull from 0 sees every row the server has: what it does not show is gone there.
  let seen: Set<string> | null = cursor === 0 ? new Set() : null;
  let restarted = false;
  let stalls = 0;
  let pages = 0;
  let ahead: Promise<PullPage> | null = null;
  // The pages applied so far, written and reported. Rejects when one failed.
  let applying: Promise<void> = Promise.resolve();
  try {
    for (;;) {
      let page: PullPage;
      try {
        page = await (ahead ?? fetchPage(transport, cursor, limit));
      } catch (error) {
        if (!isTransportError(error, 410) || restarted) throw error;
        // The page before is in (or failed) before the cursor goes back to 0.
        await applying;
        restarted = true;
        cursor = 0;
        seen = new Set();
        await db.meta.put(metaRow('syncCursor', 0));
        continue;
      } finally {
        ahead = null;
      }
      pages++;
      // Never backwards: a stale page (a replayed or cached answer) covers versions this
      // replica already has, and re-applying it is harmless under last-writer-wins.
      const next = Math.max(cursor, page.nextCursor);
      stalls = next === cursor ? stalls + 1 : 0;
      const stalled = page.hasMore && stalls >= MAX_STALLS;
      if (page.hasMore && !stalled) ahead = fetchPage(transport, next, limit);
      // Checked now, while the page before is written; its transaction is queued behind that
      // one's, and writes nothing unless that one committed (`after`).
      const now = ctx.now();
      const applied = applyRemotePage(db, page.changes, {
        teamId: ctx.teamId,
        cursor: next,
        after: cursor,
        now,
        prepared: preparePage(page.changes, ctx.teamId, now),
      });
      const before = applying;
      const pageSeen = seen;
      // Settles once both have: nothing is left in flight when it is awaited.
      applying = Promise.allSettled([before, applied]).then(([b, a]) => {
        if (b.status === 'rejected') throw b.reason;
        if (a.status === 'rejected') throw a.reason;
        if (pageSeen) for (const c of page.changes) pageSeen.add(rowKey(c.table, c.id));
        onApplied(a.value, page.changes.length);
      });
      applying.catch(() => {});
      await before;
      if (!page.hasMore) break;
      if (stalled) {
        throw new SyncTransportError(
          'invalid-response',
          `The sync server keeps answering more changes without moving past version ${cursor}.`,
        );
      }
      cursor = next;
    }
    await applying;
  } finally {
    // Nothing left in flight once the pull is over, whatever ended it.
    await applying.catch(() => {});
  }
  if (seen) {
    const changed = await sweepUnseen(db, seen, ctx.teamId, ctx.now());
    if (changed.length > 0) onApplied({ changed, skipped: [] }, 0);
  }
  return { pages };
}

/**
 * One page. A page asked for ahead may be dropped when the page before it fails to apply:
 * its failure is then nobody's, and must not surface as an unhandled rejection.
 */
function fetchPage(transport: Transport, cursor: number, limit: number): Promise<PullPage> {
  const page = transport.pull(cursor, limit);
  page.catch(() => {});
  return page;
}

// Compile-time only: the page limit is the server's default page (a push's run of rows).
type Assert<T extends true> = T;
export type _PageLimitIsServerDefault = Assert<
  typeof PAGE_LIMIT extends (typeof Server.LIMITS)['pullDefaultLimit'] ? true : false
>;
