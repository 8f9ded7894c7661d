import type { Contact, RowOf, TableName } from '../model';
import { NotFoundError } from './errors';
import type { KesherDB } from './schema';

/** The row, or NotFoundError when it does not exist. Tombstones are returned. */
export async function requireRow<T extends TableName>(
  db: KesherDB,
  table: T,
  id: string,
): Promise<RowOf[T]> {
  const row = await db.synced(table).get(id);
  if (!row) throw new NotFoundError(table, id);
  return row;
}

/** The row, or NotFoundError when it does not exist or is a tombstone. */
export async function requireLive<T extends TableName>(
  db: KesherDB,
  table: T,
  id: string,
): Promise<RowOf[T]> {
  const row = await requireRow(db, table, id);
  if (row.deleted) throw new NotFoundError(table, id);
  return row;
}

/**
 * A contact named by a write must exist, be live and belong to that customer: one of
 * another customer is as unknown here as one that does not exist.
 */
export async function requireContactOf(
  db: KesherDB,
  customerId: string,
  contactId: string | undefined,
): Promise<Contact | undefined> {
  if (contactId === undefined) return undefined;
  const contact = await requireLive(db, 'contacts', contactId);
  if (contact.customerId !== customerId) throw new NotFoundError('contacts', contactId);
  return contact;
}
