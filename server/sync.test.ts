import { beforeEach, describe, expect, it } from 'vitest';
import type { Change } from './protocol';
import { purgeTombstones } from './purge';
import {
  followDuring,
  STORAGES,
  suiteServer,
  type TestClient,
  TestServer,
  valuesOf,
  wholeRow,
} from './test-support';

const DAY = 24 * 3600 * 1000;

describe.each(STORAGES)('sync protocol on %s', (kind) => {
  let server: TestServer;

  suiteServer(kind, (opened) => (server = opened));
  beforeEach(() => {
    server.clock = Date.now();
  });

  async function agents(n: number): Promise<TestClient[]> {
    const team = await server.team();
    const clients: TestClient[] = [];
    for (let i = 0; i < n; i++) clients.push((await team.user('agent')).client());
    return clients;
  }

  async function row(client: TestClient, table: string, id: string): Promise<Change> {
    const response = await client.user.get(`/v1/rows/${table}/${id}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Change;
  }

  it('round trip: what one client pushes another pulls, with its field clocks', async () => {
    const [a, b] = await agents(2);
    const customer = a!.create('customers', 'cu-1', {
      kind: 'company',
      name: 'Acme',
      emails: ['info@acme.test'],
    });
    const contact = a!.create('contacts', 'co-1', { customerId: 'cu-1', name: 'Dana' });
    expect(await a!.push(customer, contact)).toEqual({
      lastMutationId: '000000000000002',
      rejected: [],
    });

    const page = await b!.pull(0);
    expect(page.hasMore).toBe(false);
    expect(page.changes.map((c) => [c.table, c.id])).toEqual([
      ['contacts', 'co-1'],
      ['customers', 'cu-1'],
    ]);
    // One push, one version: every row it changed carries it.
    const [first, second] = page.changes;
    expect(first!.version).toBe(second!.version);
    expect(page.nextCursor).toBe(first!.version);
    expect(second).toEqual({
      table: 'customers',
      id: 'cu-1',
      version: first!.version,
      deleted: false,
      fields: customer.fields,
    });
    expect(await b!.pull(page.nextCursor)).toEqual({
      changes: [],
      nextCursor: page.nextCursor,
      hasMore: false,
    });
    expect(await row(b!, 'customers', 'cu-1')).toEqual(second);
  });

  it('a pull sends every value exactly as it was pushed', async () => {
    // A page's fields are the database's jsonb text, not objects serialized again: the
    // awkward strings, keys and numbers must come back equal all the same.
    const [a, b] = await agents(2);
    const awkward = {
      name: 'Ünïcødé "quoted" \\ back\nslash 🙂 {"table":"x"}',
      notes: '\u2028 line\tseparator </script>',
      size: 9007199254740991,
      customFields: {
        '{"table":"deals"}': 0.1,
        'key "with" quotes': -1.5e-7,
        huge: 1e21,
        empty: '',
        none: null,
        yes: true,
      },
      tags: ['a', 'ü', '🙂'],
    };
    const created = a!.create('customers', 'awkward', awkward);
    expect((await a!.push(created)).rejected).toEqual([]);
    await a!.push(a!.mutation('customers', 'awkward', 'delete', {}, { ahead: 1 }));
    const { changes } = await b!.pullAll(0);
    const change = changes.find((c) => c.id === 'awkward')!;
    expect(valuesOf(change)).toEqual({
      ...Object.fromEntries(Object.entries(created.fields).map(([k, f]) => [k, f.value])),
      deleted: true,
    });
    expect(change).toEqual(await row(b!, 'customers', 'awkward'));
    const raw = await b!.user.get('/v1/sync/pull?cursor=0');
    expect(raw.headers.get('content-type')).toBe('application/json');
    const bytes = await raw.arrayBuffer();
    expect(Number(raw.headers.get('content-length') ?? bytes.byteLength)).toBe(bytes.byteLength);
  });

  it('merges concurrent writers field by field: each field keeps its latest clock', async () => {
    const [a, b] = await agents(2);
    await a!.push(a!.create('customers', 'lww', { kind: 'person', name: 'Base', notes: 'n0' }));
    // Made concurrently (neither saw the other); B's push arrives first.
    const fromA = a!.upsert(
      'customers',
      'lww',
      { name: 'From A', notes: 'A notes' },
      { ahead: 20 },
    );
    const fromB1 = b!.upsert('customers', 'lww', { name: 'From B' }, { ahead: 40 });
    const fromB2 = b!.upsert('customers', 'lww', { vertical: 'retail' }, { ahead: 5 });
    await b!.push(fromB1, fromB2);
    await a!.push(fromA);

    const merged = await row(a!, 'customers', 'lww');
    expect(valuesOf(merged)).toMatchObject({
      kind: 'person',
      name: 'From B',
      notes: 'A notes',
      vertical: 'retail',
    });
    expect(merged.fields.name!.hlc).toBe(fromB1.fields.name!.hlc);

    // The same write again (another client of A's relaying it) changes nothing, not even the
    // version.
    const relay = a!.user.client();
    await relay.push({ ...fromA, mutationId: '000000000000001' });
    expect((await row(a!, 'customers', 'lww')).version).toBe(merged.version);
  });

  it('a delete wins over a concurrent edit, which still merges into the tombstone', async () => {
    const [a, b] = await agents(2);
    await a!.push(a!.create('deals', 'd-1', { customerId: 'cu', name: 'Big deal' }));
    await a!.push(a!.mutation('deals', 'd-1', 'delete', {}, { ahead: 1 }));
    // B edited before it saw the delete, with a later clock: the edit lands, the delete stays.
    const edit = await b!.push(b!.upsert('deals', 'd-1', { name: 'Bigger deal' }, { ahead: 60 }));
    expect(edit.rejected).toEqual([]);
    const deal = await row(b!, 'deals', 'd-1');
    expect(deal.deleted).toBe(true);
    expect(deal.fields.deleted!.value).toBe(true);
    expect(valuesOf(deal)).toMatchObject({ name: 'Bigger deal', customerId: 'cu' });
  });

  it('a restore undoes a delete; deletes and restores are ordered by their clocks', async () => {
    const [a, b] = await agents(2);
    await a!.push(a!.create('orders', 'o-1', { customerId: 'cu', amount: 10 }));
    await a!.push(a!.mutation('orders', 'o-1', 'delete', {}, { ahead: 100 }));
    // A restore older than the delete loses to it.
    await b!.push(b!.mutation('orders', 'o-1', 'restore', {}, { ahead: 50 }));
    expect((await row(a!, 'orders', 'o-1')).deleted).toBe(true);
    // A later one wins, and a delete older than that restore arriving late loses.
    await b!.push(b!.mutation('orders', 'o-1', 'restore', {}, { ahead: 200 }));
    await a!.push(a!.mutation('orders', 'o-1', 'delete', {}, { ahead: 150 }));
    const order = await row(a!, 'orders', 'o-1');
    expect(order.deleted).toBe(false);
    expect(valuesOf(order)).toMatchObject({ amount: 10 });

    const nothing = await b!.push(b!.mutation('orders', 'no-such-order', 'restore'));
    expect(nothing.rejected).toEqual([
      expect.objectContaining({
        code: 'not_found',
        id: 'no-such-order',
        reason: expect.any(String),
      }),
    ]);
  });

  it('interactions are insert-only except by their author', async () => {
    const team = await server.team();
    const author = (await team.user('agent')).client();
    const colleague = (await team.user('agent')).client();
    const admin = (await team.user('admin')).client();
    await author.push(
      author.create('interactions', 'i-1', {
        customerId: 'cu',
        channel: 'phone',
        direction: 'outbound',
        at: 1_700_000_000_000,
        summary: 'Called about the renewal',
      }),
    );
    for (const other of [colleague, admin]) {
      const edit = other.upsert('interactions', 'i-1', { summary: 'rewritten' }, { ahead: 10 });
      const del = other.mutation('interactions', 'i-1', 'delete', {}, { ahead: 11 });
      const answer = await other.push(edit, del);
      expect(answer.rejected.map((r) => [r.mutationId, r.code])).toEqual([
        [edit.mutationId, 'not_author'],
        [del.mutationId, 'not_author'],
      ]);
      expect(answer.rejected[0]!.reason).toMatch(/logged this interaction/);
      // Answered, not retried forever.
      expect(answer.lastMutationId).toBe(del.mutationId);
    }
    expect(valuesOf(await row(author, 'interactions', 'i-1')).summary).toBe(
      'Called about the renewal',
    );
    // Anyone may log new ones; the author may change and delete theirs.
    const logged = await colleague.push(
      colleague.create('interactions', 'i-2', {
        customerId: 'cu',
        channel: 'note',
        direction: 'internal',
        at: 1_700_000_000_000,
      }),
    );
    expect(logged.rejected).toEqual([]);
    const own = await author.push(
      author.upsert('interactions', 'i-1', { summary: 'Renewal agreed' }, { ahead: 20 }),
      author.mutation('interactions', 'i-1', 'delete', {}, { ahead: 21 }),
    );
    expect(own.rejected).toEqual([]);
    expect((await row(author, 'interactions', 'i-1')).deleted).toBe(true);
  });

  it('one live customer per email: the second is refused, naming the first', async () => {
    const [a, b] = await agents(2);
    await a!.push(
      a!.create('customers', 'em-1', {
        kind: 'person',
        name: 'Noa Levi',
        emails: ['noa@mail.test'],
      }),
    );
    const dup = b!.create('customers', 'em-2', {
      kind: 'person',
      name: 'Noa L.',
      emails: ['other@mail.test', 'NOA@mail.test'],
    });
    const answer = await b!.push(dup);
    expect(answer.rejected).toEqual([
      {
        mutationId: dup.mutationId,
        code: 'email_taken',
        reason: expect.stringMatching(/Noa Levi.*noa@mail\.test.*[Mm]erge/),
        table: 'customers',
        id: 'em-2',
        conflictWith: 'em-1',
      },
    ]);
    expect((await b!.user.get('/v1/rows/customers/em-2')).status).toBe(404);
    // Another team has its own customers: the same address is fine there.
    const [elsewhere] = await agents(1);
    const there = await elsewhere!.push(
      elsewhere!.create('customers', 'em-x', {
        kind: 'person',
        name: 'Noa',
        emails: ['noa@mail.test'],
      }),
    );
    expect(there.rejected).toEqual([]);

    // Deleting the first frees the address; restoring it then collides with the new owner.
    await a!.push(a!.mutation('customers', 'em-1', 'delete', {}, { ahead: 1 }));
    const retry = await b!.push(
      b!.create('customers', 'em-2', {
        kind: 'person',
        name: 'Noa L.',
        emails: ['other@mail.test', 'NOA@mail.test'],
      }),
    );
    expect(retry.rejected).toEqual([]);
    const restore = a!.mutation('customers', 'em-1', 'restore', {}, { ahead: 2 });
    expect((await a!.push(restore)).rejected).toEqual([
      expect.objectContaining({ code: 'email_taken', conflictWith: 'em-2' }),
    ]);
    // A customer merged into another gives up its addresses too.
    await b!.push(b!.upsert('customers', 'em-2', { mergedInto: 'em-9' }, { ahead: 3 }));
    expect(
      (
        await a!.push(
          a!.create('customers', 'em-3', { kind: 'person', name: 'N', emails: ['noa@mail.test'] }),
        )
      ).rejected,
    ).toEqual([]);
  });

  it('a retried push applies each mutation once and answers its rejections again', async () => {
    const [a] = await agents(1);
    const first = a!.create('customers', 'rt-1', { kind: 'person', name: 'Once' });
    const refused = a!.upsert('settings', 'team', { currency: 'ILS' });
    const answer = await a!.push(first, refused);
    expect(answer.lastMutationId).toBe(refused.mutationId);
    expect(answer.rejected.map((r) => r.code)).toEqual(['forbidden']);
    const before = await row(a!, 'customers', 'rt-1');

    // The answer was lost; the client sends the same push again.
    const retry = await a!.push(first, refused);
    expect(retry).toEqual(answer);
    expect(await row(a!, 'customers', 'rt-1')).toEqual(before);

    // A push that overlaps the last one applies only what is new.
    const next = a!.upsert('customers', 'rt-1', { name: 'Twice' });
    const overlap = await a!.push(first, refused, next);
    expect(overlap.lastMutationId).toBe(next.mutationId);
    expect(valuesOf(await row(a!, 'customers', 'rt-1')).name).toBe('Twice');
    // Once the client has moved past a rejection, it is not answered again.
    const later = a!.create('customers', 'rt-2', { kind: 'person', name: 'Later' });
    expect((await a!.push(later)).rejected).toEqual([]);
  });

  it('refuses clocks more than 5 minutes ahead of the server', async () => {
    const [a] = await agents(1);
    const skewed = a!.create(
      'customers',
      'sk-1',
      { kind: 'person', name: 'Future' },
      {
        ahead: 6 * 60_000,
      },
    );
    const fine = a!.create(
      'customers',
      'sk-2',
      { kind: 'person', name: 'Soon' },
      { ahead: 4 * 60_000 },
    );
    const answer = await a!.push(skewed, fine);
    expect(answer.rejected).toEqual([
      expect.objectContaining({
        mutationId: skewed.mutationId,
        code: 'clock_skew',
        reason: expect.stringMatching(/ahead of the server/),
      }),
    ]);
    expect((await a!.user.get('/v1/rows/customers/sk-1')).status).toBe(404);
    expect((await a!.user.get('/v1/rows/customers/sk-2')).status).toBe(200);
  });

  it("another team's rows are out of reach: the same id there is that team's own row", async () => {
    const [owner] = await agents(1);
    const [other] = await agents(1);
    await owner!.push(owner!.create('customers', 'secret', { kind: 'person', name: 'Mine' }));
    const before = await row(owner!, 'customers', 'secret');

    const read = await other!.user.get('/v1/rows/customers/secret');
    const missing = await other!.user.get('/v1/rows/customers/never-existed');
    expect(read.status).toBe(404);
    // Exactly like a row that does not exist, apart from the id.
    expect(Object.keys(await read.json())).toEqual(Object.keys(await missing.json()));

    // For the other team an edit or a delete of that id is of a row it does not have: not a
    // whole row, so refused as any partial creation is, saying nothing of the owner's row.
    const answer = await other!.push(
      other!.upsert('customers', 'secret', { name: 'Yours now' }, { ahead: 1000 }),
      other!.mutation('customers', 'secret', 'delete', {}, { ahead: 1001 }),
    );
    expect(answer.rejected.map((r) => r.code)).toEqual(['invalid', 'invalid']);
    expect(answer.rejected.map((r) => r.reason).join(' ')).not.toMatch(/Mine|team/);
    // A whole row with that id is simply the other team's own.
    const created = await other!.push(
      other!.create('customers', 'secret', { kind: 'company', name: 'Theirs' }, { ahead: 1002 }),
    );
    expect(created.rejected).toEqual([]);
    expect(await row(owner!, 'customers', 'secret')).toEqual(before);
    const theirs = await row(other!, 'customers', 'secret');
    expect(valuesOf(theirs)).toMatchObject({ kind: 'company', name: 'Theirs' });

    // Each team pulls its own rows only, and a change to one never moves the other.
    expect((await owner!.pull(0)).changes).toEqual([before]);
    expect((await other!.pull(0)).changes).toEqual([theirs]);
    await owner!.push(owner!.mutation('customers', 'secret', 'delete', {}, { ahead: 2000 }));
    expect((await row(owner!, 'customers', 'secret')).deleted).toBe(true);
    expect(await row(other!, 'customers', 'secret')).toEqual(theirs);
    expect((await other!.pull(0)).changes).toEqual([theirs]);
  });

  it('every team has its own settings row, id "team"', async () => {
    const managers: TestClient[] = [];
    for (const currency of ['ILS', 'EUR', 'USD']) {
      const manager = (await (await server.team()).user('manager')).client();
      const answer = await manager.push(manager.create('settings', 'team', { currency }));
      expect(answer.rejected).toEqual([]);
      managers.push(manager);
    }
    // The first team changes its own; the others keep theirs.
    const [first] = managers;
    await first!.push(first!.upsert('settings', 'team', { phoneRegion: 'LV' }, { ahead: 1 }));
    const seen = [];
    for (const manager of managers) {
      const { changes } = await manager.pull(0);
      expect(changes.map((c) => [c.table, c.id])).toEqual([['settings', 'team']]);
      expect(await row(manager, 'settings', 'team')).toEqual(changes[0]);
      const { currency, phoneRegion } = valuesOf(changes[0]!);
      seen.push([currency, phoneRegion]);
    }
    expect(seen).toEqual([
      ['ILS', 'LV'],
      ['EUR', 'IL'],
      ['USD', 'IL'],
    ]);
  });

  it('agents cannot change settings or campaigns; managers and admins can', async () => {
    const team = await server.team();
    const agent = (await team.user('agent')).client();
    const manager = (await team.user('manager')).client();
    const admin = (await team.user('admin')).client();
    const answer = await agent.push(
      agent.upsert('settings', 'team', { currency: 'ILS' }),
      agent.upsert('campaigns', 'cp-1', { name: 'Spring' }),
      agent.create('deals', 'dl-1', { customerId: 'cu', name: 'OK' }),
    );
    expect(answer.rejected.map((r) => [r.table, r.code])).toEqual([
      ['settings', 'forbidden'],
      ['campaigns', 'forbidden'],
    ]);
    expect(answer.rejected[0]!.reason).toMatch(/^Forbidden: an agent cannot change settings/);
    expect(
      (await manager.push(manager.create('settings', 'team', { currency: 'ILS' }))).rejected,
    ).toEqual([]);
    expect(
      (await admin.push(admin.create('campaigns', 'cp-1', { name: 'Spring' }))).rejected,
    ).toEqual([]);
    // Agents read them: the extension applies the team's settings (never-log lists) for them.
    const tables = (await agent.pull(0)).changes.map((c) => c.table).sort();
    expect(tables).toEqual(['campaigns', 'deals', 'settings']);
  });

  it('refuses values the model refuses, naming the field', async () => {
    const [a] = await agents(1);
    const cases = [
      a!.upsert('customers', 'bad-1', { kind: 'person', name: 42 }),
      a!.upsert('customers', 'bad-2', { kind: 'person', name: 'X', nickname: 'unknown field' }),
      a!.upsert('customers', 'bad-3', { teamId: 'another-team' }),
      a!.upsert('customers', 'bad-4', { name: null }),
      a!.upsert('interactions', 'bad-5', { channel: 'pigeon' }),
      a!.upsert('customers', 'bad-6', { emails: ['not an address'] }),
    ];
    const answer = await a!.push(...cases);
    expect(answer.rejected.map((r) => r.code)).toEqual(Array(cases.length).fill('invalid'));
    expect(answer.rejected.map((r) => r.reason)).toEqual([
      expect.stringContaining('"name"'),
      expect.stringContaining('"nickname"'),
      expect.stringContaining('"teamId"'),
      expect.stringContaining('cannot be removed'),
      expect.stringContaining('"channel"'),
      expect.stringContaining('"emails.0"'),
    ]);
    expect((await a!.pull(0)).changes).toEqual([]);
  });

  it('creates only whole rows: a new row missing required fields is refused, naming them', async () => {
    const [a] = await agents(1);
    const partial = a!.upsert('customers', 'part-1', { emails: ['dana@mail.test'] });
    const nothing = a!.mutation('deals', 'part-2', 'delete');
    const answer = await a!.push(partial, nothing);
    expect(answer.rejected).toEqual([
      {
        mutationId: partial.mutationId,
        code: 'invalid',
        reason:
          'A new customers row needs kind, name, domains, phones, address, acquisition, tags, ' +
          'customFields, consent, createdAt, updatedAt: it has only emails.',
        table: 'customers',
        id: 'part-1',
      },
      {
        mutationId: nothing.mutationId,
        code: 'invalid',
        reason: expect.stringMatching(
          /^A new deals row needs customerId, name, .*: it has no fields\.$/,
        ),
        table: 'deals',
        id: 'part-2',
      },
    ]);
    expect((await a!.user.get('/v1/rows/customers/part-1')).status).toBe(404);
    expect((await a!.pull(0)).changes).toEqual([]);
    // The address was not claimed by the fragment that was never made.
    const whole = a!.create('customers', 'part-1', { name: 'Dana', emails: ['dana@mail.test'] });
    expect((await a!.push(whole)).rejected).toEqual([]);
    expect(await row(a!, 'customers', 'part-1')).toMatchObject({ fields: whole.fields });
  });

  it('edits stored rows field by field, deleted ones too; a whole row may come as a delete', async () => {
    const [a, b] = await agents(2);
    // Created and edited in one push: the edit finds the row the push just made.
    const answer = await a!.push(
      a!.create('deals', 'ed-1', { name: 'First' }),
      a!.upsert('deals', 'ed-1', { stage: 'won' }, { ahead: 1 }),
      a!.create('deals', 'ed-2'),
    );
    expect(answer.rejected).toEqual([]);
    expect(
      (await b!.push(b!.upsert('deals', 'ed-1', { value: 99 }, { ahead: 2 }))).rejected,
    ).toEqual([]);
    expect(valuesOf(await row(a!, 'deals', 'ed-1'))).toMatchObject({
      name: 'First',
      stage: 'won',
      value: 99,
    });
    await a!.push(a!.mutation('deals', 'ed-2', 'delete', {}, { ahead: 3 }));
    expect(
      (await b!.push(b!.upsert('deals', 'ed-2', { notes: 'late' }, { ahead: 4 }))).rejected,
    ).toEqual([]);
    expect(await row(a!, 'deals', 'ed-2')).toMatchObject({
      deleted: true,
      fields: { notes: { value: 'late' } },
    });
    // A row created and deleted before it was ever pushed goes whole, as a delete.
    const tombstone = a!.mutation('deals', 'ed-3', 'delete', wholeRow('deals', server.clock), {
      ahead: 5,
    });
    expect((await a!.push(tombstone)).rejected).toEqual([]);
    expect((await row(b!, 'deals', 'ed-3')).deleted).toBe(true);
  });

  it('pages never split a version, so a page boundary never skips a row', async () => {
    const [a, b] = await agents(2);
    const push = (prefix: string, n: number) =>
      a!.push(
        ...Array.from({ length: n }, (_, i) =>
          a!.create('deals', `${prefix}-${i}`, { customerId: 'cu', name: `${prefix} ${i}` }),
        ),
      );
    await push('seven', 7);
    await push('three', 3);
    await push('five', 5);

    const pages: Change[][] = [];
    let cursor = 0;
    for (;;) {
      const page = await b!.pull(cursor, 4);
      pages.push(page.changes);
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    // 7 rows of one version exceed the limit: that page is the whole version. The next page
    // stops before a version that would not fit whole.
    expect(pages.map((p) => p.length).filter((n) => n > 0)).toEqual([7, 3, 5]);
    for (const page of pages)
      expect(new Set(page.map((c) => c.version)).size).toBeLessThanOrEqual(1);
    const ids = pages.flat().map((c) => c.id);
    expect(ids).toHaveLength(15);
    expect(new Set(ids).size).toBe(15);

    // With room for more than one version, a page takes whole versions only.
    const wide = await b!.pull(0, 12);
    expect(wide.changes).toHaveLength(10);
    expect(wide.hasMore).toBe(true);
  });

  it('keeps the cursor invariant under concurrent pushes from several clients', async () => {
    const team = await server.team();
    const clients: TestClient[] = [];
    for (let u = 0; u < 3; u++) {
      const user = await team.user(u === 0 ? 'manager' : 'agent');
      clients.push(user.client(), user.client());
    }
    const reader = (await team.user()).client();
    // A reader pulls all along, as an open extension would; it must end up with everything.
    const seen = await followDuring(reader, 7, () =>
      Promise.all(
        clients.map(async (client, c) => {
          for (let p = 0; p < 8; p++) {
            const mutations = [];
            for (let m = 0; m < 4; m++) {
              mutations.push(
                client.create('deals', `own-${c}-${p}-${m}`, { customerId: 'cu', value: m }),
              );
            }
            // Every client also writes the same few rows (whole: any of them may be the first):
            // their versions keep moving.
            mutations.push(
              client.create('deals', `shared-${p % 3}`, { name: `c${c} p${p}`, value: c }),
            );
            expect((await client.push(...mutations)).rejected).toEqual([]);
          }
        }),
      ),
    );

    const full = await reader.pullAll(0, 7);
    const keys = full.changes.map((c) => `${c.table}/${c.id}`);
    expect(keys).toHaveLength(6 * 8 * 4 + 3);
    expect(new Set(keys).size).toBe(keys.length);
    for (const change of full.changes) {
      expect(seen.get(`${change.table}/${change.id}`)).toEqual(change);
      expect(await row(reader, change.table, change.id)).toEqual(change);
    }
  }, 120_000);

  it('answers 410 to a cursor behind the tombstone horizon; cursor 0 always works', async () => {
    const team = await server.team();
    const a = (await team.user('admin')).client();
    await a.push(a.create('deals', 'keep', { customerId: 'cu', name: 'kept' }));
    const { nextCursor: old } = await a.pull(0);
    await a.push(a.create('deals', 'gone', { customerId: 'cu', name: 'gone' }));
    await a.push(a.mutation('deals', 'gone', 'delete'));
    const { nextCursor: current } = await a.pull(0);

    server.clock += 91 * DAY;
    const purge = await a.user.post('/v1/admin/purge', {});
    expect(purge.status).toBe(200);
    expect(await purge.json()).toEqual({ teams: 1, rows: 1 });

    const expired = await a.user.get(`/v1/sync/pull?cursor=${old}`);
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({
      error: expect.stringMatching(/cursor 0/),
      details: { cursor: old, horizon: current },
    });
    const resync = await a.pull(0);
    expect(resync.changes.map((c) => c.id)).toEqual(['keep']);
    expect((await a.pull(current)).changes).toEqual([]);

    // A cursor the server never issued (a restored backup): resync too.
    const ahead = await a.user.get(`/v1/sync/pull?cursor=${current + 1000}`);
    expect(ahead.status).toBe(410);
  });

  it('purges only tombstones older than the horizon', async () => {
    const team = await server.team();
    const a = (await team.user('agent')).client();
    await a.push(
      a.create('deals', 'young', { customerId: 'cu' }),
      a.create('deals', 'live', { customerId: 'cu' }),
    );
    await a.push(a.mutation('deals', 'young', 'delete'));
    const result = await purgeTombstones(server.storage, {
      now: server.clock + 30 * DAY,
      horizonMs: 90 * DAY,
    });
    expect(result.rows).toBe(0);
    expect((await a.pull(0)).changes.map((c) => [c.id, c.deleted])).toEqual([
      ['live', false],
      ['young', true],
    ]);
  });
});
