import { parseArgs } from 'node:util';
import { DEFAULT_RATE_LIMIT } from '../server/rate-limit';
import { LockedError } from '../server/storage/lock';
import type { RunningServer } from '../server/start';
import { describeTarget, resolveTarget } from './admin-target';
import type { Command } from './command';
import { CliError, processIo, type Io } from './io';

const USAGE = `Usage: kesher server [--port 8787] [--host 0.0.0.0] [--data ./kesher-data] [--json]
                     [--tombstone-days 90] [--rate ${DEFAULT_RATE_LIMIT.ratePerSec}] [--burst ${DEFAULT_RATE_LIMIT.burst}]

Runs the team sync server: the extension pushes its changes to it and pulls the team's.
Storage: an embedded PostgreSQL (PGlite) in the --data directory, or, with DATABASE_URL set,
that PostgreSQL database. Logs one JSON line per request on stdout. SIGTERM or Ctrl-C stops
it cleanly: requests in flight finish, the database is closed.

Options:
  --port <n>            the port to listen on (default 8787; 0 picks a free one)
  --host <addr>         the address to listen on (default 0.0.0.0: every interface).
                        "kesher team" / "kesher user" reach the server on 127.0.0.1
  --data <dir>          the PGlite data directory (default ./kesher-data, created when
                        missing); one server per directory
  --tombstone-days <n>  keep deleted rows this long so clients learn of the delete (default
                        90); a client offline for longer resyncs in full
  --rate <n>            requests per second per token, on average (default ${DEFAULT_RATE_LIMIT.ratePerSec})
  --burst <n>           requests per token in a burst (default ${DEFAULT_RATE_LIMIT.burst})
  --json                print the start-up line as JSON too, not as text on stderr
  -h, --help            show this help

Then: "kesher team create <name>" and "kesher user add --team <id> --email <e> --role admin".
Exit 1 when the server cannot start (port taken, data directory in use), 2 for a usage error.`;

interface ServeOptions {
  port: number;
  host: string;
  data?: string;
  tombstoneDays: number;
  rate: number;
  burst: number;
  json: boolean;
}

function parse(argv: string[]): ServeOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '0.0.0.0' },
        data: { type: 'string' },
        'tombstone-days': { type: 'string', default: '90' },
        rate: { type: 'string', default: String(DEFAULT_RATE_LIMIT.ratePerSec) },
        burst: { type: 'string', default: String(DEFAULT_RATE_LIMIT.burst) },
        json: { type: 'boolean', default: false },
      },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  const v = parsed.values;
  return {
    port: integer('--port', v.port, 0, 65_535),
    host: v.host,
    data: v.data,
    tombstoneDays: integer('--tombstone-days', v['tombstone-days'], 1, 36_500),
    rate: number('--rate', v.rate),
    burst: integer('--burst', v.burst, 1, 1_000_000),
    json: v.json,
  };
}

function integer(name: string, raw: string, min: number, max: number): number {
  const n = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max)) {
    throw new CliError(`${name} is a whole number from ${min} to ${max}, not "${raw}"`, 2);
  }
  return n;
}

function number(name: string, raw: string): number {
  const n = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!(n > 0 && n <= 1_000_000))
    throw new CliError(`${name} is a positive number, not "${raw}"`, 2);
  return n;
}

/**
 * Runs the server until `stop` resolves (the command: SIGTERM or SIGINT; tests: when they are
 * done with it), then shuts it down.
 */
export async function serveUntil(
  argv: string[],
  io: Io,
  stop: (server: RunningServer) => Promise<unknown>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    return await serve(argv, io, stop, env);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.err(`kesher server: ${error.message}`);
    return error.exitCode;
  }
}

async function serve(
  argv: string[],
  io: Io,
  stop: (server: RunningServer) => Promise<unknown>,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const opts = parse(argv);
  const target = resolveTarget(opts.data, env);
  // Loaded when the command runs, not when any kesher command starts.
  const { startServer } = await import('../server/start');
  let server: RunningServer;
  try {
    server = await startServer({
      port: opts.port,
      host: opts.host,
      storage: target,
      rateLimit: { ratePerSec: opts.rate, burst: opts.burst },
      tombstoneHorizonMs: opts.tombstoneDays * 24 * 3600 * 1000,
    });
  } catch (error) {
    if (error instanceof LockedError) {
      throw new CliError(`${error.message} Stop it first, or use another --data directory.`);
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`port ${opts.port} is already in use`);
    if (code === 'EACCES') throw new CliError(`no permission to listen on port ${opts.port}`);
    throw error;
  }
  if (!opts.json) {
    io.err(
      `Kesher sync server on http://${opts.host}:${server.port} (${server.storage.kind}: ` +
        `${describeTarget(target)}). Ctrl-C stops it.`,
    );
  }
  try {
    await stop(server);
  } finally {
    await server.close();
  }
  return 0;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      // A second signal while shutting down means "now".
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

export const serverCommand: Command = {
  summary: 'run the team sync server (PGlite in --data, or PostgreSQL from DATABASE_URL)',
  usage: USAGE,
  run: (argv, io = processIo) => serveUntil(argv, io, untilSignal),
};
