import { z } from 'zod';

/** Ids are UUIDv7 strings made by the client, so rows can be created offline. */
export const Id = z.string().min(1).max(64);
/** Milliseconds since the epoch. Every time in the model is UTC milliseconds. */
export const Millis = z.number().int().nonnegative();
/** ISO 4217 code, e.g. "ILS", "EUR". */
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 currency code');
/** E.164, e.g. "+972501234567". Normalised by lib/identity before it is stored. */
export const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'a phone number in E.164 form');
/** Lower-cased, trimmed address. Normalised by lib/identity before it is stored. */
export const Email = z
  .string()
  .min(3)
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, 'an email address');
/** A registrable domain, lower case ("acme.co.il"). */
export const Domain = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9.-]+$/, 'a lower-case domain');

/** Short user-entered text; bounded so a hostile page or import cannot bloat the database. */
export const ShortText = z.string().max(500);
export const LongText = z.string().max(20_000);

/**
 * The fields every synced row carries. `teamId` is "local" until the extension joins a team;
 * the sync layer's per-field clocks are stored in the row's record but are no field of it
 * (lib/db/row-clocks.ts): no reader outside the sync engine and the write path sees them.
 */
export const SyncedRow = z.object({
  id: Id,
  teamId: z.string().min(1).max(64),
  createdAt: Millis,
  updatedAt: Millis,
  deleted: z.boolean(),
});

export const CustomFieldValue = z.union([z.string().max(2_000), z.number(), z.boolean(), z.null()]);

/** The tables that sync: the entities' plural names, as the sync protocol names them. */
export const TABLES = [
  'customers',
  'contacts',
  'interactions',
  'orders',
  'deals',
  'campaigns',
  'settings',
] as const;
export const TableName = z.enum(TABLES);
export type TableName = z.infer<typeof TableName>;
