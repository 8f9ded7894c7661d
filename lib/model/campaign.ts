import { z } from 'zod';
import { CurrencyCode, Millis, ShortText, SyncedRow } from './common';
import { Channel } from './interaction';

/** Responses, deals and orders point at a campaign by `campaignId`; funnel and ROI are derived. */
export const CampaignFields = z.object({
  name: z.string().min(1).max(200),
  channel: Channel,
  cost: z.number().finite().nonnegative(),
  currency: CurrencyCode,
  sent: z.number().int().nonnegative(),
  bounced: z.number().int().nonnegative(),
  startedAt: Millis.optional(),
  endedAt: Millis.optional(),
  notes: ShortText.optional(),
});

export const Campaign = SyncedRow.extend(CampaignFields.shape);
export type Campaign = z.infer<typeof Campaign>;
export type CampaignFields = z.infer<typeof CampaignFields>;
