import { describe, expect, it, vi } from 'vitest';
import type { AuthUser } from './context';
import { PushBody, type PushResponse } from './protocol';
import { PushQueue, takeGroup } from './push-queue';
import {
  followDuring,
  STORAGES,
  suiteServer,
  type TestClient,
  TestServer,
  type TestTeam,
  type WireMutation,
} from './test-support';

describe('takeGroup', () => {
  const req = (userId: string, clientId: string, mutations = 1) => ({
    request: {
      user: { id: userId } as AuthUser,
      body: { clientId, mutations: Array.from({ length: mutations }) } as PushBody,
      now: 0,
    },
    name: `${userId}/${clientId}/${mutations}`,
  });
  const names = (xs: Array<{ name: string }>) => xs.map((x) => x.name);

  it('takes pushes in arrival order, one per client; a client’s later pushes wait', () => {
    const queue = [req('u1', 'a'), req('u2', 'a'), req('u1', 'a'), req('u1', 'b'), req('u1', 'a')];
    expect(names(takeGroup(queue, 1000))).toEqual(['u1/a/1', 'u2/a/1', 'u1/b/1']);
    expect(names(queue)).toEqual(['u1/a/1', 'u1/a/1']);
    expect(names(takeGroup(queue, 1000))).toEqual(['u1/a/1']);
    expect(names(takeGroup(queue, 1000))).toEqual(['u1/a/1']);
    expect(queue).toEqual([]);
  });

  it('keeps a group within the mutation bound; the first push always goes', () => {
    const queue = [
      req('u1', 'a', 800),
      req('u2', 'a', 300),
      req('u2', 'a', 1),
      req('u3', 'a', 200),
    ];
    // u2's push does not fit, so its next one waits behind it; u3's fits.
    expect(names(takeGroup(queue, 1000))).toEqual(['u1/a/800', 'u3/a/200']);
    expect(names(takeGroup(queue, 1000))).toEqual(['u2/a/300']);
    const big = [req('u1', 'a', 1000), req('u2', 'a', 1)];
    expect(names(takeGroup(big, 10))).toEqual(['u1/a/1000']);
  });
});

describe.each(STORAGES)('group commit on %s', (kind) => {
  let server: TestServer;

  suiteServer(kind, (opened) => (server = opened));

  interface Agent {
    user: AuthUser;
    client: TestClient;
  }

  async function agents(team: TestTeam, n: number): Promise<Agent[]> {
    const out: Agent[] = [];
    for (let i = 0; i < n; i++) {
      const u = await team.user('agent');
      const user = { id: u.id, teamId: team.id, teamName: 'Team', email: u.email, role: 'agent' };
      out.push({ user: user as AuthUser, client: u.client() });
    }
    return out;
  }

  /** A queue on the test storage, counting the transactions it runs. */
  function queue() {
    const transactions = vi.spyOn(server.storage.db, 'transaction');
    return { queue: new PushQueue(server.storage), transactions };
  }

  const send = (q: PushQueue, a: Agent, ...mutations: WireMutation[]): Promise<PushResponse> =>
    q.push(a.user, PushBody.parse({ clientId: a.client.clientId, mutations }), server.clock);

  it('applies pushes arriving together in one transaction, each with its own answer', async () => {
    const team = await server.team();
    const all = await agents(team, 8);
    const { queue: q, transactions } = queue();
    const sent = all.map((a, i) => {
      const mutations = [a.client.create('deals', `g-${i}`, { name: `deal ${i}` })];
      // Every other agent also tries what an agent may not: only that one is refused.
      if (i % 2 === 1) mutations.push(a.client.upsert('settings', 'team', { currency: 'ILS' }));
      return mutations;
    });
    const answers = await Promise.all(all.map((a, i) => send(q, a, ...sent[i]!)));
    // The first push found the team idle and went alone; the other seven went together.
    expect(transactions).toHaveBeenCalledTimes(2);
    transactions.mockRestore();

    answers.forEach((answer, i) => {
      const mine = sent[i]!;
      expect(answer.lastMutationId).toBe(mine[mine.length - 1]!.mutationId);
      expect(answer.rejected).toEqual(
        i % 2 === 1
          ? [expect.objectContaining({ mutationId: mine[1]!.mutationId, code: 'forbidden' })]
          : [],
      );
    });
    // Each push has a version of its own, in the order the pushes arrived.
    const { changes } = await all[0]!.client.pullAll(0);
    const versions = all.map((_, i) => changes.find((c) => c.id === `g-${i}`)!.version);
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
    expect(new Set(versions).size).toBe(all.length);
  });

  it('keeps one customer per email exact within a group: the earlier push wins', async () => {
    const team = await server.team();
    const [idle, first, second] = await agents(team, 3);
    const { queue: q, transactions } = queue();
    const customer = (a: Agent, id: string) =>
      a.client.create('customers', id, { name: id, emails: ['same@mail.test'] });
    const [, one, two] = await Promise.all([
      send(q, idle!, idle!.client.create('deals', 'e-0')),
      send(q, first!, customer(first!, 'e-1')),
      send(q, second!, customer(second!, 'e-2')),
    ]);
    expect(transactions).toHaveBeenCalledTimes(2);
    transactions.mockRestore();
    expect(one.rejected).toEqual([]);
    expect(two.rejected).toEqual([
      expect.objectContaining({ code: 'email_taken', id: 'e-2', conflictWith: 'e-1' }),
    ]);
  });

  it('puts a client’s second push in a later group: a racing retry is answered as a retry', async () => {
    const team = await server.team();
    const [blocker, a, b] = await agents(team, 3);
    const mutations = [
      a!.client.create('deals', 'r-1'),
      a!.client.upsert('campaigns', 'c-1', { name: 'refused' }),
    ];
    const { queue: q, transactions } = queue();
    const [, answer, retry, other] = await Promise.all([
      send(q, blocker!, blocker!.client.create('deals', 'r-0')),
      send(q, a!, ...mutations),
      send(q, a!, ...mutations),
      send(q, b!, b!.client.create('deals', 'r-2')),
    ]);
    // [blocker], then [a, b], then a's retry alone.
    expect(transactions).toHaveBeenCalledTimes(3);
    transactions.mockRestore();
    expect(answer).toEqual({
      lastMutationId: mutations[1]!.mutationId,
      rejected: [
        expect.objectContaining({ code: 'forbidden', mutationId: mutations[1]!.mutationId }),
      ],
    });
    expect(retry).toEqual(answer);
    expect(other.rejected).toEqual([]);
  });

  it('one push that cannot commit does not fail the others of its group', async () => {
    const team = await server.team();
    const [idle, good, alsoGood] = await agents(team, 3);
    // A user the database does not have: saving its client position breaks a foreign key.
    const ghost: Agent = {
      user: { ...good!.user, id: 'no-such-user' },
      client: good!.client.user.client(),
    };
    const { queue: q, transactions } = queue();
    const results = await Promise.allSettled([
      send(q, idle!, idle!.client.create('deals', 'f-0')),
      send(q, good!, good!.client.create('deals', 'f-1')),
      send(q, ghost, ghost.client.create('deals', 'f-ghost')),
      send(q, alsoGood!, alsoGood!.client.create('deals', 'f-2')),
    ]);
    // [idle], the failed group of three, then each of the three alone.
    expect(transactions).toHaveBeenCalledTimes(5);
    transactions.mockRestore();
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const ids = (await good!.client.pullAll(0)).changes.map((c) => c.id).sort();
    expect(ids).toEqual(['f-0', 'f-1', 'f-2']);
  });

  it('two server processes on one database: the row lock still orders their groups', async () => {
    // Two queues stand for two processes: their groups run at the same time (on PostgreSQL,
    // on two connections), and a reader following along must still miss nothing.
    const team = await server.team();
    const all = await agents(team, 6);
    const processes = [new PushQueue(server.storage), new PushQueue(server.storage)];
    const reader = all[0]!.client;
    const seen = await followDuring(reader, 5, () =>
      Promise.all(
        all.map(async (a, i) => {
          for (let p = 0; p < 6; p++) {
            const answer = await send(
              processes[(i + p) % 2]!,
              a,
              a.client.create('deals', `two-${i}-${p}`),
              a.client.create('deals', `two-shared-${p % 2}`, { name: `${i} ${p}` }),
            );
            expect(answer.rejected).toEqual([]);
          }
        }),
      ),
    );
    const { changes } = await reader.pullAll(0);
    expect(changes).toHaveLength(6 * 6 + 2);
    for (const c of changes) expect(seen.get(`${c.table}/${c.id}`)?.version).toBe(c.version);
  });
});
