import { uuidv7 } from 'uuidv7';
import { beforeEach, describe, expect, it } from 'vitest';
import { readMeta } from '../db/meta';
import { customerFields } from '../db/test-support';
import { applyChanges } from '../db/write';
import { revokeUser } from '../../server/admin';
import { purgeTombstones } from '../../server/purge';
import { STORAGES, suiteServer, TestServer, type TestTeam } from '../../server/test-support';
import { BACKOFF_CAP_MS } from './backoff';
import { SyncEngine } from './engine';
import {
  browser,
  connectAndSync,
  connected,
  replicaState,
  serverFetch,
  serverState,
  sorted,
  type Browser,
} from './test-support';
import { httpTransport, type FetchLike, type Transport, type TransportOptions } from './transport';
import { SyncTransportError } from './transport-error';

const DAY = 24 * 3_600_000;

describe.each(STORAGES)('sync failures on %s', (kind) => {
  let server: TestServer;
  let team: TestTeam;

  suiteServer(kind, (opened) => (server = opened));
  beforeEach(async () => {
    server.clock = Date.now();
    team = await server.team();
  });

  function tick(ms = 1_000): number {
    server.clock += ms;
    return server.clock;
  }

  async function createCustomers(b: Browser, names: string[]): Promise<string[]> {
    const ids = names.map(() => uuidv7());
    await applyChanges(
      b.db,
      ids.map((id, i) => ({
        table: 'customers' as const,
        id,
        op: 'upsert' as const,
        fields: customerFields({ name: names[i]! }),
      })),
      { now: tick() },
    );
    return ids;
  }

  /** A fetch that answers `override` for requests it matches and passes the rest on. */
  function intercept(match: (r: Request) => boolean, override: () => Response): FetchLike {
    const real = serverFetch(server);
    return (request) => (match(request) ? override() : real(request));
  }
  const isPull = (r: Request) => new URL(r.url).pathname === '/v1/sync/pull';
  const isPush = (r: Request) => new URL(r.url).pathname === '/v1/sync/push';

  it('410: a full resync from 0, rows purged there go here, pending local edits still win', async () => {
    const b = await connected(server, await team.user('manager'));
    const [kept, purged] = await createCustomers(b, ['Kept', 'Purged']);
    await b.engine.syncNow();

    let during: (() => Promise<void>) | null = null;
    const hooked = (o: TransportOptions): Transport => {
      const inner = httpTransport(o);
      return {
        ...inner,
        async pull(cursor, limit) {
          const page = await inner.pull(cursor, limit);
          const hook = during;
          if (cursor === 0 && hook) {
            during = null;
            await hook();
          }
          return page;
        },
      };
    };
    const a = await connected(server, await team.user('manager'), { transport: hooked });
    expect((await a.db.customers.get(purged!))!.deleted).toBe(false);

    // While A is away: Purged is deleted, the tombstone purged; A never saw the delete.
    await applyChanges(b.db, [{ table: 'customers', id: purged!, op: 'delete' }], { now: tick() });
    await applyChanges(
      b.db,
      [{ table: 'customers', id: kept!, op: 'upsert', fields: { notes: 'B' } }],
      {
        now: tick(),
      },
    );
    await b.engine.syncNow();
    await purgeTombstones(server.storage, {
      now: server.clock + 2 * DAY,
      horizonMs: DAY,
      teamId: team.id,
    });

    // An edit made while the resync's first page is on its way: newer than anything there.
    during = async () => {
      await applyChanges(
        a.db,
        [{ table: 'customers', id: kept!, op: 'upsert', fields: { name: 'A, meanwhile' } }],
        {
          now: tick(),
        },
      );
    };
    const status = await a.engine.syncNow();
    expect(status.error).toBeUndefined();
    expect(during).toBeNull();
    expect(await a.db.customers.get(purged!)).toBeUndefined();
    expect(await a.db.customers.get(kept!)).toMatchObject({ name: 'A, meanwhile', notes: 'B' });
    expect(status.pending).toBe(0);
    expect(sorted(await replicaState(a.db))).toEqual(sorted(await serverState(b.user)));
  });

  it('a server answering garbage: a clear error, nothing applied, nothing lost', async () => {
    const b = await connected(server, await team.user('manager'));
    await createCustomers(b, ['One']);
    await b.engine.syncNow();

    const bad = JSON.stringify({
      changes: [
        {
          table: 'customers',
          id: 'x',
          version: 99,
          deleted: false,
          fields: { name: { value: 'Evil', hlc: 'yesterday' } },
        },
      ],
      nextCursor: 99,
      hasMore: false,
    });
    const user = await team.user('manager');
    const a = browser(server, user, {
      fetch: intercept(
        isPull,
        () => new Response(bad, { headers: { 'content-type': 'application/json' } }),
      ),
    });
    const status = await connectAndSync(a.engine, user.token);
    expect(status).toMatchObject({
      error: { message: expect.stringMatching(/not valid.*nothing was applied/) },
    });
    expect(await a.db.customers.count()).toBe(0);
    expect(await readMeta(a.db, 'syncCursor')).toBeUndefined();

    // A push answered with nonsense: the outbox keeps everything.
    const c = browser(server, user, {
      fetch: intercept(isPush, () => Response.json({ lastMutationId: 'lots', rejected: [] })),
    });
    await createCustomers(c, ['Two']);
    const pushed = await connectAndSync(c.engine, user.token);
    expect(pushed.error?.message).toMatch(/not valid/);
    expect(pushed.pending).toBe(1);
  });

  it('401: the error says so and automatic retries stop until a new connect', async () => {
    const user = await team.user('agent');
    let requests = 0;
    const real = serverFetch(server);
    const a = await connected(server, user, {
      fetch: (r) => {
        requests++;
        return real(r);
      },
    });
    await revokeUser(server.storage, { email: user.email, teamId: team.id }, server.clock);
    const status = await a.engine.syncNow();
    expect(status.error).toEqual({
      message: expect.stringMatching(/no longer accepts this token/),
      at: server.clock,
    });
    expect(await a.engine.nextAttemptAt()).toBeNull();
    const before = requests;
    tick(DAY);
    await a.engine.syncIfDue();
    expect(requests).toBe(before);

    const again = await team.user('agent');
    const ok = await connectAndSync(a.engine, again.token);
    expect(ok.error).toBeUndefined();
    expect(await a.engine.nextAttemptAt()).toBe(0);
  });

  it('429: Retry-After is honoured, then the sync goes through', async () => {
    const user = await team.user('manager');
    let limited = true;
    const a = await connected(server, user, {
      fetch: intercept(
        (r) => limited && isPull(r),
        () =>
          Response.json(
            { error: 'Too many requests; try again in 600 s.', code: 'rate_limited', details: {} },
            { status: 429, headers: { 'retry-after': '600' } },
          ),
      ),
    });
    const status = await a.engine.status();
    expect(status.error).toEqual({
      message: 'Too many requests; try again in 600 s.',
      at: server.clock,
      retryAt: server.clock + 600_000,
    });
    expect(status.phase).toBe('backing-off');
    expect(await a.engine.nextAttemptAt()).toBe(server.clock + 600_000);
    limited = false;
    tick(300_000);
    expect((await a.engine.syncIfDue()).error).toBeDefined(); // not due yet: nothing tried
    tick(300_000);
    const ok = await a.engine.syncIfDue();
    expect(ok.error).toBeUndefined();
    expect(ok.lastSyncAt).toBe(server.clock);
  });

  it('backoff grows from 30 s to the 30 min cap and resets on success', async () => {
    const user = await team.user('manager');
    let offline = false;
    const real = serverFetch(server);
    const a = await connected(server, user, {
      random: () => 1,
      fetch: (r) => (offline ? Promise.reject(new TypeError('Failed to fetch')) : real(r)),
    });
    offline = true;
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const s = await a.engine.syncNow();
      waits.push(s.error!.retryAt! - s.error!.at);
      expect(s.error!.message).toMatch(/Could not reach the sync server/);
    }
    expect(waits).toEqual([
      30_000,
      60_000,
      120_000,
      240_000,
      480_000,
      960_000,
      BACKOFF_CAP_MS,
      BACKOFF_CAP_MS,
    ]);
    offline = false;
    const ok = await a.engine.syncNow();
    expect(ok.error).toBeUndefined();
    expect(await a.engine.nextAttemptAt()).toBe(0);
    offline = true;
    const first = await a.engine.syncNow();
    expect(first.error!.retryAt! - first.error!.at).toBe(30_000);
  });

  it('killed mid-pull: a new engine resumes from the committed page, nothing lost or doubled', async () => {
    const b = await connected(server, await team.user('manager'));
    for (let i = 0; i < 8; i++) {
      await createCustomers(b, [`A${i}`, `B${i}`, `C${i}`]);
      await b.engine.syncNow(); // one version of three rows per push
    }
    const user = await team.user('manager');
    let pages = 0;
    const dying = (o: TransportOptions): Transport => {
      const inner = httpTransport(o);
      return {
        ...inner,
        async pull(cursor, limit) {
          if (++pages > 3) throw new SyncTransportError('network', 'The worker was stopped.');
          return inner.pull(cursor, limit);
        },
      };
    };
    const a = browser(server, user, { transport: dying, pageLimit: 4 });
    const failed = await connectAndSync(a.engine, user.token);
    expect(failed.error?.message).toBe('The worker was stopped.');
    // Three pages of one version (three rows) each, committed with their cursor.
    expect(await a.db.customers.count()).toBe(9);
    const cursor = await readMeta(a.db, 'syncCursor');

    // Now the fourth page's transaction dies half way: a row the hook refuses aborts it all.
    const hook = (_key: unknown, row: { name: string }) => {
      if (row.name === 'B3') throw new Error('killed inside the transaction');
    };
    a.db.customers.hook('creating', hook);
    const second = new SyncEngine({
      db: a.db,
      fetch: serverFetch(server),
      now: () => server.clock,
      pageLimit: 4,
    });
    const aborted = await second.syncNow();
    expect(aborted.error?.message).toMatch(/killed inside the transaction/);
    expect(await a.db.customers.count()).toBe(9);
    expect(await readMeta(a.db, 'syncCursor')).toBe(cursor);

    a.db.customers.hook('creating').unsubscribe(hook);
    const third = new SyncEngine({
      db: a.db,
      fetch: serverFetch(server),
      now: () => server.clock,
      pageLimit: 4,
    });
    const done = await third.syncNow();
    expect(done.error).toBeUndefined();
    expect(await a.db.customers.count()).toBe(24);
    expect(sorted(await replicaState(a.db))).toEqual(sorted(await serverState(user)));
  });

  it('disconnect during a hung request returns at once and records no failure', async () => {
    const user = await team.user('manager');
    let hang = false;
    const real = serverFetch(server);
    const a = await connected(server, user, {
      fetch: (r) => (hang ? new Promise<Response>(() => {}) : real(r)),
    });
    hang = true;
    const syncing = a.engine.syncNow();
    const status = await a.engine.disconnect();
    expect(status.connection).toBeNull();
    expect((await syncing).error).toBeUndefined();
  });
});
