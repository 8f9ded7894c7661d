import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/app';
import { startServer, type RunningServer } from '../server/start';
import { openStorage } from '../server/storage/open';
import { TOKEN } from '../server/tokens';
import { runTeam } from './team';
import { cliTargets, type CliTarget } from './test-targets';
import { bufferIo } from './test-io';
import { runUser } from './user';

describe('kesher user: usage', () => {
  it.each([
    [[], /expected a subcommand/],
    [['add', '--email', 'a@b.test', '--role', 'agent'], /--team is required/],
    [['add', '--team', 't', '--role', 'agent'], /--email is required/],
    [['add', '--team', 't', '--email', 'a@b.test'], /--role is required/],
    [['add', '--team', 't', '--email', 'a@b.test', '--role', 'owner'], /agent, manager or admin/],
    [['revoke'], /expected the email address/],
    [['list'], /--team is required/],
    [['promote', 'x'], /unknown subcommand "promote"/],
  ])('refuses %j with exit 2 and the usage', async (argv, message) => {
    const io = bufferIo();
    expect(await runUser(argv, io, {})).toBe(2);
    expect(io.stderr).toMatch(message);
    expect(io.stderr).toContain('Usage: kesher user add');
  });
});

/**
 * On PGlite the commands go through a server running on the data directory (each opening the
 * directory itself costs seconds here; team.test.ts covers that way); on PostgreSQL they open
 * the database themselves.
 */
describe.each(cliTargets())('kesher user on %s', { timeout: 60_000 }, (_name, open) => {
  let target: CliTarget;
  let server: RunningServer | null = null;
  let teamId: string;
  let otherTeamId: string;

  const user = async (...argv: string[]) => {
    const io = bufferIo();
    const code = await runUser([...argv, ...target.args], io, target.env);
    return {
      code,
      out: io.stdout.trim(),
      err: io.stderr.trim(),
      last: io.stdout.trim().split('\n').at(-1)!,
    };
  };

  /** Asks the storage, through the API, which of these tokens work. */
  async function tokensWork(...tokens: string[]): Promise<boolean[]> {
    if (server) {
      const port = server.port;
      return Promise.all(
        tokens.map(async (token) => {
          const response = await fetch(`http://127.0.0.1:${port}/v1/me`, {
            headers: { authorization: `Bearer ${token}` },
          });
          return response.status === 200;
        }),
      );
    }
    const storage = await openStorage({ kind: 'postgres', url: target.env.DATABASE_URL! });
    try {
      const app = createApp({ storage, log: () => {} });
      const works = [];
      for (const token of tokens) {
        const response = await app.fetch(
          new Request('http://x/v1/me', { headers: { authorization: `Bearer ${token}` } }),
        );
        works.push(response.status === 200);
      }
      return works;
    } finally {
      await storage.close();
    }
  }

  beforeAll(async () => {
    target = await open();
    if (target.dataDir) {
      server = await startServer({
        port: 0,
        host: '127.0.0.1',
        storage: { kind: 'pglite', dataDir: target.dataDir },
        log: () => {},
        rateLimit: false,
      });
    }
    const ids = [];
    for (const name of ['One', 'Two']) {
      const io = bufferIo();
      expect(await runTeam(['create', name, ...target.args], io, target.env)).toBe(0);
      ids.push(io.stdout.trim().split('\n').at(-1)!);
    }
    [teamId, otherTeamId] = ids as [string, string];
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await target?.cleanup();
  });

  it('adds a user and prints a working token as the last line, once', async () => {
    const added = await user(
      'add',
      '--team',
      teamId,
      '--email',
      'Agent@One.test',
      '--role',
      'agent',
    );
    expect(added.code, added.err).toBe(0);
    expect(added.out).toMatch(/Added agent agent@one\.test/);
    expect(added.last).toMatch(TOKEN);
    expect(await tokensWork(added.last)).toEqual([true]);

    const again = await user(
      'add',
      '--team',
      teamId,
      '--email',
      'agent@one.test',
      '--role',
      'admin',
    );
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already has a token/);
  });

  it('prints the user and token as JSON with --json', async () => {
    const added = await user(
      'add',
      '--team',
      teamId,
      '--email',
      'm@one.test',
      '--role',
      'manager',
      '--json',
    );
    expect(added.code, added.err).toBe(0);
    expect(JSON.parse(added.out)).toEqual({
      id: expect.any(String),
      teamId,
      email: 'm@one.test',
      role: 'manager',
      revoked: false,
      token: expect.stringMatching(TOKEN),
    });
  });

  it('refuses an unknown team or a bad address with exit 1', async () => {
    const noTeam = await user(
      'add',
      '--team',
      'no-such-team',
      '--email',
      'x@y.test',
      '--role',
      'agent',
    );
    expect(noTeam.code).toBe(1);
    expect(noTeam.err).toMatch(/no team no-such-team/);
    const badEmail = await user(
      'add',
      '--team',
      teamId,
      '--email',
      'not-an-address',
      '--role',
      'agent',
    );
    expect(badEmail.code).toBe(1);
    expect(badEmail.err).toMatch(/Not an email address/);
  });

  it('revokes a token at once; an address in two teams needs --team', async () => {
    const one = await user('add', '--team', teamId, '--email', 'both@x.test', '--role', 'agent');
    const two = await user(
      'add',
      '--team',
      otherTeamId,
      '--email',
      'both@x.test',
      '--role',
      'agent',
    );
    expect([one.code, two.code]).toEqual([0, 0]);

    const ambiguous = await user('revoke', 'both@x.test');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.err).toMatch(/2 teams.*--team/);

    const revoked = await user('revoke', 'both@x.test', '--team', teamId, '--json');
    expect(revoked.code, revoked.err).toBe(0);
    expect(JSON.parse(revoked.out)).toMatchObject({ email: 'both@x.test', teamId, revoked: true });
    expect(await tokensWork(one.last, two.last)).toEqual([false, true]);

    const missing = await user('revoke', 'nobody@x.test');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no user nobody@x\.test/);

    // Adding a revoked address again issues a new token; the old one stays dead.
    const back = await user('add', '--team', teamId, '--email', 'both@x.test', '--role', 'manager');
    expect(back.code, back.err).toBe(0);
    expect(await tokensWork(back.last, one.last)).toEqual([true, false]);

    const list = await user('list', '--team', teamId);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/both@x\.test\s+manager\s+active/);
  });
});
