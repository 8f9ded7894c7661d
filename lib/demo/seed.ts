import type { KesherDB } from '../db/schema';
import { bulkLoad } from '../db/bulk';

interface Timed {
  createdAt: number;
  updatedAt: number;
  at?: number;
  expectedClose?: number;
  startedAt?: number;
}
interface Dataset {
  generatedAt: number;
  customers: Timed[];
  contacts: Timed[];
  interactions: Timed[];
  orders: Timed[];
  deals: Timed[];
  campaigns: Timed[];
}

/** Moves every time forward so the demo's latest activity is "yesterday", whenever it runs. */
function shifted<T extends Timed>(rows: T[], delta: number): T[] {
  return rows.map((row) => ({
    ...row,
    createdAt: row.createdAt + delta,
    updatedAt: row.updatedAt + delta,
    ...(row.at !== undefined ? { at: row.at + delta } : {}),
    ...(row.expectedClose !== undefined ? { expectedClose: row.expectedClose + delta } : {}),
    ...(row.startedAt !== undefined ? { startedAt: row.startedAt + delta } : {}),
  }));
}

/**
 * Loads the bundled demo dataset. Demo rows are local only: they bypass the outbox, so they
 * are never sent to a team server. Loading twice overwrites the same ids (no duplicates).
 */
export async function seedDemoData(
  db: KesherDB,
  fetchDataset: () => Promise<{ json(): Promise<unknown> }>,
  now = Date.now(),
): Promise<{ customers: number; interactions: number }> {
  const dataset = (await (await fetchDataset()).json()) as Dataset;
  const delta = Math.max(0, now - dataset.generatedAt);
  const rows = {
    customers: shifted(dataset.customers, delta),
    contacts: shifted(dataset.contacts, delta),
    interactions: shifted(dataset.interactions, delta),
    orders: shifted(dataset.orders, delta),
    deals: shifted(dataset.deals, delta),
    campaigns: shifted(dataset.campaigns, delta),
  };
  await bulkLoad(db, rows as never, { withOutbox: false });
  return { customers: rows.customers.length, interactions: rows.interactions.length };
}
