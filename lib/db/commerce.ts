import { uuidv7 } from 'uuidv7';
import type { Campaign, CampaignFields, Deal, DealFields, Order, OrderFields } from '../model';
import { NotFoundError } from './errors';
import { requireLive } from './guards';
import type { KesherDB } from './schema';
import { writeInTx, writeScope, type WriteOptions } from './write';

/** Orders, deals and campaigns: plain writes on the write path, one transaction each. */

export async function addOrder(
  db: KesherDB,
  fields: OrderFields,
  opts: WriteOptions = {},
): Promise<Order> {
  return db.transaction('rw', writeScope(['customers', 'orders']), async () => {
    await requireLive(db, 'customers', fields.customerId);
    const [order] = await writeInTx(
      db,
      [{ table: 'orders', id: uuidv7(), op: 'upsert', fields }],
      opts,
    );
    return order!;
  });
}

export async function addDeal(
  db: KesherDB,
  fields: DealFields,
  opts: WriteOptions = {},
): Promise<Deal> {
  return db.transaction('rw', writeScope(['customers', 'deals']), async () => {
    await requireLive(db, 'customers', fields.customerId);
    const [deal] = await writeInTx(
      db,
      [{ table: 'deals', id: uuidv7(), op: 'upsert', fields }],
      opts,
    );
    return deal!;
  });
}

/**
 * Creates a campaign (no id, or an id not seen yet: the model then needs every field) or
 * patches a live one.
 */
export async function upsertCampaign(
  db: KesherDB,
  { id, fields }: { id?: string; fields: Partial<CampaignFields> },
  opts: WriteOptions = {},
): Promise<Campaign> {
  return db.transaction('rw', writeScope(['campaigns']), async () => {
    const existing = id === undefined ? undefined : await db.campaigns.get(id);
    if (existing?.deleted) throw new NotFoundError('campaigns', existing.id);
    const [campaign] = await writeInTx(
      db,
      [{ table: 'campaigns', id: id ?? uuidv7(), op: 'upsert', fields }],
      opts,
    );
    return campaign!;
  });
}
