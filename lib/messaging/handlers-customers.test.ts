import { afterEach, describe, expect, it } from 'vitest';
import {
  addCustomer,
  dbSnapshot,
  errorOf,
  expectInvalid,
  participant,
  setup,
  thread,
  unwrap,
  type Setup,
} from './test-support';

let env: Setup;
afterEach(() => env?.db.close());

const MISSING_ID = '0190f1c2-0000-7000-8000-00000000dead';

describe('createCustomer', () => {
  it('stores a person with a lower-cased address and an E.164 phone read in region IL', async () => {
    env = setup();
    const customer = await addCustomer(env, {
      kind: 'person',
      personName: '  Dana Levi ',
      email: ' Dana.Levi@GMAIL.com ',
      phone: '050-123-4567',
    });
    expect(customer).toMatchObject({
      kind: 'person',
      name: 'Dana Levi',
      emails: ['dana.levi@gmail.com'],
      phones: ['+972501234567'],
      domains: [],
      deleted: false,
    });
    expect(await env.db.customers.get(customer.id)).toEqual(customer);
    const contacts = await env.db.contacts.toArray();
    expect(contacts).toEqual([
      expect.objectContaining({
        customerId: customer.id,
        name: 'Dana Levi',
        emails: ['dana.levi@gmail.com'],
        phones: ['+972501234567'],
        primary: true,
      }),
    ]);
  });

  it('reads a local phone in the team region', async () => {
    env = setup();
    unwrap(await env.handlers.updateSettings({ phoneRegion: 'LV' }));
    const customer = await addCustomer(env, {
      kind: 'person',
      personName: 'Janis',
      email: 'janis@inbox.lv',
      phone: '21234567',
    });
    expect(customer.phones).toEqual(['+37121234567']);
  });

  it("names a person without a name after the address's local part", async () => {
    env = setup();
    const customer = await addCustomer(env, {
      kind: 'person',
      personName: '   ',
      email: 'Marija@gmail.com',
    });
    expect(customer.name).toBe('marija');
  });

  it('takes a company domain from the email when none is given', async () => {
    env = setup();
    const customer = await addCustomer(env, {
      kind: 'company',
      personName: 'Noa Mizrahi',
      email: 'Noa@Mail.Acme.co.il',
      companyName: ' Acme ',
    });
    expect(customer).toMatchObject({
      kind: 'company',
      name: 'Acme',
      domains: ['acme.co.il'],
      emails: [],
    });
    const [contact] = await env.db.contacts.toArray();
    expect(contact).toMatchObject({ name: 'Noa Mizrahi', emails: ['noa@mail.acme.co.il'] });
  });

  it('reduces a given company domain to its registrable part', async () => {
    env = setup();
    const customer = await addCustomer(env, {
      kind: 'company',
      personName: 'Noa',
      email: 'noa@gmail.com',
      companyName: 'Acme',
      domain: 'WWW.Acme.co.il',
    });
    expect(customer.domains).toEqual(['acme.co.il']);
  });

  it.each([
    ['from the email', 'owner@gmail.com', undefined],
    ['given', 'owner@bakery.co.il', 'walla.co.il'],
    ['given as a subdomain', 'owner@bakery.co.il', 'mail.inbox.lv'],
  ])('never stores a free-mail domain as the company domain (%s)', async (_, email, domain) => {
    env = setup();
    const customer = await addCustomer(env, {
      kind: 'company',
      personName: 'Owner',
      email,
      companyName: 'Bakery',
      domain,
    });
    expect(customer.domains).toEqual([]);
  });

  it("never stores a team's own free-mail domain as the company domain", async () => {
    env = setup();
    unwrap(await env.handlers.updateSettings({ freeMailDomains: ['kibbutz.org.il'] }));
    const customer = await addCustomer(env, {
      kind: 'company',
      personName: 'Owner',
      email: 'owner@kibbutz.org.il',
      companyName: 'Dairy',
    });
    expect(customer.domains).toEqual([]);
  });

  it('never gives a person customer a domain', async () => {
    env = setup();
    const customer = await addCustomer(env, {
      kind: 'person',
      personName: 'Noa',
      email: 'noa@acme.co.il',
      domain: 'acme.co.il',
    });
    expect(customer.domains).toEqual([]);
  });

  it('keeps the acquisition', async () => {
    env = setup();
    const customer = await addCustomer(env, {
      kind: 'person',
      personName: 'Dana',
      email: 'dana@gmail.com',
      acquisition: { channel: 'referral', detail: 'Noa' },
    });
    expect(customer.acquisition).toEqual({ channel: 'referral', detail: 'Noa' });
  });

  it('notifies with the new customer id after the write', async () => {
    env = setup();
    const customer = await addCustomer(env, {
      kind: 'person',
      personName: 'Dana',
      email: 'dana@gmail.com',
    });
    expect(env.notify).toHaveBeenCalledTimes(1);
    expect(env.notify).toHaveBeenCalledWith({
      customerIds: [customer.id],
      tables: ['customers', 'contacts'],
    });
  });

  it('writes the customer, its contact and their outbox entries together', async () => {
    env = setup();
    const customer = await addCustomer(env, {
      kind: 'person',
      personName: 'Dana',
      email: 'dana@gmail.com',
    });
    const [contact] = await env.db.contacts.toArray();
    const outbox = await env.db.outbox.toArray();
    expect(outbox.map((e) => [e.table, e.id, e.op])).toEqual([
      ['customers', customer.id, 'upsert'],
      ['contacts', contact!.id, 'upsert'],
    ]);
    expect(unwrap(await env.handlers.getStats(null)).pendingChanges).toBe(2);
  });

  it('refuses a second customer with the same email, in any case, and writes nothing', async () => {
    env = setup();
    const first = await addCustomer(env, {
      kind: 'person',
      personName: 'Dana',
      email: 'dana@gmail.com',
    });
    env.notify.mockClear();
    const before = await dbSnapshot(env.db);
    for (const input of [
      { kind: 'person', personName: 'Dana again', email: 'DANA@gmail.com' },
      { kind: 'company', personName: 'Dana', email: 'dana@gmail.com', companyName: 'Dana Ltd' },
    ] as const) {
      const error = errorOf(await env.handlers.createCustomer(input));
      expect(error.code).toBe('conflict');
      expect(error.details).toEqual({ existingId: first.id });
    }
    expect(await dbSnapshot(env.db)).toEqual(before);
    expect(env.notify).not.toHaveBeenCalled();
  });

  it("refuses an address that is another customer's contact", async () => {
    env = setup();
    const acme = await addCustomer(env, {
      kind: 'company',
      personName: 'Noa',
      email: 'noa@acme.co.il',
      companyName: 'Acme',
    });
    const error = errorOf(
      await env.handlers.createCustomer({
        kind: 'person',
        personName: 'Noa',
        email: 'noa@acme.co.il',
      }),
    );
    expect(error).toMatchObject({ code: 'conflict', details: { existingId: acme.id } });
    expect(await env.db.customers.count()).toBe(1);
  });

  it('refuses a company without a name and writes nothing', async () => {
    env = setup();
    const before = await dbSnapshot(env.db);
    const result = await env.handlers.createCustomer({
      kind: 'company',
      personName: 'Noa',
      email: 'noa@acme.co.il',
    });
    expectInvalid(result, /name/);
    expect(await dbSnapshot(env.db)).toEqual(before);
    expect(env.notify).not.toHaveBeenCalled();
  });

  it('refuses an invalid phone and writes nothing', async () => {
    env = setup();
    const result = await env.handlers.createCustomer({
      kind: 'person',
      personName: 'Dana',
      email: 'dana@gmail.com',
      phone: '12',
    });
    expectInvalid(result, '"12" is not a phone number');
    expect(await env.db.customers.count()).toBe(0);
    expect(await env.db.outbox.count()).toBe(0);
  });
});

describe('updateCustomer', () => {
  async function dana() {
    return addCustomer(env, { kind: 'person', personName: 'Dana', email: 'dana@gmail.com' });
  }

  it('patches the customer, normalising phones and addresses', async () => {
    env = setup();
    const customer = await dana();
    env.notify.mockClear();
    const outboxBefore = await env.db.outbox.count();
    const { customer: updated } = unwrap(
      await env.handlers.updateCustomer({
        id: customer.id,
        patch: {
          name: 'Dana Levi',
          phones: ['+9720501234567', '+972507654321'],
          emails: ['dana@gmail.com', 'Dana.Levi@Work.co.il'],
          tags: ['vip'],
        },
      }),
    );
    expect(updated).toMatchObject({
      name: 'Dana Levi',
      phones: ['+972501234567', '+972507654321'],
      emails: ['dana@gmail.com', 'dana.levi@work.co.il'],
      tags: ['vip'],
    });
    expect(await env.db.customers.get(customer.id)).toEqual(updated);
    expect(await env.db.outbox.count()).toBe(outboxBefore + 1);
    expect(env.notify).toHaveBeenCalledWith({ customerIds: [customer.id], tables: ['customers'] });
  });

  it('accepts a phone as the agent typed it ("050-123-4567")', async () => {
    env = setup();
    const customer = await dana();
    const { customer: updated } = unwrap(
      await env.handlers.updateCustomer({ id: customer.id, patch: { phones: ['050-123-4567'] } }),
    );
    expect(updated.phones).toEqual(['+972501234567']);
  });

  it('refuses an invalid phone and writes nothing', async () => {
    env = setup();
    const customer = await dana();
    env.notify.mockClear();
    const before = await dbSnapshot(env.db);
    const result = await env.handlers.updateCustomer({
      id: customer.id,
      patch: { name: 'Changed', phones: ['+972501234567', '+1234567'] },
    });
    expectInvalid(result, '"+1234567" is not a phone number');
    expect(await dbSnapshot(env.db)).toEqual(before);
    expect(env.notify).not.toHaveBeenCalled();
  });

  it("refuses taking another customer's address", async () => {
    env = setup();
    const customer = await dana();
    const other = await addCustomer(env, {
      kind: 'person',
      personName: 'Janis',
      email: 'janis@inbox.lv',
    });
    const before = await dbSnapshot(env.db);
    const error = errorOf(
      await env.handlers.updateCustomer({
        id: customer.id,
        patch: { emails: ['dana@gmail.com', 'JANIS@inbox.lv'] },
      }),
    );
    expect(error).toMatchObject({ code: 'conflict', details: { existingId: other.id } });
    expect(await dbSnapshot(env.db)).toEqual(before);
  });

  it('answers not-found for an unknown customer', async () => {
    env = setup();
    const error = errorOf(
      await env.handlers.updateCustomer({ id: MISSING_ID, patch: { name: 'Ghost' } }),
    );
    expect(error.code).toBe('not-found');
    expect(await env.db.outbox.count()).toBe(0);
  });
});

describe('upsertContact', () => {
  it('adds a contact to the customer, which the file then shows', async () => {
    env = setup();
    const acme = await addCustomer(env, {
      kind: 'company',
      personName: 'Noa',
      email: 'noa@acme.co.il',
      companyName: 'Acme',
    });
    env.notify.mockClear();
    const outboxBefore = await env.db.outbox.count();
    const { contact } = unwrap(
      await env.handlers.upsertContact({
        customerId: acme.id,
        patch: {
          name: 'Eitan',
          emails: ['Eitan@Acme.co.il'],
          phones: ['+9720521234567'],
          role: 'purchaser',
        },
      }),
    );
    expect(contact).toMatchObject({
      customerId: acme.id,
      name: 'Eitan',
      emails: ['eitan@acme.co.il'],
      phones: ['+972521234567'],
      role: 'purchaser',
      primary: false,
    });
    expect(await env.db.outbox.count()).toBe(outboxBefore + 1);
    expect(env.notify).toHaveBeenCalledWith({ customerIds: [acme.id], tables: ['contacts'] });

    const { file } = unwrap(await env.handlers.getCustomerFile({ customerId: acme.id }));
    expect(file.contacts.map((c) => c.name)).toEqual(['Noa', 'Eitan']);

    // And the new contact identifies the customer on the next thread.
    const { matches } = unwrap(
      await env.handlers.openThread({
        context: thread({ participants: [participant('eitan@acme.co.il')] }),
      }),
    );
    expect(matches[0]!.match).toMatchObject({
      customerId: acme.id,
      contactId: contact.id,
      by: 'contact-email',
    });
  });

  it('patches an existing contact and keeps one primary', async () => {
    env = setup();
    const acme = await addCustomer(env, {
      kind: 'company',
      personName: 'Noa',
      email: 'noa@acme.co.il',
      companyName: 'Acme',
    });
    const { contact } = unwrap(
      await env.handlers.upsertContact({ customerId: acme.id, patch: { name: 'Eitan' } }),
    );
    const { contact: promoted } = unwrap(
      await env.handlers.upsertContact({
        id: contact.id,
        customerId: acme.id,
        patch: { primary: true, title: 'CFO' },
      }),
    );
    expect(promoted).toMatchObject({ id: contact.id, name: 'Eitan', title: 'CFO', primary: true });
    const contacts = await env.db.contacts.toArray();
    expect(contacts.filter((c) => c.primary).map((c) => c.id)).toEqual([contact.id]);
  });

  it("refuses another customer's address, an invalid phone and an unknown customer", async () => {
    env = setup();
    const acme = await addCustomer(env, {
      kind: 'company',
      personName: 'Noa',
      email: 'noa@acme.co.il',
      companyName: 'Acme',
    });
    await addCustomer(env, { kind: 'person', personName: 'Dana', email: 'dana@gmail.com' });
    const before = await dbSnapshot(env.db);
    const conflict = errorOf(
      await env.handlers.upsertContact({
        customerId: acme.id,
        patch: { name: 'Dana', emails: ['dana@gmail.com'] },
      }),
    );
    expect(conflict.code).toBe('conflict');
    expectInvalid(
      await env.handlers.upsertContact({
        customerId: acme.id,
        patch: { name: 'Eitan', phones: ['+9721234'] },
      }),
      '"+9721234" is not a phone number',
    );
    const missing = errorOf(
      await env.handlers.upsertContact({ customerId: MISSING_ID, patch: { name: 'Ghost' } }),
    );
    expect(missing.code).toBe('not-found');
    expect(await dbSnapshot(env.db)).toEqual(before);
  });
});
