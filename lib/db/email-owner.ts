import { ConflictError } from './errors';
import type { KesherDB } from './schema';

/**
 * One customer per email: identification maps an address to exactly one customer, so no
 * address may sit on two live customers (on the customer row or on one of its live contacts).
 * A contact of a deleted customer does not count: deleting the customer frees its addresses.
 * Runs inside the caller's transaction (customers, contacts) so check and write are atomic.
 */
export async function findEmailOwner(
  db: KesherDB,
  email: string,
  exceptCustomerId?: string,
): Promise<string | undefined> {
  const customers = await db.customers.where('emails').equals(email).toArray();
  const owner = customers.find((c) => !c.deleted && c.id !== exceptCustomerId);
  if (owner) return owner.id;

  const contacts = await db.contacts.where('emails').equals(email).toArray();
  for (const contact of contacts) {
    if (contact.deleted || contact.customerId === exceptCustomerId) continue;
    const customer = await db.customers.get(contact.customerId);
    if (customer && !customer.deleted) return customer.id;
  }
  return undefined;
}

/** Throws ConflictError naming the existing customer when any of the addresses is taken. */
export async function assertEmailsFree(
  db: KesherDB,
  emails: readonly string[],
  exceptCustomerId?: string,
): Promise<void> {
  for (const email of new Set(emails)) {
    const owner = await findEmailOwner(db, email, exceptCustomerId);
    if (owner) throw new ConflictError(`${email} already belongs to another customer`, owner);
  }
}
