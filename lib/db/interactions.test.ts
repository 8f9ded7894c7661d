import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Customer } from '../model';
import { ForbiddenError, NotFoundError, ValidationError } from './errors';
import { loggedExternalIds } from './logged';
import { createCustomer, logEmailMessages, logInteraction, updateInteraction } from './mutations';
import type { KesherDB } from './schema';
import { freshDb, syncState } from './test-support';
import { applyChanges } from './write';

let db: KesherDB;
let customer: Customer;
beforeEach(async () => {
  db = freshDb();
  customer = await createCustomer(db, {
    kind: 'company',
    personName: 'Noa',
    email: 'noa@acme.co.il',
    companyName: 'Acme',
    domain: 'acme.co.il',
  });
});
afterEach(() => db.close());

const thread = () => ({
  customerId: customer.id,
  subject: 'Quote for 40 units',
  sourceUrl: 'https://mail.google.com/mail/u/0/#inbox/FMfcg',
  threadId: 'FMfcg',
  messages: [
    { id: 'm1', from: 'noa@acme.co.il', at: 1_000 },
    { id: 'm2', from: 'Maya@Kesher.example ', at: 2_000 },
    { id: 'm3' },
  ],
  agentEmails: ['maya@kesher.example'],
  loggedBy: 'click' as const,
});

describe('logInteraction', () => {
  it('logs with the agent as author and `at` defaulting to now', async () => {
    const { interaction, created } = await logInteraction(
      db,
      { customerId: customer.id, channel: 'phone', direction: 'outbound', durationSec: 120 },
      { agent: 'maya@kesher.example', now: 7_000 },
    );
    expect(created).toBe(true);
    expect(interaction).toMatchObject({
      at: 7_000,
      agent: 'maya@kesher.example',
      channel: 'phone',
    });
    expect(await db.interactions.get(interaction.id)).toEqual(interaction);
  });

  it('returns the existing interaction for an external id already logged, writing nothing', async () => {
    const fields = {
      customerId: customer.id,
      channel: 'ticket',
      direction: 'inbound',
      externalId: 'T-1',
    } as const;
    const first = await logInteraction(db, fields, { agent: 'a@x.io' });
    const before = await syncState(db);
    const second = await logInteraction(db, { ...fields, subject: 'again' }, { agent: 'b@x.io' });
    expect(second).toEqual({ interaction: first.interaction, created: false });
    expect(await syncState(db)).toEqual(before);
  });

  it('logs once when two calls with the same external id race', async () => {
    const fields = {
      customerId: customer.id,
      channel: 'chat',
      direction: 'inbound',
      externalId: 'chat-9',
    } as const;
    const results = await Promise.all([logInteraction(db, fields), logInteraction(db, fields)]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(results[0]!.interaction.id).toBe(results[1]!.interaction.id);
    expect(await db.interactions.count()).toBe(1);
  });

  it('logs again once the earlier log is a tombstone', async () => {
    const fields = {
      customerId: customer.id,
      channel: 'ticket',
      direction: 'inbound',
      externalId: 'T-2',
    } as const;
    const first = await logInteraction(db, fields);
    await applyChanges(db, [{ table: 'interactions', id: first.interaction.id, op: 'delete' }]);
    const second = await logInteraction(db, fields);
    expect(second.created).toBe(true);
    expect(second.interaction.id).not.toBe(first.interaction.id);
  });

  it('refuses an unknown customer, a foreign contact and a non-http source', async () => {
    await expect(
      logInteraction(db, { customerId: 'nope', channel: 'note', direction: 'internal' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      logInteraction(db, {
        customerId: customer.id,
        contactId: 'nope',
        channel: 'note',
        direction: 'internal',
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      logInteraction(db, {
        customerId: customer.id,
        channel: 'note',
        direction: 'internal',
        sourceUrl: 'javascript:alert(1)',
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await db.interactions.count()).toBe(0);
  });
});

describe('logEmailMessages', () => {
  it('logs one email per message with direction, time, subject and link', async () => {
    const result = await logEmailMessages(db, thread(), { now: 9_000 });
    expect(result).toEqual({ logged: 3, alreadyLogged: 0 });
    const rows = await db.interactions.orderBy('at').toArray();
    expect(rows.map((r) => [r.externalId, r.direction, r.at])).toEqual([
      ['m1', 'inbound', 1_000],
      ['m2', 'outbound', 2_000],
      ['m3', 'inbound', 9_000],
    ]);
    expect(rows[0]).toMatchObject({
      channel: 'email',
      subject: 'Quote for 40 units',
      sourceUrl: 'https://mail.google.com/mail/u/0/#inbox/FMfcg',
      loggedBy: 'click',
      agent: 'maya@kesher.example',
    });
    expect('body' in rows[0]!).toBe(false);
    // One transaction, one outbox entry per new interaction.
    expect((await db.outbox.toArray()).filter((e) => e.table === 'interactions')).toHaveLength(3);
  });

  it('logs only the messages not logged yet on a second call', async () => {
    await logEmailMessages(db, { ...thread(), messages: thread().messages.slice(0, 2) });
    const result = await logEmailMessages(db, thread());
    expect(result).toEqual({ logged: 1, alreadyLogged: 2 });
    expect(await db.interactions.count()).toBe(3);
    const again = await logEmailMessages(db, thread());
    expect(again).toEqual({ logged: 0, alreadyLogged: 3 });
    expect(await db.interactions.count()).toBe(3);
  });

  it('logs each message once when two calls race', async () => {
    const results = await Promise.all([
      logEmailMessages(db, thread()),
      logEmailMessages(db, { ...thread(), loggedBy: 'auto' }),
    ]);
    expect(results.map((r) => r.logged).sort()).toEqual([0, 3]);
    expect(await db.interactions.count()).toBe(3);
  });

  it('counts a message listed twice once and cuts an over-long subject', async () => {
    const result = await logEmailMessages(db, {
      ...thread(),
      subject: 'x'.repeat(900),
      messages: [{ id: 'm1' }, { id: 'm1' }],
    });
    expect(result).toEqual({ logged: 1, alreadyLogged: 0 });
    expect((await db.interactions.toArray())[0]!.subject).toHaveLength(500);
  });

  it('keeps message ids per customer: the same message can be logged for two customers', async () => {
    const other = await createCustomer(db, {
      kind: 'person',
      personName: 'Dan',
      email: 'dan@gmail.com',
    });
    await logEmailMessages(db, thread());
    const result = await logEmailMessages(db, { ...thread(), customerId: other.id });
    expect(result.logged).toBe(3);
    expect(await loggedExternalIds(db, customer.id, ['m3', 'zz', 'm1'])).toEqual(['m3', 'm1']);
  });
});

describe('updateInteraction', () => {
  it('lets the author edit and forbids everyone else', async () => {
    const { interaction } = await logInteraction(
      db,
      { customerId: customer.id, channel: 'meeting', direction: 'outbound' },
      { agent: 'maya@kesher.example' },
    );
    const edited = await updateInteraction(
      db,
      interaction.id,
      { outcome: 'signed' },
      {
        agent: 'maya@kesher.example',
      },
    );
    expect(edited.outcome).toBe('signed');

    const before = await syncState(db);
    const error = await updateInteraction(
      db,
      interaction.id,
      { outcome: 'lost' },
      {
        agent: 'eve@kesher.example',
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).code).toBe('forbidden');
    expect((await db.interactions.get(interaction.id))!.outcome).toBe('signed');
    expect(await syncState(db)).toEqual(before);
  });

  it('forbids editing an interaction with no recorded author', async () => {
    const { interaction } = await logInteraction(db, {
      customerId: customer.id,
      channel: 'note',
      direction: 'internal',
    });
    await expect(
      updateInteraction(db, interaction.id, { summary: 'x' }, { agent: 'maya@kesher.example' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});
