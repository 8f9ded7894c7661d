import { describe, expect, it } from 'vitest';
import type { KesherDB } from '../db/schema';
import { clocksOf, closedAfterEach, customerFields } from '../db/test-support';
import { applyChanges } from '../db/write';
import { APPLY_SCOPE } from './apply-remote';
import { formatHlc } from './hlc';
import { revertRowsInTx, type Revert } from './revert';
import type { RemoteChange } from './wire';

const db = closedAfterEach();

const at = (wall: number) => formatHlc({ wall, counter: 0 }, 'server');

function serverRow(
  id: string,
  wall: number,
  overrides: Record<string, unknown> = {},
): RemoteChange {
  const values = {
    ...customerFields({ name: 'Server' }),
    createdAt: 1,
    updatedAt: wall,
    ...overrides,
  };
  return {
    table: 'customers',
    id,
    version: 4,
    deleted: false,
    fields: Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, { value: v, hlc: at(wall) }]),
    ),
  };
}

function revert(d: KesherDB, reverts: Revert[], now = 100_000) {
  // An async scope: Dexie keeps the transaction alive across the native awaits inside.
  return d.transaction('rw', [...APPLY_SCOPE, 'outbox'], async () =>
    revertRowsInTx(d, reverts, { teamId: 'team', now }),
  );
}

describe('revertRowsInTx', () => {
  it("puts the server's row back and lays still-pending entries on top", async () => {
    const d = db();
    await applyChanges(
      d,
      [{ table: 'customers', id: 'c', op: 'upsert', fields: customerFields({ name: 'Refused' }) }],
      { now: 10_000 },
    );
    await d.outbox.clear(); // the refused creation was answered
    await applyChanges(
      d,
      [{ table: 'customers', id: 'c', op: 'upsert', fields: { notes: 'later' } }],
      { now: 20_000 },
    );
    const { changed } = await revert(d, [
      { table: 'customers', id: 'c', server: serverRow('c', 15_000, { vertical: 'Retail' }) },
    ]);
    expect(changed).toEqual([{ table: 'customers', id: 'c', customerId: 'c' }]);
    const row = await d.customers.get('c');
    expect(row).toMatchObject({
      name: 'Server',
      vertical: 'Retail',
      notes: 'later',
      teamId: 'team',
      updatedAt: 20_000,
    });
    const clocks = (await clocksOf(d, 'customers', 'c'))!;
    expect(clocks.name).toBe(at(15_000));
    expect(clocks.notes!.startsWith('000000000020000')).toBe(true);
    expect(await d.outbox.count()).toBe(1);
  });

  it('lets a newer server field beat an older pending one', async () => {
    const d = db();
    await applyChanges(
      d,
      [{ table: 'customers', id: 'c', op: 'upsert', fields: customerFields() }],
      { now: 10_000 },
    );
    await d.outbox.clear();
    await applyChanges(
      d,
      [{ table: 'customers', id: 'c', op: 'upsert', fields: { notes: 'mine' } }],
      { now: 12_000 },
    );
    await revert(d, [
      { table: 'customers', id: 'c', server: serverRow('c', 15_000, { notes: 'theirs' }) },
    ]);
    expect((await d.customers.get('c'))!.notes).toBe('theirs');
  });

  it('removes a row the server does not have, with its clocks and pending entries only', async () => {
    const d = db();
    await applyChanges(
      d,
      [{ table: 'customers', id: 'gone', op: 'upsert', fields: customerFields() }],
      { now: 10_000 },
    );
    await d.outbox.clear();
    await applyChanges(
      d,
      [{ table: 'customers', id: 'gone', op: 'upsert', fields: { notes: 'x' } }],
      { now: 11_000 },
    );
    await applyChanges(
      d,
      [{ table: 'customers', id: 'other', op: 'upsert', fields: customerFields() }],
      { now: 12_000 },
    );
    const { changed } = await revert(d, [{ table: 'customers', id: 'gone', server: null }]);
    expect(changed).toEqual([{ table: 'customers', id: 'gone', customerId: 'gone' }]);
    expect(await d.customers.get('gone')).toBeUndefined();
    expect((await d.outbox.toArray()).map((e) => e.id)).toEqual(['other']);
  });
});
