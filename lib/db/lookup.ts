import type { IdentityLookup } from '../identity/lookup';
import type { KesherDB } from './schema';

/**
 * Identification's view of storage, over the multi-entry indexes. Stored addresses, phones
 * and domains are already normalised, so the caller normalises its key and an exact match is
 * the answer. Tombstones are returned too: matching decides what counts.
 */
export function createLookup(db: KesherDB): IdentityLookup {
  return {
    customersByEmail: (email) => db.customers.where('emails').equals(email).toArray(),
    contactsByEmail: (email) => db.contacts.where('emails').equals(email).toArray(),
    customersByPhone: (e164) => db.customers.where('phones').equals(e164).toArray(),
    contactsByPhone: (e164) => db.contacts.where('phones').equals(e164).toArray(),
    customersByDomain: (domain) => db.customers.where('domains').equals(domain).toArray(),
    customerById: (id) => db.customers.get(id),
  };
}
