import { afterEach, describe, expect, it } from 'vitest';
import { compareHlc, parseHlc } from '../sync/hlc';
import { NotFoundError, ValidationError } from './errors';
import { readMeta } from './meta';
import { KesherDB } from './schema';
import { clocksOf, customerFields, freshDb, syncState, testDeps } from './test-support';
import { applyChanges, applyChangesInTx, writeScope } from './write';

const opened: KesherDB[] = [];
function track(db: KesherDB): KesherDB {
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe('applyChanges', () => {
  it('creates a row with system fields and one outbox entry carrying every field', async () => {
    const db = track(freshDb());
    const { rows, changed } = await applyChanges(
      db,
      [{ table: 'customers', id: 'c1', op: 'upsert', fields: customerFields({ name: 'Acme' }) }],
      { now: 5_000 },
    );
    expect(rows[0]).toMatchObject({
      id: 'c1',
      teamId: 'local',
      createdAt: 5_000,
      updatedAt: 5_000,
      deleted: false,
      name: 'Acme',
    });
    expect(changed).toEqual([{ table: 'customers', id: 'c1', customerId: 'c1' }]);
    expect(await db.customers.get('c1')).toEqual(rows[0]);

    const [entry, ...more] = await db.outbox.toArray();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ seq: 1, mutationId: '000000000000001', op: 'upsert' });
    // id travels as the mutation's key and teamId comes from the server's token.
    expect(Object.keys(entry!.fields).sort()).toEqual(
      Object.keys(rows[0]!)
        .filter((k) => k !== 'id' && k !== 'teamId')
        .sort(),
    );
    const hlc = entry!.fields.name!.hlc;
    expect(parseHlc(hlc).wall).toBe(5_000);
    const clock = await clocksOf(db, 'customers', 'c1');
    expect(clock!.name).toBe(hlc);
    expect(clock!.kind).toBe(hlc);
  });

  it('appends exactly the changed fields, with increasing clocks, on each later write', async () => {
    const db = track(freshDb());
    const create = {
      table: 'customers',
      id: 'c1',
      op: 'upsert',
      fields: customerFields(),
    } as const;
    await applyChanges(db, [create], { now: 1_000 });
    await applyChanges(
      db,
      [{ table: 'customers', id: 'c1', op: 'upsert', fields: { name: 'Acme Ltd', tags: ['vip'] } }],
      { now: 2_000 },
    );
    // Same wall time: the counter keeps the clocks apart.
    await applyChanges(
      db,
      [{ table: 'customers', id: 'c1', op: 'upsert', fields: { notes: 'call back' } }],
      { now: 2_000 },
    );
    const outbox = await db.outbox.toArray();
    expect(outbox.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(outbox[1]!.fields).toEqual({
      name: { value: 'Acme Ltd', hlc: expect.any(String) },
      tags: { value: ['vip'], hlc: expect.any(String) },
      updatedAt: { value: 2_000, hlc: expect.any(String) },
    });
    expect(Object.keys(outbox[2]!.fields)).toEqual(['notes']);
    const hlcs = outbox.map((e) => Object.values(e.fields)[0]!.hlc);
    expect(compareHlc(hlcs[0]!, hlcs[1]!)).toBe(-1);
    expect(compareHlc(hlcs[1]!, hlcs[2]!)).toBe(-1);

    const clock = await clocksOf(db, 'customers', 'c1');
    expect(clock!.kind).toBe(hlcs[0]);
    expect(clock!.name).toBe(hlcs[1]);
    expect(clock!.notes).toBe(hlcs[2]);
  });

  it('writes and appends nothing for an upsert that changes nothing', async () => {
    const db = track(freshDb());
    await applyChanges(
      db,
      [{ table: 'customers', id: 'c1', op: 'upsert', fields: customerFields({ tags: ['a'] }) }],
      { now: 1_000 },
    );
    const before = await syncState(db);
    const result = await applyChanges(
      db,
      [
        {
          table: 'customers',
          id: 'c1',
          op: 'upsert',
          // Deep-equal values, freshly built: no change.
          fields: { name: 'Acme', tags: ['a'], address: {}, notes: undefined },
        },
      ],
      { now: 9_000 },
    );
    expect(result.changed).toEqual([]);
    expect(result.rows[0]!.updatedAt).toBe(1_000);
    expect((await db.customers.get('c1'))!.updatedAt).toBe(1_000);
    expect(await syncState(db)).toEqual(before);
  });

  it('clears a field set to undefined and sends it as null', async () => {
    const db = track(freshDb());
    const fields = customerFields({ notes: 'x' });
    await applyChanges(db, [{ table: 'customers', id: 'c1', op: 'upsert', fields }], { now: 1 });
    await applyChanges(
      db,
      [{ table: 'customers', id: 'c1', op: 'upsert', fields: { notes: undefined } }],
      { now: 2 },
    );
    const row = await db.customers.get('c1');
    expect('notes' in row!).toBe(false);
    const last = await db.outbox.orderBy('seq').last();
    expect(last!.fields.notes!.value).toBeNull();
  });

  it('ignores system fields a caller smuggles in', async () => {
    const db = track(freshDb());
    const fields = { ...customerFields(), deleted: true, createdAt: 1, teamId: 'other' };
    await applyChanges(db, [{ table: 'customers', id: 'c1', op: 'upsert', fields }], {
      now: 50,
    });
    expect(await db.customers.get('c1')).toMatchObject({
      deleted: false,
      createdAt: 50,
      teamId: 'local',
    });
  });

  it('leaves rows, clocks, outbox and clock state untouched when a later change is refused', async () => {
    const db = track(freshDb());
    await applyChanges(
      db,
      [{ table: 'customers', id: 'c0', op: 'upsert', fields: customerFields() }],
      {
        now: 1_000,
      },
    );
    const before = await syncState(db);
    const error = await applyChanges(
      db,
      [
        { table: 'customers', id: 'c0', op: 'upsert', fields: { name: 'Renamed' } },
        { table: 'customers', id: 'c1', op: 'upsert', fields: customerFields() },
        { table: 'customers', id: 'c2', op: 'upsert', fields: customerFields({ phones: ['050'] }) },
      ],
      { now: 2_000 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('invalid-input');
    expect((error as ValidationError).issues[0]!.path).toEqual(['phones', 0]);
    expect((await db.customers.get('c0'))!.name).toBe('Acme');
    expect(await db.customers.count()).toBe(1);
    expect(await syncState(db)).toEqual(before);
  });

  it('rolls back an enclosing transaction whose own work fails after the write', async () => {
    const db = track(freshDb());
    const before = await syncState(db);
    await expect(
      db.transaction('rw', writeScope(['customers']), async () => {
        await applyChangesInTx(db, [
          { table: 'customers', id: 'c1', op: 'upsert', fields: customerFields() },
        ]);
        throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    expect(await db.customers.count()).toBe(0);
    expect(await syncState(db)).toEqual(before);
  });

  it('refuses to run outside a transaction that covers its tables', async () => {
    const db = track(freshDb());
    const change = {
      table: 'customers',
      id: 'c1',
      op: 'upsert',
      fields: customerFields(),
    } as const;
    await expect(applyChangesInTx(db, [change])).rejects.toThrow(/read-write transaction/);
    await expect(
      db.transaction('rw', ['customers'], () => applyChangesInTx(db, [change])),
    ).rejects.toThrow(/outbox, meta/);
  });

  it('keeps tombstones: delete and restore flip only `deleted` and say so in the outbox', async () => {
    const db = track(freshDb());
    await applyChanges(
      db,
      [{ table: 'customers', id: 'c1', op: 'upsert', fields: customerFields() }],
      {
        now: 1,
      },
    );
    await applyChanges(db, [{ table: 'customers', id: 'c1', op: 'delete' }], { now: 2 });
    expect(await db.customers.get('c1')).toMatchObject({ deleted: true, name: 'Acme' });
    // Deleting a tombstone again is not a change.
    const again = await applyChanges(db, [{ table: 'customers', id: 'c1', op: 'delete' }], {
      now: 3,
    });
    expect(again.changed).toEqual([]);
    // An edit does not resurrect a tombstone.
    await applyChanges(
      db,
      [{ table: 'customers', id: 'c1', op: 'upsert', fields: { name: 'B' } }],
      {
        now: 4,
      },
    );
    expect(await db.customers.get('c1')).toMatchObject({ deleted: true, name: 'B' });
    await applyChanges(db, [{ table: 'customers', id: 'c1', op: 'restore' }], { now: 5 });
    expect((await db.customers.get('c1'))!.deleted).toBe(false);

    const outbox = await db.outbox.toArray();
    expect(outbox.map((e) => e.op)).toEqual(['upsert', 'delete', 'upsert', 'restore']);
    expect(outbox[1]!.fields.deleted!.value).toBe(true);
    expect(Object.keys(outbox[1]!.fields).sort()).toEqual(['deleted', 'updatedAt']);
    expect(outbox[3]!.fields.deleted!.value).toBe(false);
  });

  it('refuses to delete a row that does not exist, writing nothing', async () => {
    const db = track(freshDb());
    await expect(
      applyChanges(db, [{ table: 'deals', id: 'nope', op: 'delete' }]),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await syncState(db)).toEqual({ clocks: [], outbox: [], meta: [] });
  });

  it('applies several changes to one row in order, one entry and clock each', async () => {
    const db = track(freshDb());
    const { rows, changed } = await applyChanges(
      db,
      [
        { table: 'customers', id: 'c1', op: 'upsert', fields: customerFields() },
        { table: 'customers', id: 'c1', op: 'upsert', fields: { name: 'Second' } },
      ],
      { now: 10 },
    );
    expect(rows.map((r) => (r as { name: string }).name)).toEqual(['Acme', 'Second']);
    expect(changed).toHaveLength(1);
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(2);
    expect(Object.keys(outbox[1]!.fields)).toEqual(['name']);
    expect(compareHlc(outbox[0]!.fields.name!.hlc, outbox[1]!.fields.name!.hlc)).toBe(-1);
    expect((await clocksOf(db, 'customers', 'c1'))!.name).toBe(outbox[1]!.fields.name!.hlc);
  });

  it('keeps the clock and mutation ids moving forward across a reopen and a clock set back', async () => {
    const deps = testDeps();
    const db = track(new KesherDB('kesher-reopen', deps));
    await applyChanges(
      db,
      [{ table: 'customers', id: 'c1', op: 'upsert', fields: customerFields() }],
      {
        now: 1_000_000,
      },
    );
    const first = await db.outbox.toArray();
    const clientId = await readMeta(db, 'clientId');
    // The push engine drains what the server acknowledged.
    await db.outbox.clear();
    db.close();

    const reopened = track(new KesherDB('kesher-reopen', deps));
    expect(await readMeta(reopened, 'clientId')).toBe(clientId);
    expect(await readMeta(reopened, 'hlc')).toEqual({ wall: 1_000_000, counter: 0 });
    await applyChanges(
      reopened,
      [{ table: 'customers', id: 'c1', op: 'upsert', fields: { name: 'Later' } }],
      { now: 10 },
    );
    const [entry] = await reopened.outbox.toArray();
    expect(entry!.mutationId > first[0]!.mutationId).toBe(true);
    expect(compareHlc(entry!.fields.name!.hlc, first[0]!.fields.name!.hlc)).toBe(1);
    expect(parseHlc(entry!.fields.name!.hlc).clientId).toBe(clientId);
  });

  it('sets the team of new rows only', async () => {
    const db = track(freshDb());
    await applyChanges(
      db,
      [{ table: 'customers', id: 'c1', op: 'upsert', fields: customerFields() }],
      {
        teamId: 't1',
      },
    );
    await applyChanges(
      db,
      [{ table: 'customers', id: 'c1', op: 'upsert', fields: { name: 'X' } }],
      { teamId: 't2' },
    );
    expect((await db.customers.get('c1'))!.teamId).toBe('t1');
  });
});
