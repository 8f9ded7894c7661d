import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { TableName } from '../lib/model/common';
import type { RowState } from './merge';
import { fromJson, toNumber, type Database, type FieldMap } from './storage/schema';

/**
 * Reading and writing synced rows in bulk. Every batch travels as one jsonb parameter
 * (`jsonb_to_recordset`), never as one bind parameter per value: PGlite's connection breaks
 * on a statement with 32,768 or more parameters, and a push may touch a thousand rows.
 */

/** A row's key within its team. */
export function rowKey(table: string, id: string): string {
  return `${table}\u0000${id}`;
}

export interface RowRecord {
  table_name: string;
  id: string;
  team_id: string;
  version: string | number | bigint;
  deleted: boolean;
  deleted_hlc: string | null;
  fields: FieldMap | string;
  author_id: string;
  created_at: Date | string;
}

export function toRowState(r: RowRecord): RowState {
  return {
    table: r.table_name as TableName,
    id: r.id,
    teamId: r.team_id,
    version: toNumber(r.version),
    deleted: r.deleted,
    deletedHlc: r.deleted_hlc,
    fields: fromJson<FieldMap>(r.fields),
    authorId: r.author_id,
    createdAt: new Date(r.created_at),
  };
}

/** The team's stored rows with these keys. Rows are the team's own: no other team's is read. */
export async function loadRows(
  db: Kysely<Database> | Transaction<Database>,
  teamId: string,
  keys: ReadonlyArray<{ table: TableName; id: string }>,
): Promise<Map<string, RowState>> {
  const out = new Map<string, RowState>();
  if (keys.length === 0) return out;
  const unique = [...new Map(keys.map((k) => [rowKey(k.table, k.id), k])).values()];
  const found = await sql<RowRecord>`
    select r.table_name, r.id, r.team_id, r.version, r.deleted, r.deleted_hlc, r.fields,
           r.author_id, r.created_at
    from rows r
    join jsonb_to_recordset(${JSON.stringify(
      unique.map((k) => ({ t: k.table, i: k.id })),
    )}::jsonb) as k(t text, i text)
      on r.team_id = ${teamId} and r.table_name = k.t and r.id = k.i`.execute(db);
  for (const record of found.rows) {
    const row = toRowState(record);
    out.set(rowKey(row.table, row.id), row);
  }
  return out;
}

/** A changed row to write back, stamped with the version of the push that last changed it. */
export interface SavedRow {
  row: RowState;
  version: number;
  updatedBy: string;
  /** When that push arrived (ms). */
  at: number;
}

/**
 * The statement writing the changed rows of one team (run by the caller, with the other
 * writes of its push: server/push-write.ts). The caller holds the team's row lock, so no
 * other transaction writes these rows meanwhile.
 */
export function upsertRows(rows: readonly SavedRow[]): RawBuilder<unknown> {
  const batch = rows.map(({ row: r, version, updatedBy, at }) => ({
    table_name: r.table,
    id: r.id,
    team_id: r.teamId,
    version,
    deleted: r.deleted,
    deleted_hlc: r.deletedHlc,
    fields: r.fields,
    author_id: r.authorId,
    updated_by: updatedBy,
    created_at: r.createdAt.toISOString(),
    updated_at: new Date(at).toISOString(),
  }));
  return sql`
    insert into rows (table_name, id, team_id, version, deleted, deleted_hlc, fields,
                      author_id, updated_by, created_at, updated_at)
    select x.table_name, x.id, x.team_id, x.version, x.deleted, x.deleted_hlc, x.fields,
           x.author_id, x.updated_by, x.created_at, x.updated_at
    from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as x(
      table_name text, id text, team_id text, version bigint, deleted boolean,
      deleted_hlc text, fields jsonb, author_id text, updated_by text,
      created_at timestamptz, updated_at timestamptz)
    on conflict (team_id, table_name, id) do update set
      version = excluded.version,
      deleted = excluded.deleted,
      deleted_hlc = excluded.deleted_hlc,
      fields = excluded.fields,
      updated_by = excluded.updated_by,
      updated_at = excluded.updated_at`;
}
