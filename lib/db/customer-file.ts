import { TABLES, type Channel, type Customer, type CustomerFile } from '../model';
import { readCustomerAnalytics } from './analytics-store';
import { customerRange } from './customer-range';
import { readMeta } from './meta';
import { newestInteractions } from './newest-interactions';
import { summariseRevenue } from './revenue';
import type { KesherDB } from './schema';
import { getSettings } from './settings';

export interface CustomerFileOptions {
  /** How many interactions to return, newest first. */
  interactionLimit: number;
  /** Only interactions on this channel (the count still covers every channel). */
  channel?: Channel;
}

/** A merge chain longer than this is a loop or corruption; stop rather than spin. */
const MAX_MERGE_HOPS = 16;

/** Every synced table the file draws on, and meta for the tombstone flag. */
const READ_SCOPE = [...TABLES, 'meta'];

/**
 * The customer file the sidebar shows, read in one transaction so it is one consistent
 * snapshot. Follows `mergedInto` to the surviving customer; undefined when the customer is
 * unknown or deleted.
 */
export async function getCustomerFile(
  db: KesherDB,
  customerId: string,
  options: CustomerFileOptions,
): Promise<CustomerFile | undefined> {
  // The derived figures are read beside the snapshot, not inside it: the analytics job
  // writes them in their own transactions, which the file's read must not wait behind.
  const [file, analytics] = await Promise.all([
    readFile(db, customerId, options),
    readCustomerAnalytics(db, customerId),
  ]);
  if (!file) return undefined;
  // A merged customer's file is the survivor's: its figures are under the survivor's id.
  const figures =
    file.customer.id === customerId ? analytics : await readCustomerAnalytics(db, file.customer.id);
  if (!figures) return file;
  const { computedAt: _computedAt, ...view } = figures;
  return { ...file, analytics: view };
}

async function readFile(
  db: KesherDB,
  customerId: string,
  { interactionLimit, channel }: CustomerFileOptions,
): Promise<CustomerFile | undefined> {
  return db.transaction('r', READ_SCOPE, async () => {
    const customer = await resolveMerged(db, customerId);
    if (!customer || customer.deleted) return undefined;
    const id = customer.id;
    const [lo, hi] = customerRange(id);
    const campaignId = customer.acquisition.campaignId;

    const anyTombstone = (await readMeta(db, 'interactionTombstones')) === true;
    const [contacts, interactions, interactionCount, orders, deals, settings, campaign] =
      await Promise.all([
        db.contacts.where('customerId').equals(id).toArray(),
        // Newest first straight off the index, stopping after `limit` matches: the customer's
        // full history is never loaded.
        newestInteractions(db, id, interactionLimit, channel, anyTombstone),
        countLiveInteractions(db, id, anyTombstone),
        db.orders.where('[customerId+at]').between(lo, hi, true, true).reverse().toArray(),
        db.deals.where('customerId').equals(id).toArray(),
        getSettings(db),
        campaignId === undefined ? undefined : db.campaigns.get(campaignId),
      ]);

    const liveOrders = orders.filter((o) => !o.deleted);
    return {
      customer,
      contacts: contacts
        .filter((c) => !c.deleted)
        .sort(
          (a, b) =>
            Number(b.primary) - Number(a.primary) ||
            a.createdAt - b.createdAt ||
            (a.id < b.id ? -1 : 1),
        ),
      interactions,
      interactionCount,
      orders: liveOrders,
      deals: deals.filter((d) => !d.deleted).sort((a, b) => a.createdAt - b.createdAt),
      revenue: summariseRevenue(liveOrders, settings.currency),
      acquisitionCampaignName: campaign && !campaign.deleted ? campaign.name : undefined,
    };
  });
}

async function resolveMerged(db: KesherDB, id: string): Promise<Customer | undefined> {
  let customer = await db.customers.get(id);
  const seen = new Set<string>([id]);
  while (customer?.mergedInto && !seen.has(customer.mergedInto) && seen.size <= MAX_MERGE_HOPS) {
    seen.add(customer.mergedInto);
    const target = await db.customers.get(customer.mergedInto);
    // A target not synced here yet: show what we have rather than nothing.
    if (!target) break;
    customer = target;
  }
  return customer;
}

/**
 * Live interactions of the customer. IndexedDB cannot index a boolean, so "live" is not in
 * any index; but tombstoned interactions are rare (they are insert-only), so the write path
 * flags the database once one exists. Until then the count is a pure index count (keys
 * only); after, the customer's range is scanned with a cursor, still never held in memory.
 */
async function countLiveInteractions(
  db: KesherDB,
  customerId: string,
  anyTombstone: boolean,
): Promise<number> {
  const [lo, hi] = customerRange(customerId);
  const range = db.interactions.where('[customerId+at]').between(lo, hi, true, true);
  return anyTombstone ? range.filter((i) => !i.deleted).count() : range.count();
}
