import { z } from 'zod';
import { E164, Email, Id, ShortText, SyncedRow } from './common';

import { DECISION_ROLES } from './constants';

export { DECISION_ROLES };
export const DecisionRole = z.enum(DECISION_ROLES);
export type DecisionRole = z.infer<typeof DecisionRole>;

/** A person on the customer's side. A person-customer usually has one, themselves. */
export const ContactFields = z.object({
  customerId: Id,
  name: z.string().max(200),
  emails: z.array(Email).max(20),
  phones: z.array(E164).max(20),
  title: ShortText.optional(),
  role: DecisionRole.optional(),
  primary: z.boolean(),
});

export const Contact = SyncedRow.extend(ContactFields.shape);
export type Contact = z.infer<typeof Contact>;
export type ContactFields = z.infer<typeof ContactFields>;
