import { sql, type Transaction } from 'kysely';
import type { AuthUser } from './context';
import type { PushBody, PushResponse, Rejection } from './protocol';
import { applyOne, emailsToCheck, type WorkingState } from './push-apply';
import {
  answeredAgain,
  clientKey,
  dropAndKeepRejections,
  lastMutationIds,
  upsertClients,
  type ClientKey,
  type RejectionBook,
} from './push-clients';
import { loadEmailOwners, saveEmailOwners } from './push-emails';
import { loadRows, upsertRows } from './push-rows';
import { writeTogether } from './push-write';
import type { Storage } from './storage/open';
import { toNumber, type Database } from './storage/schema';

/**
 * Pushes of one team, applied in one transaction. It first takes the team's row lock by
 * bumping the team version (`UPDATE teams … RETURNING version`), by one version per push:
 * pushes of one team therefore commit one after another, in version order, and every row a
 * push changes is stamped with its own version. A pull reading `version > cursor` can then
 * never miss a row (the cursor invariant). Every read comes after the lock, each statement
 * with a snapshot of its own: nothing read can predate a push committed by another process.
 *
 * The pushes are applied one after another on one working state, so the result is exactly
 * that of the same pushes in their own transactions in that order; each has its own answer.
 * Several pushes share a transaction only through the group commit (server/push-queue.ts),
 * which puts at most one push per client in a transaction.
 *
 * Mutations at or below the client's last answered id were answered before and are skipped;
 * the rest are each applied or rejected with a reason, never dropped, and the client's last
 * answered id moves past all of them. Rows are the team's own (keyed by team, table and id):
 * a push reads and writes no other team's.
 */

type Tx = Transaction<Database>;

/** A push as it arrived: who sent it, what, and when (the server's clock). */
export interface PushRequest {
  user: AuthUser;
  body: PushBody;
  now: number;
}

/** One push in a transaction of its own. */
export async function push(
  storage: Storage,
  user: AuthUser,
  body: PushBody,
  now: number,
): Promise<PushResponse> {
  const [answer] = await storage.db
    .transaction()
    .execute((trx) => applyPushes(trx, user.teamId, [{ user, body, now }]));
  return answer!;
}

/** Applies pushes of one team, at most one per client, in order; one answer per push. */
export async function applyPushes(
  trx: Tx,
  teamId: string,
  requests: readonly PushRequest[],
): Promise<PushResponse[]> {
  const clients: ClientKey[] = requests.map((r) => ({
    userId: r.user.id,
    clientId: r.body.clientId,
  }));
  if (new Set(clients.map(clientKey)).size !== clients.length) {
    throw new Error('applyPushes: two pushes of one client in one transaction');
  }
  const top = await bumpTeamVersion(trx, teamId, requests.length);
  const lasts = await lastMutationIds(trx, clients);
  const pushes = requests.map((r, i) => {
    const last = lasts.get(clientKey(clients[i]!))!;
    return {
      ...r,
      version: top - requests.length + 1 + i,
      last,
      fresh: r.body.mutations.filter((m) => m.mutationId > last),
      skipped: r.body.mutations.filter((m) => m.mutationId <= last),
      rejected: [] as Rejection[],
    };
  });

  const fresh = pushes.flatMap((p) => p.fresh);
  const rows = await loadRows(
    trx,
    teamId,
    fresh.map((m) => ({ table: m.table, id: m.id })),
  );
  const owners = await loadEmailOwners(trx, teamId, emailsToCheck(fresh, rows));
  const state: WorkingState = { teamId, rows, owners, changed: new Map() };
  for (const p of pushes) {
    for (const m of p.fresh) {
      const rejection = await applyOne(trx, m, p, state);
      if (rejection) p.rejected.push(rejection);
    }
  }

  const newLast = pushes.map((p) =>
    p.fresh.length > 0 ? p.fresh[p.fresh.length - 1]!.mutationId : p.last,
  );
  const books: RejectionBook[] = pushes.map((p, i) => ({
    ...clients[i]!,
    first: p.body.mutations[0]?.mutationId,
    skipped: p.skipped.map((m) => m.mutationId),
    rejected: p.rejected,
    now: p.now,
  }));
  const earlier = await answeredAgain(trx, books);
  await saveEmailOwners(trx, teamId, owners);
  const changed = [...state.changed.values()];
  // One statement for the rest: each round trip here is made holding the team's lock.
  await writeTogether(trx, [
    ...(changed.length > 0 ? [upsertRows(changed)] : []),
    upsertClients(
      pushes.map((p, i) => ({ ...clients[i]!, teamId, last: newLast[i]!, now: p.now })),
    ),
    ...dropAndKeepRejections(books),
  ]);
  return pushes.map((p, i) => ({
    lastMutationId: newLast[i]!,
    rejected: [...earlier[i]!, ...p.rejected].sort((a, b) =>
      a.mutationId < b.mutationId ? -1 : a.mutationId > b.mutationId ? 1 : 0,
    ),
  }));
}

/** Takes the team's row lock; versions top - count + 1 … top are this transaction's. */
async function bumpTeamVersion(tx: Tx, teamId: string, count: number): Promise<number> {
  const row = await tx
    .updateTable('teams')
    .set({ version: sql`version + ${count}` })
    .where('id', '=', teamId)
    .returning('version')
    .executeTakeFirstOrThrow();
  return toNumber(row.version);
}
