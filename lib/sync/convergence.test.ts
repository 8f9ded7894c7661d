import { afterEach, describe, expect, it } from 'vitest';
import { customerFields, freshDb, interactionFields } from '../db/test-support';
import { deepEqual } from '../db/deep-equal';
import { metaRow } from '../db/meta';
import { applyChanges, type Change } from '../db/write';
import { DEFAULT_SETTINGS } from '../model';
import { STORAGES, TestServer, openTestStorage, type TestStorage } from '../../server/test-support';
import { connected, replicaState, serverState, sorted, type Browser } from './test-support';
import { httpTransport, type Transport, type TransportOptions } from './transport';
import { SyncTransportError } from './transport-error';
import type { PushRequest } from './wire';

/**
 * Convergence of the REAL engine: several browsers of one team edit shared rows offline at
 * random (creates, edits, deletes, restores, others' interactions, an agent's settings,
 * addresses another customer has), sync now and then, some cut off for rounds at a time,
 * over a network that delivers old pushes again and answers pulls for stale cursors and
 * loses push answers. At the end every refusal is settled, everyone syncs twice, and every
 * replica must hold exactly the server's full state. A failure names its seed; rerun one with
 * KESHER_SEED=<seed> (or hunt with KESHER_SEED=1-50).
 */

const SEEDS = seeds(process.env.KESHER_SEED) ?? [1, 2, 3, 4];
const ROUNDS = 24;
const EMAILS = ['one@shared.test', 'two@shared.test', 'three@shared.test'];

/** "7" or "1-50" (to hunt for a failing seed). */
function seeds(text: string | undefined): number[] | null {
  const m = text ? /^(\d+)(?:-(\d+))?$/.exec(text) : null;
  if (!m) return null;
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Seeded xorshift32. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

interface Network {
  /** Off for the final syncs: they must be able to finish. */
  chaos: boolean;
  rnd: () => number;
}

/**
 * The real transport over a bad network: an earlier push body is delivered again first (its
 * answer lost), a push's answer is lost after the server committed it, and a pull is answered
 * for an earlier cursor. History outlives one sync (the engine makes a transport per sync).
 */
function badNetwork(net: Network) {
  const pushes: PushRequest[] = [];
  const cursors: number[] = [];
  return (o: TransportOptions): Transport => {
    const inner = httpTransport(o);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(net.rnd() * xs.length)]!;
    return {
      ...inner,
      async push(body) {
        if (net.chaos && pushes.length > 0 && net.rnd() < 0.2) {
          await inner.push(pick(pushes)).catch(() => undefined);
        }
        pushes.push(body);
        if (pushes.length > 8) pushes.shift();
        const answer = await inner.push(body);
        if (net.chaos && net.rnd() < 0.1) {
          throw new SyncTransportError('network', 'The answer was lost on the way.');
        }
        return answer;
      },
      async pull(cursor, limit) {
        cursors.push(cursor);
        if (cursors.length > 20) cursors.shift();
        if (net.chaos && net.rnd() < 0.2) {
          const stale = cursors.filter((c) => c <= cursor);
          return inner.pull(pick(stale), limit);
        }
        return inner.pull(cursor, limit);
      },
    };
  };
}

describe.each(STORAGES)('convergence on %s', (kind) => {
  let ts: TestStorage | undefined;
  afterEach(async () => {
    await ts?.cleanup();
    ts = undefined;
  });

  it.each(SEEDS)(
    'every replica ends equal to the server (seed %i)',
    async (seed) => {
      // A server of its own per seed: the settings row's id is the same ("team") for every team,
      // and the server keys rows by id alone, so only one team per server can have settings
      // (reported as a server bug).
      ts = await openTestStorage(kind);
      const server = new TestServer(ts.storage);
      const rnd = random(seed);
      const net: Network = { chaos: true, rnd };
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
      server.clock = 1_800_000_000_000;
      const team = await server.team(`Seed ${seed}`);
      // Ids and client ids from the seed too, so that a seed replays the same run.
      let counter = 0;
      const newId = () => `s${seed}-${String(++counter).padStart(6, '0')}`;
      const browsers: Browser[] = [];
      for (const [i, role] of (['agent', 'manager', 'manager', 'manager'] as const).entries()) {
        const db = freshDb();
        await db.meta.put(metaRow('clientId', `s${seed}b${i}`));
        const user = await team.user(role);
        browsers.push(await connected(server, user, { transport: badNetwork(net) }, db));
      }
      const offlineUntil = browsers.map(() => 0);
      const log: string[] = [];

      try {
        for (let round = 0; round < ROUNDS; round++) {
          for (const [i, b] of browsers.entries()) {
            const edits = Math.floor(rnd() * 3);
            for (let k = 0; k < edits; k++) {
              server.clock += 1 + Math.floor(rnd() * 500);
              const change = await randomChange(b, rnd, pick, newId);
              if (!change) continue;
              log.push(`r${round} b${i} ${change.op} ${change.table} ${change.id.slice(-6)}`);
              await applyChanges(b.db, [change], { now: server.clock }).catch(() => undefined);
            }
            if (rnd() < 0.15) offlineUntil[i] = round + 1 + Math.floor(rnd() * 4);
            if (offlineUntil[i]! <= round && rnd() < 0.6) {
              server.clock += 1 + Math.floor(rnd() * 200);
              const status = await b.engine.syncNow();
              log.push(
                `r${round} b${i} sync${status.error ? ` failed: ${status.error.message}` : ''}` +
                  status.refused.map((r) => ` [${r.code} ${r.table} ${r.id.slice(-6)}]`).join(''),
              );
            }
          }
        }

        // Heal: a good network, every refusal settled, then everyone syncs twice.
        net.chaos = false;
        for (let pass = 0; pass < 6; pass++) {
          let open = 0;
          for (const b of browsers) {
            // One at a time, from a fresh list: settling one can sync and replace another.
            let status = await b.engine.syncNow();
            for (let n = 0; status.refused.length > 0 && n < 20; n++) {
              const r = status.refused[0]!;
              open++;
              const merge = r.code === 'email_taken' && rnd() < 0.5;
              server.clock += 10;
              log.push(
                `heal b${browsers.indexOf(b)} ${merge ? 'merge' : 'dismiss'} ${r.code} ${r.table} ${r.id.slice(-6)} ${r.conflictWith?.slice(-6) ?? ''}`,
              );
              status = await b.engine.resolve(r.mutationId, merge ? 'merge' : 'dismiss');
            }
          }
          if (open === 0) break;
        }
        for (let pass = 0; pass < 2; pass++) {
          for (const b of browsers) {
            server.clock += 10;
            const status = await b.engine.syncNow();
            expect(status.error, `seed ${seed}`).toBeUndefined();
          }
        }

        const truth = sorted(await serverState(browsers[0]!.user));
        expect(truth.length, `seed ${seed}: the run did something`).toBeGreaterThan(5);
        for (const [i, b] of browsers.entries()) {
          const status = await b.engine.status();
          expect([status.pending, status.refused], `seed ${seed}, browser ${i}`).toEqual([0, []]);
          const replica = sorted(await replicaState(b.db));
          expect(differences(replica, truth), `seed ${seed}, browser ${i}`).toEqual([]);
          expect(replica, `seed ${seed}, browser ${i}`).toEqual(truth);
        }
      } catch (error) {
        console.error(
          `Convergence failed for seed ${seed}. Last steps:\n${log.slice(-60).join('\n')}`,
        );
        throw error;
      }
    },
    120_000,
  );
});

/** The rows that differ, each with both versions: a readable failure. */
function differences(
  replica: Array<[string, Record<string, unknown>]>,
  truth: Array<[string, Record<string, unknown>]>,
): Array<{ row: string; replica?: Record<string, unknown>; server?: Record<string, unknown> }> {
  const mine = new Map(replica);
  const theirs = new Map(truth);
  const out = [];
  for (const row of new Set([...mine.keys(), ...theirs.keys()])) {
    const a = mine.get(row);
    const b = theirs.get(row);
    if (!a || !b) {
      out.push({ row, replica: a, server: b });
      continue;
    }
    const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
      (k) => !deepEqual(a[k], b[k]),
    );
    if (fields.length > 0) {
      out.push({
        row,
        replica: Object.fromEntries(fields.map((k) => [k, a[k]])),
        server: Object.fromEntries(fields.map((k) => [k, b[k]])),
      });
    }
  }
  return out;
}

/** One offline edit of a row this browser knows (or a new one), as a local write would make it. */
async function randomChange(
  b: Browser,
  rnd: () => number,
  pick: <T>(xs: readonly T[]) => T,
  newId: () => string,
): Promise<Change | null> {
  const [customers, interactions, deals] = await Promise.all([
    b.db.customers.toArray(),
    b.db.interactions.toArray(),
    b.db.deals.toArray(),
  ]);
  const r = rnd();
  if (r < 0.12 || customers.length === 0) {
    const emails = rnd() < 0.3 ? [pick(EMAILS)] : [];
    return {
      table: 'customers',
      id: newId(),
      op: 'upsert',
      fields: customerFields({ name: `C${Math.floor(rnd() * 1000)}`, emails }),
    };
  }
  const customer = pick(customers);
  if (r < 0.42) {
    const field = pick(['name', 'notes', 'tags', 'vertical', 'emails', 'size'] as const);
    const value = {
      name: `N${Math.floor(rnd() * 1000)}`,
      notes: rnd() < 0.2 ? undefined : `note ${Math.floor(rnd() * 1000)}`,
      tags: rnd() < 0.5 ? [] : [pick(['vip', 'lead', 'churn'])],
      vertical: pick(['Retail', 'Health', undefined]),
      emails: rnd() < 0.5 ? [] : [pick(EMAILS)],
      size: Math.floor(rnd() * 500),
    }[field];
    return { table: 'customers', id: customer.id, op: 'upsert', fields: { [field]: value } };
  }
  if (r < 0.5) return { table: 'customers', id: customer.id, op: 'delete' };
  if (r < 0.56) return { table: 'customers', id: customer.id, op: 'restore' };
  if (r < 0.7) {
    return {
      table: 'interactions',
      id: newId(),
      op: 'upsert',
      fields: {
        ...interactionFields(customer.id, { subject: `S${Math.floor(rnd() * 100)}` }),
        agent: b.user.email,
      },
    };
  }
  if (r < 0.82 && interactions.length > 0) {
    const interaction = pick(interactions);
    if (rnd() < 0.3)
      return { table: 'interactions', id: interaction.id, op: rnd() < 0.5 ? 'delete' : 'restore' };
    // Often someone else's: the server refuses, and the row must come back.
    return {
      table: 'interactions',
      id: interaction.id,
      op: 'upsert',
      fields: { subject: `E${Math.floor(rnd() * 100)}` },
    };
  }
  if (r < 0.9) {
    // An agent's change to the settings is refused; a manager's goes through.
    return {
      table: 'settings',
      id: 'team',
      op: 'upsert',
      fields: {
        ...DEFAULT_SETTINGS,
        currency: pick(['EUR', 'ILS', 'USD']),
        logBodies: rnd() < 0.5,
      },
    };
  }
  if (deals.length > 0 && rnd() < 0.6) {
    const deal = pick(deals);
    if (rnd() < 0.25)
      return { table: 'deals', id: deal.id, op: rnd() < 0.5 ? 'delete' : 'restore' };
    return {
      table: 'deals',
      id: deal.id,
      op: 'upsert',
      fields: {
        stage: pick(['lead', 'qualified', 'won'] as const),
        value: Math.floor(rnd() * 10_000),
      },
    };
  }
  return {
    table: 'deals',
    id: newId(),
    op: 'upsert',
    fields: { customerId: customer.id, name: 'Deal', stage: 'lead', value: 100, currency: 'EUR' },
  };
}
