import { metaRow, readMeta } from '../db/meta';
import type { KesherDB } from '../db/schema';
import type { TableName } from '../model';
import type { StoredConnection, SyncHealth } from './stored';

/** The engine's small facts in `meta`, read and written one key at a time. */

export async function readConnection(db: KesherDB): Promise<StoredConnection | undefined> {
  return readMeta(db, 'syncConnection');
}

/** Where the next pull starts: 0 (everything) until a page has been applied. */
export async function readCursor(db: KesherDB): Promise<number> {
  return (await readMeta(db, 'syncCursor')) ?? 0;
}

export async function readHealth(db: KesherDB): Promise<SyncHealth> {
  return (await readMeta(db, 'syncHealth')) ?? { failures: 0 };
}

export async function writeHealth(db: KesherDB, health: SyncHealth): Promise<void> {
  await db.meta.put(metaRow('syncHealth', health));
}

export function rowKey(table: string, id: string): string {
  return `${table}\u0000${id}`;
}

/** Rows whose creation the server refused and that this browser kept (see batch.ts). */
export async function readUnsent(
  db: KesherDB,
): Promise<Map<string, { table: TableName; id: string }>> {
  const list = (await readMeta(db, 'syncUnsent')) ?? [];
  return new Map(list.map((r) => [rowKey(r.table, r.id), r]));
}

export async function writeUnsent(
  db: KesherDB,
  unsent: Map<string, { table: TableName; id: string }>,
): Promise<void> {
  if (unsent.size === 0) await db.meta.delete('syncUnsent');
  else await db.meta.put(metaRow('syncUnsent', [...unsent.values()]));
}
