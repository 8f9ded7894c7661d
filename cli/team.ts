import { parseArgs } from 'node:util';
import { describeTarget, resolveTarget, withAdmin } from './admin-target';
import type { Command } from './command';
import { CliError, processIo, type Io } from './io';

const USAGE = `Usage: kesher team create <name> [--data ./kesher-data] [--json]

Creates a team on the sync server's storage and prints its id as the last line (give it to
"kesher user add --team <id>").

Storage: PostgreSQL when DATABASE_URL is set; otherwise the PGlite data directory of --data
(default ./kesher-data, created when missing). While a kesher server runs on that directory,
the command goes through the server.

Options:
  --data <dir>  the server's data directory
  --json        print {id, name}
  -h, --help    show this help

Exit 1 when the storage refuses, 2 for a usage error.`;

/** The command with its environment passed in (tests choose the storage this way). */
export async function runTeam(argv: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  try {
    return await team(argv, io, env);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.err(`kesher team: ${error.message}`);
    return error.exitCode;
  }
}

async function team(argv: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { data: { type: 'string' }, json: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  const [sub, ...names] = parsed.positionals;
  if (sub !== 'create') {
    throw new CliError(
      `${sub === undefined ? 'expected a subcommand' : `unknown subcommand "${sub}"`}\n\n${USAGE}`,
      2,
    );
  }
  const name = names.join(' ').trim();
  if (!name) throw new CliError(`expected the team's name\n\n${USAGE}`, 2);
  if (name.length > 200) throw new CliError('a team name is at most 200 characters');
  const target = resolveTarget(parsed.values.data, env);
  const created = await withAdmin(target, (ops) => ops.createTeam(name));
  if (parsed.values.json) {
    io.out(JSON.stringify(created, null, 2));
  } else {
    io.out(`Created team "${created.name}" in ${describeTarget(target)}. Its id:`);
    io.out(created.id);
  }
  return 0;
}

export const teamCommand: Command = {
  summary: 'create a team on the sync server',
  usage: USAGE,
  run: (argv, io = processIo) => runTeam(argv, io, process.env),
};
