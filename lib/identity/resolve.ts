import type { Customer } from '../model';
import type { IdentityLookup } from './lookup';

/** Merges chain rarely; a longer chain is a data error, not a reason to loop. */
const MAX_MERGE_HOPS = 16;

/**
 * The customer that `row` lives on as: itself, or the end of its `mergedInto` chain; null
 * when the chain is broken, cycles, or ends at a deleted row. A merged row is followed even
 * when it is marked deleted, because a merge may tombstone the loser and its pointer is
 * exactly what says where its emails went.
 */
export async function survivingCustomer(
  row: Customer,
  lookup: IdentityLookup,
): Promise<Customer | null> {
  const seen = new Set<string>();
  let current: Customer | undefined = row;
  for (let hop = 0; current && hop <= MAX_MERGE_HOPS; hop++) {
    if (current.mergedInto === undefined) return current.deleted ? null : current;
    if (seen.has(current.id)) return null;
    seen.add(current.id);
    current = await lookup.customerById(current.mergedInto);
  }
  return null;
}

/** Earliest created first, then by id: the same answer on every device, whatever the index order. */
export function byAge(a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
