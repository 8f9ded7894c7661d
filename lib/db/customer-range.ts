import Dexie from 'dexie';

/**
 * Bounds of one customer's rows on a [customerId+…] compound index, for `between(lo, hi,
 * true, true)`: every second component sorts between minKey and maxKey.
 */
export function customerRange(customerId: string): [[string, unknown], [string, unknown]] {
  return [
    [customerId, Dexie.minKey],
    [customerId, Dexie.maxKey],
  ];
}
