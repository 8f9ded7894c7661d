import type { TableName } from '../lib/model/common';
import { formatHlc } from '../lib/sync/hlc';
import type { FieldChange, Mutation } from './protocol';
import type { FieldMap } from './storage/schema';

/**
 * How one mutation changes one row: pure, so the rules can be read (and tested) apart from
 * the database.
 *
 * - Fields merge one by one, last writer wins: the higher clock (HLC strings sort as time)
 *   keeps its value. An equal clock is the same write again and changes nothing.
 * - The deleted flag is not a field: only delete and restore set it, ordered among themselves
 *   by their clocks. An edit never undeletes, so a delete wins over any concurrent edit, and
 *   an edit to a deleted row still merges its fields (a later restore shows them).
 */

export interface RowState {
  table: TableName;
  id: string;
  teamId: string;
  version: number;
  deleted: boolean;
  deletedHlc: string | null;
  fields: FieldMap;
  authorId: string;
  createdAt: Date;
}

/** Server-owned columns a client may not set through `fields`. */
export const SERVER_FIELDS = new Set(['id', 'teamId']);

/** The clock of a delete or restore: its own `deleted` field's, else its latest field's. */
export function opClock(m: Mutation, now: number): string {
  const own = m.fields.deleted?.hlc;
  if (own) return own;
  let latest: string | null = null;
  for (const change of Object.values(m.fields)) {
    if (latest === null || change.hlc > latest) latest = change.hlc;
  }
  // A delete with no clock at all is stamped when it arrives; "server" is a valid client id
  // that no client uses (theirs are random hex), so it never ties with a real clock.
  return latest ?? formatHlc({ wall: now, counter: 0 }, 'server');
}

export interface Applied {
  row: RowState;
  changed: boolean;
}

export function applyMutation(
  current: RowState | undefined,
  m: Mutation,
  ctx: { teamId: string; userId: string; now: number },
): Applied {
  const base: RowState = current ?? {
    table: m.table,
    id: m.id,
    teamId: ctx.teamId,
    version: 0,
    deleted: false,
    deletedHlc: null,
    fields: {},
    authorId: ctx.userId,
    createdAt: new Date(ctx.now),
  };
  const { fields, changed: fieldsChanged } = mergeFields(base.fields, m.fields);
  let { deleted, deletedHlc } = base;
  let flagChanged = false;
  if (m.op !== 'upsert') {
    const clock = opClock(m, ctx.now);
    if (deletedHlc === null || clock > deletedHlc) {
      deleted = m.op === 'delete';
      deletedHlc = clock;
      flagChanged = true;
    }
  }
  const changed = current === undefined || fieldsChanged || flagChanged;
  return { row: { ...base, fields, deleted, deletedHlc }, changed };
}

/** Per-field last-writer-wins. `deleted` is the op's, and id/teamId the server's: skipped. */
export function mergeFields(
  current: FieldMap,
  incoming: Record<string, FieldChange>,
): { fields: FieldMap; changed: boolean } {
  const fields: FieldMap = { ...current };
  let changed = false;
  for (const [name, change] of Object.entries(incoming)) {
    if (name === 'deleted' || SERVER_FIELDS.has(name)) continue;
    const stored = Object.hasOwn(current, name) ? current[name] : undefined;
    if (stored === undefined || change.hlc > stored.hlc) {
      fields[name] = { value: change.value, hlc: change.hlc };
      changed = true;
    }
  }
  return { fields, changed };
}

/** A row as the protocol shows it: its fields, and the delete clock once there is one. */
export function wireFields(row: Pick<RowState, 'fields' | 'deleted' | 'deletedHlc'>): FieldMap {
  if (row.deletedHlc === null) return row.fields;
  return { ...row.fields, deleted: { value: row.deleted, hlc: row.deletedHlc } };
}
