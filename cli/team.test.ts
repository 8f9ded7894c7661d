import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN } from '../server/tokens';
import { cliTargets, type CliTarget } from './test-targets';
import { runTeam } from './team';
import { bufferIo } from './test-io';
import { runUser } from './user';

describe('kesher team: usage', () => {
  const env = {};
  it.each([
    [[], /expected a subcommand/],
    [['delete', 'x'], /unknown subcommand "delete"/],
    [['create'], /expected the team's name/],
    [['create', 'A', '--colour', 'red'], /Unknown option '--colour'/],
  ])('refuses %j with exit 2 and the usage', async (argv, message) => {
    const io = bufferIo();
    expect(await runTeam(argv, io, env)).toBe(2);
    expect(io.stderr).toMatch(message);
    expect(io.stderr).toContain('Usage: kesher team create');
  });

  it('refuses --data together with DATABASE_URL (exit 2)', async () => {
    const io = bufferIo();
    const code = await runTeam(['create', 'A', '--data', '/tmp/x'], io, {
      DATABASE_URL: 'postgres://nowhere/db',
    });
    expect(code).toBe(2);
    expect(io.stderr).toMatch(/both DATABASE_URL and --data/);
  });
});

describe.each(cliTargets())('kesher team on %s', { timeout: 60_000 }, (_name, open) => {
  let target: CliTarget;
  beforeAll(async () => {
    target = await open();
  }, 180_000);
  afterAll(async () => {
    await target?.cleanup();
  });

  it('creates a team and prints its id as the last line', async () => {
    const io = bufferIo();
    expect(await runTeam(['create', 'Acme', 'Ltd', ...target.args], io, target.env)).toBe(0);
    const lines = io.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/Created team "Acme Ltd"/);
    const id = lines.at(-1)!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    // The id is what "kesher user add --team" takes.
    const add = bufferIo();
    const code = await runUser(
      ['add', '--team', id, '--email', 'boss@acme.test', '--role', 'admin', ...target.args],
      add,
      target.env,
    );
    expect(code, add.stderr).toBe(0);
    expect(add.stdout.trim().split('\n').at(-1)).toMatch(TOKEN);
  });

  it('says what the storage refused, with exit 1', async () => {
    const io = bufferIo();
    const code = await runUser(
      ['add', '--team', 'no-such-team', '--email', 'x@y.test', '--role', 'agent', ...target.args],
      io,
      target.env,
    );
    expect(code).toBe(1);
    expect(io.stderr).toMatch(/There is no team no-such-team/);
  });

  it('prints {id, name} with --json', async () => {
    const io = bufferIo();
    expect(await runTeam(['create', 'Beta', '--json', ...target.args], io, target.env)).toBe(0);
    expect(JSON.parse(io.stdout)).toEqual({ id: expect.any(String), name: 'Beta' });
  });

  it('keeps a data directory private to its owner', () => {
    if (!target.dataDir) return;
    expect(fs.statSync(target.dataDir).mode & 0o077).toBe(0);
  });
});
