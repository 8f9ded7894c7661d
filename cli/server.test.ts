import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../server/storage/lock';
import { readServerFile, SERVER_FILE } from '../server/storage/server-file';
import { templateDataDir } from '../server/test-support';
import { serveUntil } from './server';
import { runTeam } from './team';
import { bufferIo } from './test-io';
import { runUser } from './user';

describe('kesher server: usage', () => {
  it.each([
    [['--port', 'http'], /--port is a whole number/],
    [['--port', '70000'], /--port is a whole number/],
    [['--tombstone-days', '0'], /--tombstone-days/],
    [['--rate', '-1'], /--rate/],
    [['--verbose'], /Unknown option '--verbose'/],
    [['extra'], /Unexpected argument 'extra'/],
  ])('refuses %j with exit 2', async (argv, message) => {
    const io = bufferIo();
    expect(await serveUntil(argv, io, async () => undefined, {})).toBe(2);
    expect(io.stderr).toMatch(message);
  });

  it('refuses --data together with DATABASE_URL (exit 2)', async () => {
    const io = bufferIo();
    const code = await serveUntil(['--data', '/tmp/x'], io, async () => undefined, {
      DATABASE_URL: 'postgres://nowhere/db',
    });
    expect(code).toBe(2);
  });
});

describe('kesher server on a data directory', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await templateDataDir('kesher-serve-');
  }, 180_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('serves, hands commands the directory through itself, and stops cleanly', async () => {
    const io = bufferIo();
    const code = await serveUntil(
      ['--port', '0', '--host', '127.0.0.1', '--data', dataDir],
      io,
      async (server) => {
        const health = await fetch(`http://127.0.0.1:${server.port}/v1/health`);
        expect(await health.json()).toEqual({
          ok: true,
          storage: 'pglite',
          version: expect.any(String),
        });

        // server.json: where the server is, for the owner's eyes only.
        const file = path.join(dataDir, SERVER_FILE);
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        expect(readServerFile(dataDir)).toMatchObject({ port: server.port, pid: process.pid });

        // A second server on the same directory is refused at once.
        const second = bufferIo();
        expect(
          await serveUntil(['--port', '0', '--data', dataDir], second, async () => undefined, {}),
        ).toBe(1);
        expect(second.stderr).toMatch(/in use by process \d+ \(a kesher server\)/);

        // Commands go through the running server.
        const team = bufferIo();
        expect(await runTeam(['create', 'Served', '--data', dataDir], team, {})).toBe(0);
        const teamId = team.stdout.trim().split('\n').at(-1)!;
        const add = bufferIo();
        expect(
          await runUser(
            [
              'add',
              '--team',
              teamId,
              '--email',
              'a@served.test',
              '--role',
              'agent',
              '--data',
              dataDir,
            ],
            add,
            {},
          ),
        ).toBe(0);
        const token = add.stdout.trim().split('\n').at(-1)!;
        const me = await fetch(`http://127.0.0.1:${server.port}/v1/me`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(await me.json()).toMatchObject({ team: { id: teamId, name: 'Served' } });
        const revoke = bufferIo();
        expect(await runUser(['revoke', 'a@served.test', '--data', dataDir], revoke, {})).toBe(0);
        const after = await fetch(`http://127.0.0.1:${server.port}/v1/me`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(after.status).toBe(401);
        const missing = bufferIo();
        expect(
          await runUser(['revoke', 'nobody@served.test', '--data', dataDir], missing, {}),
        ).toBe(1);
        expect(missing.stderr).toMatch(/no user nobody@served\.test/);
      },
      {},
    );
    expect(code, io.stderr).toBe(0);
    expect(io.stderr).toMatch(/Kesher sync server on http:\/\/127\.0\.0\.1:\d+ \(pglite/);
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, SERVER_FILE))).toBe(false);
  }, 120_000);
});
