import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import {
  createCustomer,
  deleteCustomer,
  restoreCustomer,
  updateCustomer,
  upsertContact,
} from './mutations';
import type { KesherDB } from './schema';
import { freshDb, syncState } from './test-support';

let db: KesherDB;
afterEach(() => db?.close());

const person = {
  kind: 'person',
  personName: 'Dana Levi',
  email: 'dana@gmail.com',
  phone: '+972501234567',
} as const;
const company = {
  kind: 'company',
  personName: 'Noa Mizrahi',
  email: 'noa@acme.co.il',
  companyName: 'Acme',
  domain: 'acme.co.il',
} as const;

describe('createCustomer', () => {
  it('makes a person customer and a primary contact for them, in one outbox batch', async () => {
    db = freshDb();
    const customer = await createCustomer(db, person, undefined, { now: 100 });
    expect(customer).toMatchObject({
      kind: 'person',
      name: 'Dana Levi',
      emails: ['dana@gmail.com'],
      phones: ['+972501234567'],
      domains: [],
      deleted: false,
    });
    const contacts = await db.contacts.toArray();
    expect(contacts).toEqual([
      expect.objectContaining({
        customerId: customer.id,
        name: 'Dana Levi',
        emails: ['dana@gmail.com'],
        primary: true,
      }),
    ]);
    const outbox = await db.outbox.toArray();
    expect(outbox.map((e) => [e.table, e.id])).toEqual([
      ['customers', customer.id],
      ['contacts', contacts[0]!.id],
    ]);
  });

  it('makes a company customer with its domain and the person as primary contact', async () => {
    db = freshDb();
    const customer = await createCustomer(db, company, { teamId: 'team-1' });
    expect(customer).toMatchObject({
      kind: 'company',
      name: 'Acme',
      domains: ['acme.co.il'],
      emails: [],
      teamId: 'team-1',
    });
    const [contact] = await db.contacts.toArray();
    expect(contact).toMatchObject({
      name: 'Noa Mizrahi',
      emails: ['noa@acme.co.il'],
      primary: true,
    });
  });

  it('refuses a company without a name and writes nothing', async () => {
    db = freshDb();
    const error = await createCustomer(db, { ...company, companyName: undefined }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details[0]!.path).toBe('name');
    expect(await db.customers.count()).toBe(0);
    expect(await syncState(db)).toEqual({ clocks: [], outbox: [], meta: [] });
  });

  it('refuses an address that is not normalised the way the model wants', async () => {
    db = freshDb();
    await expect(createCustomer(db, { ...person, phone: '050-1234567' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await db.contacts.count()).toBe(0);
  });

  it('allows one customer per email, whether the address is on a customer or a contact', async () => {
    db = freshDb();
    const dana = await createCustomer(db, person);
    const acme = await createCustomer(db, company);

    const onCustomer = await createCustomer(db, {
      ...company,
      companyName: 'Other',
      email: person.email,
    }).catch((e: unknown) => e);
    expect(onCustomer).toBeInstanceOf(ConflictError);
    expect((onCustomer as ConflictError).existingId).toBe(dana.id);
    expect((onCustomer as ConflictError).code).toBe('conflict');

    // Noa's address is only on Acme's contact.
    const onContact = await createCustomer(db, { ...person, email: company.email }).catch(
      (e: unknown) => e,
    );
    expect((onContact as ConflictError).existingId).toBe(acme.id);
    expect(await db.customers.count()).toBe(2);
  });

  it('frees the addresses of a deleted customer', async () => {
    db = freshDb();
    const first = await createCustomer(db, person);
    await deleteCustomer(db, first.id);
    const second = await createCustomer(db, person);
    expect(second.id).not.toBe(first.id);
    // Bringing the first back would give the address two owners.
    const error = await restoreCustomer(db, first.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).existingId).toBe(second.id);
    expect((await db.customers.get(first.id))!.deleted).toBe(true);
  });

  it('lets only one of two concurrent creations with the same address through', async () => {
    db = freshDb();
    const results = await Promise.allSettled([
      createCustomer(db, person),
      createCustomer(db, { ...person, personName: 'Dana L.' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await db.customers.count()).toBe(1);
  });
});

describe('updateCustomer, deleteCustomer, restoreCustomer', () => {
  it('patches a live customer and refuses unknown and deleted ones', async () => {
    db = freshDb();
    const c = await createCustomer(db, company);
    const updated = await updateCustomer(db, c.id, { vertical: 'Retail', tags: ['vip'] });
    expect(updated).toMatchObject({ vertical: 'Retail', tags: ['vip'], name: 'Acme' });

    const unknown = await updateCustomer(db, 'nope', { vertical: 'x' }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect((unknown as NotFoundError).code).toBe('not-found');

    await deleteCustomer(db, c.id);
    await expect(updateCustomer(db, c.id, { vertical: 'x' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses to give a customer an address another customer owns', async () => {
    db = freshDb();
    const dana = await createCustomer(db, person);
    const acme = await createCustomer(db, company);
    await expect(
      updateCustomer(db, acme.id, { emails: ['dana@gmail.com'] }),
    ).rejects.toBeInstanceOf(ConflictError);
    // Its own address (here on its own contact) is fine.
    const ok = await updateCustomer(db, acme.id, { emails: ['noa@acme.co.il'] });
    expect(ok.emails).toEqual(['noa@acme.co.il']);
    expect((await db.customers.get(dana.id))!.emails).toEqual(['dana@gmail.com']);
  });

  it('tombstones on delete and brings the same row back on restore', async () => {
    db = freshDb();
    const c = await createCustomer(db, person);
    const deleted = await deleteCustomer(db, c.id, { now: 5_000 });
    expect(deleted).toMatchObject({ id: c.id, deleted: true, name: 'Dana Levi' });
    expect(await db.customers.count()).toBe(1);
    const restored = await restoreCustomer(db, c.id);
    expect(restored).toMatchObject({ deleted: false, name: 'Dana Levi' });
    const ops = (await db.outbox.toArray()).filter((e) => e.table === 'customers').map((e) => e.op);
    expect(ops).toEqual(['upsert', 'delete', 'restore']);
    await expect(deleteCustomer(db, 'nope')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('upsertContact', () => {
  it('adds a contact with defaults, patches it, and keeps one primary', async () => {
    db = freshDb();
    const acme = await createCustomer(db, company);
    const added = await upsertContact(db, {
      customerId: acme.id,
      patch: { name: 'Avi', emails: ['avi@acme.co.il'], role: 'purchaser' },
    });
    expect(added).toMatchObject({
      customerId: acme.id,
      name: 'Avi',
      phones: [],
      primary: false,
      role: 'purchaser',
    });
    const promoted = await upsertContact(db, {
      id: added.id,
      customerId: acme.id,
      patch: { primary: true, title: 'CFO' },
    });
    expect(promoted).toMatchObject({ name: 'Avi', primary: true, title: 'CFO' });
    const primaries = (await db.contacts.toArray()).filter((c) => c.primary);
    expect(primaries.map((c) => c.id)).toEqual([added.id]);
  });

  it('refuses a contact of another customer, an unknown customer and a taken address', async () => {
    db = freshDb();
    const acme = await createCustomer(db, company);
    const dana = await createCustomer(db, person);
    const [danaContact] = await db.contacts.where('customerId').equals(dana.id).toArray();
    await expect(
      upsertContact(db, { id: danaContact!.id, customerId: acme.id, patch: { name: 'x' } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      upsertContact(db, { customerId: 'nope', patch: { name: 'x' } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      upsertContact(db, { customerId: acme.id, patch: { emails: ['dana@gmail.com'] } }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await db.contacts.count()).toBe(2);
  });
});
