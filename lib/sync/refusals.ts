import type { KesherDB } from '../db/schema';
import type { RefusedChange } from './types';

/** The refused changes the UI lists, one per row and reason (the latest refusal wins). */

export async function listRefusals(db: KesherDB): Promise<RefusedChange[]> {
  return db.refusals.orderBy('mutationId').toArray();
}

/**
 * Stores refusals inside the caller's transaction (which covers `refusals`). An older refusal
 * of the same row for the same reason is replaced: the user settles a row once, however
 * many of its changes were refused.
 */
export async function storeRefusalsInTx(
  db: KesherDB,
  refusals: readonly RefusedChange[],
): Promise<void> {
  if (refusals.length === 0) return;
  const latest = new Map<string, RefusedChange>();
  for (const r of refusals) {
    const key = `${r.table}\u0000${r.id}\u0000${r.code}`;
    const seen = latest.get(key);
    if (!seen || r.mutationId > seen.mutationId) latest.set(key, r);
  }
  const kept = [...latest.values()];
  const older = await db.refusals
    .filter((old) =>
      kept.some(
        (r) =>
          r.table === old.table &&
          r.id === old.id &&
          r.code === old.code &&
          r.mutationId !== old.mutationId,
      ),
    )
    .primaryKeys();
  await db.refusals.bulkDelete(older);
  await db.refusals.bulkPut(kept);
}

/** A name a person recognises the row by, when it has one. */
export function labelOf(row: Record<string, unknown> | undefined): string | undefined {
  if (!row) return undefined;
  for (const key of ['name', 'subject']) {
    const value = row[key];
    if (typeof value === 'string' && value.trim() !== '') return value.slice(0, 200);
  }
  return undefined;
}
