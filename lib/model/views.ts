import type { Contact } from './contact';
import type { Customer } from './customer';
import type { Deal } from './deal';
import type { Interaction } from './interaction';
import type { Order } from './order';
import type { Participant } from './page-context';

/**
 * Shapes the background answers to the UI. They are read models, assembled from the synced
 * rows; nothing here is stored.
 */

export type MatchedBy = 'email' | 'contact-email' | 'phone' | 'domain';

export interface CustomerMatch {
  customerId: string;
  customerName: string;
  kind: Customer['kind'];
  contactId?: string;
  contactName?: string;
  by: MatchedBy;
}

/** What to prefill when the participant is not a customer yet. */
export interface NewCustomerSuggestion {
  kind: Customer['kind'];
  /** The person's display name, or the local part of the address when there is none. */
  personName: string;
  /** Company name guessed from the domain ("Acme" for acme.co.il); absent for free-mail. */
  companyName?: string;
  /** The registrable domain, absent for free-mail providers. */
  domain?: string;
  email: string;
}

export interface ParticipantMatch {
  /** The participant with its address normalised (lower case, trimmed). */
  participant: Participant;
  match: CustomerMatch | null;
  suggestion: NewCustomerSuggestion;
  /** On the team's never-log list (address or domain): no automatic or one-click email log. */
  neverLog: boolean;
}

/** Revenue per currency: amounts in different currencies are never added together. */
export interface RevenueSummary {
  currency: string;
  total: number;
  orderCount: number;
  firstAt?: number;
  lastAt?: number;
}

export interface CustomerFile {
  customer: Customer;
  contacts: Contact[];
  /** Newest first, at most the requested number. */
  interactions: Interaction[];
  interactionCount: number;
  /** Newest first. */
  orders: Order[];
  deals: Deal[];
  /** Paid orders net of refunds, one entry per currency, the team currency first. */
  revenue: RevenueSummary[];
  /** Name of the acquisition campaign, when the customer has one. */
  acquisitionCampaignName?: string;
}
