import { describe, expect, it } from 'vitest';
import { bulkLoad } from '../db/bulk';
import { metaRow } from '../db/meta';
import { CLOCKS_PROPERTY } from '../db/row-clocks';
import { clocksOf, closedAfterEach, customerFields, interactionFields } from '../db/test-support';
import { applyChanges } from '../db/write';
import { nextBatch } from './batch';

const db = closedAfterEach();

let now = 1_000;
const at = () => (now += 1_000);

describe('nextBatch', () => {
  it('is null for an empty outbox', async () => {
    expect(await nextBatch(db())).toBeNull();
  });

  it('sends a row created in the batch as one mutation, in the place of its last entry', async () => {
    const d = db();
    await applyChanges(
      d,
      [{ table: 'customers', id: 'old', op: 'upsert', fields: customerFields() }],
      { now: at() },
    );
    const first = await nextBatch(d);
    await d.outbox.clear(); // as if pushed and acknowledged
    expect(first!.mutations.map((m) => m.id)).toEqual(['old']);

    await applyChanges(
      d,
      [{ table: 'customers', id: 'new', op: 'upsert', fields: customerFields({ name: 'v1' }) }],
      { now: at() },
    );
    await applyChanges(
      d,
      [{ table: 'customers', id: 'old', op: 'upsert', fields: { name: 'edit 1' } }],
      { now: at() },
    );
    await applyChanges(
      d,
      [{ table: 'customers', id: 'new', op: 'upsert', fields: { name: 'v2' } }],
      { now: at() },
    );
    await applyChanges(
      d,
      [{ table: 'customers', id: 'old', op: 'upsert', fields: { notes: 'edit 2' } }],
      { now: at() },
    );
    await applyChanges(d, [{ table: 'customers', id: 'new', op: 'delete' }], { now: at() });
    const entries = await d.outbox.toArray();
    const batch = await nextBatch(d);
    // Existing rows keep one mutation per entry; the new row is one, with its last id.
    expect(batch!.mutations.map((m) => [m.id, m.mutationId, m.op])).toEqual([
      ['old', entries[1]!.mutationId, 'upsert'],
      ['old', entries[3]!.mutationId, 'upsert'],
      ['new', entries[4]!.mutationId, 'delete'],
    ]);
    const created = batch!.mutations[2]!;
    expect(created.fields.name).toEqual(entries[2]!.fields.name);
    expect(created.fields.kind).toEqual(entries[0]!.fields.kind);
    expect(created.fields.deleted).toEqual(entries[4]!.fields.deleted);
    expect(created.fields.createdAt).toBeDefined();
  });

  it('turns create, delete, restore into one upsert: there is nothing to restore yet', async () => {
    const d = db();
    await applyChanges(
      d,
      [{ table: 'customers', id: 'c', op: 'upsert', fields: customerFields() }],
      { now: at() },
    );
    await applyChanges(d, [{ table: 'customers', id: 'c', op: 'delete' }], { now: at() });
    await applyChanges(d, [{ table: 'customers', id: 'c', op: 'restore' }], { now: at() });
    const batch = await nextBatch(d);
    expect(batch!.mutations).toHaveLength(1);
    expect(batch!.mutations[0]).toMatchObject({
      op: 'upsert',
      mutationId: '000000000000003',
      fields: { deleted: { value: false } },
    });
  });

  it('drops local-only rows: demo data and what hangs on a demo customer', async () => {
    const d = db();
    await bulkLoad(
      d,
      {
        customers: [
          {
            ...customerFields({ name: 'Demo' }),
            id: 'demo',
            teamId: 'local',
            createdAt: 1,
            updatedAt: 1,
            deleted: false,
          },
        ],
      },
      { withOutbox: false },
    );
    await applyChanges(
      d,
      [{ table: 'customers', id: 'demo', op: 'upsert', fields: { notes: 'edited' } }],
      { now: at() },
    );
    await applyChanges(
      d,
      [{ table: 'interactions', id: 'i-demo', op: 'upsert', fields: interactionFields('demo') }],
      { now: at() },
    );
    await applyChanges(
      d,
      [{ table: 'customers', id: 'real', op: 'upsert', fields: customerFields() }],
      { now: at() },
    );
    const batch = await nextBatch(d);
    expect(batch!.mutations.map((m) => m.id)).toEqual(['real']);
    expect(batch!.dropped).toEqual([1, 2]);
  });

  it('sends a row the server refused to create whole, with its current clocks', async () => {
    const d = db();
    await applyChanges(
      d,
      [{ table: 'customers', id: 'c', op: 'upsert', fields: customerFields({ name: 'Dup' }) }],
      { now: at() },
    );
    await d.outbox.clear();
    await d.meta.put(metaRow('syncUnsent', [{ table: 'customers', id: 'c' }]));
    await applyChanges(
      d,
      [{ table: 'customers', id: 'c', op: 'upsert', fields: { tags: ['x'] } }],
      { now: at() },
    );
    await applyChanges(d, [{ table: 'customers', id: 'c', op: 'upsert', fields: { notes: 'n' } }], {
      now: at(),
    });
    const batch = await nextBatch(d);
    const clocks = (await clocksOf(d, 'customers', 'c'))!;
    expect(batch!.widened).toEqual([{ table: 'customers', id: 'c' }]);
    expect(batch!.mutations).toHaveLength(1);
    const m = batch!.mutations[0]!;
    expect(m).toMatchObject({ op: 'upsert', mutationId: '000000000000003' });
    expect(m.fields.name).toEqual({ value: 'Dup', hlc: clocks.name });
    expect(m.fields.tags).toEqual({ value: ['x'], hlc: clocks.tags });
    expect(m.fields.notes).toEqual({ value: 'n', hlc: clocks.notes });
    // The fields of the row, not the record's own property holding their clocks.
    expect(Object.keys(m.fields)).not.toContain(CLOCKS_PROPERTY);
  });

  it('cuts at a prefix of the outbox by size and count; refuses an entry too large alone', async () => {
    const d = db();
    for (let i = 0; i < 5; i++) {
      await applyChanges(
        d,
        [
          {
            table: 'customers',
            id: `c${i}`,
            op: 'upsert',
            fields: customerFields({ notes: 'x'.repeat(1_000) }),
          },
        ],
        { now: at() },
      );
    }
    // About 1.9 kB each: two fit in 5 kB, three do not.
    const bySize = await nextBatch(d, { maxBytes: 5_000 });
    expect(bySize!.mutations.map((m) => m.id)).toEqual(['c0', 'c1']);
    const byCount = await nextBatch(d, { maxMutations: 3 });
    expect(byCount!.mutations.map((m) => m.id)).toEqual(['c0', 'c1', 'c2']);

    const big = db();
    await applyChanges(
      big,
      [
        {
          table: 'customers',
          id: 'huge',
          op: 'upsert',
          fields: customerFields({ notes: 'x'.repeat(6_000) }),
        },
      ],
      { now: at() },
    );
    await applyChanges(
      big,
      [{ table: 'customers', id: 'small', op: 'upsert', fields: customerFields() }],
      { now: at() },
    );
    const batch = await nextBatch(big, { maxBytes: 5_000 });
    expect(batch!.tooLarge.map((e) => e.id)).toEqual(['huge']);
    expect(batch!.mutations.map((m) => m.id)).toEqual(['small']);
  });
});
