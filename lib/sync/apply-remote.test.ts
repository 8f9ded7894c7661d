import { describe, expect, it } from 'vitest';
import { readMeta } from '../db/meta';
import { bulkLoad } from '../db/bulk';
import { clocksOf, closedAfterEach, customerFields, interactionFields } from '../db/test-support';
import { applyChanges } from '../db/write';
import { applyRemotePage, preparePage } from './apply-remote';
import { formatHlc, parseHlc } from './hlc';
import type { RemoteChange } from './wire';

const db = closedAfterEach();

const at = (wall: number, client = 'remote') => formatHlc({ wall, counter: 0 }, client);

/** A customer as the server shows it: every field with one clock. */
function remoteCustomer(
  id: string,
  wall: number,
  overrides: Record<string, unknown> = {},
  extra: Partial<RemoteChange> = {},
): RemoteChange {
  const values = { ...customerFields(), createdAt: wall, updatedAt: wall, ...overrides };
  return {
    table: 'customers',
    id,
    version: 1,
    deleted: false,
    fields: Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, { value: v, hlc: at(wall) }]),
    ),
    ...extra,
  };
}

const opts = { teamId: 'team-1', now: 10_000 };

describe('applyRemotePage', () => {
  it('stores new rows with the server team, their clocks and the cursor, and no outbox entry', async () => {
    const d = db();
    const { changed, skipped } = await applyRemotePage(d, [remoteCustomer('c1', 5_000)], {
      ...opts,
      cursor: 7,
    });
    expect(skipped).toEqual([]);
    expect(changed).toEqual([{ table: 'customers', id: 'c1', customerId: 'c1' }]);
    expect(await d.customers.get('c1')).toMatchObject({
      id: 'c1',
      teamId: 'team-1',
      name: 'Acme',
      deleted: false,
      createdAt: 5_000,
    });
    expect((await clocksOf(d, 'customers', 'c1'))!.name).toBe(at(5_000));
    expect(await d.outbox.count()).toBe(0);
    expect(await readMeta(d, 'syncCursor')).toBe(7);
    // The clock moved past every clock seen: the next local write sorts after them.
    expect((await readMeta(d, 'hlc'))!.wall).toBeGreaterThanOrEqual(10_000);
  });

  it('keeps a pending local edit against an older remote value of the same field', async () => {
    const d = db();
    await applyRemotePage(d, [remoteCustomer('c1', 1_000)], opts);
    await applyChanges(
      d,
      [{ table: 'customers', id: 'c1', op: 'upsert', fields: { name: 'Mine' } }],
      {
        now: 20_000,
      },
    );
    // Someone else's edit made before ours: the name stays ours, their notes arrive.
    const theirs = remoteCustomer('c1', 1_000);
    theirs.fields.name = { value: 'Theirs', hlc: at(15_000) };
    theirs.fields.notes = { value: 'from them', hlc: at(15_000) };
    const { changed } = await applyRemotePage(d, [theirs], opts);
    expect(await d.customers.get('c1')).toMatchObject({ name: 'Mine', notes: 'from them' });
    expect(changed).toHaveLength(1);
    expect(await d.outbox.count()).toBe(1);
  });

  it('takes a newer remote value, and removes a field the server shows as null', async () => {
    const d = db();
    await applyRemotePage(d, [remoteCustomer('c1', 1_000, { notes: 'old' })], opts);
    const next = remoteCustomer('c1', 1_000, { notes: 'old' });
    next.fields.name = { value: 'Renamed', hlc: at(2_000) };
    next.fields.notes = { value: null, hlc: at(2_000) };
    await applyRemotePage(d, [next], opts);
    const row = await d.customers.get('c1');
    expect(row!.name).toBe('Renamed');
    expect('notes' in row!).toBe(false);
    expect((await clocksOf(d, 'customers', 'c1'))!.notes).toBe(at(2_000));
  });

  it('keeps a pending local delete against a remote edit; a later remote restore wins', async () => {
    const d = db();
    await applyRemotePage(d, [remoteCustomer('c1', 1_000)], opts);
    await applyChanges(d, [{ table: 'customers', id: 'c1', op: 'delete' }], { now: 20_000 });
    const edit = remoteCustomer('c1', 1_000);
    edit.fields.name = { value: 'Edited', hlc: at(25_000) };
    await applyRemotePage(d, [edit], opts);
    // The edit merges into the tombstone; it does not bring the row back.
    expect(await d.customers.get('c1')).toMatchObject({ deleted: true, name: 'Edited' });

    const restore = {
      ...edit,
      fields: { ...edit.fields, deleted: { value: false, hlc: at(30_000) } },
    };
    await applyRemotePage(d, [restore], opts);
    expect((await d.customers.get('c1'))!.deleted).toBe(false);
    // An older delete arriving afterwards changes nothing.
    const stale = {
      ...edit,
      deleted: true,
      fields: { ...edit.fields, deleted: { value: true, hlc: at(26_000) } },
    };
    await applyRemotePage(d, [stale], opts);
    expect((await d.customers.get('c1'))!.deleted).toBe(false);
  });

  it('skips a row the model refuses, writes the rest of the page, and reports it', async () => {
    const d = db();
    const broken = remoteCustomer('bad', 1_000, { name: '' });
    const fragment: RemoteChange = {
      table: 'customers',
      id: 'frag',
      version: 1,
      deleted: false,
      fields: { notes: { value: 'only this', hlc: at(1_000) } },
    };
    const { skipped } = await applyRemotePage(d, [broken, remoteCustomer('ok', 1_000), fragment], {
      ...opts,
      cursor: 3,
    });
    expect(skipped.map((s) => s.id)).toEqual(['bad', 'frag']);
    expect(skipped[0]!.message).toMatch(/^name/);
    expect(await d.customers.get('bad')).toBeUndefined();
    expect(await d.customers.get('ok')).toBeDefined();
    expect(await readMeta(d, 'syncCursor')).toBe(3);
  });

  it('overwrites bulk-loaded rows without clocks: a missing clock is the oldest', async () => {
    const d = db();
    await bulkLoad(
      d,
      {
        customers: [
          {
            ...customerFields({ name: 'Demo' }),
            id: 'c1',
            teamId: 'local',
            createdAt: 1,
            updatedAt: 1,
            deleted: true,
          },
        ],
      },
      { withOutbox: false },
    );
    await applyRemotePage(d, [remoteCustomer('c1', 1_000, { name: 'Server' })], opts);
    expect(await d.customers.get('c1')).toMatchObject({ name: 'Server', deleted: false });
  });

  it('reports both customers of a moved row and marks interaction tombstones', async () => {
    const d = db();
    const values = { ...interactionFields('c1'), createdAt: 1, updatedAt: 1 };
    const interaction: RemoteChange = {
      table: 'interactions',
      id: 'i1',
      version: 1,
      deleted: false,
      fields: Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, { value: v, hlc: at(1_000) }]),
      ),
    };
    await applyRemotePage(d, [interaction], opts);
    const moved = structuredClone(interaction);
    moved.fields.customerId = { value: 'c2', hlc: at(2_000) };
    moved.deleted = true;
    moved.fields.deleted = { value: true, hlc: at(2_000) };
    const { changed } = await applyRemotePage(d, [moved], opts);
    expect(changed).toEqual([
      { table: 'interactions', id: 'i1', customerId: 'c2' },
      { table: 'interactions', id: 'i1', customerId: 'c1' },
    ]);
    expect(await readMeta(d, 'interactionTombstones')).toBe(true);
  });

  it('merges each row of a mixed page with its own stored row, the same id in two tables apart', async () => {
    const d = db();
    const values = { ...interactionFields('x'), createdAt: 1, updatedAt: 1 };
    // An interaction whose id is also a customer's: rows are looked up per table.
    const interaction: RemoteChange = {
      table: 'interactions',
      id: 'x',
      version: 1,
      deleted: false,
      fields: Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, { value: v, hlc: at(1_000) }]),
      ),
    };
    await applyRemotePage(d, [remoteCustomer('x', 1_000, { notes: 'kept' }), interaction], opts);
    const renamed = remoteCustomer('x', 1_000, { notes: 'kept' });
    renamed.fields.name = { value: 'Renamed', hlc: at(2_000) };
    const edited = structuredClone(interaction);
    edited.fields.subject = { value: 'Edited', hlc: at(2_000) };
    const { changed } = await applyRemotePage(
      d,
      [edited, remoteCustomer('y', 1_000), renamed],
      opts,
    );
    expect(changed.map((c) => `${c.table}/${c.id}`).sort()).toEqual([
      'customers/x',
      'customers/y',
      'interactions/x',
    ]);
    expect(await d.customers.get('x')).toMatchObject({ name: 'Renamed', notes: 'kept' });
    expect(await d.interactions.get('x')).toMatchObject({ subject: 'Edited', customerId: 'x' });
    expect(await d.customers.get('y')).toMatchObject({ name: 'Acme' });
  });

  it('changes nothing and reports nothing for a page it already has', async () => {
    const d = db();
    const page = [remoteCustomer('c1', 1_000)];
    await applyRemotePage(d, page, opts);
    const { changed } = await applyRemotePage(d, page, opts);
    expect(changed).toEqual([]);
  });

  it('does not fold a clock from the far future into its own clock', async () => {
    const d = db();
    const far = 10_000 + 365 * 24 * 3_600_000;
    await applyRemotePage(d, [remoteCustomer('c1', far)], opts);
    expect(await d.customers.get('c1')).toBeDefined();
    expect((await readMeta(d, 'hlc'))?.wall ?? 0).toBeLessThan(far);
    await applyChanges(
      d,
      [{ table: 'customers', id: 'c2', op: 'upsert', fields: customerFields() }],
      {
        now: 10_000,
      },
    );
    const clock = (await clocksOf(d, 'customers', 'c2'))!.name!;
    expect(parseHlc(clock).wall).toBe(10_000);
  });

  it('folds the latest plausible clock of a page, far ones before or after it', async () => {
    const d = db();
    const far = 10_000 + 365 * 24 * 3_600_000;
    const page = [
      remoteCustomer('a', far),
      remoteCustomer('b', 30_000),
      remoteCustomer('c', 20_000),
      remoteCustomer('d', far),
    ];
    await applyRemotePage(d, page, opts);
    expect((await readMeta(d, 'hlc'))!.wall).toBe(30_000);
  });

  it('a page checked before one of its rows was stored merges into that row, not over it', async () => {
    const d = db();
    const older = remoteCustomer('c1', 1_000, { name: 'Theirs', notes: 'from them' });
    const prepared = preparePage([older, remoteCustomer('c2', 1_000)], opts.teamId, opts.now);
    // Stored after the check, before the transaction: the page before it, or the agent.
    await applyRemotePage(d, [remoteCustomer('c1', 5_000, { name: 'Newer' })], opts);

    await applyRemotePage(d, [older, remoteCustomer('c2', 1_000)], { ...opts, prepared });

    // Field by field: the stored newer name stays, the field only the page has comes in.
    expect(await d.customers.get('c1')).toMatchObject({
      name: 'Newer',
      createdAt: 5_000,
      notes: 'from them',
    });
    expect(await d.customers.get('c2')).toMatchObject({ name: 'Acme' });
  });

  it('a row twice in one page: the second merges into the first', async () => {
    const d = db();
    const first = remoteCustomer('c1', 5_000, { name: 'Later' });
    const second = remoteCustomer('c1', 1_000, { name: 'Earlier', notes: 'only here' });
    second.fields.notes = { value: 'only here', hlc: at(6_000) };
    await applyRemotePage(d, [first, second], {
      ...opts,
      prepared: preparePage([first, second], opts.teamId, opts.now),
    });
    expect(await d.customers.get('c1')).toMatchObject({ name: 'Later', notes: 'only here' });
  });

  it('a page queued after one that did not commit writes nothing', async () => {
    const d = db();
    await applyRemotePage(d, [remoteCustomer('c1', 1_000)], { ...opts, cursor: 3 });
    await expect(
      applyRemotePage(d, [remoteCustomer('c2', 1_000)], { ...opts, cursor: 5, after: 4 }),
    ).rejects.toThrow(/did not commit/);
    expect(await d.customers.get('c2')).toBeUndefined();
    expect(await readMeta(d, 'syncCursor')).toBe(3);

    await applyRemotePage(d, [remoteCustomer('c2', 1_000)], { ...opts, cursor: 5, after: 3 });
    expect(await readMeta(d, 'syncCursor')).toBe(5);
  });
});
