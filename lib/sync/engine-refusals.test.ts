import { beforeEach, describe, expect, it } from 'vitest';
import { createCustomer, logInteraction, updateCustomer } from '../db/mutations';
import { getSettings, updateSettings } from '../db/settings';
import { interactionFields } from '../db/test-support';
import { applyChanges } from '../db/write';
import { STORAGES, suiteServer, TestServer, type TestTeam } from '../../server/test-support';
import { connected, replicaState, serverState, sorted, type Browser } from './test-support';

describe.each(STORAGES)('refused changes on %s', (kind) => {
  let server: TestServer;
  let team: TestTeam;
  let manager: Browser;
  let agent: Browser;

  suiteServer(kind, (opened) => (server = opened));
  beforeEach(async () => {
    server.clock = Date.now();
    team = await server.team();
    manager = await connected(server, await team.user('manager'));
    agent = await connected(server, await team.user('agent'));
  });

  function tick(ms = 1_000): number {
    server.clock += ms;
    return server.clock;
  }

  /** The team's customer Acme (the manager's), synced to both browsers. */
  async function teamCustomer(email = 'info@acme.test') {
    const acme = await createCustomer(
      manager.db,
      { kind: 'company', companyName: 'Acme', personName: 'Dana', email, domain: 'acme.test' },
      undefined,
      { now: tick() },
    );
    await updateCustomer(manager.db, acme.id, { emails: [email] }, { now: tick() });
    await logInteraction(manager.db, interactionFields(acme.id, { subject: 'From the team' }), {
      now: tick(),
      agent: manager.user.email,
    });
    await manager.engine.syncNow();
    return acme;
  }

  /** The same person created offline by the agent, with two interactions of its own. */
  async function duplicate(email = 'info@acme.test') {
    const dup = await createCustomer(
      agent.db,
      { kind: 'person', personName: 'Dana Acme', email },
      undefined,
      { now: tick() },
    );
    for (const subject of ['Call', 'Visit']) {
      await logInteraction(agent.db, interactionFields(dup.id, { subject }), {
        now: tick(),
        agent: agent.user.email,
      });
    }
    return dup;
  }

  it('an agent changing settings: refused with the reason, the row back to the team settings', async () => {
    await updateSettings(manager.db, { currency: 'ILS' }, { now: tick() });
    await manager.engine.syncNow();
    await agent.engine.syncNow();
    expect((await getSettings(agent.db)).currency).toBe('ILS');

    await updateSettings(agent.db, { currency: 'USD', logBodies: true }, { now: tick() });
    const status = await agent.engine.syncNow();
    expect(status.pending).toBe(0);
    expect(status.error).toBeUndefined();
    expect(status.refused).toEqual([
      expect.objectContaining({
        code: 'forbidden',
        table: 'settings',
        id: 'team',
        reason: expect.stringMatching(/agent cannot change settings/),
      }),
    ]);
    expect(await getSettings(agent.db)).toMatchObject({ currency: 'ILS', logBodies: false });
    expect(sorted(await replicaState(agent.db))).toEqual(sorted(await serverState(agent.user)));

    // Dismissed: gone from the list, the row stays the team's.
    const after = await agent.engine.resolve(status.refused[0]!.mutationId, 'dismiss');
    expect(after.refused).toEqual([]);
    expect((await getSettings(agent.db)).currency).toBe('ILS');
  });

  it('a row the server never had is removed after its refusal, pending edits with it', async () => {
    // No team settings yet: the agent's own settings row goes, the defaults show again.
    await updateSettings(agent.db, { currency: 'USD' }, { now: tick() });
    const status = await agent.engine.syncNow();
    expect(status.refused.map((r) => r.code)).toEqual(['forbidden']);
    expect(await agent.db.settings.get('team')).toBeUndefined();
    expect((await getSettings(agent.db)).currency).toBe('EUR');
  });

  it("someone else's interaction: the edit and the delete are refused and undone here", async () => {
    const acme = await teamCustomer();
    await agent.engine.syncNow();
    const [theirs] = await agent.db.interactions.toArray();
    await applyChanges(
      agent.db,
      [{ table: 'interactions', id: theirs!.id, op: 'upsert', fields: { subject: 'Mine now' } }],
      { now: tick() },
    );
    await applyChanges(agent.db, [{ table: 'interactions', id: theirs!.id, op: 'delete' }], {
      now: tick(),
    });
    const status = await agent.engine.syncNow();
    expect(status.refused).toEqual([
      expect.objectContaining({ code: 'not_author', id: theirs!.id, label: 'Mine now' }),
    ]);
    expect(await agent.db.interactions.get(theirs!.id)).toMatchObject({
      subject: 'From the team',
      deleted: false,
      customerId: acme.id,
    });
    expect(sorted(await replicaState(agent.db))).toEqual(sorted(await serverState(agent.user)));
  });

  it('email_taken: listed with the other customer and both names; the local row kept', async () => {
    const acme = await teamCustomer();
    const dup = await duplicate();
    const status = await agent.engine.syncNow();
    expect(status.refused).toEqual([
      {
        mutationId: expect.any(String),
        code: 'email_taken',
        reason: expect.stringMatching(/already has the email info@acme\.test/),
        table: 'customers',
        id: dup.id,
        conflictWith: acme.id,
        label: 'Dana Acme',
        conflictLabel: 'Acme',
        at: server.clock,
      },
    ]);
    expect(await agent.db.customers.get(dup.id)).toMatchObject({ emails: ['info@acme.test'] });
    // The interactions went up; the customer did not, and edits to it go whole, so they are
    // refused again (still one entry in the list) rather than leaving a fragment there.
    await updateCustomer(agent.db, dup.id, { tags: ['new'] }, { now: tick() });
    const again = await agent.engine.syncNow();
    expect(again.refused).toHaveLength(1);
    expect(again.refused[0]!.mutationId > status.refused[0]!.mutationId).toBe(true);
    expect((await serverState(agent.user)).has(`customers/${dup.id}`)).toBe(false);
  });

  it('merge: one customer everywhere, with every interaction, the duplicate retired', async () => {
    const acme = await teamCustomer();
    const dup = await duplicate();
    await updateCustomer(
      agent.db,
      dup.id,
      { phones: ['+972501234567'], tags: ['lead'] },
      {
        now: tick(),
      },
    );
    const { refused } = await agent.engine.syncNow();
    await agent.engine.syncNow(); // the agent now has Acme too

    const merged = await agent.engine.resolve(refused[0]!.mutationId, 'merge');
    expect(merged).toMatchObject({ refused: [], pending: 0 });
    expect(merged.error).toBeUndefined();
    await manager.engine.syncNow();

    for (const b of [manager, agent]) {
      const live = (await b.db.customers.toArray()).filter((c) => !c.deleted);
      expect(live.map((c) => c.id)).toEqual([acme.id]);
      expect(live[0]).toMatchObject({
        emails: ['info@acme.test'],
        phones: ['+972501234567'],
        tags: ['lead'],
      });
      const subjects = (await b.db.interactions.toArray())
        .filter((i) => i.customerId === acme.id && !i.deleted)
        .map((i) => i.subject)
        .sort();
      expect(subjects).toEqual(['Call', 'From the team', 'Visit']);
      expect(await b.db.customers.get(dup.id)).toMatchObject({
        deleted: true,
        mergedInto: acme.id,
        emails: [],
        name: 'Dana Acme',
      });
      // The duplicate's contact moved too, and Acme keeps its own primary contact.
      const contacts = (await b.db.contacts.toArray()).filter((c) => c.customerId === acme.id);
      expect(contacts.filter((c) => c.primary)).toHaveLength(1);
      expect(contacts).toHaveLength(2);
    }
    expect(sorted(await replicaState(agent.db))).toEqual(sorted(await serverState(agent.user)));
    expect(sorted(await replicaState(manager.db))).toEqual(sorted(await serverState(agent.user)));
  });

  it('dismiss of a refused new customer: deleted here, sent whole as a tombstone', async () => {
    await teamCustomer();
    const dup = await duplicate();
    const { refused } = await agent.engine.syncNow();
    const status = await agent.engine.resolve(refused[0]!.mutationId, 'dismiss');
    expect(status).toMatchObject({ refused: [], pending: 0 });
    const server = await serverState(agent.user);
    expect(server.get(`customers/${dup.id}`)).toMatchObject({
      deleted: true,
      name: 'Dana Acme',
      kind: 'person',
    });
    expect(sorted(await replicaState(agent.db))).toEqual(sorted(server));
  });

  it('dismiss of an address added to an existing customer: the row takes the server state', async () => {
    await teamCustomer();
    const other = await createCustomer(
      agent.db,
      { kind: 'person', personName: 'Other', email: 'other@else.test' },
      undefined,
      { now: tick() },
    );
    await agent.engine.syncNow();
    await applyChanges(
      agent.db,
      [
        {
          table: 'customers',
          id: other.id,
          op: 'upsert',
          fields: { emails: ['other@else.test', 'info@acme.test'], notes: 'kept?' },
        },
      ],
      { now: tick() },
    );
    const { refused } = await agent.engine.syncNow();
    expect(refused.map((r) => r.code)).toEqual(['email_taken']);
    expect((await agent.db.customers.get(other.id))!.emails).toContain('info@acme.test');

    const status = await agent.engine.resolve(refused[0]!.mutationId, 'dismiss');
    expect(status.refused).toEqual([]);
    const row = await agent.db.customers.get(other.id);
    expect(row!.emails).toEqual(['other@else.test']);
    expect(row!.notes).toBeUndefined();
    expect(sorted(await replicaState(agent.db))).toEqual(sorted(await serverState(agent.user)));
  });

  it('merge after a refused edit: the edit lives on in the survivor, not in the retired row', async () => {
    const acme = await teamCustomer();
    const other = await createCustomer(
      agent.db,
      { kind: 'person', personName: 'Other', email: 'other@else.test' },
      undefined,
      { now: tick() },
    );
    await agent.engine.syncNow();
    await applyChanges(
      agent.db,
      [
        {
          table: 'customers',
          id: other.id,
          op: 'upsert',
          fields: { emails: ['other@else.test', 'info@acme.test'], tags: ['vip'] },
        },
      ],
      { now: tick() },
    );
    const { refused } = await agent.engine.syncNow();
    expect(refused.map((r) => [r.code, r.id, r.conflictWith])).toEqual([
      ['email_taken', other.id, acme.id],
    ]);

    const status = await agent.engine.resolve(refused[0]!.mutationId, 'merge');
    expect(status).toMatchObject({ refused: [], pending: 0 });
    expect(await agent.db.customers.get(acme.id)).toMatchObject({
      emails: ['info@acme.test', 'other@else.test'],
      tags: ['vip'],
    });
    const retired = await agent.db.customers.get(other.id);
    expect(retired).toMatchObject({ deleted: true, mergedInto: acme.id, emails: [], tags: [] });
    expect(sorted(await replicaState(agent.db))).toEqual(sorted(await serverState(agent.user)));
  });

  it('resolve refuses what it cannot do', async () => {
    await expect(agent.engine.resolve('000000000000999', 'dismiss')).rejects.toThrow(
      /no longer listed/,
    );
    await updateSettings(agent.db, { currency: 'USD' }, { now: tick() });
    const { refused } = await agent.engine.syncNow();
    await expect(agent.engine.resolve(refused[0]!.mutationId, 'merge')).rejects.toThrow(
      /Only a customer/,
    );
  });
});
