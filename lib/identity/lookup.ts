import type { Contact, Customer } from '../model';

/**
 * What matching needs from storage. lib/db implements it over IndexedDB; tests hand in maps.
 * Every method returns rows as stored, deleted ones included: matching decides what counts.
 */
export interface IdentityLookup {
  customersByEmail(email: string): Promise<Customer[]>;
  contactsByEmail(email: string): Promise<Contact[]>;
  customersByPhone(e164: string): Promise<Customer[]>;
  contactsByPhone(e164: string): Promise<Contact[]>;
  customersByDomain(domain: string): Promise<Customer[]>;
  customerById(id: string): Promise<Customer | undefined>;
}
