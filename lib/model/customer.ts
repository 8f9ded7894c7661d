import { z } from 'zod';
import {
  CustomFieldValue,
  Domain,
  E164,
  Email,
  Id,
  LongText,
  ShortText,
  SyncedRow,
} from './common';

export const Address = z.object({
  city: ShortText.optional(),
  region: ShortText.optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code')
    .optional(),
});

/** How the customer came to us: the channel, the campaign if any, and free text. */
export const Acquisition = z.object({
  channel: z
    .enum(['referral', 'web', 'search', 'social', 'email', 'event', 'cold', 'partner', 'other'])
    .optional(),
  campaignId: Id.optional(),
  detail: ShortText.optional(),
});

export const Consent = z.object({
  email: z.boolean().optional(),
  sms: z.boolean().optional(),
  phone: z.boolean().optional(),
});

export const CustomerFields = z.object({
  kind: z.enum(['person', 'company']),
  name: z.string().min(1).max(200),
  domains: z.array(Domain).max(50),
  emails: z.array(Email).max(100),
  phones: z.array(E164).max(50),
  address: Address,
  vertical: ShortText.optional(),
  /** Number of employees, for company customers. */
  size: z.number().int().nonnegative().optional(),
  acquisition: Acquisition,
  ownerId: ShortText.optional(),
  tags: z.array(z.string().min(1).max(60)).max(100),
  customFields: z.record(z.string().max(60), CustomFieldValue),
  consent: Consent,
  notes: LongText.optional(),
  /** Set when this customer was merged into another; readers follow it. */
  mergedInto: Id.optional(),
});

export const Customer = SyncedRow.extend(CustomerFields.shape);
export type Customer = z.infer<typeof Customer>;
export type CustomerFields = z.infer<typeof CustomerFields>;
