import type { z } from 'zod';
import type { RowOf, TableName } from '../model';
import { ValidationError } from './errors';
import { metaRow } from './meta';
import type { KesherDB } from './schema';
import { ROW_SCHEMAS } from './tables';

export type BulkTable = Exclude<TableName, 'settings'>;
export type BulkRows = { [T in BulkTable]?: ReadonlyArray<RowOf[T]> };

export interface BulkOptions {
  /**
   * Always false: bulk rows bypass the outbox and get no field clocks, so demo and benchmark
   * data is never pushed to a team server (the sync layer reads a missing clock as the oldest).
   * Spelled out at every call site so nobody mistakes this for the write path.
   */
  withOutbox: false;
  /** Skip zod and check only what the indexes need (for the 1,000,000-row benchmark). */
  trusted?: boolean;
  chunkSize?: number;
}

const DEFAULT_CHUNK = 5_000;
/** Parents before children, so a reader never meets an order whose customer is missing. */
const ORDER: BulkTable[] = [
  'campaigns',
  'customers',
  'contacts',
  'interactions',
  'orders',
  'deals',
];

/**
 * Puts complete rows as they are (same ids overwrite: loading twice duplicates nothing), one
 * transaction per chunk so a huge load neither holds one giant transaction nor all its
 * validated copies at once. Every chunk is validated before it is written; a refused row
 * stops the load, and the chunks before it stay.
 */
export async function bulkLoad(
  db: KesherDB,
  data: BulkRows,
  opts: BulkOptions,
): Promise<Record<BulkTable, number>> {
  const chunkSize = Math.max(1, opts.chunkSize ?? DEFAULT_CHUNK);
  const counts = { campaigns: 0, customers: 0, contacts: 0, interactions: 0, orders: 0, deals: 0 };
  for (const table of ORDER) {
    const rows: ReadonlyArray<RowOf[BulkTable]> = data[table] ?? [];
    for (let start = 0; start < rows.length; start += chunkSize) {
      const chunk = rows.slice(start, start + chunkSize);
      const checked = opts.trusted
        ? cheapCheck(table, chunk, start)
        : chunk.map((row, i) => parseRow(table, row, start + i));
      const tombstone = table === 'interactions' && checked.some((r) => r.deleted);
      await db.transaction('rw', [table, 'meta'], async () => {
        await db.table(table).bulkPut(checked);
        // Keeps interaction counts exact (see customer-file.ts).
        if (tombstone) await db.meta.put(metaRow('interactionTombstones', true));
      });
      counts[table] += chunk.length;
    }
  }
  return counts;
}

function parseRow<T extends BulkTable>(table: T, row: unknown, index: number): RowOf[T] {
  const parsed = ROW_SCHEMAS[table].safeParse(row);
  if (!parsed.success) {
    throw new ValidationError(
      table,
      parsed.error.issues.map((issue) => ({ ...issue, path: [index, ...issue.path] })),
    );
  }
  return parsed.data as RowOf[T];
}

/** Only what would break the indexes or the tombstone logic: keys of the right type. */
function cheapCheck<T extends BulkTable>(
  table: T,
  rows: ReadonlyArray<RowOf[T]>,
  offset: number,
): ReadonlyArray<RowOf[T]> {
  rows.forEach((row, i) => {
    const r = row as unknown as Record<string, unknown>;
    const bad =
      typeof r.id !== 'string' ||
      r.id === '' ||
      typeof r.deleted !== 'boolean' ||
      (table !== 'customers' && table !== 'campaigns' && typeof r.customerId !== 'string') ||
      ((table === 'interactions' || table === 'orders') && typeof r.at !== 'number');
    if (bad) {
      const issue: z.core.$ZodIssue = {
        code: 'custom',
        path: [offset + i],
        message: 'a row without a valid id, customerId, at or deleted',
        input: row,
      };
      throw new ValidationError(table, [issue]);
    }
  });
  return rows;
}
