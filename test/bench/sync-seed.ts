import { addUser, createTeam } from '../../server/admin';
import type { AuthUser } from '../../server/context';
import { PushBody } from '../../server/protocol';
import { push } from '../../server/push';
import type { Storage } from '../../server/storage/open';
import { toNumber } from '../../server/storage/schema';
import { SEED_CLIENT, seedPushes, totalRows, type SyncDataSize } from './sync-data';

/**
 * Fills a server's storage with the bench's team, fast but faithfully: the rows go in
 * through the server's own push (schema check, field checks, merge, email index, versions),
 * in-process and without HTTP, one push per extension-sized batch. What a pull answers is
 * then exactly what it would answer had a teammate's browser pushed them.
 */

export interface SeededTeam {
  teamId: string;
  /** The token of the user whose fresh browser does the initial sync. */
  browserToken: string;
  /** One per steady-state agent. */
  agentTokens: string[];
  /** The team's version after seeding. */
  version: number;
  pushes: number;
  rows: number;
  ms: number;
}

export async function seedTeam(
  storage: Storage,
  size: SyncDataSize,
  opts: { now: number; agents: number; log?: (line: string) => void },
): Promise<SeededTeam> {
  const log = opts.log ?? (() => {});
  const teamName = 'Bench Team';
  const team = await createTeam(storage, teamName, opts.now);
  const user = async (email: string) =>
    addUser(storage, { teamId: team.id, email, role: 'agent' }, opts.now);
  const seeder = await user('seed@bench.example');
  const browser = await user('browser@bench.example');
  const agentTokens: string[] = [];
  for (let a = 0; a < opts.agents; a++)
    agentTokens.push((await user(`agent${a}@bench.example`)).token);

  const as: AuthUser = {
    id: seeder.user.id,
    teamId: team.id,
    teamName,
    email: seeder.user.email,
    role: 'agent',
  };
  const total = totalRows(size);
  const started = performance.now();
  let rows = 0;
  let pushes = 0;
  let nextReport = 0.1;
  for (const mutations of seedPushes(size, opts.now, SEED_CLIENT)) {
    const body = PushBody.parse({ clientId: SEED_CLIENT, mutations });
    const answer = await push(storage, as, body, Date.now());
    if (answer.rejected.length > 0) {
      throw new Error(`seeding: the server refused ${JSON.stringify(answer.rejected[0])}`);
    }
    rows += mutations.length;
    pushes++;
    if (rows / total >= nextReport) {
      const s = (performance.now() - started) / 1000;
      log(
        `seeded ${rows.toLocaleString('en')} / ${total.toLocaleString('en')} rows (${Math.round(rows / s)} rows/s)`,
      );
      nextReport += 0.1;
    }
  }
  const ms = performance.now() - started;
  const teamRow = await storage.db
    .selectFrom('teams')
    .select('version')
    .where('id', '=', team.id)
    .executeTakeFirstOrThrow();
  return {
    teamId: team.id,
    browserToken: browser.token,
    agentTokens,
    version: toNumber(teamRow.version),
    pushes,
    rows,
    ms,
  };
}
