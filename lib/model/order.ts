import { z } from 'zod';
import { CurrencyCode, Id, Millis, ShortText, SyncedRow } from './common';

export const OrderStatus = z.enum(['paid', 'refunded', 'cancelled']);

export const OrderFields = z.object({
  customerId: Id,
  at: Millis,
  /** In major units of `currency` (12.50 is twelve and a half). Refunds keep a positive amount and status "refunded". */
  amount: z.number().finite(),
  currency: CurrencyCode,
  /** Gross margin in the same currency, when known; otherwise the team's margin rate applies. */
  margin: z.number().finite().optional(),
  cost: z.number().finite().optional(),
  status: OrderStatus,
  externalId: z.string().max(300).optional(),
  campaignId: Id.optional(),
  description: ShortText.optional(),
});

export const Order = SyncedRow.extend(OrderFields.shape);
export type Order = z.infer<typeof Order>;
export type OrderFields = z.infer<typeof OrderFields>;
