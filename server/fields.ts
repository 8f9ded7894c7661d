import type { z } from 'zod';
import {
  CampaignFields,
  ContactFields,
  CustomerFields,
  DealFields,
  InteractionFields,
  Millis,
  OrderFields,
  SettingsFields,
  type TableName,
} from '../lib/model';
import { ROW_SCHEMAS } from '../lib/db/tables';
import type { RowState } from './merge';
import type { FieldChange } from './protocol';

/**
 * Field values checked against the model, one field at a time (a push carries only the
 * fields that changed, so an edit of a stored row is checked field by field). A row a
 * mutation creates is checked whole as well (`newRowProblem`). The server is every client's
 * source: a value or a row one client's database would refuse must not reach the others, or
 * their pulls would skip it. A refusal here rejects the one mutation, with the fields named.
 */

type Shape = Readonly<Record<string, z.ZodType>>;

const SYSTEM: Shape = { createdAt: Millis, updatedAt: Millis };

const SHAPES: Record<TableName, Shape> = {
  customers: { ...CustomerFields.shape, ...SYSTEM },
  contacts: { ...ContactFields.shape, ...SYSTEM },
  interactions: { ...InteractionFields.shape, ...SYSTEM },
  orders: { ...OrderFields.shape, ...SYSTEM },
  deals: { ...DealFields.shape, ...SYSTEM },
  campaigns: { ...CampaignFields.shape, ...SYSTEM },
  settings: { ...SettingsFields.shape, ...SYSTEM },
};

/** Why these fields cannot be stored on `table`, or null when they can. */
export function fieldProblem(table: TableName, fields: Record<string, FieldChange>): string | null {
  const shape = SHAPES[table];
  for (const [name, { value }] of Object.entries(fields)) {
    if (name === 'deleted') {
      if (typeof value !== 'boolean') return 'The field "deleted" must be true or false.';
      continue;
    }
    if (name === 'id' || name === 'teamId') {
      return `The field "${name}" is set by the server and cannot be sent.`;
    }
    const schema = Object.hasOwn(shape, name) ? shape[name] : undefined;
    if (!schema) return `There is no field "${name}" on ${table}.`;
    // null removes a field: allowed for the optional ones only.
    const result = schema.safeParse(value === null ? undefined : value);
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue && issue.path.length > 0 ? `.${issue.path.join('.')}` : '';
      return value === null
        ? `The field "${name}" is required on ${table} and cannot be removed.`
        : `The field "${name}${where}" is not valid: ${issue?.message ?? 'wrong value'}.`;
    }
  }
  return null;
}

/** Columns of a row that are the server's, not fields a client sends. */
const SERVER_COLUMNS: ReadonlySet<string> = new Set(['id', 'teamId', 'deleted']);

/**
 * Why a row a mutation would create is not a whole row of the model, or null. Without this a
 * partial upsert of a row the server does not have would create a fragment that every other
 * client's database refuses. `id`, `teamId` and `deleted` are the server's, as a pull shows
 * them; a field sent as null is no field.
 */
export function newRowProblem(
  row: Pick<RowState, 'table' | 'id' | 'teamId' | 'deleted' | 'fields'>,
): string | null {
  const values: Record<string, unknown> = {};
  for (const [name, { value }] of Object.entries(row.fields)) {
    if (value !== null && value !== undefined) values[name] = value;
  }
  const result = ROW_SCHEMAS[row.table].safeParse({
    ...values,
    id: row.id,
    teamId: row.teamId,
    deleted: row.deleted,
  });
  if (result.success) return null;
  const missing: string[] = [];
  const wrong: string[] = [];
  for (const issue of result.error.issues) {
    const name = issue.path.length > 0 ? String(issue.path[0]) : '';
    if (name !== '' && !Object.hasOwn(values, name) && !SERVER_COLUMNS.has(name)) {
      if (!missing.includes(name)) missing.push(name);
    } else {
      const where =
        issue.path.length > 0 ? `the field "${issue.path.map(String).join('.')}"` : 'the row';
      wrong.push(`${where} is not valid: ${issue.message}`);
    }
  }
  // The entity's own fields first, then createdAt and updatedAt.
  missing.sort((x, y) => Number(Object.hasOwn(SYSTEM, x)) - Number(Object.hasOwn(SYSTEM, y)));
  const sentences: string[] = [];
  if (missing.length > 0) {
    const has = Object.keys(values);
    sentences.push(
      `A new ${row.table} row needs ${missing.join(', ')}: ` +
        `it has ${has.length > 0 ? `only ${has.join(', ')}` : 'no fields'}.`,
    );
  }
  if (wrong.length > 0) sentences.push(`In a new ${row.table} row, ${wrong[0]!}.`);
  return sentences.join(' ');
}
