import { z } from 'zod';
import { CurrencyCode, Id, Millis, ShortText, SyncedRow } from './common';

import { DEAL_STAGES } from './constants';

export { DEAL_STAGES };
export const DealStage = z.enum(DEAL_STAGES);

export const DealFields = z.object({
  customerId: Id,
  name: z.string().min(1).max(200),
  stage: DealStage,
  value: z.number().finite().nonnegative(),
  currency: CurrencyCode,
  expectedClose: Millis.optional(),
  campaignId: Id.optional(),
  notes: ShortText.optional(),
});

export const Deal = SyncedRow.extend(DealFields.shape);
export type Deal = z.infer<typeof Deal>;
export type DealFields = z.infer<typeof DealFields>;
