import Dexie from 'dexie';
import type { Channel, Interaction } from '../model';
import { customerRange } from './customer-range';
import { withoutClocks } from './row-clocks';
import type { KesherDB } from './schema';

/** IDBIndex.getAllRecords (Chromium 141+): a whole reverse page in one request. */
interface RecordsIndex {
  getAllRecords(options: {
    query: IDBKeyRange;
    direction: 'prev';
    count: number;
  }): IDBRequest<Array<{ value: Interaction }>>;
}

function hasGetAllRecords(index: IDBIndex): index is IDBIndex & RecordsIndex {
  return typeof (index as Partial<RecordsIndex>).getAllRecords === 'function';
}

/**
 * The customer's newest interactions, newest first. This is the read every sidebar opening
 * waits on, so when nothing needs filtering (no channel filter, no tombstones anywhere) and the
 * browser has getAllRecords, it is one request; a Dexie cursor otherwise pays one round trip
 * per row. Call inside a Dexie transaction that covers `interactions`.
 */
export async function newestInteractions(
  db: KesherDB,
  customerId: string,
  limit: number,
  channel: Channel | undefined,
  anyTombstone: boolean,
): Promise<Interaction[]> {
  const [lo, hi] = customerRange(customerId);
  const index = Dexie.currentTransaction?.idbtrans
    .objectStore('interactions')
    .index('[customerId+at]');
  if (index && channel === undefined && !anyTombstone && hasGetAllRecords(index)) {
    const range = db.keyRange.bound([customerId, -Infinity], [customerId, []]);
    const request = index.getAllRecords({ query: range, direction: 'prev', count: limit });
    const records = await new Promise<Array<{ value: Interaction }>>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    // Straight from IndexedDB, past the reading hook that takes the clocks off (schema.ts).
    return records.map((r) => withoutClocks(r.value));
  }
  return db.interactions
    .where('[customerId+at]')
    .between(lo, hi, true, true)
    .reverse()
    .filter((i) => !i.deleted && (channel === undefined || i.channel === channel))
    .limit(limit)
    .toArray();
}
