import { z } from 'zod';

/**
 * What a site adapter reads off a page: the thread and its participants, from the headers
 * only. It comes from an untrusted page, so the background validates it with this schema
 * and normalises every address itself.
 */
export const ParticipantRole = z.enum(['from', 'to', 'cc', 'bcc']);
export type ParticipantRole = z.infer<typeof ParticipantRole>;

export const Participant = z.object({
  email: z.string().min(3).max(320),
  name: z.string().max(200),
  role: ParticipantRole,
});
export type Participant = z.infer<typeof Participant>;

export const PageMessage = z.object({
  id: z.string().min(1).max(300),
  from: z.string().max(320).optional(),
  /** When the message was sent, ms since epoch, if the page shows it. */
  at: z.number().int().nonnegative().optional(),
  /** The message text, sent only when logging with bodies on (the team's `logBodies`). */
  body: z.string().max(20_000).optional(),
});
export type PageMessage = z.infer<typeof PageMessage>;

export const PageContext = z.object({
  site: z.enum(['gmail', 'outlook', 'zendesk', 'freshdesk', 'helpscout', 'generic']),
  url: z.string().max(4_000),
  threadId: z.string().max(300).optional(),
  subject: z.string().max(1_000),
  participants: z.array(Participant).max(500),
  messageIds: z.array(z.string().min(1).max(300)).max(2_000),
  messages: z.array(PageMessage).max(2_000),
  /** The signed-in mailbox, when the page shows it: never taken for the customer. */
  account: z.string().max(320).optional(),
});
export type PageContext = z.infer<typeof PageContext>;
