import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { CreateCustomerInput } from '../messaging/protocol';
import type { Contact, ContactFields, Customer, CustomerFields, Settings } from '../model';
import { assertEmailsFree } from './email-owner';
import { requireContactOf, requireLive, requireRow } from './guards';
import type { KesherDB } from './schema';
import { applyChangesInTx, writeInTx, writeScope, type WriteOptions } from './write';

/** Customer and contact operations; each is one transaction, checks included. */

export type CreateCustomerData = z.output<typeof CreateCustomerInput>;

/**
 * Creates a customer and its primary contact. The caller has normalised the address, phone
 * and domain (lib/identity); the model still validates them. A person customer carries its
 * own address and phone; a company carries its domain, and the person goes on the contact.
 * Refuses with ConflictError when a live customer already owns the address.
 */
export async function createCustomer(
  db: KesherDB,
  input: CreateCustomerData,
  settings?: Pick<Settings, 'teamId'>,
  opts: WriteOptions = {},
): Promise<Customer> {
  const write = { ...opts, teamId: opts.teamId ?? settings?.teamId };
  const phones = input.phone ? [input.phone] : [];
  const customerId = uuidv7();
  const base = {
    address: {},
    acquisition: input.acquisition ?? {},
    tags: [],
    customFields: {},
    consent: {},
  };
  const customer: CustomerFields =
    input.kind === 'person'
      ? {
          ...base,
          kind: 'person',
          name: input.personName,
          emails: [input.email],
          phones,
          domains: [],
        }
      : {
          ...base,
          kind: 'company',
          // Empty when missing: the model refuses it with a message on `name`.
          name: input.companyName ?? '',
          emails: [],
          phones: [],
          domains: input.domain ? [input.domain] : [],
        };
  const contact: ContactFields = {
    customerId,
    name: input.personName,
    emails: [input.email],
    phones,
    primary: true,
  };

  return db.transaction('rw', writeScope(['customers', 'contacts']), async () => {
    await assertEmailsFree(db, [input.email]);
    const { rows } = await applyChangesInTx(
      db,
      [
        { table: 'customers', id: customerId, op: 'upsert', fields: customer },
        { table: 'contacts', id: uuidv7(), op: 'upsert', fields: contact },
      ],
      write,
    );
    return rows[0] as Customer;
  });
}

/** Patches a live customer. Addresses it gains must not belong to another customer. */
export async function updateCustomer(
  db: KesherDB,
  id: string,
  patch: Partial<CustomerFields>,
  opts: WriteOptions = {},
): Promise<Customer> {
  return db.transaction('rw', writeScope(['customers', 'contacts']), async () => {
    const current = await requireLive(db, 'customers', id);
    const added = (patch.emails ?? []).filter((e) => !current.emails.includes(e));
    await assertEmailsFree(db, added, id);
    const [row] = await writeInTx(
      db,
      [{ table: 'customers', id, op: 'upsert', fields: patch }],
      opts,
    );
    return row!;
  });
}

/**
 * Tombstones the customer. Its contacts, interactions and orders stay as they are: the file
 * is hidden with the customer and comes back whole on restore.
 */
export async function deleteCustomer(
  db: KesherDB,
  id: string,
  opts: WriteOptions = {},
): Promise<Customer> {
  return db.transaction('rw', writeScope(['customers']), async () => {
    await requireRow(db, 'customers', id);
    const [row] = await writeInTx(db, [{ table: 'customers', id, op: 'delete' }], opts);
    return row!;
  });
}

/**
 * Brings a tombstoned customer back, unless one of its addresses was given to another
 * customer in the meantime (ConflictError: one customer per email).
 */
export async function restoreCustomer(
  db: KesherDB,
  id: string,
  opts: WriteOptions = {},
): Promise<Customer> {
  return db.transaction('rw', writeScope(['customers', 'contacts']), async () => {
    const customer = await requireRow(db, 'customers', id);
    if (customer.deleted) {
      const contacts = await db.contacts.where('customerId').equals(id).toArray();
      const contactEmails = contacts.filter((c) => !c.deleted).flatMap((c) => c.emails);
      await assertEmailsFree(db, [...customer.emails, ...contactEmails], id);
    }
    const [row] = await writeInTx(db, [{ table: 'customers', id, op: 'restore' }], opts);
    return row!;
  });
}

export interface UpsertContactData {
  /** Absent to add a contact. */
  id?: string;
  customerId: string;
  patch: Partial<Omit<ContactFields, 'customerId'>>;
}

/**
 * Adds or patches a contact of a live customer. Making a contact primary demotes the
 * customer's other primary contacts in the same transaction, so there is one.
 */
export async function upsertContact(
  db: KesherDB,
  { id, customerId, patch }: UpsertContactData,
  opts: WriteOptions = {},
): Promise<Contact> {
  return db.transaction('rw', writeScope(['customers', 'contacts']), async () => {
    await requireLive(db, 'customers', customerId);
    const current = await requireContactOf(db, customerId, id);
    const added = (patch.emails ?? []).filter((e) => !current?.emails.includes(e));
    await assertEmailsFree(db, added, customerId);

    const contactId = id ?? uuidv7();
    const fields = current
      ? patch
      : { name: '', emails: [], phones: [], primary: false, ...patch, customerId };
    const [contact] = await writeInTx(
      db,
      [{ table: 'contacts', id: contactId, op: 'upsert', fields }],
      opts,
    );
    if (patch.primary) {
      const others = await db.contacts.where('customerId').equals(customerId).toArray();
      const demote = others.filter((c) => c.primary && !c.deleted && c.id !== contactId);
      await writeInTx(
        db,
        demote.map((c) => ({
          table: 'contacts' as const,
          id: c.id,
          op: 'upsert' as const,
          fields: { primary: false },
        })),
        opts,
      );
    }
    return contact!;
  });
}
