import Dexie from 'dexie';
import type { KesherDB } from '../db/schema';
import { applyChangesInTx, type Change, type ChangedRef } from '../db/write';
import type { Customer } from '../model';
import { APPLY_SCOPE } from './apply-remote';
import { revertRowsInTx } from './revert';
import { readUnsent, rowKey, writeUnsent } from './sync-meta';
import type { RefusedChange } from './types';
import type { RemoteChange } from './wire';

/**
 * How the user settles a refused change (lib/sync/types.ts RefusalResolution). Both are local
 * writes through the write path (so they reach the server as ordinary mutations) plus the
 * refusal leaving the list, in one transaction; the engine syncs afterwards.
 */

/** The model's bounds on a customer's lists (lib/model/customer.ts). */
const MAX = { emails: 100, phones: 50, tags: 100 } as const;

/**
 * email_taken → merge: the local customer's contacts, interactions, orders and deals move to
 * the team's customer that has the address; that customer gains the addresses, phones and
 * tags it lacks (when this browser has it); the local one is retired: merged into it,
 * addresses removed (so the server frees them) and deleted. Retired first: the server then
 * frees the local customer's addresses before the survivor claims them, in the same push.
 *
 * When the server has the local customer (the refused change was an edit of it), the edit
 * the server refused is undone first, as dismiss would: its addresses and tags live on in the
 * survivor, and the retired row must not keep values the server never accepted. `server` is
 * that row (null: the server has none, the row goes whole); undefined when not connected.
 */
export async function mergeRefusedCustomer(
  db: KesherDB,
  refusal: RefusedChange,
  server: RemoteChange | null | undefined,
  ctx: { teamId?: string; now: number },
): Promise<ChangedRef[]> {
  const localId = refusal.id;
  const survivorId = refusal.conflictWith!;
  const now = ctx.now;
  const scope = [...APPLY_SCOPE, 'outbox', 'refusals'];
  return db.transaction('rw', scope, async () => {
    const [local, survivor] = await Promise.all([
      db.customers.get(localId),
      db.customers.get(survivorId),
    ]);
    const reverted =
      server && ctx.teamId !== undefined
        ? await revertRowsInTx(db, [{ table: 'customers', id: localId, server }], {
            teamId: ctx.teamId,
            now,
          })
        : { changed: [] };
    const current = await db.customers.get(localId);
    const range: [[string, unknown], [string, unknown]] = [
      [localId, Dexie.minKey],
      [localId, Dexie.maxKey],
    ];
    const [contacts, interactions, orders, deals, survivorContacts] = await Promise.all([
      db.contacts.where('customerId').equals(localId).toArray(),
      db.interactions.where('[customerId+at]').between(range[0], range[1], true, true).toArray(),
      db.orders.where('[customerId+at]').between(range[0], range[1], true, true).toArray(),
      db.deals.where('customerId').equals(localId).toArray(),
      db.contacts.where('customerId').equals(survivorId).toArray(),
    ]);

    const changes: Change[] = [];
    if (current) {
      changes.push({
        table: 'customers',
        id: localId,
        op: 'upsert',
        fields: { mergedInto: survivorId, emails: [] },
      });
      if (!current.deleted) changes.push({ table: 'customers', id: localId, op: 'delete' });
    }
    if (local && survivor && !survivor.deleted) {
      const gained = gainedFields(survivor, local);
      if (gained)
        changes.push({ table: 'customers', id: survivorId, op: 'upsert', fields: gained });
    }
    // One primary contact per customer: the survivor's stays primary when it has one.
    const survivorHasPrimary = survivorContacts.some((c) => c.primary && !c.deleted);
    for (const c of contacts.filter((c) => !c.deleted)) {
      const fields = { customerId: survivorId, ...(survivorHasPrimary ? { primary: false } : {}) };
      changes.push({ table: 'contacts', id: c.id, op: 'upsert', fields });
    }
    for (const table of ['interactions', 'orders', 'deals'] as const) {
      const rows = table === 'interactions' ? interactions : table === 'orders' ? orders : deals;
      for (const r of rows.filter((r) => !r.deleted)) {
        changes.push({ table, id: r.id, op: 'upsert', fields: { customerId: survivorId } });
      }
    }
    const { changed } = await applyChangesInTx(db, changes, { now });
    await db.refusals.delete(refusal.mutationId);
    return [...reverted.changed, ...changed];
  });
}

/** The survivor's addresses, phones and tags plus the ones only the local customer has. */
function gainedFields(
  survivor: Customer,
  local: Customer,
): Pick<Customer, 'emails' | 'phones' | 'tags'> | null {
  const union = (a: string[], b: string[], max: number) => [...new Set([...a, ...b])].slice(0, max);
  const emails = union(survivor.emails, local.emails, MAX.emails);
  const phones = union(survivor.phones, local.phones, MAX.phones);
  const tags = union(survivor.tags, local.tags, MAX.tags);
  const same =
    emails.length === survivor.emails.length &&
    phones.length === survivor.phones.length &&
    tags.length === survivor.tags.length;
  return same ? null : { emails, phones, tags };
}

/**
 * dismiss: the refusal leaves the list. The row was already put back to the server's state
 * when the refusal arrived, except for the refusals that keep the local row:
 * - email_taken, when the server has the row (an edit added an address): the row takes the
 *   server's state now, pending later edits laid on top.
 * - email_taken, when the server never had the row (its creation was refused): the local
 *   duplicate is deleted through the write path rather than wiped, and goes to the server
 *   whole as a tombstone. Its contacts, interactions and orders, already on the server, keep
 *   a parent, nothing the user typed is lost, and it can still be restored or merged later.
 * - id_taken: the id belongs to another team's row, which this browser cannot read; the
 *   local row stays as it is.
 * `server` is the server's row (null: none); undefined when not connected (only the refusal
 * goes).
 */
export async function dismissRefusal(
  db: KesherDB,
  refusal: RefusedChange,
  server: RemoteChange | null | undefined,
  ctx: { teamId?: string; now: number },
): Promise<ChangedRef[]> {
  const scope = [...APPLY_SCOPE, 'outbox', 'refusals'];
  return db.transaction('rw', scope, async () => {
    await db.refusals.delete(refusal.mutationId);
    if (refusal.code !== 'email_taken' || server === undefined || ctx.teamId === undefined) {
      return [];
    }
    if (server) {
      const unsent = await readUnsent(db);
      unsent.delete(rowKey(refusal.table, refusal.id));
      await writeUnsent(db, unsent);
      const { changed } = await revertRowsInTx(
        db,
        [{ table: refusal.table, id: refusal.id, server }],
        { teamId: ctx.teamId, now: ctx.now },
      );
      return changed;
    }
    const local = await db.synced(refusal.table).get(refusal.id);
    if (!local || local.deleted) return [];
    const { changed } = await applyChangesInTx(
      db,
      [{ table: refusal.table, id: refusal.id, op: 'delete' }],
      { now: ctx.now },
    );
    return changed;
  });
}
