import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../model';
import {
  NOW,
  addCustomer,
  dbSnapshot,
  expectInvalid,
  participant,
  setup,
  thread,
  unwrap,
  type Setup,
} from './test-support';

let env: Setup;
afterEach(() => env?.db.close());

describe('addToNeverList', () => {
  it('stores the registrable domain of what it is given', async () => {
    env = setup();
    const { settings } = unwrap(
      await env.handlers.addToNeverList({
        list: 'neverLog',
        kind: 'domain',
        value: 'Mail.Acme.CO.IL',
      }),
    );
    expect(settings.neverLog).toEqual({ addresses: [], domains: ['acme.co.il'] });
    expect(settings.neverShow).toEqual({ addresses: [], domains: [] });
    expect(env.notify).toHaveBeenCalledWith({ customerIds: [], tables: ['settings'] });
    const stored = unwrap(await env.handlers.getSettings(null)).settings;
    expect(stored.neverLog.domains).toEqual(['acme.co.il']);
  });

  it('stores an address lower-cased', async () => {
    env = setup();
    const { settings } = unwrap(
      await env.handlers.addToNeverList({
        list: 'neverShow',
        kind: 'address',
        value: ' Boss@Acme.co.il ',
      }),
    );
    expect(settings.neverShow.addresses).toEqual(['boss@acme.co.il']);
  });

  it('dedupes, writing nothing for an entry already there', async () => {
    env = setup();
    unwrap(
      await env.handlers.addToNeverList({ list: 'neverLog', kind: 'domain', value: 'acme.co.il' }),
    );
    unwrap(
      await env.handlers.addToNeverList({ list: 'neverLog', kind: 'address', value: 'a@b.co.il' }),
    );
    const before = await dbSnapshot(env.db);
    for (const value of ['acme.co.il', 'www.acme.co.il', 'ACME.co.il']) {
      const { settings } = unwrap(
        await env.handlers.addToNeverList({ list: 'neverLog', kind: 'domain', value }),
      );
      expect(settings.neverLog.domains).toEqual(['acme.co.il']);
    }
    const { settings } = unwrap(
      await env.handlers.addToNeverList({ list: 'neverLog', kind: 'address', value: 'A@B.co.il' }),
    );
    expect(settings.neverLog.addresses).toEqual(['a@b.co.il']);
    expect(await dbSnapshot(env.db)).toEqual(before);
  });

  it('keeps the two lists apart and adds to the end', async () => {
    env = setup();
    for (const [list, value] of [
      ['neverLog', 'acme.co.il'],
      ['neverShow', 'acme.co.il'],
      ['neverLog', 'bank.lv'],
    ] as const) {
      unwrap(await env.handlers.addToNeverList({ list, kind: 'domain', value }));
    }
    const { settings } = unwrap(await env.handlers.getSettings(null));
    expect(settings.neverLog.domains).toEqual(['acme.co.il', 'bank.lv']);
    expect(settings.neverShow.domains).toEqual(['acme.co.il']);
  });

  it('writes the settings row and its outbox entry together', async () => {
    env = setup();
    unwrap(await env.handlers.addToNeverList({ list: 'neverLog', kind: 'domain', value: 'x.lv' }));
    const outbox = await env.db.outbox.toArray();
    expect(outbox.map((e) => [e.table, e.id])).toEqual([['settings', 'team']]);
    expect(outbox[0]!.fields.neverLog?.value).toEqual({ addresses: [], domains: ['x.lv'] });
  });
});

describe('getSettings and updateSettings', () => {
  it('answers the defaults before anything is saved, without writing', async () => {
    env = setup();
    const { settings } = unwrap(await env.handlers.getSettings(null));
    expect(settings).toMatchObject(DEFAULT_SETTINGS);
    expect(await env.db.settings.count()).toBe(0);
    expect(unwrap(await env.handlers.getSettings(undefined)).settings).toEqual(settings);
  });

  it('saves a patch and keeps the rest', async () => {
    env = setup();
    const { settings } = unwrap(
      await env.handlers.updateSettings({ currency: 'ILS', teamName: 'Shop' }),
    );
    expect(settings).toMatchObject({ currency: 'ILS', teamName: 'Shop', phoneRegion: 'IL' });
    expect(unwrap(await env.handlers.getSettings(null)).settings).toEqual(settings);
    expect(env.notify).toHaveBeenCalledWith({ customerIds: [], tables: ['settings'] });
    expect(await env.db.outbox.count()).toBe(1);
  });

  it('refuses an invalid currency and writes nothing', async () => {
    env = setup();
    unwrap(await env.handlers.updateSettings({ currency: 'ILS' }));
    env.notify.mockClear();
    const before = await dbSnapshot(env.db);
    for (const currency of ['ils', 'SHEKEL', 'IL', 42]) {
      expectInvalid(await env.handlers.updateSettings({ currency }), 'currency');
    }
    expect(await dbSnapshot(env.db)).toEqual(before);
    expect(env.notify).not.toHaveBeenCalled();
    expect(unwrap(await env.handlers.getSettings(null)).settings.currency).toBe('ILS');
  });
});

describe('the settings cache', () => {
  const context = thread({
    participants: [participant('dana@gmail.com'), participant('noa@acme.co.il', 'cc')],
  });

  it('sees a never-show change at once (updateSettings, then openThread)', async () => {
    env = setup();
    // The first opening fills the cache.
    const first = unwrap(await env.handlers.openThread({ context }));
    expect(first.matches).toHaveLength(2);

    unwrap(
      await env.handlers.updateSettings({
        neverShow: { addresses: ['dana@gmail.com'], domains: [] },
      }),
    );
    const second = unwrap(await env.handlers.openThread({ context }));
    expect(second.matches.map((m) => m.participant.email)).toEqual(['noa@acme.co.il']);

    unwrap(await env.handlers.updateSettings({ neverShow: { addresses: [], domains: [] } }));
    const third = unwrap(await env.handlers.openThread({ context }));
    expect(third.matches).toHaveLength(2);
  });

  it('sees addToNeverList and the currency at once', async () => {
    env = setup();
    expect(unwrap(await env.handlers.openThread({ context })).settings.currency).toBe('EUR');
    unwrap(await env.handlers.updateSettings({ currency: 'ILS' }));
    unwrap(
      await env.handlers.addToNeverList({ list: 'neverShow', kind: 'domain', value: 'acme.co.il' }),
    );
    const value = unwrap(await env.handlers.openThread({ context }));
    expect(value.settings.currency).toBe('ILS');
    expect(value.matches.map((m) => m.participant.email)).toEqual(['dana@gmail.com']);
  });

  it('sees a settings row written by another path (a sync) at once', async () => {
    env = setup();
    unwrap(await env.handlers.getSettings(null));
    const stored = unwrap(await env.handlers.updateSettings({ currency: 'ILS' })).settings;
    expect(unwrap(await env.handlers.getSettings(null)).settings.currency).toBe('ILS');
    await env.db.settings.put({ ...stored, currency: 'USD' });
    expect(unwrap(await env.handlers.getSettings(null)).settings.currency).toBe('USD');
  });

  it('sees the phone region at once when creating a customer', async () => {
    env = setup();
    const il = await addCustomer(env, {
      kind: 'person',
      personName: 'A',
      email: 'a@gmail.com',
      phone: '21234567',
    });
    expect(il.phones).toEqual(['+97221234567']);
    unwrap(await env.handlers.updateSettings({ phoneRegion: 'LV' }));
    const lv = await addCustomer(env, {
      kind: 'person',
      personName: 'B',
      email: 'b@inbox.lv',
      phone: '21234567',
    });
    expect(lv.phones).toEqual(['+37121234567']);
  });
});

describe('ping', () => {
  it('answers the time, and whether a probed address is a customer', async () => {
    env = setup();
    await addCustomer(env, { kind: 'person', personName: 'Dana', email: 'dana@gmail.com' });
    expect(unwrap(await env.handlers.ping(null))).toEqual({ at: NOW });
    expect(unwrap(await env.handlers.ping(undefined))).toEqual({ at: NOW });
    expect(unwrap(await env.handlers.ping({}))).toEqual({ at: NOW });
    expect(unwrap(await env.handlers.ping({ probeEmail: 'dana@gmail.com' }))).toEqual({
      at: NOW,
      found: true,
    });
    expect(unwrap(await env.handlers.ping({ probeEmail: 'nobody@gmail.com' }))).toEqual({
      at: NOW,
      found: false,
    });
  });
});

describe('getStats', () => {
  it('counts the rows and the changes waiting to be pushed', async () => {
    env = setup();
    expect(unwrap(await env.handlers.getStats(null))).toEqual({
      customers: 0,
      contacts: 0,
      interactions: 0,
      orders: 0,
      deals: 0,
      pendingChanges: 0,
    });
    const dana = await addCustomer(env, {
      kind: 'person',
      personName: 'Dana',
      email: 'dana@gmail.com',
    });
    const acme = await addCustomer(env, {
      kind: 'company',
      personName: 'Noa',
      email: 'noa@acme.co.il',
      companyName: 'Acme',
    });
    unwrap(await env.handlers.upsertContact({ customerId: acme.id, patch: { name: 'Eitan' } }));
    unwrap(await env.handlers.logInteraction({ customerId: dana.id, channel: 'phone' }));
    unwrap(
      await env.handlers.logEmail({
        customerId: dana.id,
        participantEmail: 'dana@gmail.com',
        context: thread({ messageIds: ['m1', 'm2'] }),
      }),
    );
    const stats = unwrap(await env.handlers.getStats(null));
    expect(stats).toEqual({
      customers: 2,
      contacts: 3,
      interactions: 3,
      orders: 0,
      deals: 0,
      // 2 + 2 customers and contacts, 1 contact, 3 interactions.
      pendingChanges: 8,
    });
    expect(stats.pendingChanges).toBe(await env.db.outbox.count());
  });
});

describe('seedDemo', () => {
  it('loads the demo data through its dependency and tells every sidebar', async () => {
    env = setup();
    expect(unwrap(await env.handlers.seedDemo(null))).toEqual({ customers: 3, interactions: 7 });
    expect(env.seedDemo).toHaveBeenCalledTimes(1);
    expect(env.notify).toHaveBeenCalledWith({
      customerIds: [],
      tables: ['customers', 'contacts', 'interactions', 'orders', 'deals', 'campaigns'],
    });
  });

  it('answers internal when loading fails, and tells nobody', async () => {
    env = setup();
    env.seedDemo.mockRejectedValueOnce(new Error('dataset missing'));
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const result = await env.handlers.seedDemo(null);
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'dataset missing' },
    });
    expect(quiet).toHaveBeenCalled();
    expect(env.notify).not.toHaveBeenCalled();
  });
});
