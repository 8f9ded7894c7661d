import type { ColumnType } from 'kysely';

/**
 * The server's tables, as Kysely sees them. Bigint columns come back as strings from `pg` and
 * as numbers or bigints from PGlite, hence `BigintColumn`; read them through `toNumber`.
 */
type BigintColumn = ColumnType<string | number | bigint, number, number>;
type Timestamp = ColumnType<Date, Date, Date>;

export type Role = 'agent' | 'manager' | 'admin';
export const ROLES: readonly Role[] = ['agent', 'manager', 'admin'];

export interface TeamsTable {
  id: string;
  name: string;
  /** Bumped by every push (under the row lock): the version its rows are stamped with. */
  version: BigintColumn;
  /** Tombstones at or below this version may have been purged: older cursors get 410. */
  horizon: BigintColumn;
  created_at: Timestamp;
}

export interface UsersTable {
  id: string;
  team_id: string;
  email: string;
  role: Role;
  /** SHA-256 of the bearer token, hex. The token itself is shown once and never stored. */
  token_hash: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface RowsTable {
  table_name: string;
  id: string;
  team_id: string;
  version: BigintColumn;
  deleted: boolean;
  /** The clock of the last delete or restore: they are ordered among themselves by it. */
  deleted_hlc: string | null;
  /** `{<field>: {value, hlc}}`: per-field last-writer-wins state. */
  fields: ColumnType<FieldMap, string, string>;
  /** The user who created the row: interactions are changed only by their author. */
  author_id: string;
  updated_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ClientsTable {
  user_id: string;
  client_id: string;
  team_id: string;
  /** 15-digit zero-padded, compared as text: the highest mutation answered for this client. */
  last_mutation_id: string;
  updated_at: Timestamp;
}

export interface RejectionsTable {
  user_id: string;
  client_id: string;
  mutation_id: string;
  /** The rejection as answered, kept so a retried push whose answer was lost gets it again. */
  body: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
}

export interface CustomerEmailsTable {
  team_id: string;
  email: string;
  customer_id: string;
}

export interface Database {
  teams: TeamsTable;
  users: UsersTable;
  rows: RowsTable;
  clients: ClientsTable;
  rejections: RejectionsTable;
  customer_emails: CustomerEmailsTable;
}

export interface FieldState {
  value: unknown;
  hlc: string;
}
export type FieldMap = Record<string, FieldState>;

/** Bigint columns as numbers: versions stay far below 2^53. */
export function toNumber(value: string | number | bigint): number {
  return typeof value === 'number' ? value : Number(value);
}

/** jsonb columns come back parsed from both drivers; tolerate a string just in case. */
export function fromJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
