import type { Contact, Customer } from '../model';

/** Minimal valid rows for identity tests; each test states only what it is about. */
export function customerRow(overrides: Partial<Customer> & Pick<Customer, 'id'>): Customer {
  return {
    teamId: 'local',
    createdAt: 1_000,
    updatedAt: 1_000,
    deleted: false,
    kind: 'company',
    name: overrides.id,
    domains: [],
    emails: [],
    phones: [],
    address: {},
    acquisition: {},
    tags: [],
    customFields: {},
    consent: {},
    ...overrides,
  };
}

export function contactRow(
  overrides: Partial<Contact> & Pick<Contact, 'id' | 'customerId'>,
): Contact {
  return {
    teamId: 'local',
    createdAt: 1_000,
    updatedAt: 1_000,
    deleted: false,
    name: overrides.id,
    emails: [],
    phones: [],
    primary: false,
    ...overrides,
  };
}
