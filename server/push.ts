import { sql, type Transaction } from 'kysely';
import type { TableName } from '../lib/model/common';
import { parseHlc } from '../lib/sync/hlc';
import type { AuthUser } from './context';
import { fieldProblem, newRowProblem } from './fields';
import { applyMutation, type RowState } from './merge';
import {
  LIMITS,
  NO_MUTATION,
  type Mutation,
  type PushBody,
  type PushResponse,
  type Rejection,
} from './protocol';
import { customerEmails, loadEmailOwners, saveEmailOwners, type EmailOwners } from './push-emails';
import { loadRows, rowKey, saveRows } from './push-rows';
import type { Storage } from './storage/open';
import { fromJson, toNumber, type Database } from './storage/schema';

/**
 * One push, one transaction. It first takes the team's row lock by bumping the team version
 * (`UPDATE teams … RETURNING version`): pushes of one team therefore commit one after
 * another, in version order, and every row this push changes is stamped with its version. A
 * pull reading `version > cursor` can then never miss a row (the cursor invariant).
 *
 * Mutations at or below the client's last answered id were answered before and are skipped;
 * the rest are each applied or rejected with a reason, never dropped, and the client's last
 * answered id moves past all of them. Rows are the team's own (keyed by team, table and id):
 * a push reads and writes no other team's.
 */

/** Tables an agent may read but not change: the team's configuration and its campaigns. */
const MANAGED_TABLES: ReadonlySet<TableName> = new Set(['settings', 'campaigns']);

type Tx = Transaction<Database>;

export async function push(
  storage: Storage,
  user: AuthUser,
  body: PushBody,
  now: number,
): Promise<PushResponse> {
  return storage.db.transaction().execute(async (trx) => {
    const version = await bumpTeamVersion(trx, user.teamId);
    const last = await lastMutationId(trx, user.id, body.clientId);
    const fresh = body.mutations.filter((m) => m.mutationId > last);
    const skipped = body.mutations.filter((m) => m.mutationId <= last);

    const rows = await loadRows(
      trx,
      user.teamId,
      fresh.map((m) => ({ table: m.table, id: m.id })),
    );
    const owners = await loadEmailOwners(trx, user.teamId, emailsToCheck(fresh, rows));
    const changed = new Map<string, RowState>();
    const rejected: Rejection[] = [];
    for (const m of fresh) {
      const rejection = await applyOne(trx, m, { user, now, rows, owners, changed });
      if (rejection) rejected.push(rejection);
    }

    await saveRows(trx, [...changed.values()], version, user.id, now);
    await saveEmailOwners(trx, user.teamId, owners);
    const newLast = fresh.length > 0 ? fresh[fresh.length - 1]!.mutationId : last;
    await saveClient(trx, user, body.clientId, newLast, now);
    const earlier = await keepRejections(trx, user, body, skipped, rejected, now);
    return {
      lastMutationId: newLast,
      rejected: [...earlier, ...rejected].sort((a, b) =>
        a.mutationId < b.mutationId ? -1 : a.mutationId > b.mutationId ? 1 : 0,
      ),
    };
  });
}

interface PushState {
  user: AuthUser;
  now: number;
  /** Every row the push reads or writes, as the push has left it so far. */
  rows: Map<string, RowState>;
  owners: EmailOwners;
  changed: Map<string, RowState>;
}

/** Applies one mutation to the push's working state, or says why not. */
async function applyOne(tx: Tx, m: Mutation, s: PushState): Promise<Rejection | null> {
  const reject = (code: Rejection['code'], reason: string, extra: Partial<Rejection> = {}) => ({
    mutationId: m.mutationId,
    code,
    reason,
    table: m.table,
    id: m.id,
    ...extra,
  });

  if (s.user.role === 'agent' && MANAGED_TABLES.has(m.table)) {
    return reject(
      'forbidden',
      `Forbidden: an agent cannot change ${m.table}; ask a manager or an admin of the team.`,
    );
  }
  const skewed = Object.values(m.fields).find(
    (f) => parseHlc(f.hlc).wall > s.now + LIMITS.maxClockSkewMs,
  );
  if (skewed) {
    return reject(
      'clock_skew',
      `Clock skew: this change is dated ${new Date(parseHlc(skewed.hlc).wall).toISOString()}, ` +
        `more than ${LIMITS.maxClockSkewMs / 60_000} minutes ahead of the server's clock. ` +
        `Check this computer's date and time.`,
    );
  }
  const problem = fieldProblem(m.table, m.fields);
  if (problem) return reject('invalid', problem);

  const key = rowKey(m.table, m.id);
  const current = s.rows.get(key);
  if (current && m.table === 'interactions' && current.authorId !== s.user.id) {
    return reject(
      'not_author',
      'Only the person who logged this interaction can change or delete it.',
    );
  }
  if (!current && m.op === 'restore') {
    return reject('not_found', `There is no deleted ${singular(m.table)} ${m.id} to restore.`);
  }

  const { row, changed } = applyMutation(current, m, {
    teamId: s.user.teamId,
    userId: s.user.id,
    now: s.now,
  });
  if (!changed) return null;
  if (!current) {
    // A new row must be whole: an edit of a stored row may carry one field, a creation not.
    const incomplete = newRowProblem(row);
    if (incomplete) return reject('invalid', incomplete);
  }
  if (m.table === 'customers') {
    const conflict = claimEmails(current, row, s.owners);
    if (conflict) {
      const name = await customerName(tx, s.user.teamId, s.rows, conflict.customerId);
      return reject(
        'email_taken',
        `Another customer${name ? ` ("${name}")` : ''} already has the email ${conflict.email}. ` +
          `Merge the two customers instead.`,
        { conflictWith: conflict.customerId },
      );
    }
  }
  s.rows.set(key, row);
  s.changed.set(key, row);
  return null;
}

/**
 * One live customer per email within a team: the addresses `after` gains must not belong to
 * another live customer. On success the owners map is updated (addresses lost are freed).
 */
function claimEmails(
  before: RowState | undefined,
  after: RowState,
  owners: EmailOwners,
): { email: string; customerId: string } | null {
  const had = new Set(before ? customerEmails(before) : []);
  const has = new Set(customerEmails(after));
  for (const email of has) {
    if (had.has(email)) continue;
    const owner = owners.get(email);
    if (owner && owner !== after.id) return { email, customerId: owner };
  }
  for (const email of had) {
    if (!has.has(email) && owners.get(email) === after.id) owners.set(email, null);
  }
  // Only unowned addresses are claimed: one this customer kept stays with whoever owns it.
  for (const email of has) if (!owners.get(email)) owners.set(email, after.id);
  return null;
}

/** Every address a push could claim or free: what its customers have and what they send. */
function emailsToCheck(mutations: readonly Mutation[], rows: Map<string, RowState>): string[] {
  const emails = new Set<string>();
  for (const m of mutations) {
    if (m.table !== 'customers') continue;
    const stored = rows.get(rowKey(m.table, m.id));
    if (stored) for (const e of customerEmails(stored, { evenIfGone: true })) emails.add(e);
    const sent = m.fields.emails?.value;
    if (Array.isArray(sent)) {
      for (const e of sent) if (typeof e === 'string') emails.add(e.trim().toLowerCase());
    }
  }
  return [...emails];
}

async function customerName(
  tx: Tx,
  teamId: string,
  rows: Map<string, RowState>,
  id: string,
): Promise<string | null> {
  const key = rowKey('customers', id);
  const row = rows.get(key) ?? (await loadRows(tx, teamId, [{ table: 'customers', id }])).get(key);
  const name = row?.fields.name?.value;
  return typeof name === 'string' ? name : null;
}

async function bumpTeamVersion(tx: Tx, teamId: string): Promise<number> {
  const row = await tx
    .updateTable('teams')
    .set({ version: sql`version + 1` })
    .where('id', '=', teamId)
    .returning('version')
    .executeTakeFirstOrThrow();
  return toNumber(row.version);
}

async function lastMutationId(tx: Tx, userId: string, clientId: string): Promise<string> {
  const row = await tx
    .selectFrom('clients')
    .select('last_mutation_id')
    .where('user_id', '=', userId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row?.last_mutation_id ?? NO_MUTATION;
}

async function saveClient(
  tx: Tx,
  user: AuthUser,
  clientId: string,
  last: string,
  now: number,
): Promise<void> {
  await tx
    .insertInto('clients')
    .values({
      user_id: user.id,
      client_id: clientId,
      team_id: user.teamId,
      last_mutation_id: last,
      updated_at: new Date(now),
    })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'client_id'])
        .doUpdateSet({ last_mutation_id: last, updated_at: new Date(now) }),
    )
    .execute();
}

/**
 * Rejections are kept until the client shows it has them: a push whose answer was lost is
 * retried, its mutations are then skipped as answered, and the kept rejections are answered
 * again. A client sends only what is still in its outbox, so once a push starts above a kept
 * rejection the client has dealt with it and it is dropped.
 */
async function keepRejections(
  tx: Tx,
  user: AuthUser,
  body: PushBody,
  skipped: readonly Mutation[],
  rejected: readonly Rejection[],
  now: number,
): Promise<Rejection[]> {
  const first = body.mutations[0]?.mutationId;
  if (first !== undefined) {
    await tx
      .deleteFrom('rejections')
      .where('user_id', '=', user.id)
      .where('client_id', '=', body.clientId)
      .where('mutation_id', '<', first)
      .execute();
  }
  if (rejected.length > 0) {
    await sql`
      insert into rejections (user_id, client_id, mutation_id, body, created_at)
      select ${user.id}, ${body.clientId}, x.mutation_id, x.body, ${new Date(now)}
      from jsonb_to_recordset(${JSON.stringify(
        rejected.map((r) => ({ mutation_id: r.mutationId, body: r })),
      )}::jsonb) as x(mutation_id text, body jsonb)
      on conflict do nothing`.execute(tx);
  }
  if (skipped.length === 0) return [];
  const kept = await sql<{ body: Rejection | string }>`
    select body from rejections
    where user_id = ${user.id} and client_id = ${body.clientId}
      and mutation_id in (select jsonb_array_elements_text(${JSON.stringify(
        skipped.map((m) => m.mutationId),
      )}::jsonb))`.execute(tx);
  return kept.rows.map((r) => fromJson<Rejection>(r.body));
}

function singular(table: TableName): string {
  return table === 'settings' ? 'settings row' : table.replace(/s$/, '');
}
