import { sql } from 'kysely';
import { HttpError } from './http-error';
import type { Storage } from './storage/open';
import { toNumber } from './storage/schema';

/**
 * A page of a team's changes after `cursor`, in version order (then table, id), as the JSON
 * text of a PullResponse.
 *
 * The paging rule: a page never ends inside a version. A push stamps all its rows with one
 * version, and the next page starts after `nextCursor`, so a page that stopped halfway
 * through a version would lose the rest of it. When the `limit`-th row would split a version,
 * the page ends before that version instead; when that leaves nothing (one version has more
 * rows than `limit`), the page is that whole version. A version holds at most one push's
 * rows (≤ 1,000), so a page is never longer than max(limit, 1,000) rows.
 *
 * Every agent pulls after every push, so pulls are the server's bulk of work: PostgreSQL
 * writes the page's changes as JSON text (the jsonb fields never parsed into objects and
 * serialized again in Node), and the rows, the paging and the team's horizon are one
 * statement.
 */

/**
 * A row as one change of the wire (`Change`: table, id, version, deleted, fields), as JSON
 * text. `fields` is the jsonb's own text, with `deleted` and its clock once the row has been
 * deleted or restored.
 */
const CHANGE_JSON = sql`'{"table":' || to_json(r.table_name)::text
  || ',"id":' || to_json(r.id)::text
  || ',"version":' || r.version
  || ',"deleted":' || r.deleted
  || ',"fields":' || (case when r.deleted_hlc is null then r.fields
                           else r.fields || jsonb_build_object(
                             'deleted', jsonb_build_object('value', r.deleted, 'hlc', r.deleted_hlc))
                      end)::text
  || '}'`;

type Bigint = string | number | bigint;

export async function pull(
  storage: Storage,
  teamId: string,
  cursor: number,
  limit: number,
): Promise<string> {
  const db = storage.db;
  // One statement, so one snapshot: a purge commits its deletions and its new horizon
  // together, so the rows read here miss purged tombstones only when the horizon read with
  // them says so. The team row comes even when there is nothing to send. With more than
  // `limit` rows, the last one read has the highest version, so the page keeps the versions
  // below it (the paging rule above).
  const found = await sql<{
    team_version: Bigint;
    horizon: Bigint;
    has_more: boolean;
    boundary: Bigint | null;
    next_cursor: Bigint | null;
    changes: string | null;
  }>`
    with page as (
      select r.version, r.table_name, r.id, ${CHANGE_JSON} as change
      from rows r
      where r.team_id = ${teamId} and r.version > ${cursor}
      order by r.version, r.table_name, r.id
      limit ${limit + 1}),
    kept as (
      select * from page
      where (select count(*) from page) <= ${limit} or version < (select max(version) from page))
    select t.version as team_version, t.horizon,
           (select count(*) from page) > ${limit} as has_more,
           (select max(version) from page) as boundary,
           (select max(version) from kept) as next_cursor,
           (select string_agg(change, ',' order by version, table_name, id) from kept) as changes
    from teams t
    where t.id = ${teamId}`.execute(db);
  const team = found.rows[0];
  if (!team) throw new Error(`pull: no team ${teamId}`);
  checkCursor(cursor, toNumber(team.horizon), toNumber(team.team_version));

  let { changes, next_cursor: next } = team;
  if (team.has_more && changes === null) {
    // One version has more rows than `limit`: the page is that whole version.
    const whole = await sql<{ changes: string | null }>`
      select string_agg(${CHANGE_JSON}, ',' order by r.table_name, r.id) as changes
      from rows r
      where r.team_id = ${teamId} and r.version = ${team.boundary}`.execute(db);
    changes = whole.rows[0]?.changes ?? null;
    next = team.boundary;
  }
  const nextCursor = next === null ? cursor : toNumber(next);
  return `{"changes":[${changes ?? ''}],"nextCursor":${nextCursor},"hasMore":${team.has_more}}`;
}

function checkCursor(cursor: number, horizon: number, version: number): void {
  if (cursor > 0 && cursor < horizon) {
    throw new HttpError(
      410,
      'cursor_expired',
      'This cursor is older than the oldest kept deletion; pull again from cursor 0 (a full resync).',
      { cursor, horizon },
    );
  }
  if (cursor > version) {
    throw new HttpError(
      410,
      'cursor_ahead',
      'This cursor is ahead of the server (restored from a backup?); pull again from cursor 0 (a full resync).',
      { cursor, version },
    );
  }
}
