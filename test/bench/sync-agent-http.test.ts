import { expect, it } from 'vitest';
import { suiteServer, TestServer } from '../../server/test-support';
import { readPage } from './sync-agent-http';

let server: TestServer;
suiteServer('pglite', (opened) => (server = opened));

it("reads a pull's page as JSON.parse would, whatever its values hold", async () => {
  const team = await server.team();
  const a = (await team.user('manager')).client();
  await a.push(
    a.create('deals', 'd-1', { name: '{"table":"deals"} in a name' }),
    a.create('customers', 'c-1', { customFields: { '{"table":"x"}': '{"table":"' } }),
  );
  await a.push(
    a.create('campaigns', 'k-1'),
    a.mutation('deals', 'd-1', 'delete', {}, { ahead: 1 }),
  );
  for (const query of ['cursor=0', 'cursor=0&limit=1', 'cursor=2', 'cursor=99']) {
    const response = await a.user.get(`/v1/sync/pull?${query}`);
    const text = await response.text();
    if (response.status !== 200) continue;
    const page = JSON.parse(text) as { changes: unknown[]; nextCursor: number; hasMore: boolean };
    expect(readPage(Buffer.from(text))).toEqual({
      changes: page.changes.length,
      nextCursor: page.nextCursor,
      hasMore: page.hasMore,
    });
  }
  // Not in the server's form (spaces, other key order): parsed instead.
  const other = '{ "hasMore": true, "nextCursor": 7, "changes": [{"table": "deals"}] }';
  expect(readPage(Buffer.from(other))).toEqual({ changes: 1, nextCursor: 7, hasMore: true });
});
