import { describe, expect, it, vi } from 'vitest';
import { freshDb } from '../db/test-support';
import { createAnalyticsJob } from '../jobs/analytics-job';
import { SyncEngine } from '../sync/engine';
import { SERVER_URL, serverFetch, serverState } from '../sync/test-support';
import { suiteServer, TestServer } from '../../server/test-support';
import { createHandlers } from './handlers';
import { errorOf, memoryPrefs, unwrap } from './test-support';

// The sync messages end to end in Node: the handlers over the real engine over the real
// server, in process (the recording stand-in of the other handler tests only checks inputs).
describe('sync messages with the real engine', () => {
  let server: TestServer;

  suiteServer('pglite', (opened) => (server = opened));

  function handlers() {
    const db = freshDb();
    const notify = vi.fn();
    const sync = new SyncEngine({ db, fetch: serverFetch(server) });
    return {
      db,
      handlers: createHandlers({
        db,
        prefs: memoryPrefs(),
        notify,
        seedDemo: async () => ({ customers: 0, interactions: 0 }),
        analytics: createAnalyticsJob({ db, notify }),
        sync,
      }),
    };
  }

  it('a wrong token is a sync failure with a sentence, and nothing is stored', async () => {
    const { db, handlers: h } = handlers();
    const error = errorOf(await h.connectSync({ url: SERVER_URL, token: 'ksh_not-a-token' }));
    expect(error.code).toBe('sync-failed');
    expect(error.message).toMatch(/token/);
    expect(unwrap(await h.getSyncStatus(null)).connection).toBeNull();
    db.close();
  });

  it('connects, and a customer created through the protocol reaches the server', async () => {
    const user = await (await server.team('Acme Support')).user('agent');
    const { db, handlers: h } = handlers();
    const connected = unwrap(await h.connectSync({ url: SERVER_URL, token: user.token }));
    expect(connected.connection).toMatchObject({ email: user.email, teamName: 'Acme Support' });
    unwrap(
      await h.createCustomer({
        kind: 'company',
        personName: 'Dana Levi',
        companyName: 'Acme Tools',
        email: 'dana@acme-tools.co.il',
      }),
    );
    expect(unwrap(await h.getSyncStatus(null)).pending).toBeGreaterThan(0);
    const after = unwrap(await h.syncNow(null));
    expect(after).toMatchObject({ pending: 0, refused: [] });
    expect(after.error).toBeUndefined();
    const names = [...(await serverState(user)).values()].map((row) => row.name);
    expect(names).toContain('Acme Tools');
    // Disconnecting keeps every local row.
    const local = await db.customers.count();
    expect(unwrap(await h.disconnectSync(null)).connection).toBeNull();
    expect(await db.customers.count()).toBe(local);
    db.close();
  });
});
