import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorOf, expectInvalid, setup, unwrap, type Setup } from './test-support';
import { refusal } from './test-sync';

let env: Setup;
afterEach(() => env?.db.close());

describe('sync messages', () => {
  it('answers local-only before a connection', async () => {
    env = setup();
    expect(unwrap(await env.handlers.getSyncStatus(null))).toEqual({
      connection: null,
      phase: 'idle',
      pending: 0,
      refused: [],
    });
    expect(env.sync.status).toHaveBeenCalledTimes(1);
  });

  it('connects with the URL and token trimmed, and answers the engine status', async () => {
    env = setup();
    const status = unwrap(
      await env.handlers.connectSync({
        url: '  https://sync.example.com \n',
        token: '\tk3sh3r-token  ',
      }),
    );
    expect(env.sync.connect).toHaveBeenCalledExactlyOnceWith(
      'https://sync.example.com',
      'k3sh3r-token',
    );
    expect(status.connection).toMatchObject({
      url: 'https://sync.example.com',
      email: 'agent@shop.co.il',
      role: 'agent',
    });
    expect(unwrap(await env.handlers.getSyncStatus(null)).connection?.url).toBe(
      'https://sync.example.com',
    );
  });

  it('accepts the largest URL and token', async () => {
    env = setup();
    const url = `https://sync.example.com/${'a'.repeat(2_000 - 25)}`;
    expect(url).toHaveLength(2_000);
    unwrap(await env.handlers.connectSync({ url, token: 't'.repeat(200) }));
    expect(env.sync.connect).toHaveBeenCalledWith(url, 't'.repeat(200));
  });

  it("answers a failed connection test as an error with the engine's sentence", async () => {
    env = setup();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    env.sync.connect.mockRejectedValueOnce(
      new Error('The server refused the token: it is not valid or has been revoked.'),
    );
    const error = errorOf(
      await env.handlers.connectSync({ url: 'https://sync.example.com', token: 'wrong' }),
    );
    expect(error.message).toBe(
      'The server refused the token: it is not valid or has been revoked.',
    );
    expect(error.code).toBe('internal');
    quiet.mockRestore();
    // Still local-only.
    expect(unwrap(await env.handlers.getSyncStatus(null)).connection).toBeNull();
  });

  it('keeps the code of an engine error that carries a protocol code', async () => {
    env = setup();
    env.sync.connect.mockRejectedValueOnce(
      Object.assign(new Error('This token belongs to a revoked user.'), { code: 'forbidden' }),
    );
    expect(
      errorOf(await env.handlers.connectSync({ url: 'https://sync.example.com', token: 't' })),
    ).toEqual({ code: 'forbidden', message: 'This token belongs to a revoked user.' });
  });

  it('refuses an oversized token and a non-string URL without calling the engine', async () => {
    env = setup();
    expectInvalid(
      await env.handlers.connectSync({ url: 'https://sync.example.com', token: 'x'.repeat(201) }),
      'token',
    );
    expectInvalid(await env.handlers.connectSync({ url: ['https://a.com'], token: 't' }), 'url');
    expectInvalid(await env.handlers.connectSync({ url: ' ', token: 't' }), 'url');
    expect(env.sync.connect).not.toHaveBeenCalled();
  });

  it('syncs now and disconnects through the engine', async () => {
    env = setup();
    unwrap(await env.handlers.connectSync({ url: 'https://sync.example.com', token: 't' }));
    expect(unwrap(await env.handlers.syncNow(null)).lastSyncAt).toBeGreaterThan(0);
    expect(env.sync.syncNow).toHaveBeenCalledTimes(1);
    const after = unwrap(await env.handlers.disconnectSync(null));
    expect(after.connection).toBeNull();
    expect(env.sync.disconnect).toHaveBeenCalledTimes(1);
  });

  it('passes a resolution to the engine and answers the list without it', async () => {
    const taken = refusal();
    const forbidden = refusal({
      mutationId: '000000000000009',
      code: 'forbidden',
      reason: 'Agents cannot change the team settings.',
      table: 'settings',
      id: 'team',
      conflictWith: undefined,
      label: undefined,
      conflictLabel: undefined,
    });
    env = setup({}, { refused: [taken, forbidden] });
    expect(unwrap(await env.handlers.getSyncStatus(null)).refused).toHaveLength(2);

    const status = unwrap(
      await env.handlers.resolveRefusal({ mutationId: taken.mutationId, resolution: 'merge' }),
    );
    expect(env.sync.resolve).toHaveBeenCalledExactlyOnceWith('000000000000007', 'merge');
    expect(status.refused.map((r) => r.mutationId)).toEqual(['000000000000009']);

    unwrap(
      await env.handlers.resolveRefusal({ mutationId: '000000000000009', resolution: 'dismiss' }),
    );
    expect(env.sync.resolve).toHaveBeenLastCalledWith('000000000000009', 'dismiss');
    expect(env.sync.current().refused).toEqual([]);
  });

  it("answers the engine's refusal of a resolution as an error result", async () => {
    env = setup();
    const error = errorOf(
      await env.handlers.resolveRefusal({ mutationId: '000000000000042', resolution: 'dismiss' }),
    );
    expect(error).toMatchObject({ code: 'not-found', message: /000000000000042/ });
  });

  it('refuses a bad mutation id and an unknown resolution before the engine', async () => {
    env = setup();
    expectInvalid(
      await env.handlers.resolveRefusal({ mutationId: '12345', resolution: 'dismiss' }),
      /mutationId: a mutation id is 15 digits/,
    );
    expectInvalid(
      await env.handlers.resolveRefusal({ mutationId: '0000000000000071', resolution: 'dismiss' }),
      'mutationId',
    );
    expectInvalid(
      await env.handlers.resolveRefusal({ mutationId: '000000000000007', resolution: 'accept' }),
      'resolution',
    );
    expect(env.sync.resolve).not.toHaveBeenCalled();
  });
});
