import { afterEach, describe, expect, it } from 'vitest';
import type { KesherDB } from '../db/schema';
import { bulkLoad } from '../db/bulk';
import { clocksOf, customerFields, freshDb } from '../db/test-support';
import { applyChanges } from '../db/write';
import { applyRemotePage } from './apply-remote';
import { formatHlc } from './hlc';
import { sweepUnseen } from './sweep';
import { rowKey } from './sync-meta';
import type { RemoteChange } from './wire';

const TEAM = 'team-1';
let d: KesherDB;
afterEach(() => d?.close());

function remoteCustomer(id: string): RemoteChange {
  const hlc = formatHlc({ wall: 1_000, counter: 0 }, 'remote');
  const values = { ...customerFields({ name: id }), createdAt: 1_000, updatedAt: 1_000 };
  return {
    table: 'customers',
    id,
    version: 1,
    deleted: false,
    fields: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v, hlc }])),
  };
}

describe('sweepUnseen', () => {
  it('removes the unseen rows of the team over many chunks, and spares the rest', async () => {
    d = freshDb();
    const ids = Array.from({ length: 23 }, (_, n) => `c${String(n).padStart(2, '0')}`);
    await applyRemotePage(d, ids.map(remoteCustomer), { teamId: TEAM, now: 10_000 });
    await applyRemotePage(d, [remoteCustomer('other')], { teamId: 'team-2', now: 10_000 });
    await bulkLoad(
      d,
      {
        customers: [
          {
            ...customerFields(),
            id: 'demo',
            teamId: TEAM,
            createdAt: 1,
            updatedAt: 1,
            deleted: false,
          },
        ],
      },
      { withOutbox: false },
    );
    // An edit not pushed yet: its row stays even though the server did not show it.
    await applyChanges(
      d,
      [{ table: 'customers', id: 'c05', op: 'upsert', fields: { notes: 'mine' } }],
      { now: 20_000 },
    );
    // Seen: every third row.
    const seen = new Set(ids.filter((_, n) => n % 3 === 0).map((id) => rowKey('customers', id)));

    const changed = await sweepUnseen(d, seen, TEAM, 30_000, 4);

    const kept = ids.filter((_, n) => n % 3 === 0).concat('c05');
    const gone = ids.filter((id) => !kept.includes(id));
    expect(changed.map((c) => c.id).sort()).toEqual(gone);
    expect((await d.customers.toCollection().primaryKeys()).sort()).toEqual(
      [...kept, 'demo', 'other'].sort(),
    );
    // The others' clocks stayed (the removed rows' went with their records).
    expect(await clocksOf(d, 'customers', 'c05')).toBeDefined();
    expect(await clocksOf(d, 'customers', 'other')).toBeDefined();
  });

  it('removes nothing when every row was seen', async () => {
    d = freshDb();
    const ids = Array.from({ length: 9 }, (_, n) => `c${n}`);
    await applyRemotePage(d, ids.map(remoteCustomer), { teamId: TEAM, now: 10_000 });
    const seen = new Set(ids.map((id) => rowKey('customers', id)));
    expect(await sweepUnseen(d, seen, TEAM, 30_000, 2)).toEqual([]);
    expect(await d.customers.count()).toBe(9);
  });
});
