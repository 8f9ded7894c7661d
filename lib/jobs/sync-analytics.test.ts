import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { figureCount } from '../db/analytics-store';
import { customerFields, freshDb } from '../db/test-support';
import { applyChanges } from '../db/write';
import { updateCustomer } from '../db/mutations';
import type { ChangeEvent } from '../messaging/ports';
import { toChangeEvent } from '../sync/change-event';
import { SyncEngine } from '../sync/engine';
import { connectAndSync, connected, serverFetch } from '../sync/test-support';
import { suiteServer, TestServer } from '../../server/test-support';
import { createAnalyticsJob } from './analytics-job';
import { createSyncBatch } from './sync-batch';

// The background's wiring (entrypoints/background.ts) of the engine, the sync batch and the
// analytics job, over the real server: an initial sync of several bulk pages makes one run.
describe('analytics during a sync', () => {
  let server: TestServer;

  suiteServer('pglite', (opened) => (server = opened));

  it('remote pages make one full run after the sync; a local write is still rescored alone', async () => {
    const team = await server.team();
    const writer = await connected(server, await team.user('manager'));
    // Three pushes of 250 customers: three versions, three pages of a bulk change each.
    for (let push = 0; push < 3; push++) {
      await applyChanges(
        writer.db,
        Array.from({ length: 250 }, (_, i) => ({
          table: 'customers' as const,
          id: uuidv7(),
          op: 'upsert' as const,
          fields: customerFields({ name: `Customer ${push}-${i}` }),
        })),
        { now: ++server.clock },
      );
      await writer.engine.syncNow();
    }

    const db = freshDb();
    const events: ChangeEvent[] = [];
    /** What the job had told sidebars by the end of each sync. */
    const heardAtEnd: number[] = [];
    const analytics = createAnalyticsJob({
      db,
      now: () => server.clock,
      notify: (e) => events.push(e),
      onError: (e) => {
        throw e;
      },
    });
    const batch = createSyncBatch((e) => analytics.changed(e));
    let pages = 0;
    const engine = new SyncEngine({
      db,
      fetch: serverFetch(server),
      now: () => server.clock,
      pageLimit: 250,
      onChanged: (refs) => {
        pages++;
        batch.add(toChangeEvent(refs));
      },
      onSyncStart: () => batch.begin(),
      onSyncEnd: () => {
        heardAtEnd.push(events.length);
        batch.end();
      },
    });
    const user = await team.user('agent');
    expect((await connectAndSync(engine, user.token)).error).toBeUndefined();
    await analytics.idle();
    expect(pages).toBe(3);
    // One sync, during which the job ran nothing.
    expect(heardAtEnd).toEqual([0]);
    const fullRuns = events.filter((e) => e.customerIds.length === 0);
    expect(fullRuns).toHaveLength(1);
    expect(await figureCount(db)).toBe(750);

    // A local write goes straight to the job (as the handlers send it): one customer rescored.
    const one = (await db.customers.limit(1).toArray())[0]!;
    events.length = 0;
    const written = await updateCustomer(db, one.id, { notes: 'called' });
    analytics.changed({ tables: ['customers'], customerIds: [written.id] });
    await analytics.idle();
    expect(events).toEqual([{ tables: ['analytics'], customerIds: [one.id] }]);
    db.close();
    writer.db.close();
  }, 20_000); // a server, three pushes, a sync and a full run: seconds on a busy machine
});
