import { z } from 'zod';
import { CurrencyCode, Domain, Email, ShortText, SyncedRow } from './common';
import { Channel, CHANNELS } from './interaction';

export const LoyaltyTier = z.object({
  name: z.string().min(1).max(60),
  /** Spend (in the team currency over the last 12 months) or number of purchases. */
  basis: z.enum(['spend', 'orders']),
  min: z.number().nonnegative(),
  /** Discount the tier earns, 0..1. */
  discount: z.number().min(0).max(1),
});

export const CustomFieldDef = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, 'a lower-case key'),
  label: z.string().min(1).max(100),
  type: z.enum(['text', 'number', 'boolean', 'date']),
});

export const SettingsFields = z.object({
  currency: CurrencyCode,
  /** ISO 3166-1 alpha-2 region used to read phone numbers written without a country code. */
  phoneRegion: z.string().regex(/^[A-Z]{2}$/),
  /** Gross margin rate 0..1 applied to orders that carry no margin of their own. */
  grossMargin: z.number().min(0).max(1),
  /** Annual discount rate for lifetime value, 0..1. */
  discountRate: z.number().min(0).max(1),
  clvHorizonMonths: z.number().int().min(1).max(240),
  /** Cumulative revenue share cut-offs for classes A and B (C is the rest): 0.8 and 0.95 by default. */
  abcThresholds: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]),
  loyaltyTiers: z.array(LoyaltyTier).max(20),
  costPerInteraction: z.partialRecord(Channel, z.number().nonnegative()),
  customFieldDefs: z.array(CustomFieldDef).max(100),
  autoLog: z.object({
    /** Log opened email threads of known customers without a click. */
    email: z.boolean(),
  }),
  /** Store message bodies with logged emails. Off by default: the subject and link are enough. */
  logBodies: z.boolean(),
  neverLog: z.object({ addresses: z.array(Email).max(5_000), domains: z.array(Domain).max(5_000) }),
  neverShow: z.object({
    addresses: z.array(Email).max(5_000),
    domains: z.array(Domain).max(5_000),
  }),
  /** Extra free-mail domains, beyond the built-in list, that never identify a company. */
  freeMailDomains: z.array(Domain).max(1_000),
  teamName: ShortText.optional(),
});

/** One row per team, id "team". */
export const Settings = SyncedRow.extend(SettingsFields.shape);
export type Settings = z.infer<typeof Settings>;
export type SettingsFields = z.infer<typeof SettingsFields>;

export const SETTINGS_ID = 'team';

export const DEFAULT_SETTINGS: SettingsFields = {
  currency: 'EUR',
  phoneRegion: 'IL',
  grossMargin: 0.3,
  discountRate: 0.1,
  clvHorizonMonths: 12,
  abcThresholds: [0.8, 0.95],
  loyaltyTiers: [
    { name: 'Bronze', basis: 'spend', min: 0, discount: 0 },
    { name: 'Silver', basis: 'spend', min: 1_000, discount: 0.03 },
    { name: 'Gold', basis: 'spend', min: 5_000, discount: 0.05 },
    { name: 'Platinum', basis: 'spend', min: 20_000, discount: 0.1 },
  ],
  costPerInteraction: Object.fromEntries(
    CHANNELS.map((c) => [c, c === 'meeting' || c === 'visit' ? 40 : c === 'phone' ? 8 : 3]),
  ),
  customFieldDefs: [],
  autoLog: { email: false },
  logBodies: false,
  neverLog: { addresses: [], domains: [] },
  neverShow: { addresses: [], domains: [] },
  freeMailDomains: [],
};

/**
 * This browser's own preferences: never synced, kept in extension storage.
 * The agent's addresses are learnt from the signed-in mail account and typed in options.
 */
export const LocalPrefs = z.object({
  agentEmails: z.array(Email).max(50),
  sidebar: z.object({
    collapsed: z.boolean(),
    width: z.number().int().min(260).max(720),
  }),
  /** "auto" follows the browser's UI language; he is laid out right to left. */
  locale: z.enum(['auto', 'en', 'he', 'lv']),
});
export type LocalPrefs = z.infer<typeof LocalPrefs>;

export { DEFAULT_LOCAL_PREFS } from './constants';
