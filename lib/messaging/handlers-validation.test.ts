import { afterEach, describe, expect, it } from 'vitest';
import type { ProtocolMap } from './protocol';
import {
  AGENT,
  addCustomer,
  dbSnapshot,
  expectInvalid,
  participant,
  setup,
  thread,
  type Setup,
} from './test-support';

let env: Setup | undefined;
afterEach(() => env?.db.close());

const FAKE_ID = '0190f1c2-0000-7000-8000-000000000001';
const tooManyParticipants = Array.from({ length: 501 }, (_, i) =>
  participant(`p${i}@acme.co.il`, 'cc'),
);

/**
 * Malformed requests, each with the field its refusal must name. `id` stands for a live
 * customer's id, so that a handler that skipped validation would have something to write to.
 */
type Case = [name: keyof ProtocolMap, data: (id: string) => unknown, field: string | RegExp];

const CASES: Case[] = [
  ['ping', () => ({ probeEmail: 42 }), 'probeEmail'],
  ['ping', () => ({ probeEmail: `${'a'.repeat(320)}@x.com` }), 'probeEmail'],
  ['ping', () => 'hello', /Invalid request: input/],

  ['matchContext', () => thread({ participants: tooManyParticipants }), 'participants'],
  ['matchContext', () => ({ ...thread(), site: 'yahoo' }), 'site'],
  ['matchContext', () => ({ ...thread(), url: undefined }), 'url'],
  ['matchContext', () => thread({ subject: 'x'.repeat(1_001) }), 'subject'],

  ['openThread', () => ({}), 'context'],
  [
    'openThread',
    () => ({ context: thread({ participants: tooManyParticipants }) }),
    /context\.participants/,
  ],
  ['openThread', () => ({ context: thread({ subject: 's'.repeat(1_001) }) }), 'context.subject'],
  ['openThread', () => ({ context: thread(), selectedEmail: 7 }), 'selectedEmail'],
  ['openThread', () => ({ context: thread(), interactionLimit: 0 }), 'interactionLimit'],
  ['openThread', () => ({ context: thread(), channel: 'pigeon' }), 'channel'],
  [
    'openThread',
    () => ({ context: { ...thread(), participants: [{ email: 'a@b.co', role: 'from' }] } }),
    'context.participants.0.name',
  ],

  ['getCustomerFile', () => ({}), 'customerId'],
  [
    'getCustomerFile',
    (id) => ({ customerId: id, messageIds: Array.from({ length: 2_001 }, (_, i) => `m${i}`) }),
    'messageIds',
  ],

  ['createCustomer', () => ({ kind: 'person', personName: 'Dana' }), 'email'],
  ['createCustomer', () => ({ kind: 'robot', personName: 'R', email: 'r@x.com' }), 'kind'],
  ['createCustomer', () => ({ kind: 'person', personName: 5, email: 'd@x.com' }), 'personName'],
  [
    'createCustomer',
    () => ({ kind: 'person', personName: 'D', email: 'd@x.com', phone: '1'.repeat(41) }),
    'phone',
  ],
  [
    'createCustomer',
    () => ({ kind: 'person', personName: 'D', email: 'not an address' }),
    'not an address',
  ],
  [
    'createCustomer',
    () => ({ kind: 'person', personName: 'D', email: 'd@x.com', phone: 'call me' }),
    'call me',
  ],
  [
    'createCustomer',
    () => ({ kind: 'company', personName: 'Noa', email: 'noa@acme.co.il' }),
    /company needs a name/,
  ],
  [
    'createCustomer',
    () => ({ kind: 'company', personName: 'Noa', email: 'noa@acme.co.il', companyName: '  ' }),
    /company needs a name/,
  ],

  ['updateCustomer', () => ({ patch: { name: 'X' } }), 'id'],
  ['updateCustomer', (id) => ({ id, patch: { name: '' } }), 'patch.name'],
  [
    'updateCustomer',
    (id) => ({ id, patch: { emails: ['nope'] } }),
    '"nope" is not an email address',
  ],
  ['updateCustomer', (id) => ({ id, patch: { phones: ['+1234567'] } }), '+1234567'],
  ['updateCustomer', (id) => ({ id, patch: { tags: 'vip' } }), 'patch.tags'],

  ['upsertContact', () => ({ patch: { name: 'X' } }), 'customerId'],
  [
    'upsertContact',
    (id) => ({ customerId: id, patch: { emails: ['nope'] } }),
    '"nope" is not an email address',
  ],
  ['upsertContact', (id) => ({ customerId: id, patch: { role: 'boss' } }), 'patch.role'],
  ['upsertContact', (id) => ({ customerId: id, patch: { phones: ['+9721234'] } }), '+9721234'],

  ['logEmail', (id) => ({ customerId: id, context: thread() }), 'participantEmail'],
  [
    'logEmail',
    (id) => ({
      customerId: id,
      participantEmail: 'dana@gmail.com',
      context: thread({ subject: 's'.repeat(1_001) }),
    }),
    'context.subject',
  ],
  [
    'logEmail',
    (id) => ({
      customerId: id,
      participantEmail: 'dana@gmail.com',
      context: thread({ participants: tooManyParticipants }),
    }),
    'context.participants',
  ],
  [
    'logEmail',
    (id) => ({
      customerId: id,
      participantEmail: 'dana@gmail.com',
      context: thread(),
      loggedBy: 'robot',
    }),
    'loggedBy',
  ],
  [
    'logEmail',
    (id) => ({
      customerId: id,
      participantEmail: 'dana@gmail.com',
      context: thread({ messageIds: [], messages: [] }),
    }),
    /no messages/,
  ],
  [
    'logEmail',
    (id) => ({ customerId: id, participantEmail: 'dana at gmail', context: thread() }),
    'dana at gmail',
  ],

  ['logInteraction', (id) => ({ customerId: id, channel: 'pigeon' }), 'channel'],
  [
    'logInteraction',
    (id) => ({ customerId: id, channel: 'phone', durationSec: -1 }),
    'durationSec',
  ],
  [
    'logInteraction',
    (id) => ({ customerId: id, channel: 'phone', durationSec: 1.5 }),
    'durationSec',
  ],
  [
    'logInteraction',
    (id) => ({ customerId: id, channel: 'note', subject: 's'.repeat(501) }),
    'subject',
  ],
  [
    'logInteraction',
    (id) => ({ customerId: id, channel: 'phone', satisfaction: { scale: 'csat', score: 9 } }),
    'satisfaction.score',
  ],
  [
    'logInteraction',
    (id) => ({ customerId: id, channel: 'note', sourceUrl: 'javascript:alert(1)' }),
    'sourceUrl',
  ],

  ['logOrder', (id) => ({ customerId: id, amount: 0 }), 'amount'],
  ['logOrder', (id) => ({ customerId: id, amount: 5, currency: 'euro' }), 'currency'],

  ['addToNeverList', () => ({ list: 'sometimes', kind: 'domain', value: 'x.com' }), 'list'],
  ['addToNeverList', () => ({ list: 'neverLog', kind: 'ip', value: 'x.com' }), 'kind'],
  ['addToNeverList', () => ({ list: 'neverLog', kind: 'domain', value: '' }), 'value'],
  ['addToNeverList', () => ({ list: 'neverLog', kind: 'domain', value: 'localhost' }), 'localhost'],
  [
    'addToNeverList',
    () => ({ list: 'neverShow', kind: 'address', value: 'acme.co.il' }),
    'acme.co.il',
  ],

  ['getSettings', () => ({ all: true }), /Invalid request: input/],

  ['updateSettings', () => ({ currency: 'euro' }), 'currency'],
  ['updateSettings', () => ({ phoneRegion: 'israel' }), 'phoneRegion'],
  ['updateSettings', () => ({ autoLog: { email: 'yes' } }), 'autoLog.email'],
  [
    'updateSettings',
    () => ({ neverLog: { addresses: ['nope'], domains: [] } }),
    'neverLog.addresses.0',
  ],
  ['updateSettings', () => null, /Invalid request: input/],

  ['seedDemo', () => ({ big: true }), /Invalid request: input/],
  ['getStats', () => 'all', /Invalid request: input/],
  ['getAnalyticsSummary', () => ({ all: true }), /Invalid request: input/],
  ['recomputeAnalytics', () => 'now', /Invalid request: input/],

  ['getSyncStatus', () => ({ all: true }), /Invalid request: input/],
  ['connectSync', () => ({ url: 42, token: 'secret' }), 'url'],
  ['connectSync', () => ({ url: 'https://sync.example.com', token: 't'.repeat(201) }), 'token'],
  ['connectSync', () => ({ url: `https://x.com/${'a'.repeat(2_000)}`, token: 't' }), 'url'],
  ['connectSync', () => ({ url: '   ', token: 'secret' }), /url: the server address is empty/],
  ['connectSync', () => ({ url: 'https://sync.example.com', token: ' \n ' }), /token is empty/],
  ['connectSync', () => ({ url: 'https://sync.example.com' }), 'token'],
  ['disconnectSync', () => 'now', /Invalid request: input/],
  ['syncNow', () => ({ force: true }), /Invalid request: input/],
  ['resolveRefusal', () => ({ mutationId: '7', resolution: 'dismiss' }), /mutationId: .*15 digits/],
  [
    'resolveRefusal',
    () => ({ mutationId: '00000000000000x', resolution: 'dismiss' }),
    'mutationId',
  ],
  ['resolveRefusal', () => ({ mutationId: 7, resolution: 'dismiss' }), 'mutationId'],
  ['resolveRefusal', () => ({ mutationId: '000000000000007', resolution: 'keep' }), 'resolution'],
];

describe('every handler refuses malformed input and writes nothing', () => {
  it.each(CASES)('%s refuses %#', async (name, data, field) => {
    env = setup({ agentEmails: [AGENT] });
    const customer = await addCustomer(env, {
      kind: 'person',
      personName: 'Dana Levi',
      email: 'dana@gmail.com',
    });
    env.notify.mockClear();
    const before = await dbSnapshot(env.db);
    const prefsBefore = structuredClone(env.prefs.value);

    const result = await env.handlers[name](data(customer.id));

    expectInvalid(result, field);
    expect(await dbSnapshot(env.db)).toEqual(before);
    expect(env.prefs.value).toEqual(prefsBefore);
    expect(env.notify).not.toHaveBeenCalled();
    expect(env.seedDemo).not.toHaveBeenCalled();
    for (const call of ['connect', 'disconnect', 'syncNow', 'resolve', 'status'] as const) {
      expect(env.sync[call], call).not.toHaveBeenCalled();
    }
  });

  it('covers every handler of the protocol', () => {
    env = setup();
    const names = Object.keys(env.handlers).sort();
    expect([...new Set(CASES.map(([name]) => name))].sort()).toEqual(names);
  });

  it('refuses a sidebar context of 501 participants before learning the account', async () => {
    env = setup();
    const result = await env.handlers.openThread({
      context: thread({ participants: tooManyParticipants, account: AGENT }),
    });
    expectInvalid(result, 'context.participants');
    expect(env.prefs.value.agentEmails).toEqual([]);
  });

  it('answers not-found, not invalid-input, for a well-formed id that does not exist', async () => {
    env = setup();
    const result = await env.handlers.logInteraction({ customerId: FAKE_ID, channel: 'note' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await env.db.outbox.count()).toBe(0);
    expect(env.notify).not.toHaveBeenCalled();
  });
});
