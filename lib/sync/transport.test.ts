import { describe, expect, it } from 'vitest';
import { formatHlc } from './hlc';
import { httpTransport, type FetchLike } from './transport';
import { SyncTransportError, parseRetryAfter } from './transport-error';

const URL_BASE = 'https://kesher.test/base';
const hlc = formatHlc({ wall: 1_000, counter: 0 }, 'abc');

function transport(fetch: FetchLike, extra: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  return httpTransport({ url: URL_BASE, token: 'ksh_token', fetch, now: () => 0, ...extra });
}

async function failure(promise: Promise<unknown>): Promise<SyncTransportError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SyncTransportError);
  return error as SyncTransportError;
}

describe('httpTransport', () => {
  it('sends the bearer token and JSON to the right paths, and returns checked answers', async () => {
    const seen: Array<{
      method: string;
      url: string;
      auth: string | null;
      type: string | null;
      body: string;
    }> = [];
    const t = transport(async (r) => {
      seen.push({
        method: r.method,
        url: r.url,
        auth: r.headers.get('authorization'),
        type: r.headers.get('content-type'),
        body: await r.text(),
      });
      if (r.url.includes('/push'))
        return Response.json({ lastMutationId: '000000000000001', rejected: [] });
      if (r.url.includes('/pull'))
        return Response.json({ changes: [], nextCursor: 0, hasMore: false });
      return Response.json({
        team: { id: 't', name: 'Team' },
        user: { id: 'u', email: 'a@b.c', role: 'agent' },
      });
    });
    const body = { clientId: 'c1', mutations: [] };
    expect(await t.push(body)).toEqual({ lastMutationId: '000000000000001', rejected: [] });
    expect(await t.pull(5, 500)).toEqual({ changes: [], nextCursor: 0, hasMore: false });
    expect((await t.me()).user.role).toBe('agent');
    expect(seen).toEqual([
      {
        method: 'POST',
        url: `${URL_BASE}/v1/sync/push`,
        auth: 'Bearer ksh_token',
        type: 'application/json',
        body: JSON.stringify(body),
      },
      {
        method: 'GET',
        url: `${URL_BASE}/v1/sync/pull?cursor=5&limit=500`,
        auth: 'Bearer ksh_token',
        type: null,
        body: '',
      },
      { method: 'GET', url: `${URL_BASE}/v1/me`, auth: 'Bearer ksh_token', type: null, body: '' },
    ]);
  });

  it("keeps the server's sentence, code and Retry-After on an HTTP error", async () => {
    const t = transport(() =>
      Response.json(
        { error: 'Too many requests; try again in 7 s.', code: 'rate_limited', details: {} },
        { status: 429, headers: { 'Retry-After': '7' } },
      ),
    );
    const e = await failure(t.pull(0, 10));
    expect(e).toMatchObject({
      kind: 'http',
      status: 429,
      code: 'rate_limited',
      retryAfterMs: 7_000,
      message: 'Too many requests; try again in 7 s.',
    });
    const plain = await failure(transport(() => new Response('oops', { status: 502 })).me());
    expect(plain).toMatchObject({
      kind: 'http',
      status: 502,
      message: expect.stringMatching(/answered 502/),
    });
  });

  it('tells a network failure from an HTTP error, and a timeout from both', async () => {
    const offline = await failure(
      transport(() => Promise.reject(new TypeError('Failed to fetch'))).me(),
    );
    expect(offline).toMatchObject({ kind: 'network', status: undefined });
    expect(offline.message).toMatch(
      /Could not reach the sync server at https:\/\/kesher\.test\/base \(Failed to fetch\)/,
    );

    // A server that never answers, and a fetch that ignores the signal: still a timeout.
    const hung = await failure(
      transport(() => new Promise<Response>(() => {}), { timeoutMs: 20 }).pull(0, 1),
    );
    expect(hung.kind).toBe('timeout');
    // A body that never ends counts too.
    const stalled = new Response(new ReadableStream({ start() {} }));
    const slow = await failure(transport(() => stalled, { timeoutMs: 20 }).me());
    expect(slow.kind).toBe('timeout');
  });

  it('gives up at once when the engine aborts', async () => {
    const controller = new AbortController();
    const t = transport(() => new Promise<Response>(() => {}), { signal: controller.signal });
    const pending = failure(t.me());
    controller.abort();
    expect((await pending).kind).toBe('aborted');
  });

  it('refuses answers that are not the protocol, saying nothing was applied', async () => {
    const answers: unknown[] = [
      'not json at all',
      { changes: 'none', nextCursor: 0, hasMore: false },
      {
        changes: [
          {
            table: 'customers',
            id: 'c',
            version: 1,
            deleted: false,
            fields: { name: { value: 'x', hlc: 'noon' } },
          },
        ],
        nextCursor: 1,
        hasMore: false,
      },
      {
        changes: [{ table: 'users', id: 'c', version: 1, deleted: false, fields: {} }],
        nextCursor: 1,
        hasMore: false,
      },
      {
        changes: [
          {
            table: 'customers',
            id: 'c',
            version: 1,
            deleted: false,
            fields: { __proto__x: { value: 1, hlc } },
          },
        ],
        nextCursor: 1,
        hasMore: false,
      },
      { changes: [], nextCursor: -1, hasMore: false },
    ];
    for (const answer of answers) {
      const t = transport(() =>
        typeof answer === 'string' ? new Response(answer) : new Response(JSON.stringify(answer)),
      );
      const e = await failure(t.pull(0, 10));
      expect(e.kind).toBe('invalid-response');
      expect(e.message).toMatch(
        /^The sync server's answer to \/v1\/sync\/pull is not valid \(.+\); nothing was applied\.$/,
      );
    }
    const badPush = transport(() => Response.json({ lastMutationId: 12, rejected: [] }));
    expect((await failure(badPush.push({ clientId: 'c', mutations: [] }))).kind).toBe(
      'invalid-response',
    );
    const badRejection = transport(() =>
      Response.json({
        lastMutationId: '000000000000001',
        rejected: [
          { mutationId: '000000000000001', code: 'nope', reason: 'x', table: 'customers', id: 'c' },
        ],
      }),
    );
    expect((await failure(badRejection.push({ clientId: 'c', mutations: [] }))).kind).toBe(
      'invalid-response',
    );
  });

  it("row(): the server's row, null only for the rows route's own 404", async () => {
    const row = {
      table: 'customers',
      id: 'c/1',
      version: 3,
      deleted: false,
      fields: { name: { value: 'A', hlc } },
    };
    let answer: Response = Response.json(row);
    let asked = '';
    const t = transport((r) => {
      asked = r.url;
      return answer;
    });
    expect(await t.row('customers', 'c/1')).toEqual(row);
    expect(asked).toBe(`${URL_BASE}/v1/rows/customers/c%2F1`);

    answer = Response.json(
      {
        error: 'There is no customers row c/1.',
        code: 'not_found',
        details: { table: 'customers', id: 'c/1' },
      },
      { status: 404 },
    );
    expect(await t.row('customers', 'c/1')).toBeNull();
    // A 404 from anything else (a wrong address, a proxy) is an error, not "no such row".
    answer = Response.json(
      { error: 'There is no such endpoint.', code: 'not_found', details: { path: '/x' } },
      { status: 404 },
    );
    expect((await failure(t.row('customers', 'c/1'))).status).toBe(404);
    answer = Response.json({ ...row, id: 'other' });
    expect((await failure(t.row('customers', 'c/1'))).kind).toBe('invalid-response');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, bounded to a day', () => {
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:01:00 GMT', 30_000)).toBe(30_000);
    expect(parseRetryAfter('999999999', 0)).toBe(24 * 3_600_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
});
