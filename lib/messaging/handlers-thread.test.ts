import { afterEach, describe, expect, it } from 'vitest';
import {
  AGENT,
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

const noa = participant('Noa@Acme.co.il', 'from', 'Noa Mizrahi');

describe('openThread: unknown senders', () => {
  it('suggests a company named after a non-free-mail domain', async () => {
    env = setup();
    const value = unwrap(
      await env.handlers.openThread({ context: thread({ participants: [noa] }) }),
    );
    expect(value).toEqual({
      matches: [
        {
          participant: { email: 'noa@acme.co.il', name: 'Noa Mizrahi', role: 'from' },
          match: null,
          suggestion: {
            kind: 'company',
            personName: 'Noa Mizrahi',
            companyName: 'Acme',
            domain: 'acme.co.il',
            email: 'noa@acme.co.il',
          },
          neverLog: false,
        },
      ],
      selectedEmail: 'noa@acme.co.il',
      file: null,
      loggedMessageIds: [],
      settings: { currency: 'EUR', customFieldDefs: [], logBodies: false },
    });
  });

  it.each(['dana@walla.co.il', 'janis.berzins@inbox.lv', 'marija.ozola@gmail.com'])(
    'suggests a person, with no company or domain, for free-mail %s',
    async (email) => {
      env = setup();
      const { matches } = unwrap(
        await env.handlers.openThread({ context: thread({ participants: [participant(email)] }) }),
      );
      expect(matches).toHaveLength(1);
      expect(matches[0]!.match).toBeNull();
      expect(matches[0]!.suggestion).toEqual({
        kind: 'person',
        personName: expect.any(String),
        email,
      });
    },
  );

  it('names a person without a display name after the address', async () => {
    env = setup();
    const { matches } = unwrap(
      await env.handlers.openThread({
        context: thread({ participants: [participant('marija.ozola@gmail.com')] }),
      }),
    );
    expect(matches[0]!.suggestion.personName).toBe('Marija Ozola');
  });

  it('writes nothing when no participant is known', async () => {
    env = setup();
    const before = await dbSnapshot(env.db);
    unwrap(await env.handlers.openThread({ context: thread({ participants: [noa] }) }));
    expect(await dbSnapshot(env.db)).toEqual(before);
    expect(env.notify).not.toHaveBeenCalled();
  });
});

describe('openThread: known customers', () => {
  it('matches a created person by email and returns the file', async () => {
    env = setup();
    const context = thread({ participants: [participant('Dana@Gmail.com', 'from', 'Dana')] });
    const first = unwrap(await env.handlers.openThread({ context }));
    const suggestion = first.matches[0]!.suggestion;
    const customer = await addCustomer(env, { ...suggestion, personName: suggestion.personName });

    const value = unwrap(await env.handlers.openThread({ context }));
    expect(value.matches[0]!.match).toMatchObject({
      customerId: customer.id,
      customerName: 'Dana',
      kind: 'person',
      by: 'email',
    });
    expect(value.selectedEmail).toBe('dana@gmail.com');
    expect(value.file?.customer.id).toBe(customer.id);
    expect(value.file?.contacts.map((c) => c.emails)).toEqual([['dana@gmail.com']]);
    expect(value.file?.interactions).toEqual([]);
  });

  it('matches a created company through its contact, and a colleague by domain', async () => {
    env = setup();
    const context = thread({
      participants: [noa, participant('eitan@acme.co.il', 'cc', 'Eitan')],
    });
    const first = unwrap(await env.handlers.openThread({ context }));
    const customer = await addCustomer(env, { ...first.matches[0]!.suggestion });
    expect(customer).toMatchObject({ kind: 'company', name: 'Acme', domains: ['acme.co.il'] });

    const { matches, file } = unwrap(await env.handlers.openThread({ context }));
    expect(matches.map((m) => [m.participant.email, m.match?.customerId, m.match?.by])).toEqual([
      ['noa@acme.co.il', customer.id, 'contact-email'],
      ['eitan@acme.co.il', customer.id, 'domain'],
    ]);
    expect(matches[0]!.match?.contactName).toBe('Noa Mizrahi');
    expect(file?.customer.name).toBe('Acme');
  });

  it('puts a known customer before an unknown sender', async () => {
    env = setup();
    const customer = await addCustomer(env, {
      kind: 'person',
      personName: 'Dana',
      email: 'dana@gmail.com',
    });
    const { matches, selectedEmail, file } = unwrap(
      await env.handlers.openThread({
        context: thread({
          participants: [participant('stranger@gmail.com'), participant('dana@gmail.com', 'cc')],
        }),
      }),
    );
    expect(matches.map((m) => m.participant.email)).toEqual([
      'dana@gmail.com',
      'stranger@gmail.com',
    ]);
    expect(selectedEmail).toBe('dana@gmail.com');
    expect(file?.customer.id).toBe(customer.id);
  });

  it('returns the file at the requested interaction limit and channel', async () => {
    env = setup();
    const customer = await addCustomer(env, {
      kind: 'person',
      personName: 'Dana',
      email: 'dana@gmail.com',
    });
    for (const [channel, at] of [
      ['phone', 1],
      ['note', 2],
      ['phone', 3],
    ] as const) {
      unwrap(await env.handlers.logInteraction({ customerId: customer.id, channel, at }));
    }
    const context = thread({ participants: [participant('dana@gmail.com')] });
    const limited = unwrap(await env.handlers.openThread({ context, interactionLimit: 2 }));
    expect(limited.file?.interactions.map((i) => i.at)).toEqual([3, 2]);
    expect(limited.file?.interactionCount).toBe(3);
    const phones = unwrap(await env.handlers.openThread({ context, channel: 'phone' }));
    expect(phones.file?.interactions.map((i) => i.at)).toEqual([3, 1]);
  });
});

describe("openThread: the agent's own addresses", () => {
  it('never matches context.account, and learns it into prefs.agentEmails once', async () => {
    env = setup({ agentEmails: ['me@shop.co.il'] });
    // Even when the agent's address is, by mistake, a customer's.
    await addCustomer(env, { kind: 'person', personName: 'Agent', email: AGENT });
    const context = thread({
      account: 'Agent@Shop.co.il',
      participants: [participant(AGENT), participant('dana@gmail.com', 'to')],
    });
    const { matches, selectedEmail, file } = unwrap(await env.handlers.openThread({ context }));
    expect(matches.map((m) => m.participant.email)).toEqual(['dana@gmail.com']);
    expect(selectedEmail).toBe('dana@gmail.com');
    expect(file).toBeNull();
    expect(env.prefs.value.agentEmails).toEqual(['me@shop.co.il', AGENT]);

    unwrap(await env.handlers.openThread({ context }));
    expect(env.prefs.value.agentEmails).toEqual(['me@shop.co.il', AGENT]);
  });

  it('never matches an address in prefs.agentEmails', async () => {
    env = setup({ agentEmails: ['me@shop.co.il'] });
    await addCustomer(env, { kind: 'person', personName: 'Me', email: 'me@shop.co.il' });
    const { matches, file } = unwrap(
      await env.handlers.openThread({
        context: thread({ participants: [participant('ME@shop.co.il'), participant(AGENT)] }),
      }),
    );
    // The learnt-from-prefs one is gone; the other agent address is only a stranger here.
    expect(matches.map((m) => m.participant.email)).toEqual([AGENT]);
    expect(file).toBeNull();
  });

  it('a thread of only the agent answers no matches and no file', async () => {
    env = setup();
    const value = unwrap(
      await env.handlers.openThread({
        context: thread({ account: AGENT, participants: [participant(AGENT)] }),
      }),
    );
    expect(value).toMatchObject({ matches: [], selectedEmail: null, file: null });
  });
});

describe('openThread: selection', () => {
  it('keeps the selected participant and returns their file', async () => {
    env = setup();
    const dana = await addCustomer(env, {
      kind: 'person',
      personName: 'Dana',
      email: 'dana@gmail.com',
    });
    const janis = await addCustomer(env, {
      kind: 'person',
      personName: 'Janis',
      email: 'janis@inbox.lv',
    });
    const context = thread({
      participants: [participant('dana@gmail.com'), participant('janis@inbox.lv', 'cc')],
    });
    const byDefault = unwrap(await env.handlers.openThread({ context }));
    expect(byDefault.selectedEmail).toBe('dana@gmail.com');
    expect(byDefault.file?.customer.id).toBe(dana.id);

    const selected = unwrap(
      await env.handlers.openThread({ context, selectedEmail: 'janis@inbox.lv' }),
    );
    expect(selected.selectedEmail).toBe('janis@inbox.lv');
    expect(selected.file?.customer.id).toBe(janis.id);
  });

  it('keeps an unknown selected participant, with no file', async () => {
    env = setup();
    await addCustomer(env, { kind: 'person', personName: 'Dana', email: 'dana@gmail.com' });
    const { selectedEmail, file, loggedMessageIds } = unwrap(
      await env.handlers.openThread({
        context: thread({
          participants: [participant('dana@gmail.com'), participant('new@newco.co.il', 'to')],
        }),
        selectedEmail: 'new@newco.co.il',
      }),
    );
    expect(selectedEmail).toBe('new@newco.co.il');
    expect(file).toBeNull();
    expect(loggedMessageIds).toEqual([]);
  });

  it('falls back to the best match when the selection left the thread', async () => {
    env = setup();
    await addCustomer(env, { kind: 'person', personName: 'Dana', email: 'dana@gmail.com' });
    const { selectedEmail } = unwrap(
      await env.handlers.openThread({
        context: thread({ participants: [participant('dana@gmail.com')] }),
        selectedEmail: 'gone@gmail.com',
      }),
    );
    expect(selectedEmail).toBe('dana@gmail.com');
  });
});

describe('openThread: never-show', () => {
  it.each([
    ['address', 'dana@gmail.com'],
    ['domain', 'gmail.com'],
  ] as const)('drops a participant whose %s is on the never-show list', async (kind, value) => {
    env = setup();
    await addCustomer(env, { kind: 'person', personName: 'Dana', email: 'dana@gmail.com' });
    unwrap(await env.handlers.addToNeverList({ list: 'neverShow', kind, value }));
    const { matches, file, selectedEmail } = unwrap(
      await env.handlers.openThread({
        context: thread({
          participants: [participant('dana@gmail.com'), participant('noa@acme.co.il', 'cc')],
        }),
      }),
    );
    expect(matches.map((m) => m.participant.email)).toEqual(['noa@acme.co.il']);
    expect(selectedEmail).toBe('noa@acme.co.il');
    expect(file).toBeNull();
  });

  it('does not let a never-show participant be selected', async () => {
    env = setup();
    unwrap(
      await env.handlers.addToNeverList({
        list: 'neverShow',
        kind: 'address',
        value: 'boss@acme.co.il',
      }),
    );
    const { selectedEmail } = unwrap(
      await env.handlers.openThread({
        context: thread({
          participants: [participant('boss@acme.co.il'), participant('noa@acme.co.il', 'cc')],
        }),
        selectedEmail: 'boss@acme.co.il',
      }),
    );
    expect(selectedEmail).toBe('noa@acme.co.il');
  });
});

describe('openThread: logged messages', () => {
  it("reflects which of the thread's messages are logged for the selected customer", async () => {
    env = setup();
    const customer = await addCustomer(env, {
      kind: 'person',
      personName: 'Dana',
      email: 'dana@gmail.com',
    });
    const participants = [participant('dana@gmail.com')];
    unwrap(
      await env.handlers.logEmail({
        customerId: customer.id,
        participantEmail: 'dana@gmail.com',
        context: thread({ participants, messageIds: ['m1', 'm2'] }),
      }),
    );
    const { loggedMessageIds, file } = unwrap(
      await env.handlers.openThread({
        context: thread({ participants, messageIds: ['m3', 'm2', 'm1'] }),
      }),
    );
    expect(loggedMessageIds).toEqual(['m2', 'm1']);
    expect(file?.interactions.map((i) => i.externalId).sort()).toEqual(['m1', 'm2']);
  });

  it("does not count another customer's logs", async () => {
    env = setup();
    const dana = await addCustomer(env, {
      kind: 'person',
      personName: 'Dana',
      email: 'dana@gmail.com',
    });
    await addCustomer(env, { kind: 'person', personName: 'Janis', email: 'janis@inbox.lv' });
    const context = thread({
      participants: [participant('dana@gmail.com'), participant('janis@inbox.lv', 'cc')],
    });
    unwrap(
      await env.handlers.logEmail({
        customerId: dana.id,
        participantEmail: 'dana@gmail.com',
        context,
      }),
    );
    const value = unwrap(
      await env.handlers.openThread({ context, selectedEmail: 'janis@inbox.lv' }),
    );
    expect(value.loggedMessageIds).toEqual([]);
  });
});

describe('openThread: settings', () => {
  it('answers the currency, custom fields and body setting the sidebar works with', async () => {
    env = setup();
    const customFieldDefs = [{ key: 'vat', label: 'VAT', type: 'text' as const }];
    unwrap(await env.handlers.updateSettings({ currency: 'ILS', customFieldDefs }));
    const { settings } = unwrap(await env.handlers.openThread({ context: thread() }));
    expect(settings).toEqual({ currency: 'ILS', customFieldDefs, logBodies: false });
  });
});

describe('matchContext', () => {
  it('answers the same matches as openThread, without a file', async () => {
    env = setup();
    const customer = await addCustomer(env, {
      kind: 'person',
      personName: 'Dana',
      email: 'dana@gmail.com',
    });
    const context = thread({
      account: AGENT,
      participants: [participant(AGENT), participant('dana@gmail.com', 'to')],
    });
    const { matches } = unwrap(await env.handlers.matchContext(context));
    expect(matches).toHaveLength(1);
    expect(matches[0]!.match?.customerId).toBe(customer.id);
    expect(env.prefs.value.agentEmails).toEqual([AGENT]);
  });
});

describe('getCustomerFile', () => {
  it('answers the file and which of the given messages are logged', async () => {
    env = setup();
    const customer = await addCustomer(env, {
      kind: 'person',
      personName: 'Dana',
      email: 'dana@gmail.com',
    });
    unwrap(
      await env.handlers.logEmail({
        customerId: customer.id,
        participantEmail: 'dana@gmail.com',
        context: thread({ messageIds: ['m1'] }),
      }),
    );
    const value = unwrap(
      await env.handlers.getCustomerFile({ customerId: customer.id, messageIds: ['m1', 'm9'] }),
    );
    expect(value.file.customer.id).toBe(customer.id);
    expect(value.file.interactionCount).toBe(1);
    expect(value.loggedMessageIds).toEqual(['m1']);
  });

  it('answers not-found for an unknown customer', async () => {
    env = setup();
    const error = errorOf(
      await env.handlers.getCustomerFile({ customerId: '0190f1c2-0000-7000-8000-00000000dead' }),
    );
    expect(error.code).toBe('not-found');
  });
});
