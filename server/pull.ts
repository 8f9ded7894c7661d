import { sql } from 'kysely';
import { wireFields } from './merge';
import { HttpError } from './http-error';
import type { Change, PullResponse } from './protocol';
import { toRowState, type RowRecord } from './push-rows';
import type { Storage } from './storage/open';
import { toNumber } from './storage/schema';

/**
 * A page of a team's changes after `cursor`, in version order (then table, id).
 *
 * The paging rule: a page never ends inside a version. A push stamps all its rows with one
 * version, and the next page starts after `nextCursor`, so a page that stopped halfway
 * through a version would lose the rest of it. When the `limit`-th row would split a version,
 * the page ends before that version instead; when that leaves nothing (one version has more
 * rows than `limit`), the page is that whole version. A version holds at most one push's
 * rows (≤ 1,000), so a page is never longer than max(limit, 1,000) rows.
 */
export async function pull(
  storage: Storage,
  teamId: string,
  cursor: number,
  limit: number,
): Promise<PullResponse> {
  const db = storage.db;
  const select = sql`select table_name, id, team_id, version, deleted, deleted_hlc, fields,
                            author_id, created_at from rows`;
  const found = await sql<RowRecord>`${select}
    where team_id = ${teamId} and version > ${cursor}
    order by version, table_name, id
    limit ${limit + 1}`.execute(db);
  let page = found.rows;
  let hasMore = false;
  if (page.length > limit) {
    hasMore = true;
    const boundary = toNumber(page[limit]!.version);
    page = page.slice(0, limit).filter((r) => toNumber(r.version) < boundary);
    if (page.length === 0) {
      const whole = await sql<RowRecord>`${select}
        where team_id = ${teamId} and version = ${boundary}
        order by table_name, id`.execute(db);
      page = whole.rows;
    }
  }

  // Read after the rows, in its own statement: a purge commits its deletions and its new
  // horizon together, so if the rows above missed purged tombstones, this sees the horizon
  // that says so.
  const team = await db
    .selectFrom('teams')
    .select(['version', 'horizon'])
    .where('id', '=', teamId)
    .executeTakeFirstOrThrow();
  const horizon = toNumber(team.horizon);
  if (cursor > 0 && cursor < horizon) {
    throw new HttpError(
      410,
      'cursor_expired',
      'This cursor is older than the oldest kept deletion; pull again from cursor 0 (a full resync).',
      { cursor, horizon },
    );
  }
  if (cursor > toNumber(team.version)) {
    throw new HttpError(
      410,
      'cursor_ahead',
      'This cursor is ahead of the server (restored from a backup?); pull again from cursor 0 (a full resync).',
      { cursor, version: toNumber(team.version) },
    );
  }

  const changes: Change[] = page.map((record) => {
    const row = toRowState(record);
    return {
      table: row.table,
      id: row.id,
      version: row.version,
      deleted: row.deleted,
      fields: wireFields(row),
    };
  });
  return {
    changes,
    nextCursor: changes.length > 0 ? changes[changes.length - 1]!.version : cursor,
    hasMore,
  };
}
