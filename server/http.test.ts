import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from './protocol';
import {
  STORAGES,
  TestServer,
  openTestStorage,
  wholeRow,
  type TestStorage,
  type TestUser,
} from './test-support';

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const FIREFOX = 'moz-extension://0f6c6b84-2a56-4d8b-a6b4-3c7e3d7c1e11';
const WEB = 'https://evil.example';
const SECRET = 'kshadm_test-secret-for-the-operator';

describe.each(STORAGES)('HTTP API on %s', (kind) => {
  let ts: TestStorage;
  let server: TestServer;
  let agent: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    ts = await openTestStorage(kind);
    server = new TestServer(ts.storage, {
      adminSecret: SECRET,
      remoteAddress: (c) => c.req.header('x-test-peer') ?? '127.0.0.1',
    });
    const team = await server.team('Acme');
    agent = await team.user('agent');
    admin = await team.user('admin');
  }, 180_000);
  afterAll(async () => {
    await ts?.cleanup();
  });

  const push = (user: TestUser, body: unknown) => user.post('/v1/sync/push', body);
  const hlc = () => `${String(server.clock).padStart(15, '0')}-00000-c1`;
  /** A whole new deal (the server creates no fragments), unless `extra` says otherwise. */
  const mutation = (extra: Record<string, unknown> = {}) => ({
    mutationId: '000000000000001',
    table: 'deals',
    id: 'd-1',
    op: 'upsert',
    fields: Object.fromEntries(
      Object.entries(wholeRow('deals', server.clock)).map(([k, value]) => [
        k,
        { value, hlc: hlc() },
      ]),
    ),
    ...extra,
  });

  async function expectError(response: Response, status: number, pattern?: RegExp) {
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: string; details: unknown; code: string };
    expect(body).toEqual({
      error: expect.any(String),
      code: expect.any(String),
      details: expect.anything() as unknown,
    });
    if (pattern) expect(JSON.stringify(body)).toMatch(pattern);
    return body;
  }

  it('answers the health check without a token', async () => {
    const response = await server.fetch('/v1/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, storage: kind, version: expect.any(String) });
  });

  it('tells a token who it is: /v1/me', async () => {
    const response = await agent.get('/v1/me');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      team: { id: expect.any(String), name: 'Acme' },
      user: { id: agent.id, email: agent.email, role: 'agent' },
    });
  });

  it('answers 401 without a valid token', async () => {
    for (const authorization of [
      undefined,
      'Basic dXNlcjpwYXNz',
      'Bearer not-a-token',
      `Bearer ksh_${'A'.repeat(43)}`,
    ]) {
      const headers: Record<string, string> = authorization ? { authorization } : {};
      await expectError(await server.fetch('/v1/me', { headers }), 401);
      await expectError(await server.fetch('/v1/sync/pull?cursor=0', { headers }), 401);
    }
  });

  it('stops a revoked token at its very next request', async () => {
    const team = await server.team();
    const teamAdmin = await team.user('admin');
    const user = await team.user('agent');
    expect((await user.get('/v1/me')).status).toBe(200);
    const revoke = await teamAdmin.post('/v1/admin/users/revoke', { email: user.email });
    expect(revoke.status).toBe(200);
    expect(await revoke.json()).toMatchObject({ email: user.email, revoked: true });
    await expectError(await user.get('/v1/me'), 401, /revoked/);
    await expectError(await user.get('/v1/sync/pull?cursor=0'), 401);
  });

  it('keeps admin endpoints to admins (403 for others)', async () => {
    const manager = await (await server.team()).user('manager');
    for (const user of [agent, manager]) {
      await expectError(
        await user.post('/v1/admin/users', { email: 'x@acme.test', role: 'agent' }),
        403,
      );
      await expectError(await user.get('/v1/admin/users'), 403);
      await expectError(await user.post('/v1/admin/purge', {}), 403);
    }
    // A team admin manages their own team: no new teams, no other team.
    await expectError(await admin.post('/v1/admin/teams', { name: 'Mine' }), 403);
    await expectError(
      await admin.post('/v1/admin/users', { team: 'another', email: 'x@acme.test', role: 'agent' }),
      403,
    );
    const added = await admin.post('/v1/admin/users', { email: 'New@Acme.test', role: 'manager' });
    expect(added.status).toBe(201);
    const body = (await added.json()) as { token: string; email: string; role: string };
    expect(body).toMatchObject({ email: 'new@acme.test', role: 'manager' });
    const me = await server.fetch('/v1/me', { headers: { authorization: `Bearer ${body.token}` } });
    expect(me.status).toBe(200);
    const list = (await (await admin.get('/v1/admin/users')).json()) as { users: unknown[] };
    expect(list.users).toHaveLength(3);
  });

  it("accepts the operator's secret from loopback only", async () => {
    const operator = (peer: string, secret = SECRET) =>
      server.fetch('/v1/admin/teams', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${secret}`,
          'content-type': 'application/json',
          'x-test-peer': peer,
        },
        body: JSON.stringify({ name: 'Operated' }),
      });
    const created = await operator('127.0.0.1');
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ id: expect.any(String), name: 'Operated' });
    await expectError(await operator('10.1.2.3'), 401);
    await expectError(await operator('::1', `${SECRET}x`), 401);
  });

  it('refuses malformed, mistyped and wrongly typed bodies with 400/415 and what is wrong', async () => {
    const raw = (body: string, type = 'application/json') =>
      server.fetch('/v1/sync/push', {
        method: 'POST',
        headers: agent.headers({ 'content-type': type }),
        body,
      });
    await expectError(await raw('{"clientId": "c1", "mutations": ['), 400, /not valid JSON/);
    await expectError(await raw(''), 400, /empty/);
    await expectError(await raw('{}', 'text/plain'), 415, /application\/json/);
    await expectError(await raw('[1, 2]'), 400);

    const invalid: Array<[unknown, RegExp]> = [
      [{ clientId: 'c1' }, /mutations/],
      [{ clientId: 'c1', mutations: {} }, /mutations/],
      [{ clientId: 'c1', mutations: [], extra: true }, /extra/],
      [{ clientId: 'has space', mutations: [] }, /clientId/],
      [{ clientId: 'c1', mutations: [mutation({ mutationId: 1 })] }, /mutationId/],
      [{ clientId: 'c1', mutations: [mutation({ mutationId: '1' })] }, /15-digit/],
      [{ clientId: 'c1', mutations: [mutation({ table: 'users' })] }, /table/],
      [{ clientId: 'c1', mutations: [mutation({ op: 'merge' })] }, /op/],
      [{ clientId: 'c1', mutations: [mutation({ id: 'x'.repeat(101) })] }, /id/],
      [{ clientId: 'c1', mutations: [mutation({ id: 7 })] }, /id/],
      [{ clientId: 'c1', mutations: [mutation({ fields: [] })] }, /fields/],
      [{ clientId: 'c1', mutations: [mutation({ fields: 'name=Deal' })] }, /fields/],
      [{ clientId: 'c1', mutations: [mutation({ fields: { name: 'Deal' } })] }, /fields\.name/],
      [{ clientId: 'c1', mutations: [mutation({ fields: { name: { value: 'x' } } })] }, /hlc/],
      [
        {
          clientId: 'c1',
          mutations: [mutation({ fields: { name: { value: 'x', hlc: '2024-01-01' } } })],
        },
        /clock/,
      ],
      [
        {
          clientId: 'c1',
          mutations: [mutation({ fields: { name: { value: 'a\u0000b', hlc: hlc() } } })],
        },
        /NUL/,
      ],
      [
        {
          clientId: 'c1',
          mutations: [mutation({ fields: { __proto__x: { value: 1, hlc: hlc() } } })],
        },
        /identifier/,
      ],
      [
        {
          clientId: 'c1',
          mutations: [
            mutation({ op: 'delete', fields: { deleted: { value: false, hlc: hlc() } } }),
          ],
        },
        /a delete carries deleted: true/,
      ],
      [
        {
          clientId: 'c1',
          mutations: [
            mutation({ mutationId: '000000000000002' }),
            mutation({ mutationId: '000000000000002' }),
          ],
        },
        /strictly increasing/,
      ],
    ];
    for (const [body, pattern] of invalid) {
      const error = await expectError(await push(agent, body), 400, pattern);
      expect(Array.isArray(error.details)).toBe(true);
    }
  });

  it('bounds fields: at most 200 per mutation, values at most 16 levels deep', async () => {
    const many = Object.fromEntries(
      Array.from({ length: 201 }, (_, i) => [`f${i}`, { value: i, hlc: hlc() }]),
    );
    await expectError(
      await push(agent, { clientId: 'c1', mutations: [mutation({ fields: many })] }),
      400,
      /200 fields/,
    );
    const nest = (depth: number): unknown => (depth === 0 ? 'leaf' : { a: nest(depth - 1) });
    const deep = (depth: number) =>
      push(agent, {
        clientId: 'bounds',
        mutations: [mutation({ fields: { customFields: { value: nest(depth), hlc: hlc() } } })],
      });
    await expectError(await deep(17), 400, /16 levels/);
    // 16 levels pass the envelope; the model then refuses them for this field (a rejection).
    const ok = await deep(16);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ rejected: [{ code: 'invalid' }] });
    // A hostile depth far past the stack's is refused just the same, not crashed on.
    const hostile = `{"clientId":"c1","mutations":[{"mutationId":"000000000000001","table":"deals","id":"d","op":"upsert","fields":{"name":{"hlc":"${hlc()}","value":${'['.repeat(100_000)}${']'.repeat(100_000)}}}}]}`;
    await expectError(await push(agent, hostile), 400);
  });

  it('answers 413 over 1 MB (declared or streamed) and over 1,000 mutations', async () => {
    const big = JSON.stringify({
      clientId: 'c1',
      mutations: [
        mutation({ fields: { name: { value: 'x'.repeat(LIMITS.maxBodyBytes), hlc: hlc() } } }),
      ],
    });
    await expectError(await push(agent, big), 413, /1000000 bytes/);
    // No Content-Length (chunked): cut off once the bytes read pass the bound.
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 12; i++) controller.enqueue(encoder.encode(' '.repeat(100_000)));
        controller.close();
      },
    });
    const chunked = await server.fetch('/v1/sync/push', {
      method: 'POST',
      headers: agent.headers({ 'content-type': 'application/json' }),
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectError(chunked, 413);

    const mutations = Array.from({ length: LIMITS.maxMutations + 1 }, (_, i) =>
      mutation({ mutationId: String(i + 1).padStart(15, '0'), id: `d-${i}` }),
    );
    await expectError(await push(agent, { clientId: 'c1', mutations }), 413, /1000 mutations/);
    const fits = await push(agent, { clientId: 'max', mutations: mutations.slice(0, 1000) });
    expect(fits.status).toBe(200);
    expect(await fits.json()).toEqual({ lastMutationId: '000000000001000', rejected: [] });
  }, 60_000);

  it('refuses bad pull parameters with 400', async () => {
    for (const query of [
      'cursor=-1',
      'cursor=abc',
      'cursor=1.5',
      'limit=0',
      'limit=5001',
      'limit=x',
    ]) {
      await expectError(await agent.get(`/v1/sync/pull?${query}`), 400);
    }
    expect((await agent.get('/v1/sync/pull?cursor=0&limit=5000')).status).toBe(200);
    expect((await agent.get('/v1/sync/pull')).status).toBe(200);
    await expectError(await agent.get('/v1/rows/users/x'), 400, /no table/);
  });

  it('answers unknown endpoints with a JSON 404', async () => {
    await expectError(await agent.get('/v1/nothing'), 404);
  });

  it('limits each token: 429 with Retry-After over the rate', async () => {
    const limited = new TestServer(ts.storage, { rateLimit: { ratePerSec: 1, burst: 3 } });
    const team = await limited.team();
    const [one, two] = [await team.user(), await team.user()];
    for (let i = 0; i < 3; i++) expect((await one.get('/v1/me')).status).toBe(200);
    const refused = await one.get('/v1/me');
    const body = await expectError(refused, 429, /try again/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(body.code).toBe('rate_limited');
    // Per token: another user is not slowed by the first.
    expect((await two.get('/v1/me')).status).toBe(200);
    // The bucket refills with time.
    limited.clock += 2_000;
    expect((await one.get('/v1/me')).status).toBe(200);
  });

  it('allows CORS for extension origins only', async () => {
    const preflight = (origin: string) =>
      server.fetch('/v1/sync/push', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    for (const origin of [EXTENSION, FIREFOX]) {
      const ok = await preflight(origin);
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe(origin);
      expect(ok.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
      const get = await server.fetch('/v1/me', { headers: agent.headers({ origin }) });
      expect(get.headers.get('access-control-allow-origin')).toBe(origin);
      // Every answer carries them, a pull's page and errors included, and Retry-After is
      // readable by the extension.
      const answers = [
        await server.fetch('/v1/sync/pull?cursor=0', { headers: agent.headers({ origin }) }),
        await server.fetch('/v1/me', { headers: { origin } }),
        await server.fetch('/v1/nowhere', { headers: agent.headers({ origin }) }),
        await server.fetch('/v1/sync/push', {
          method: 'POST',
          headers: agent.headers({ origin, 'content-type': 'application/json' }),
          body: '{"clientId": 1}',
        }),
      ];
      expect(answers.map((r) => r.status)).toEqual([200, 401, 404, 400]);
      for (const answer of answers) {
        expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
        expect(answer.headers.get('access-control-expose-headers')).toBe('Retry-After');
        expect(answer.headers.get('vary')).toBe('Origin');
      }
    }
    const refused = await preflight(WEB);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const get = await server.fetch('/v1/me', { headers: agent.headers({ origin: WEB }) });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    expect(get.headers.get('vary')).toBe('Origin');
  });

  it('logs one line per request, with the team and never a token', async () => {
    const before = server.logs.length;
    await agent.get('/v1/me');
    await server.fetch('/v1/me');
    const lines = server.logs.slice(before);
    expect(lines).toEqual([
      {
        at: expect.any(String),
        level: 'info',
        method: 'GET',
        path: '/v1/me',
        status: 200,
        ms: expect.any(Number),
        team: expect.any(String),
      },
      expect.objectContaining({ level: 'warn', status: 401, team: null }),
    ]);
    expect(JSON.stringify(server.logs)).not.toContain(agent.token);
    expect(JSON.stringify(server.logs)).not.toContain('ksh_');
  });
});
