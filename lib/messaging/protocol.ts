import { z } from 'zod';
import {
  Channel,
  ContactFields,
  CustomerFields,
  InteractionFields,
  Direction,
  Id,
  OrderFields,
  PageContext,
  SettingsFields,
  type AnalyticsSummary,
  type Contact,
  type Customer,
  type CustomerFile,
  type Interaction,
  type Order,
  type ParticipantMatch,
  type Settings,
} from '../model';
import type { SyncStatus } from '../sync/types';

/**
 * The one protocol between the extension's contexts and the background, which owns the
 * database. Every message has one `data` argument validated by the schema below, and answers
 * a Result: errors are values with a code the UI can act on, not thrown strings.
 */

export const ERROR_CODES = [
  'invalid-input',
  'not-found',
  'never-log',
  'conflict',
  'forbidden',
  /** A sync action the user asked for could not be done; the message says why. */
  'sync-failed',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export interface KesherError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: KesherError };

export const MatchContextInput = PageContext;

/**
 * Everything a sidebar needs when a thread opens, in one round trip: who matches, the file of
 * the selected participant (the best match unless `selectedEmail` is still on the thread),
 * which messages are logged, and the team settings the sidebar formats with.
 */
export const OpenThreadInput = z.object({
  context: PageContext,
  selectedEmail: z.string().max(320).optional(),
  interactionLimit: z.number().int().min(1).max(1_000).default(50),
  channel: Channel.optional(),
});

export const GetCustomerFileInput = z.object({
  customerId: Id,
  interactionLimit: z.number().int().min(1).max(1_000).default(100),
  channel: Channel.optional(),
  /** Message ids of the open thread: the answer says which are logged already. */
  messageIds: z.array(z.string().min(1).max(300)).max(2_000).default([]),
});

export const CreateCustomerInput = z.object({
  kind: z.enum(['person', 'company']),
  /** The person's name (for a company customer, the first contact's name). */
  personName: z.string().max(200),
  email: z.string().min(3).max(320),
  /** Required for a company customer. */
  companyName: z.string().max(200).optional(),
  domain: z.string().max(253).optional(),
  phone: z.string().max(40).optional(),
  acquisition: CustomerFields.shape.acquisition.optional(),
});
export type CreateCustomerInput = z.input<typeof CreateCustomerInput>;

/**
 * Addresses and phone numbers as a person types them ("050-123-4567", "Dana@Acme.co.il"): the
 * background normalises them (lib/identity) before the model's stricter schema sees them.
 */
const TypedEmails = z.array(z.string().max(320)).max(100);
const TypedPhones = z.array(z.string().max(40)).max(50);
const TypedDomains = z.array(z.string().max(253)).max(50);

export const UpdateCustomerInput = z.object({
  id: Id,
  patch: CustomerFields.partial().extend({
    emails: TypedEmails.optional(),
    phones: TypedPhones.optional(),
    domains: TypedDomains.optional(),
  }),
});
export type UpdateCustomerInput = z.input<typeof UpdateCustomerInput>;

export const UpsertContactInput = z.object({
  /** Absent to add a contact. */
  id: Id.optional(),
  customerId: Id,
  patch: ContactFields.omit({ customerId: true })
    .partial()
    .extend({ emails: TypedEmails.optional(), phones: TypedPhones.optional() }),
});
export type UpsertContactInput = z.input<typeof UpsertContactInput>;

export const LogEmailInput = z.object({
  customerId: Id,
  contactId: Id.optional(),
  context: PageContext,
  /** The participant the agent has selected: refused when it is on the never-log list. */
  participantEmail: z.string().min(3).max(320),
  loggedBy: z.enum(['click', 'auto']).default('click'),
});
export type LogEmailInput = z.input<typeof LogEmailInput>;

/** A hand-logged interaction: the model's own fields and bounds, with defaults for a form. */
export const LogInteractionInput = InteractionFields.pick({
  customerId: true,
  contactId: true,
  channel: true,
  subject: true,
  summary: true,
  durationSec: true,
  outcome: true,
  satisfaction: true,
}).extend({
  direction: Direction.default('outbound'),
  at: z.number().int().nonnegative().optional(),
  sourceUrl: z.string().max(2_000).optional(),
});
export type LogInteractionInput = z.input<typeof LogInteractionInput>;

/**
 * A sale logged by hand from the sidebar: the model's own fields and bounds, always paid (a
 * refund or a cancellation is not a sale). The currency defaults to the team's and the date
 * to now; the handler refuses dates more than a day ahead, which needs its clock.
 */
export const LogOrderInput = OrderFields.pick({
  customerId: true,
  amount: true,
  currency: true,
  at: true,
  description: true,
}).extend({
  amount: OrderFields.shape.amount.positive('a sale needs an amount above zero'),
  currency: OrderFields.shape.currency.optional(),
  at: OrderFields.shape.at.optional(),
});
export type LogOrderInput = z.input<typeof LogOrderInput>;

export const NeverListInput = z.object({
  list: z.enum(['neverShow', 'neverLog']),
  kind: z.enum(['address', 'domain']),
  value: z.string().min(1).max(320),
});
export type NeverListInput = z.input<typeof NeverListInput>;

export const UpdateSettingsInput = SettingsFields.partial();

/**
 * The options page's connection form. Bounded before trimming (what crosses the boundary is
 * what is bounded); whether the URL and token work is the engine's connection test to say.
 */
export const ConnectSyncInput = z.object({
  url: z.string().max(2_000).trim().min(1, 'the server address is empty'),
  token: z.string().max(200).trim().min(1, 'the token is empty'),
});
export type ConnectSyncInput = z.input<typeof ConnectSyncInput>;

/** A refused change, named by its mutation id (as the server's, 15 zero-padded digits). */
export const ResolveRefusalInput = z.object({
  mutationId: z.string().regex(/^\d{15}$/, 'a mutation id is 15 digits'),
  resolution: z.enum(['merge', 'dismiss']),
});
export type ResolveRefusalInput = z.input<typeof ResolveRefusalInput>;

export interface StoreStats {
  customers: number;
  contacts: number;
  interactions: number;
  orders: number;
  deals: number;
  /** Local changes not yet sent to a team server. */
  pendingChanges: number;
}

export interface OpenThreadResult {
  matches: ParticipantMatch[];
  selectedEmail: string | null;
  /** null when nobody is selected or the selected participant is not a customer. */
  file: CustomerFile | null;
  loggedMessageIds: string[];
  settings: Pick<Settings, 'currency' | 'customFieldDefs' | 'logBodies'>;
}

export interface LogEmailResult {
  logged: number;
  alreadyLogged: number;
}

export interface ProtocolMap {
  /** Liveness, and with `probeEmail` one indexed read: the floor under every sidebar load. */
  ping(data: { probeEmail?: string } | null): Result<{ at: number; found?: boolean }>;
  matchContext(data: z.input<typeof MatchContextInput>): Result<{ matches: ParticipantMatch[] }>;
  openThread(data: z.input<typeof OpenThreadInput>): Result<OpenThreadResult>;
  getCustomerFile(
    data: z.input<typeof GetCustomerFileInput>,
  ): Result<{ file: CustomerFile; loggedMessageIds: string[] }>;
  createCustomer(data: CreateCustomerInput): Result<{ customer: Customer }>;
  updateCustomer(data: UpdateCustomerInput): Result<{ customer: Customer }>;
  upsertContact(data: UpsertContactInput): Result<{ contact: Contact }>;
  logEmail(data: LogEmailInput): Result<LogEmailResult>;
  logInteraction(data: LogInteractionInput): Result<{ interaction: Interaction }>;
  logOrder(data: LogOrderInput): Result<{ order: Order }>;
  addToNeverList(data: NeverListInput): Result<{ settings: Settings }>;
  getSettings(data: null): Result<{ settings: Settings }>;
  updateSettings(data: z.input<typeof UpdateSettingsInput>): Result<{ settings: Settings }>;
  seedDemo(data: null): Result<{ customers: number; interactions: number }>;
  getStats(data: null): Result<StoreStats>;
  /** The last full analytics run: model, segment and class counts; null before the first. */
  getAnalyticsSummary(data: null): Result<{ summary: AnalyticsSummary | null }>;
  /** Recomputes every customer's figures now and says where the time went. */
  recomputeAnalytics(data: null): Result<{
    summary: AnalyticsSummary | null;
    phases: AnalyticsRunPhases | null;
  }>;
  /** Team sync, for the popup and the options page: local-only until `connectSync`. */
  getSyncStatus(data: null): Result<SyncStatus>;
  /** Tests the URL and token, keeps them and starts the first sync; refused with a sentence. */
  connectSync(data: ConnectSyncInput): Result<SyncStatus>;
  /** Forgets the server and token; local data and pending changes stay. */
  disconnectSync(data: null): Result<SyncStatus>;
  syncNow(data: null): Result<SyncStatus>;
  /** Settles a change the server refused: merge (email_taken only) or dismiss. */
  resolveRefusal(data: ResolveRefusalInput): Result<SyncStatus>;
}

/** Where a full analytics run's time went (the popup shows it; the bench reports it). */
export interface AnalyticsRunPhases {
  readMs: number;
  computeMs: number;
  writeMs: number;
  orders: number;
  interactions: number;
  /** An offscreen document keeps the worker free for sidebars; none in Firefox. */
  ranIn: 'worker' | 'offscreen';
  /** Time it stood still while sidebars were answered (offscreen only: give-way.ts). */
  gaveWayMs?: number;
}
