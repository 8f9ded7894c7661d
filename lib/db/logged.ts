import type { Interaction } from '../model';
import type { KesherDB } from './schema';

/**
 * Which of `ids` (message ids, ticket ids) are already logged for the customer as live
 * interactions, in the order asked. One key lookup per id on [customerId+externalId]; a
 * tombstoned log does not count, so logging again after a delete is possible.
 */
export async function loggedExternalIds(
  db: KesherDB,
  customerId: string,
  ids: readonly string[],
): Promise<string[]> {
  const found = await liveByExternalId(db, customerId, ids);
  return [...new Set(ids)].filter((id) => found.has(id));
}

/** The live interactions of the customer with these external ids, by external id. */
export async function liveByExternalId(
  db: KesherDB,
  customerId: string,
  ids: readonly string[],
): Promise<Map<string, Interaction>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, Interaction>();
  if (unique.length === 0) return out;
  const rows = await db.interactions
    .where('[customerId+externalId]')
    .anyOf(unique.map((id) => [customerId, id]))
    .toArray();
  for (const row of rows) {
    if (!row.deleted && row.externalId !== undefined && !out.has(row.externalId)) {
      out.set(row.externalId, row);
    }
  }
  return out;
}
