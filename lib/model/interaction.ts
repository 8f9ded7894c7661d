import { z } from 'zod';
import { Id, LongText, Millis, ShortText, SyncedRow } from './common';

import { CHANNELS } from './constants';

export { CHANNELS };
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const Direction = z.enum(['inbound', 'outbound', 'internal']);
export type Direction = z.infer<typeof Direction>;

/** CSAT is 1..5, NPS 0..10; the scale travels with the score so neither is mistaken for the other. */
export const Satisfaction = z.discriminatedUnion('scale', [
  z.object({ scale: z.literal('csat'), score: z.number().int().min(1).max(5) }),
  z.object({ scale: z.literal('nps'), score: z.number().int().min(0).max(10) }),
]);

export const InteractionFields = z.object({
  customerId: Id,
  contactId: Id.optional(),
  channel: Channel,
  direction: Direction,
  at: Millis,
  subject: ShortText.optional(),
  summary: LongText.optional(),
  /** Message id, ticket id, call id: what makes a second log of the same thing a no-op. */
  externalId: z.string().max(300).optional(),
  /** Where it happened, e.g. the Gmail thread URL. Only http(s) is accepted. */
  sourceUrl: z
    .string()
    .max(2_000)
    .regex(/^https?:\/\//, 'an http(s) URL')
    .optional(),
  /** Who logged it (the agent's address). Interactions are insert-only except by their author. */
  agent: ShortText.optional(),
  durationSec: z
    .number()
    .int()
    .nonnegative()
    .max(7 * 24 * 3600)
    .optional(),
  outcome: ShortText.optional(),
  satisfaction: Satisfaction.optional(),
  campaignId: Id.optional(),
  /** The message body, stored only when the team turns `logBodies` on. */
  body: LongText.optional(),
  /** How it was recorded: by a click, automatically, or by an import. */
  loggedBy: z.enum(['click', 'auto', 'import', 'sync']).optional(),
});

export const Interaction = SyncedRow.extend(InteractionFields.shape);
export type Interaction = z.infer<typeof Interaction>;
export type InteractionFields = z.infer<typeof InteractionFields>;
