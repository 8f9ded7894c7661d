import { describe, expect, it } from 'vitest';
import { readMeta } from '../db/meta';
import type { KesherDB } from '../db/schema';
import { customerFields, closedAfterEach } from '../db/test-support';
import { formatHlc } from './hlc';
import { pullAll } from './pull';
import type { Transport } from './transport';
import type { PullPage, RemoteChange } from './wire';

// The pull loop against a scripted server: pages of customers, one version per page.

const TEAM = 'team-1';
const db = closedAfterEach();

function customer(n: number, version: number): RemoteChange {
  const hlc = formatHlc({ wall: 1_000 + n, counter: 0 }, 'remote');
  const values = { ...customerFields({ name: `C${n}` }), createdAt: 1_000, updatedAt: 1_000 };
  return {
    table: 'customers',
    id: `c${n}`,
    version,
    deleted: false,
    fields: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v, hlc }])),
  };
}

/** `pages` versions of `perPage` customers each; version v is page v (1-based). */
function scriptedServer(pages: number, perPage = 3) {
  const log: string[] = [];
  const transport: Transport = {
    async pull(cursor) {
      log.push(`pull ${cursor}`);
      const version = cursor + 1;
      if (version > pages) return { changes: [], nextCursor: cursor, hasMore: false };
      const changes = Array.from({ length: perPage }, (_, i) =>
        customer((version - 1) * perPage + i, version),
      );
      return { changes, nextCursor: version, hasMore: version < pages } satisfies PullPage;
    },
    push: () => Promise.reject(new Error('not used')),
    row: () => Promise.reject(new Error('not used')),
    me: () => Promise.reject(new Error('not used')),
  };
  return { transport, log };
}

const ctx = (d: KesherDB, transport: Transport) => ({
  db: d,
  transport,
  teamId: TEAM,
  now: () => 10_000,
});

describe('pullAll', () => {
  it('asks for the next page while the current one is applied, and reports pages in order', async () => {
    const d = db();
    const { transport, log } = scriptedServer(3);
    let applied = 0;
    await pullAll(ctx(d, transport), () => log.push(`applied ${++applied}`));
    expect(log.filter((l) => l.startsWith('applied'))).toEqual([
      'applied 1',
      'applied 2',
      'applied 3',
    ]);
    // Page k+1 (cursor k) is asked for before page k is in.
    for (const k of [1, 2])
      expect(log.indexOf(`pull ${k}`)).toBeLessThan(log.indexOf(`applied ${k}`));
    expect(await d.customers.count()).toBe(9);
    expect(await readMeta(d, 'syncCursor')).toBe(3);
  });

  it('killed mid-pipeline: the page fetched ahead is dropped and the next pull resumes exactly', async () => {
    const d = db();
    const server = scriptedServer(5);
    // Page 3's transaction dies (a row the hook refuses aborts it all) while page 4 has
    // already been fetched ahead.
    const hook = (_key: unknown, row: { name: string }) => {
      if (row.name === 'C7') throw new Error('killed inside the transaction');
    };
    d.customers.hook('creating', hook);
    await expect(pullAll(ctx(d, server.transport))).rejects.toThrow(/killed/);
    // Page 4 was queued behind page 3 and page 5 asked for: page 4 wrote nothing.
    expect(server.log).toEqual(['pull 0', 'pull 1', 'pull 2', 'pull 3', 'pull 4']);
    expect(await readMeta(d, 'syncCursor')).toBe(2);
    expect(await d.customers.count()).toBe(6);

    d.customers.hook('creating').unsubscribe(hook);
    const again = scriptedServer(5);
    await pullAll(ctx(d, again.transport));
    // From the committed cursor, not from the page that was fetched ahead.
    expect(again.log[0]).toBe('pull 2');
    expect(await readMeta(d, 'syncCursor')).toBe(5);
    const names = (await d.customers.toArray()).map((c) => c.name).sort();
    expect(names).toEqual(Array.from({ length: 15 }, (_, n) => `C${n}`).sort());
  });

  it('a failed page fetched ahead leaves the page before it committed', async () => {
    const d = db();
    const { transport } = scriptedServer(4);
    const failing: Transport = {
      ...transport,
      pull: (cursor, limit) =>
        cursor === 2 ? Promise.reject(new Error('offline')) : transport.pull(cursor, limit),
    };
    await expect(pullAll(ctx(d, failing))).rejects.toThrow('offline');
    expect(await readMeta(d, 'syncCursor')).toBe(2);
    expect(await d.customers.count()).toBe(6);
  });

  it('a server that never moves its cursor is given up on without asking ahead again', async () => {
    const d = db();
    const log: number[] = [];
    const stuck: Transport = {
      ...scriptedServer(1).transport,
      async pull(cursor) {
        log.push(cursor);
        return { changes: [customer(0, 1)], nextCursor: 0, hasMore: true };
      },
    };
    await expect(pullAll(ctx(d, stuck))).rejects.toThrow(/without moving past version 0/);
    expect(log).toEqual([0, 0, 0]);
  });
});
