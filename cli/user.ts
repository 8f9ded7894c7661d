import { parseArgs } from 'node:util';
import type { UserInfo } from '../server/admin';
import { ROLES } from '../server/storage/schema';
import { resolveTarget, withAdmin } from './admin-target';
import type { Command } from './command';
import { CliError, processIo, type Io } from './io';

const USAGE = `Usage: kesher user add --team <id> --email <e> --role agent|manager|admin [--data <dir>] [--json]
       kesher user revoke <email> [--team <id>] [--data <dir>] [--json]
       kesher user list --team <id> [--data <dir>] [--json]

add     creates a user of the team and prints their token as the last line. The token is
        shown once (only its hash is kept): hand it to the user for the extension's
        Settings → Team server. Adding a revoked address again issues a new token.
revoke  stops the user's token at once. --team is needed when the address is a user in
        more than one team.
list    the team's users, their roles and whether they are revoked.

Roles: an agent reads everything and changes everything except the team settings and
campaigns; a manager changes those too; an admin also manages the team's users.

Storage: PostgreSQL when DATABASE_URL is set; otherwise the PGlite data directory of --data
(default ./kesher-data). While a kesher server runs on that directory, the command goes
through the server.

Options:
  --team <id>      the team ("kesher team create" printed it)
  --email <e>      the user's email address
  --role <role>    agent, manager or admin
  --data <dir>     the server's data directory
  --json           print JSON ({id, teamId, email, role, revoked[, token]})
  -h, --help       show this help

Exit 1 when the storage refuses (no such team, user already there, …), 2 for a usage error.`;

const usage = (message: string) => new CliError(`${message}\n\n${USAGE}`, 2);

/** The command with its environment passed in (tests choose the storage this way). */
export async function runUser(argv: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  try {
    return await user(argv, io, env);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.err(`kesher user: ${error.message}`);
    return error.exitCode;
  }
}

async function user(argv: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        team: { type: 'string' },
        email: { type: 'string' },
        role: { type: 'string' },
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [sub, ...rest] = positionals;
  const json = values.json;

  if (sub === 'add') {
    if (rest.length > 0) throw usage(`unexpected argument "${rest[0]}"`);
    if (!values.team) throw usage('--team is required');
    if (!values.email) throw usage('--email is required');
    if (!values.role) throw usage('--role is required');
    if (!(ROLES as readonly string[]).includes(values.role)) {
      throw usage(`--role is agent, manager or admin, not "${values.role}"`);
    }
    const { team, email, role } = values;
    const target = resolveTarget(values.data, env);
    const { user: added, token } = await withAdmin(target, (ops) =>
      ops.addUser({ teamId: team, email, role }),
    );
    if (json) {
      io.out(JSON.stringify({ ...added, token }, null, 2));
    } else {
      io.out(`Added ${added.role} ${added.email} to team ${added.teamId}.`);
      io.out('Their token, shown only this once:');
      io.out(token);
    }
    return 0;
  }

  if (sub === 'revoke') {
    const email = rest[0] ?? values.email;
    if (!email) throw usage('expected the email address to revoke');
    if (rest.length > 1 || (rest[0] && values.email)) throw usage('expected one email address');
    const target = resolveTarget(values.data, env);
    const revoked = await withAdmin(target, (ops) =>
      ops.revokeUser({ email, teamId: values.team }),
    );
    if (json) io.out(JSON.stringify(revoked, null, 2));
    else io.out(`Revoked ${revoked.email} (team ${revoked.teamId}): the token no longer works.`);
    return 0;
  }

  if (sub === 'list') {
    if (!values.team) throw usage('--team is required');
    const teamId = values.team;
    const target = resolveTarget(values.data, env);
    const users = await withAdmin(target, (ops) => ops.listUsers(teamId));
    if (json) io.out(JSON.stringify(users, null, 2));
    else io.out(formatUsers(users));
    return 0;
  }

  throw usage(sub === undefined ? 'expected a subcommand' : `unknown subcommand "${sub}"`);
}

function formatUsers(users: readonly UserInfo[]): string {
  if (users.length === 0) return 'No users.';
  const width = Math.max(...users.map((u) => u.email.length));
  return users
    .map(
      (u) => `${u.email.padEnd(width)}  ${u.role.padEnd(7)}  ${u.revoked ? 'revoked' : 'active'}`,
    )
    .join('\n');
}

export const userCommand: Command = {
  summary: 'add, revoke or list the users of a team on the sync server',
  usage: USAGE,
  run: (argv, io = processIo) => runUser(argv, io, process.env),
};
