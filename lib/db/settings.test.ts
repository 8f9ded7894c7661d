import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_ID } from '../model';
import { ValidationError } from './errors';
import { addToNeverList, getSettings, updateSettings } from './mutations';
import type { KesherDB } from './schema';
import { freshDb, syncState } from './test-support';

let db: KesherDB;
afterEach(() => db.close());

describe('settings', () => {
  it('answers the defaults without writing anything', async () => {
    db = freshDb();
    const settings = await getSettings(db);
    expect(settings).toMatchObject({ ...DEFAULT_SETTINGS, id: SETTINGS_ID, deleted: false });
    expect(await db.settings.count()).toBe(0);
    expect(await syncState(db)).toEqual({ clocks: [], outbox: [], meta: [] });
    // The answer is a copy: changing it does not change the next answer.
    settings.neverLog.addresses.push('x@y.z');
    expect((await getSettings(db)).neverLog.addresses).toEqual([]);
  });

  it('creates the row on the first update and then sends only what changed', async () => {
    db = freshDb();
    const first = await updateSettings(db, { currency: 'ILS' });
    expect(first).toMatchObject({ currency: 'ILS', grossMargin: DEFAULT_SETTINGS.grossMargin });
    await updateSettings(db, { grossMargin: 0.4 });
    const outbox = await db.outbox.toArray();
    expect(outbox[0]!.fields.phoneRegion).toBeDefined();
    expect(Object.keys(outbox[1]!.fields).sort()).toEqual(['grossMargin', 'updatedAt']);
    expect(await updateSettings(db, { grossMargin: 0.4 })).toMatchObject({ grossMargin: 0.4 });
    expect(await db.outbox.count()).toBe(2);
  });

  it('refuses settings outside the model', async () => {
    db = freshDb();
    await expect(updateSettings(db, { grossMargin: 2 })).rejects.toBeInstanceOf(ValidationError);
    expect(await db.settings.count()).toBe(0);
  });

  it('adds to the never lists once, and refuses what is not an address', async () => {
    db = freshDb();
    const a = await addToNeverList(db, {
      list: 'neverLog',
      kind: 'address',
      value: 'Boss@Acme.co.il',
    });
    expect(a.neverLog.addresses).toEqual(['boss@acme.co.il']);
    const b = await addToNeverList(db, {
      list: 'neverLog',
      kind: 'address',
      value: 'boss@acme.co.il',
    });
    expect(b.neverLog.addresses).toEqual(['boss@acme.co.il']);
    await addToNeverList(db, { list: 'neverShow', kind: 'domain', value: 'bank.co.il' });
    const settings = await getSettings(db);
    expect(settings.neverShow).toEqual({ addresses: [], domains: ['bank.co.il'] });
    expect(settings.neverLog.addresses).toEqual(['boss@acme.co.il']);
    expect(await db.outbox.count()).toBe(2);
    await expect(
      addToNeverList(db, { list: 'neverShow', kind: 'address', value: 'not an address' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
