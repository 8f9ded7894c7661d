import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '../model';
import {
  AGENT,
  NOW,
  addCustomer,
  dbSnapshot,
  errorOf,
  participant,
  setup,
  thread,
  unwrap,
  type Setup,
} from './test-support';

let env: Setup;
afterEach(() => env?.db.close());

const DANA = 'dana@gmail.com';
const URL = 'https://mail.google.com/mail/u/0/#inbox/t1';

/** Dana writes, the agent answers, Dana writes again. */
const conversation = (overrides: Parameters<typeof thread>[0] = {}) =>
  thread({
    account: AGENT,
    subject: 'Order 1042',
    participants: [participant(DANA), participant(AGENT, 'to')],
    messageIds: ['m1', 'm2', 'm3'],
    messages: [
      { id: 'm1', from: DANA, at: 1_000 },
      { id: 'm2', from: 'Agent@Shop.co.il', at: 2_000 },
      { id: 'm3', from: DANA, at: 3_000 },
    ],
    ...overrides,
  });

async function dana(): Promise<Customer> {
  const customer = await addCustomer(env, { kind: 'person', personName: 'Dana', email: DANA });
  env.notify.mockClear();
  return customer;
}

/** The interactions of the customer, oldest first. */
async function interactionsOf(customerId: string) {
  const rows = await env.db.interactions.toArray();
  return rows.filter((i) => i.customerId === customerId).sort((a, b) => a.at - b.at);
}

/** Every stored interaction has its outbox entry: the row and its entry were one write. */
async function expectOutboxCoversInteractions() {
  const [rows, outbox] = await Promise.all([
    env.db.interactions.toArray(),
    env.db.outbox.toArray(),
  ]);
  const queued = new Set(outbox.filter((e) => e.table === 'interactions').map((e) => e.id));
  expect(rows.every((row) => queued.has(row.id))).toBe(true);
  expect(queued.size).toBe(rows.length);
}

describe('logEmail', () => {
  it('logs one email interaction per message, outbound for the agent, inbound otherwise', async () => {
    env = setup();
    const customer = await dana();
    const outboxBefore = await env.db.outbox.count();

    const result = unwrap(
      await env.handlers.logEmail({
        customerId: customer.id,
        participantEmail: DANA,
        context: conversation(),
      }),
    );

    expect(result).toEqual({ logged: 3, alreadyLogged: 0 });
    const rows = await interactionsOf(customer.id);
    expect(
      rows.map((i) => [i.externalId, i.direction, i.at, i.channel, i.subject, i.sourceUrl]),
    ).toEqual([
      ['m1', 'inbound', 1_000, 'email', 'Order 1042', URL],
      ['m2', 'outbound', 2_000, 'email', 'Order 1042', URL],
      ['m3', 'inbound', 3_000, 'email', 'Order 1042', URL],
    ]);
    expect(rows.every((i) => i.loggedBy === 'click' && i.agent === AGENT)).toBe(true);
    expect(rows.every((i) => i.body === undefined)).toBe(true);
    expect(await env.db.outbox.count()).toBe(outboxBefore + 3);
    await expectOutboxCoversInteractions();
    expect(env.notify).toHaveBeenCalledTimes(1);
    expect(env.notify).toHaveBeenCalledWith({
      customerIds: [customer.id],
      tables: ['interactions'],
    });
  });

  it('takes outbound from prefs.agentEmails when the page shows no account', async () => {
    env = setup({ agentEmails: ['me@shop.co.il'] });
    const customer = await dana();
    unwrap(
      await env.handlers.logEmail({
        customerId: customer.id,
        participantEmail: DANA,
        context: conversation({
          account: undefined,
          messages: [
            { id: 'm1', from: DANA, at: 1 },
            { id: 'm2', from: 'ME@shop.co.il', at: 2 },
          ],
          messageIds: ['m1', 'm2'],
        }),
      }),
    );
    const rows = await interactionsOf(customer.id);
    expect(rows.map((i) => [i.externalId, i.direction, i.agent])).toEqual([
      ['m1', 'inbound', 'me@shop.co.il'],
      ['m2', 'outbound', 'me@shop.co.il'],
    ]);
  });

  it('logs by message id when the page gives no message details', async () => {
    env = setup();
    const customer = await dana();
    const result = unwrap(
      await env.handlers.logEmail({
        customerId: customer.id,
        participantEmail: DANA,
        context: conversation({ messageIds: ['x1', 'x2'], messages: [] }),
      }),
    );
    expect(result).toEqual({ logged: 2, alreadyLogged: 0 });
    const rows = await interactionsOf(customer.id);
    expect(rows.map((i) => i.externalId).sort()).toEqual(['x1', 'x2']);
    expect(rows.every((i) => i.direction === 'inbound')).toBe(true);
  });

  it('logs nothing the second time', async () => {
    env = setup();
    const customer = await dana();
    const input = { customerId: customer.id, participantEmail: DANA, context: conversation() };
    unwrap(await env.handlers.logEmail(input));
    env.notify.mockClear();
    const before = await dbSnapshot(env.db);

    expect(unwrap(await env.handlers.logEmail(input))).toEqual({ logged: 0, alreadyLogged: 3 });
    expect(await dbSnapshot(env.db)).toEqual(before);
    expect(env.notify).not.toHaveBeenCalled();
  });

  it('logs only the new message when the thread grew', async () => {
    env = setup();
    const customer = await dana();
    const first = conversation({
      messageIds: ['m1'],
      messages: [{ id: 'm1', from: DANA, at: 1_000 }],
    });
    unwrap(
      await env.handlers.logEmail({
        customerId: customer.id,
        participantEmail: DANA,
        context: first,
      }),
    );
    const result = unwrap(
      await env.handlers.logEmail({
        customerId: customer.id,
        participantEmail: DANA,
        context: conversation(),
      }),
    );
    expect(result).toEqual({ logged: 2, alreadyLogged: 1 });
    expect(await env.db.interactions.count()).toBe(3);
  });

  it('logs a thread once when two clicks race', async () => {
    env = setup();
    const customer = await dana();
    const input = { customerId: customer.id, participantEmail: DANA, context: conversation() };
    const results = await Promise.all([env.handlers.logEmail(input), env.handlers.logEmail(input)]);
    expect(results.map((r) => unwrap(r).logged).sort()).toEqual([0, 3]);
    expect(await env.db.interactions.count()).toBe(3);
    await expectOutboxCoversInteractions();
  });

  it('drops a non-https page URL rather than storing it', async () => {
    env = setup();
    const customer = await dana();
    unwrap(
      await env.handlers.logEmail({
        customerId: customer.id,
        participantEmail: DANA,
        context: conversation({ url: 'javascript:alert(1)' }),
      }),
    );
    const rows = await interactionsOf(customer.id);
    expect(rows).toHaveLength(3);
    expect(rows.every((i) => !('sourceUrl' in i))).toBe(true);
  });

  it('cuts a long subject to what the model stores', async () => {
    env = setup();
    const customer = await dana();
    unwrap(
      await env.handlers.logEmail({
        customerId: customer.id,
        participantEmail: DANA,
        context: conversation({ subject: 'ש'.repeat(900) }),
      }),
    );
    const rows = await interactionsOf(customer.id);
    expect(rows.map((i) => i.subject?.length)).toEqual([500, 500, 500]);
  });

  it('records the contact it was logged against', async () => {
    env = setup();
    const customer = await dana();
    const [contact] = await env.db.contacts.toArray();
    unwrap(
      await env.handlers.logEmail({
        customerId: customer.id,
        contactId: contact!.id,
        participantEmail: DANA,
        context: conversation(),
      }),
    );
    expect((await interactionsOf(customer.id)).map((i) => i.contactId)).toEqual([
      contact!.id,
      contact!.id,
      contact!.id,
    ]);
  });

  it.each([
    ['address', 'neverLog', { list: 'neverLog', kind: 'address', value: 'DANA@gmail.com' }],
    ['domain', 'neverLog', { list: 'neverLog', kind: 'domain', value: 'gmail.com' }],
  ] as const)(
    'refuses with never-log when the participant’s %s is listed, and writes nothing',
    async (_, __, entry) => {
      env = setup();
      const customer = await dana();
      unwrap(await env.handlers.addToNeverList(entry));
      env.notify.mockClear();
      const before = await dbSnapshot(env.db);
      const error = errorOf(
        await env.handlers.logEmail({
          customerId: customer.id,
          participantEmail: 'Dana@Gmail.com',
          context: conversation(),
        }),
      );
      expect(error.code).toBe('never-log');
      expect(error.message).toContain(DANA);
      expect(await dbSnapshot(env.db)).toEqual(before);
      expect(env.notify).not.toHaveBeenCalled();
    },
  );

  it('refuses what openThread flags as never-log, however the list was written', async () => {
    env = setup();
    const acme = await addCustomer(env, {
      kind: 'company',
      personName: 'Noa',
      email: 'noa@mail.acme.co.il',
      companyName: 'Acme',
    });
    // Settings saved whole (the options page, a team sync) are not normalised by addToNeverList.
    unwrap(
      await env.handlers.updateSettings({
        neverLog: { addresses: ['Boss@Acme.co.il'], domains: ['mail.acme.co.il'] },
      }),
    );
    const context = thread({
      participants: [participant('noa@mail.acme.co.il'), participant('boss@acme.co.il', 'cc')],
    });
    const { matches } = unwrap(await env.handlers.openThread({ context }));
    expect(matches.map((m) => [m.participant.email, m.neverLog])).toEqual([
      ['noa@mail.acme.co.il', true],
      ['boss@acme.co.il', true],
    ]);
    const before = await dbSnapshot(env.db);
    for (const participantEmail of ['noa@mail.acme.co.il', 'boss@acme.co.il']) {
      const error = errorOf(
        await env.handlers.logEmail({ customerId: acme.id, participantEmail, context }),
      );
      expect(error.code).toBe('never-log');
    }
    expect(await dbSnapshot(env.db)).toEqual(before);
  });

  it('still logs for a participant whose domain only shares a suffix with a listed one', async () => {
    env = setup();
    const customer = await addCustomer(env, {
      kind: 'person',
      personName: 'Noa',
      email: 'noa@notacme.co.il',
    });
    unwrap(
      await env.handlers.addToNeverList({ list: 'neverLog', kind: 'domain', value: 'acme.co.il' }),
    );
    const result = unwrap(
      await env.handlers.logEmail({
        customerId: customer.id,
        participantEmail: 'noa@notacme.co.il',
        context: conversation(),
      }),
    );
    expect(result.logged).toBe(3);
  });

  it('answers not-found for an unknown customer or a contact of another customer', async () => {
    env = setup();
    const customer = await dana();
    await addCustomer(env, { kind: 'person', personName: 'Janis', email: 'janis@inbox.lv' });
    const janisContact = (await env.db.contacts.toArray()).find((c) =>
      c.emails.includes('janis@inbox.lv'),
    )!;
    const before = await dbSnapshot(env.db);
    for (const input of [
      { customerId: '0190f1c2-0000-7000-8000-00000000dead' },
      { customerId: customer.id, contactId: janisContact.id },
    ]) {
      const error = errorOf(
        await env.handlers.logEmail({ ...input, participantEmail: DANA, context: conversation() }),
      );
      expect(error.code).toBe('not-found');
    }
    expect(await dbSnapshot(env.db)).toEqual(before);
  });
});

describe('auto-logging', () => {
  async function autoLogOn() {
    unwrap(await env.handlers.updateSettings({ autoLog: { email: true } }));
    env.notify.mockClear();
  }

  it("logs a known customer's thread when it opens, once", async () => {
    env = setup();
    const customer = await dana();
    await autoLogOn();
    const outboxBefore = await env.db.outbox.count();

    const opened = unwrap(await env.handlers.openThread({ context: conversation() }));

    const rows = await interactionsOf(customer.id);
    expect(rows.map((i) => [i.externalId, i.direction, i.loggedBy, i.agent])).toEqual([
      ['m1', 'inbound', 'auto', AGENT],
      ['m2', 'outbound', 'auto', AGENT],
      ['m3', 'inbound', 'auto', AGENT],
    ]);
    expect(rows.every((i) => i.subject === 'Order 1042' && i.sourceUrl === URL)).toBe(true);
    expect(opened.loggedMessageIds).toEqual(['m1', 'm2', 'm3']);
    expect(opened.file?.interactionCount).toBe(3);
    expect(await env.db.outbox.count()).toBe(outboxBefore + 3);
    await expectOutboxCoversInteractions();
    expect(env.notify).toHaveBeenCalledWith({
      customerIds: [customer.id],
      tables: ['interactions'],
    });

    env.notify.mockClear();
    const before = await dbSnapshot(env.db);
    const again = unwrap(await env.handlers.openThread({ context: conversation() }));
    expect(again.loggedMessageIds).toEqual(['m1', 'm2', 'm3']);
    expect(await dbSnapshot(env.db)).toEqual(before);
    expect(env.notify).not.toHaveBeenCalled();
  });

  it('logs every known customer on the thread, whoever is selected', async () => {
    env = setup();
    const customer = await dana();
    const janis = await addCustomer(env, {
      kind: 'person',
      personName: 'Janis',
      email: 'janis@inbox.lv',
    });
    await autoLogOn();
    unwrap(
      await env.handlers.openThread({
        context: conversation({
          participants: [participant(DANA), participant('janis@inbox.lv', 'cc')],
        }),
      }),
    );
    expect(await interactionsOf(customer.id)).toHaveLength(3);
    expect(await interactionsOf(janis.id)).toHaveLength(3);
  });

  it('logs a thread once when it opens in two tabs at the same time', async () => {
    env = setup();
    await dana();
    await autoLogOn();
    await Promise.all([
      env.handlers.openThread({ context: conversation() }),
      env.handlers.matchContext(conversation()),
    ]);
    expect(await env.db.interactions.count()).toBe(3);
  });

  it('also logs on matchContext', async () => {
    env = setup();
    const customer = await dana();
    await autoLogOn();
    unwrap(await env.handlers.matchContext(conversation()));
    expect((await interactionsOf(customer.id)).map((i) => i.loggedBy)).toEqual([
      'auto',
      'auto',
      'auto',
    ]);
  });

  it.each([
    ['address', DANA],
    ['domain', 'gmail.com'],
  ] as const)('logs nothing for a participant whose %s is never-log', async (kind, value) => {
    env = setup();
    const customer = await dana();
    await autoLogOn();
    unwrap(await env.handlers.addToNeverList({ list: 'neverLog', kind, value }));
    env.notify.mockClear();
    const before = await dbSnapshot(env.db);

    const opened = unwrap(await env.handlers.openThread({ context: conversation() }));

    expect(opened.matches[0]).toMatchObject({ match: { customerId: customer.id }, neverLog: true });
    expect(opened.file?.customer.id).toBe(customer.id);
    expect(opened.loggedMessageIds).toEqual([]);
    expect(await dbSnapshot(env.db)).toEqual(before);
    expect(env.notify).not.toHaveBeenCalled();
  });

  it('logs nothing, and creates no customer, for unknown senders', async () => {
    env = setup();
    await autoLogOn();
    const before = await dbSnapshot(env.db);
    const opened = unwrap(
      await env.handlers.openThread({
        context: conversation({
          participants: [participant('stranger@gmail.com'), participant('noa@acme.co.il', 'cc')],
        }),
      }),
    );
    expect(opened.matches.every((m) => m.match === null)).toBe(true);
    expect(await dbSnapshot(env.db)).toEqual(before);
    expect(env.notify).not.toHaveBeenCalled();
  });

  it('logs nothing when it is off', async () => {
    env = setup();
    await dana();
    const before = await dbSnapshot(env.db);
    const opened = unwrap(await env.handlers.openThread({ context: conversation() }));
    expect(opened.loggedMessageIds).toEqual([]);
    expect(await dbSnapshot(env.db)).toEqual(before);
    expect(env.notify).not.toHaveBeenCalled();
  });

  it('stops as soon as it is turned off', async () => {
    env = setup();
    await dana();
    await autoLogOn();
    unwrap(
      await env.handlers.openThread({
        context: conversation({ messageIds: ['m1'], messages: [{ id: 'm1', from: DANA }] }),
      }),
    );
    expect(await env.db.interactions.count()).toBe(1);
    unwrap(await env.handlers.updateSettings({ autoLog: { email: false } }));
    unwrap(await env.handlers.openThread({ context: conversation() }));
    expect(await env.db.interactions.count()).toBe(1);
  });
});

describe('logInteraction', () => {
  it('stores a call with duration and outcome, the agent as author', async () => {
    env = setup({ agentEmails: [AGENT, 'other@shop.co.il'] });
    const customer = await dana();
    const outboxBefore = await env.db.outbox.count();
    const { interaction } = unwrap(
      await env.handlers.logInteraction({
        customerId: customer.id,
        channel: 'phone',
        direction: 'inbound',
        durationSec: 420,
        outcome: 'Call back on Sunday',
        summary: 'Asked about delivery',
        satisfaction: { scale: 'csat', score: 4 },
      }),
    );
    expect(interaction).toMatchObject({
      customerId: customer.id,
      channel: 'phone',
      direction: 'inbound',
      durationSec: 420,
      outcome: 'Call back on Sunday',
      summary: 'Asked about delivery',
      satisfaction: { scale: 'csat', score: 4 },
      agent: AGENT,
      loggedBy: 'click',
      at: NOW,
    });
    expect(await env.db.interactions.get(interaction.id)).toEqual(interaction);
    expect(await env.db.outbox.count()).toBe(outboxBefore + 1);
    await expectOutboxCoversInteractions();
    expect(env.notify).toHaveBeenCalledWith({
      customerIds: [customer.id],
      tables: ['interactions'],
    });
  });

  it('defaults to outbound, keeps a given time and an https source', async () => {
    env = setup();
    const customer = await dana();
    const { interaction } = unwrap(
      await env.handlers.logInteraction({
        customerId: customer.id,
        channel: 'meeting',
        at: 5_000,
        sourceUrl: 'https://calendar.example.com/e/1',
      }),
    );
    expect(interaction).toMatchObject({
      direction: 'outbound',
      at: 5_000,
      sourceUrl: 'https://calendar.example.com/e/1',
    });
    expect(interaction.agent).toBeUndefined();
  });

  it('shows up newest first in the customer file', async () => {
    env = setup();
    const customer = await dana();
    for (const at of [1, 3, 2]) {
      unwrap(await env.handlers.logInteraction({ customerId: customer.id, channel: 'note', at }));
    }
    const { file } = unwrap(await env.handlers.getCustomerFile({ customerId: customer.id }));
    expect(file.interactions.map((i) => i.at)).toEqual([3, 2, 1]);
  });
});

describe('logEmail with message bodies', () => {
  const withBodies = () =>
    conversation({
      messages: [
        { id: 'm1', from: DANA, at: 1_000, body: 'Hello, the chairs arrived.' },
        { id: 'm2', from: AGENT, at: 2_000, body: 'Glad to hear it.' },
      ],
      messageIds: ['m1', 'm2'],
    });

  it('drops bodies the page sent while the team keeps them off (the default)', async () => {
    env = setup();
    const customer = await dana();
    unwrap(
      await env.handlers.logEmail({
        customerId: customer.id,
        participantEmail: DANA,
        context: withBodies(),
      }),
    );
    const rows = await interactionsOf(customer.id);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.body === undefined)).toBe(true);
  });

  it('stores each message body when the team turned bodies on', async () => {
    env = setup();
    const customer = await dana();
    unwrap(await env.handlers.updateSettings({ logBodies: true }));
    unwrap(
      await env.handlers.logEmail({
        customerId: customer.id,
        participantEmail: DANA,
        context: withBodies(),
      }),
    );
    const rows = await interactionsOf(customer.id);
    expect(rows.map((r) => r.body)).toEqual(['Hello, the chairs arrived.', 'Glad to hear it.']);
    const thread = unwrap(await env.handlers.openThread({ context: withBodies() }));
    expect(thread.settings.logBodies).toBe(true);
  });
});
