import type { Transaction } from 'kysely';
import type { TableName } from '../lib/model/common';
import { parseHlc } from '../lib/sync/hlc';
import type { AuthUser } from './context';
import { fieldProblem, newRowProblem } from './fields';
import { applyMutation, type RowState } from './merge';
import { LIMITS, type Mutation, type Rejection } from './protocol';
import { customerEmails, type EmailOwners } from './push-emails';
import { loadRows, rowKey, type SavedRow } from './push-rows';
import type { Database } from './storage/schema';

/**
 * What one mutation does to a push's working state: the rules (roles, clocks, fields, whole
 * new rows, authorship, one customer per email) and the merge. The transaction around it is
 * server/push.ts's.
 */

/** Tables an agent may read but not change: the team's configuration and its campaigns. */
const MANAGED_TABLES: ReadonlySet<TableName> = new Set(['settings', 'campaigns']);

type Tx = Transaction<Database>;

/** The working state of one transaction, shared by the pushes it applies one after another. */
export interface WorkingState {
  teamId: string;
  /** Every row the transaction reads or writes, as its pushes have left it so far. */
  rows: Map<string, RowState>;
  owners: EmailOwners;
  /** The rows to write back, each with the version of the last push that changed it. */
  changed: Map<string, SavedRow>;
}

/** The push a mutation belongs to. */
export interface PushContext {
  user: AuthUser;
  now: number;
  version: number;
}

/** Applies one mutation to the working state, or says why not. */
export async function applyOne(
  tx: Tx,
  m: Mutation,
  p: PushContext,
  s: WorkingState,
): Promise<Rejection | null> {
  const reject = (code: Rejection['code'], reason: string, extra: Partial<Rejection> = {}) => ({
    mutationId: m.mutationId,
    code,
    reason,
    table: m.table,
    id: m.id,
    ...extra,
  });

  if (p.user.role === 'agent' && MANAGED_TABLES.has(m.table)) {
    return reject(
      'forbidden',
      `Forbidden: an agent cannot change ${m.table}; ask a manager or an admin of the team.`,
    );
  }
  const skewed = Object.values(m.fields).find(
    (f) => parseHlc(f.hlc).wall > p.now + LIMITS.maxClockSkewMs,
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
  if (current && m.table === 'interactions' && current.authorId !== p.user.id) {
    return reject(
      'not_author',
      'Only the person who logged this interaction can change or delete it.',
    );
  }
  if (!current && m.op === 'restore') {
    return reject('not_found', `There is no deleted ${singular(m.table)} ${m.id} to restore.`);
  }

  const { row, changed } = applyMutation(current, m, {
    teamId: s.teamId,
    userId: p.user.id,
    now: p.now,
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
      const name = await customerName(tx, s, conflict.customerId);
      return reject(
        'email_taken',
        `Another customer${name ? ` ("${name}")` : ''} already has the email ${conflict.email}. ` +
          `Merge the two customers instead.`,
        { conflictWith: conflict.customerId },
      );
    }
  }
  s.rows.set(key, row);
  s.changed.set(key, { row, version: p.version, updatedBy: p.user.id, at: p.now });
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

/** Every address mutations could claim or free: what their customers have and what they send. */
export function emailsToCheck(
  mutations: readonly Mutation[],
  rows: ReadonlyMap<string, RowState>,
): string[] {
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

async function customerName(tx: Tx, s: WorkingState, id: string): Promise<string | null> {
  const key = rowKey('customers', id);
  const row =
    s.rows.get(key) ?? (await loadRows(tx, s.teamId, [{ table: 'customers', id }])).get(key);
  const name = row?.fields.name?.value;
  return typeof name === 'string' ? name : null;
}

function singular(table: TableName): string {
  return table === 'settings' ? 'settings row' : table.replace(/s$/, '');
}
