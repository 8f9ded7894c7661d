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
import type { FieldChange } from './protocol';

/**
 * Field values checked against the model, one field at a time (a push carries only the
 * fields that changed, so whole rows cannot be checked here). The server is every client's
 * source: a value one client's database would refuse must not reach the others, or their
 * pulls would stall on it. A refusal here rejects the one mutation, with the field named.
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
