import type { Contact, Customer } from '../model';
import type { IdentityLookup } from './lookup';

/**
 * An IdentityLookup over plain arrays, for tests and for tools that run outside the
 * browser. Like the real one, it returns deleted rows too: matching decides what counts.
 */
export function memoryLookup(customers: Customer[], contacts: Contact[] = []): IdentityLookup {
  const has = (list: readonly string[], value: string) => list.includes(value);
  return {
    customersByEmail: async (email) => customers.filter((c) => has(c.emails, email)),
    contactsByEmail: async (email) => contacts.filter((c) => has(c.emails, email)),
    customersByPhone: async (e164) => customers.filter((c) => has(c.phones, e164)),
    contactsByPhone: async (e164) => contacts.filter((c) => has(c.phones, e164)),
    customersByDomain: async (domain) => customers.filter((c) => has(c.domains, domain)),
    customerById: async (id) => customers.find((c) => c.id === id),
  };
}
