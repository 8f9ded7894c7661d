import { uuidv7 } from 'uuidv7';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readMeta } from '../db/meta';
import { allClocks, customerFields, freshDb, interactionFields } from '../db/test-support';
import { applyChanges } from '../db/write';
import { createCustomer, logInteraction, updateCustomer } from '../db/mutations';
import { bulkLoad } from '../db/bulk';
import {
  openTestStorage,
  STORAGES,
  suiteServer,
  TestServer,
  type TestTeam,
} from '../../server/test-support';
import {
  SERVER_URL,
  browser,
  connectAndSync,
  connected,
  replicaState,
  serverFetch,
  serverState,
  sorted,
  type Browser,
} from './test-support';
import { httpTransport, type Transport, type TransportOptions } from './transport';
import { SyncTransportError } from './transport-error';

/** A promise and its resolve (Node 20 has no Promise.withResolvers). */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe.each(STORAGES)('sync engine on %s', (kind) => {
  let server: TestServer;
  let team: TestTeam;
  /** Row ids of their own per test: every test shares the one server, and ids are global. */
  let ids: { c1: string; c2: string };

  suiteServer(kind, (opened) => (server = opened));
  beforeEach(async () => {
    server.clock = Date.now();
    team = await server.team();
    ids = { c1: uuidv7(), c2: uuidv7() };
  });

  async function two(): Promise<[Browser, Browser]> {
    const a = await connected(server, await team.user('manager'));
    const b = await connected(server, await team.user('manager'));
    return [a, b];
  }

  /** Moves both clocks on, so each write is later than the last. */
  function tick(ms = 1_000): number {
    server.clock += ms;
    return server.clock;
  }

  it('round trip: what A writes, B has with the same fields and clocks', async () => {
    const [a, b] = await two();
    const customer = await createCustomer(
      a.db,
      { kind: 'person', personName: 'Dana Levi', email: 'dana@acme.test' },
      undefined,
      { now: tick() },
    );
    await logInteraction(a.db, interactionFields(customer.id, { subject: 'Hello' }), {
      now: tick(),
      agent: a.user.email,
    });
    await logInteraction(a.db, interactionFields(customer.id, { subject: 'Again', at: 2_000 }), {
      now: tick(),
      agent: a.user.email,
    });
    const status = await a.engine.syncNow();
    expect(status).toMatchObject({ pending: 0, phase: 'idle', refused: [] });
    expect(status.error).toBeUndefined();
    await b.engine.syncNow();

    const rowsOf = async (x: Browser) => sorted(await replicaState(x.db));
    expect(await rowsOf(b)).toEqual(await rowsOf(a));
    expect(await rowsOf(b)).toEqual(sorted(await serverState(a.user)));
    expect((await b.db.interactions.toArray()).map((i) => i.subject).sort()).toEqual([
      'Again',
      'Hello',
    ]);
    // Field clocks travel with the values. The deleted flag is the one exception: the server
    // orders it only by deletes and restores, so a created row has no clock for it there.
    const clocks = async (x: Browser) =>
      (await allClocks(x.db))
        .map((c) => {
          const { deleted: _deleted, ...fields } = c.fields;
          return { ...c, fields };
        })
        .sort((p, q) => (p.id < q.id ? -1 : 1));
    expect(await clocks(b)).toEqual(await clocks(a));
    // The rows now belong to the team, on both sides.
    expect((await a.db.customers.get(customer.id))!.teamId).toBe(team.id);
    expect((await b.db.customers.get(customer.id))!.teamId).toBe(team.id);
    expect(await b.db.outbox.count()).toBe(0);
  });

  it('edits of different fields on both sides merge; the same field: the later clock wins', async () => {
    const [a, b] = await two();
    await applyChanges(
      a.db,
      [{ table: 'customers', id: ids.c1, op: 'upsert', fields: customerFields() }],
      {
        now: tick(),
      },
    );
    await a.engine.syncNow();
    await b.engine.syncNow();

    await applyChanges(
      b.db,
      [
        {
          table: 'customers',
          id: ids.c1,
          op: 'upsert',
          fields: { vertical: 'Retail', name: 'B name' },
        },
      ],
      {
        now: tick(),
      },
    );
    await applyChanges(
      a.db,
      [
        {
          table: 'customers',
          id: ids.c1,
          op: 'upsert',
          fields: { notes: 'from A', name: 'A name' },
        },
      ],
      {
        now: tick(),
      },
    );
    // B pushes first, A later; A's name is later by the clock and wins everywhere.
    await b.engine.syncNow();
    await a.engine.syncNow();
    await b.engine.syncNow();
    for (const x of [a, b]) {
      expect(await x.db.customers.get(ids.c1)).toMatchObject({
        name: 'A name',
        notes: 'from A',
        vertical: 'Retail',
      });
    }
    expect(sorted(await replicaState(a.db))).toEqual(sorted(await replicaState(b.db)));
  });

  it('a delete wins over a concurrent edit until a restore', async () => {
    const [a, b] = await two();
    await applyChanges(
      a.db,
      [{ table: 'customers', id: ids.c1, op: 'upsert', fields: customerFields() }],
      {
        now: tick(),
      },
    );
    await a.engine.syncNow();
    await b.engine.syncNow();

    await applyChanges(a.db, [{ table: 'customers', id: ids.c1, op: 'delete' }], { now: tick() });
    // B edits later by the clock, without having seen the delete.
    await applyChanges(
      b.db,
      [{ table: 'customers', id: ids.c1, op: 'upsert', fields: { name: 'Edited' } }],
      {
        now: tick(),
      },
    );
    await a.engine.syncNow();
    await b.engine.syncNow();
    await a.engine.syncNow();
    for (const x of [a, b]) {
      expect(await x.db.customers.get(ids.c1)).toMatchObject({ deleted: true, name: 'Edited' });
    }
    await applyChanges(b.db, [{ table: 'customers', id: ids.c1, op: 'restore' }], { now: tick() });
    await b.engine.syncNow();
    await a.engine.syncNow();
    expect((await a.db.customers.get(ids.c1))!.deleted).toBe(false);
  });

  it('a pending local edit survives a pull and is pushed afterwards (rebase)', async () => {
    const [a, b] = await two();
    await applyChanges(
      a.db,
      [{ table: 'customers', id: ids.c1, op: 'upsert', fields: customerFields({ name: 'v1' }) }],
      {
        now: tick(),
      },
    );
    await a.engine.syncNow();
    await b.engine.syncNow();
    // B's edit is older than A's pending one; A pulls it without pushing first.
    await applyChanges(
      b.db,
      [{ table: 'customers', id: ids.c1, op: 'upsert', fields: { name: 'B', notes: 'B notes' } }],
      {
        now: tick(),
      },
    );
    await b.engine.syncNow();
    await applyChanges(
      a.db,
      [{ table: 'customers', id: ids.c1, op: 'upsert', fields: { name: 'A' } }],
      {
        now: tick(),
      },
    );
    const transport = httpTransport({
      url: SERVER_URL,
      token: a.user.token,
      fetch: serverFetch(server),
    });
    const { applyRemotePage } = await import('./apply-remote');
    const page = await transport.pull((await readMeta(a.db, 'syncCursor'))!, 500);
    await applyRemotePage(a.db, page.changes, {
      teamId: team.id,
      cursor: page.nextCursor,
      now: tick(),
    });
    expect(await a.db.customers.get(ids.c1)).toMatchObject({ name: 'A', notes: 'B notes' });
    expect(await a.db.outbox.count()).toBe(1);

    await a.engine.syncNow();
    await b.engine.syncNow();
    expect(await b.db.customers.get(ids.c1)).toMatchObject({ name: 'A', notes: 'B notes' });
  });

  it('empties the outbox only after the answer; a lost answer is pushed again, no duplicates', async () => {
    const user = await team.user('manager');
    let loseNext = true;
    const lossy = (o: TransportOptions): Transport => {
      const inner = httpTransport(o);
      return {
        ...inner,
        async push(body) {
          const answer = await inner.push(body);
          if (loseNext) {
            loseNext = false;
            throw new SyncTransportError('network', 'The answer was lost.');
          }
          return answer;
        },
      };
    };
    const a = await connected(server, user, { transport: lossy });
    await createCustomer(
      a.db,
      { kind: 'person', personName: 'Noa', email: 'noa@x.test' },
      undefined,
      {
        now: tick(),
      },
    );
    const failed = await a.engine.syncNow();
    expect(failed.error?.message).toBe('The answer was lost.');
    // The server has the rows, yet the outbox keeps them until an answer says so.
    expect(failed.pending).toBe(2);
    expect((await serverState(user)).size).toBe(2);

    const ok = await a.engine.syncNow();
    expect(ok.pending).toBe(0);
    expect(ok.error).toBeUndefined();
    const state = await serverState(user);
    expect(state.size).toBe(2);
    expect(sorted(await replicaState(a.db))).toEqual(sorted(state));
  });

  it('uploads local data once on connect; demo rows stay local; syncing again adds nothing', async () => {
    const user = await team.user('manager');
    const db = freshDb();
    // Written before any connection, through the ordinary write path.
    const c = await createCustomer(
      db,
      {
        kind: 'company',
        personName: 'Avi',
        email: 'avi@galil.test',
        companyName: 'Galil',
        domain: 'galil.test',
      },
      undefined,
      { now: tick() },
    );
    await logInteraction(db, interactionFields(c.id), { now: tick(), agent: user.email });
    await updateCustomer(db, c.id, { tags: ['vip'] }, { now: tick() });
    // Demo data: no outbox entries, no clocks. Then edited and given an interaction locally.
    await bulkLoad(
      db,
      {
        customers: [
          {
            ...customerFields({ name: 'Demo Co' }),
            id: 'demo-1',
            teamId: 'local',
            createdAt: 1,
            updatedAt: 1,
            deleted: false,
          },
        ],
      },
      { withOutbox: false },
    );
    await updateCustomer(db, 'demo-1', { notes: 'edited demo' }, { now: tick() });
    await logInteraction(db, interactionFields('demo-1'), { now: tick(), agent: user.email });

    const a = await connected(server, user, {}, db);
    expect((await a.engine.status()).pending).toBe(0);
    const state = await serverState(user);
    expect([...state.keys()].sort()).toEqual(
      [
        `customers/${c.id}`,
        `contacts/${(await db.contacts.toArray())[0]!.id}`,
        `interactions/${(await db.interactions.toArray()).find((i) => i.customerId === c.id)!.id}`,
      ].sort(),
    );
    expect(state.get(`customers/${c.id}`)).toMatchObject({ tags: ['vip'], name: 'Galil' });

    await a.engine.syncNow();
    await a.engine.disconnect();
    await connectAndSync(a.engine, user.token);
    expect((await serverState(user)).size).toBe(3);
    // Demo rows are untouched by the pulls, and still here.
    expect(await db.customers.get('demo-1')).toMatchObject({
      notes: 'edited demo',
      teamId: 'local',
    });
  });

  it('connecting to another team uploads the whole database once; same team again, nothing', async () => {
    const user = await team.user('manager');
    const a = await connected(server, user);
    await applyChanges(
      a.db,
      [{ table: 'customers', id: ids.c1, op: 'upsert', fields: customerFields({ name: 'Kept' }) }],
      {
        now: tick(),
      },
    );
    await applyChanges(
      a.db,
      [{ table: 'customers', id: ids.c2, op: 'upsert', fields: customerFields({ name: 'Gone' }) }],
      {
        now: tick(),
      },
    );
    await applyChanges(a.db, [{ table: 'customers', id: ids.c2, op: 'delete' }], { now: tick() });
    await a.engine.syncNow();
    expect(await a.db.outbox.count()).toBe(0);
    await a.engine.disconnect();
    expect(await a.db.customers.count()).toBe(2);

    // Same team, new token: nothing to resend.
    const again = await team.user('manager');
    await connectAndSync(a.engine, again.token);
    expect(await readMeta(a.db, 'outboxSeq')).toBe(3);

    // Another team on the same server: rows are the team's own there, so everything arrives
    // in that team too, once, and the first team's rows are untouched.
    const neighbour = await (await server.team('Neighbour')).user('manager');
    const moved = await connectAndSync(a.engine, neighbour.token);
    expect(moved).toMatchObject({ pending: 0, refused: [], connection: { teamName: 'Neighbour' } });
    expect(await a.db.customers.count()).toBe(2);
    const neighbourState = await serverState(neighbour);
    expect(neighbourState.get(`customers/${ids.c1}`)).toMatchObject({
      name: 'Kept',
      deleted: false,
    });
    expect(neighbourState.get(`customers/${ids.c2}`)).toMatchObject({
      name: 'Gone',
      deleted: true,
    });
    expect(sorted(neighbourState)).toEqual(sorted(await serverState(user)));

    // Another team on another server: everything arrives, once, with its clocks.
    const otherStorage = await openTestStorage(kind);
    try {
      const otherServer = new TestServer(otherStorage.storage);
      otherServer.clock = server.clock;
      const other = await (await otherServer.team('Other')).user('manager');
      const moved = browser(otherServer, other, {}, a.db);
      const status = await connectAndSync(moved.engine, other.token);
      expect(status).toMatchObject({ pending: 0, refused: [], connection: { teamName: 'Other' } });
      const otherState = await serverState(other);
      expect(otherState.get(`customers/${ids.c1}`)).toMatchObject({ name: 'Kept', deleted: false });
      expect(otherState.get(`customers/${ids.c2}`)).toMatchObject({ name: 'Gone', deleted: true });
      expect(sorted(await replicaState(a.db))).toEqual(sorted(otherState));
      // Clocks kept, not renewed: the same rows as on the first team's server.
      expect(sorted(otherState)).toEqual(sorted(await serverState(user)));
      await moved.engine.syncNow();
      expect(sorted(await serverState(other))).toEqual(sorted(otherState));
    } finally {
      await otherStorage.cleanup();
    }
  }, 60_000);

  it('disconnect forgets the server and keeps every row and pending change', async () => {
    const [a] = await two();
    await applyChanges(
      a.db,
      [{ table: 'customers', id: ids.c1, op: 'upsert', fields: customerFields() }],
      {
        now: tick(),
      },
    );
    await a.engine.syncNow();
    await applyChanges(
      a.db,
      [{ table: 'customers', id: ids.c1, op: 'upsert', fields: { name: 'Offline' } }],
      {
        now: tick(),
      },
    );
    const status = await a.engine.disconnect();
    expect(status).toMatchObject({ connection: null, pending: 1 });
    expect(await readMeta(a.db, 'syncCursor')).toBeUndefined();
    expect(await a.db.customers.get(ids.c1)).toMatchObject({ name: 'Offline' });
    expect(await a.engine.nextAttemptAt()).toBeNull();
    // Not connected: a sync does nothing and changes nothing.
    expect((await a.engine.syncNow()).pending).toBe(1);
    JSON.stringify(status).includes(a.user.token);
    expect(JSON.stringify(await a.engine.status())).not.toContain(a.user.token);
  });

  it('never returns the token in the status', async () => {
    const [a] = await two();
    const status = await a.engine.status();
    expect(status.connection).toMatchObject({
      url: SERVER_URL,
      email: a.user.email,
      role: 'manager',
    });
    expect(JSON.stringify(status)).not.toContain(a.user.token);
  });

  it('connect: clear errors for a bad address, an unreachable server and a wrong token', async () => {
    const user = await team.user('agent');
    const b = browser(server, user);
    await expect(b.engine.connect('ftp://kesher.test', user.token)).rejects.toThrow(/https:\/\//);
    await expect(b.engine.connect('http://kesher.test', user.token)).rejects.toThrow(/https:\/\//);
    await expect(b.engine.connect(SERVER_URL, 'ksh_wrong')).rejects.toThrow(
      /does not accept this token/,
    );
    await expect(b.engine.connect(SERVER_URL, '')).rejects.toThrow(/Paste the token/);
    const offline = browser(server, user, {
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await expect(offline.engine.connect('kesher.test', user.token)).rejects.toThrow(
      /Could not reach https:\/\/kesher\.test/,
    );
    const notKesher = browser(server, user, {
      fetch: () => new Response('<html>hello</html>', { status: 200 }),
    });
    await expect(notKesher.engine.connect(SERVER_URL, user.token)).rejects.toThrow(
      /does not answer like a Kesher sync server/,
    );
    expect((await b.engine.status()).connection).toBeNull();
  });

  it('connect answers once the connection is saved; the first sync goes on, its progress in the status', async () => {
    const user = await team.user('manager');
    const writer = await connected(server, user);
    // Two pushes: two versions, two pages of one row each for a page limit of 1.
    for (const id of [ids.c1, ids.c2]) {
      await applyChanges(
        writer.db,
        [{ table: 'customers', id, op: 'upsert', fields: customerFields() }],
        { now: tick() },
      );
      await writer.engine.syncNow();
    }
    const gates = [deferred(), deferred()];
    const secondAsked = deferred();
    let pulls = 0;
    const gated = (o: TransportOptions): Transport => {
      const inner = httpTransport(o);
      return {
        ...inner,
        async pull(cursor, limit) {
          const n = pulls++;
          if (n === 1) secondAsked.resolve();
          if (n < 2) await gates[n]!.promise;
          return inner.pull(cursor, limit);
        },
      };
    };
    const a = browser(server, user, { transport: gated, pageLimit: 1 });
    const answered = await a.engine.connect(SERVER_URL, user.token);
    expect(answered.connection).toMatchObject({ email: user.email });
    expect(answered.phase).not.toBe('idle');
    expect(answered.lastSyncAt).toBeUndefined();
    expect(answered.received).toBeUndefined();
    expect(await a.db.customers.count()).toBe(0);

    gates[0]!.resolve();
    await secondAsked.promise;
    await vi.waitFor(async () =>
      expect(await a.engine.status()).toMatchObject({ phase: 'pulling', received: 1 }),
    );
    expect(await a.db.customers.count()).toBe(1);

    gates[1]!.resolve();
    await a.engine.whenIdle();
    const done = await a.engine.status();
    expect(done).toMatchObject({ phase: 'idle', lastSyncAt: server.clock });
    expect(done.received).toBeUndefined();
    expect(await a.db.customers.count()).toBe(2);
  });

  it('one sync at a time: calls during a sync join exactly one follow-up run', async () => {
    const user = await team.user('manager');
    let pushes = 0;
    let pulls = 0;
    let release: () => void = () => {};
    let reached: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const atGate = new Promise<void>((resolve) => (reached = resolve));
    const counting = (o: TransportOptions): Transport => {
      const inner = httpTransport(o);
      return {
        ...inner,
        async push(body) {
          pushes++;
          if (pushes === 1) {
            reached();
            await gate;
          }
          return inner.push(body);
        },
        async pull(cursor, limit) {
          pulls++;
          return inner.pull(cursor, limit);
        },
      };
    };
    const a = browser(server, user, { transport: counting });
    await applyChanges(
      a.db,
      [{ table: 'customers', id: ids.c1, op: 'upsert', fields: customerFields() }],
      {
        now: tick(),
      },
    );
    const connecting = a.engine.connect(SERVER_URL, user.token);
    await atGate;
    expect((await a.engine.status()).phase).toBe('pushing');
    await applyChanges(
      a.db,
      [{ table: 'customers', id: ids.c2, op: 'upsert', fields: customerFields() }],
      {
        now: tick(),
      },
    );
    const joined = [a.engine.syncNow(), a.engine.syncNow(), a.engine.syncNow()];
    release();
    await connecting;
    const statuses = await Promise.all(joined);
    expect(statuses.map((s) => [s.pending, s.phase])).toEqual([
      [0, 'idle'],
      [0, 'idle'],
      [0, 'idle'],
    ]);
    // The running sync pushes c1, then c2 (written meanwhile: the outbox is pushed until
    // empty), then pulls. The three calls made during it: one more sync (nothing to push, one
    // pull), not three.
    expect([pushes, pulls]).toEqual([2, 2]);
    expect((await serverState(user)).size).toBe(2);
  });
});
