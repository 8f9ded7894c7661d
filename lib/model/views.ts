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
  /**
   * Derived figures (lifetime value, churn risk, segments), absent until the background's
   * first recompute after start-up has finished.
   */
  analytics?: CustomerAnalytics;
}

/** The purchase-count model (or the fallback) that produced a customer's forecast. */
export type ForecastMethod = 'bg-nbd' | 'pareto-nbd' | 'mbg-nbd' | 'retention' | 'none';

export type RfmSegmentName =
  | 'Champions'
  | 'Loyal'
  | 'Potential Loyalists'
  | 'New'
  | 'Promising'
  | 'Need Attention'
  | 'About to Sleep'
  | 'At Risk'
  | "Can't Lose"
  | 'Hibernating';

/**
 * Derived figures of one customer (lib/analytics/customer-analytics.ts): recomputed from the
 * synced rows, never synced. Amounts are in `currency` (the one most of their paid orders are in;
 * a tie goes to the team currency); orders in other
 * currencies are counted in `otherCurrencyOrders` and left out, never converted. Every
 * judgement carries the numbers it rests on (for the UI to phrase in its own language) and an
 * English `reason` (for the CLI and the JSON).
 */
export interface CustomerAnalytics {
  customerId: string;
  currency: string;
  otherCurrencyOrders: number;
  /** Paid orders net of refunds and cancellations. */
  revenueToDate: number;
  /** Margin to date: the historic CLV. */
  marginToDate: number;
  /** Purchase days (several orders on one day are one purchase, as the models count). */
  purchases: number;
  firstPurchaseAt?: number;
  lastPurchaseAt?: number;
  /** Mean days between purchases, with two or more. */
  typicalGapDays?: number;
  forecast: {
    method: ForecastMethod;
    /** Expected purchases in the next 90 days. */
    purchases90d: number | null;
    /** Probability the customer still buys (0..1). */
    pAlive: number | null;
    /** Expected value of a future purchase. */
    expectedOrderValue: number | null;
    /** Predicted margin over the team's horizon, discounted. */
    clv: number | null;
    horizonMonths: number;
    reason: string;
  };
  rfm: {
    r: number;
    f: number;
    m: number;
    segment: RfmSegmentName;
    daysSinceLastPurchase: number;
    reason: string;
  } | null;
  abc: { class: 'A' | 'B' | 'C'; share: number; cutoff: number; reason: string };
  loyalty: { tier: string | null; discount: number; reason: string };
  costToServe: { cost: number; interactions: number; reason: string };
  profitability: { class: 'profitable' | 'potential' | 'loss-making'; net: number; reason: string };
  satisfaction: {
    nps: { class: 'promoter' | 'passive' | 'detractor'; score: number } | null;
    csat: { class: 'satisfied' | 'neutral' | 'dissatisfied'; score: number } | null;
  };
}

/** What one recompute found about the whole customer base. */
export interface AnalyticsSummary {
  computedAt: number;
  /**
   * When the run began reading its input: a run that began before a change finished after it
   * without it (absent in figures stored before it was kept).
   */
  startedAt?: number;
  customers: number;
  /** The fitted model and why it was chosen, or the fallback and why. */
  method: ForecastMethod;
  methodReason: string;
  params?: Record<string, number>;
  logLikelihood?: number;
  durationMs: number;
  /** Customers per RFM segment (buyers only) and per ABC class, at the full run. */
  segments: Partial<Record<RfmSegmentName, number>>;
  abc: Record<'A' | 'B' | 'C', number>;
  /** Σ predicted CLV over the horizon per currency (amounts are never added across them). */
  predictedClv: Record<string, number>;
  /** The team currency, listed first. */
  currency: string;
}
