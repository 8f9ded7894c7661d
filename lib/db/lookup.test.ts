import { afterEach, describe, expect, it } from 'vitest';
import { createCustomer, deleteCustomer, updateCustomer, upsertContact } from './mutations';
import { createLookup } from './queries';
import type { KesherDB } from './schema';
import { freshDb } from './test-support';

let db: KesherDB;
afterEach(() => db.close());

describe('createLookup', () => {
  it('finds customers and contacts by email, phone and domain through the indexes', async () => {
    db = freshDb();
    const acme = await createCustomer(db, {
      kind: 'company',
      personName: 'Noa',
      email: 'noa@acme.co.il',
      companyName: 'Acme',
      domain: 'acme.co.il',
    });
    await updateCustomer(db, acme.id, {
      emails: ['info@acme.co.il', 'sales@acme.co.il'],
      phones: ['+97248123456'],
      domains: ['acme.co.il', 'acme.com'],
    });
    const noa = (await db.contacts.toArray())[0]!;
    await upsertContact(db, {
      id: noa.id,
      customerId: acme.id,
      patch: { phones: ['+972501112233'] },
    });
    const dana = await createCustomer(db, {
      kind: 'person',
      personName: 'Dana',
      email: 'dana@gmail.com',
      phone: '+972509998877',
    });
    const lookup = createLookup(db);

    expect((await lookup.customersByEmail('sales@acme.co.il')).map((c) => c.id)).toEqual([acme.id]);
    expect((await lookup.customersByEmail('dana@gmail.com')).map((c) => c.id)).toEqual([dana.id]);
    expect(await lookup.customersByEmail('noa@acme.co.il')).toEqual([]);
    expect((await lookup.contactsByEmail('noa@acme.co.il')).map((c) => c.id)).toEqual([noa.id]);
    expect((await lookup.customersByPhone('+97248123456')).map((c) => c.id)).toEqual([acme.id]);
    expect((await lookup.contactsByPhone('+972501112233')).map((c) => c.id)).toEqual([noa.id]);
    expect((await lookup.customersByDomain('acme.com')).map((c) => c.id)).toEqual([acme.id]);
    expect(await lookup.customersByDomain('gmail.com')).toEqual([]);
    expect((await lookup.customerById(dana.id))!.name).toBe('Dana');
    expect(await lookup.customerById('nope')).toBeUndefined();

    // Tombstones come back too: matching decides what counts.
    await deleteCustomer(db, dana.id);
    expect((await lookup.customersByEmail('dana@gmail.com'))[0]!.deleted).toBe(true);
  });
});
