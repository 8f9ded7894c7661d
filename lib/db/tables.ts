import type { z } from 'zod';
import {
  Campaign,
  Contact,
  Customer,
  Deal,
  Interaction,
  Order,
  Settings,
  type RowOf,
  type TableName,
} from '../model';

/** The zod schema that a complete row of each synced table must satisfy before it is stored. */
export const ROW_SCHEMAS: { [T in TableName]: z.ZodType<RowOf[T]> } = {
  customers: Customer,
  contacts: Contact,
  interactions: Interaction,
  orders: Order,
  deals: Deal,
  campaigns: Campaign,
  settings: Settings,
};

/** Fields every synced row carries that only the write path sets. */
export const SYSTEM_FIELDS = ['id', 'teamId', 'createdAt', 'updatedAt', 'deleted'] as const;
export type SystemField = (typeof SYSTEM_FIELDS)[number];

/** The fields of a row a caller may set. */
export type FieldsOf<T extends TableName> = Omit<RowOf[T], SystemField>;

export type AnyRow = RowOf[TableName];

/** The customer whose file a row belongs to, so the UI knows which open sidebars to refresh. */
export function customerIdOf(table: TableName, row: AnyRow): string | undefined {
  if (table === 'customers') return row.id;
  return 'customerId' in row ? row.customerId : undefined;
}
