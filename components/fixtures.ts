import type {
  Contact,
  Customer,
  CustomerAnalytics,
  CustomerFile,
  Deal,
  Interaction,
  Order,
  ParticipantMatch,
} from '../lib/model';
import type { CustomFieldDef, ReadyView } from './types';

/**
 * A realistic customer file for tests and the preview page: an Israeli company with a Hebrew
 * name, a Latvian contact, nine channels' worth of history, and orders in ILS and EUR.
 * Times are relative to FIXTURE_NOW so relative dates read the same on every run.
 */

export const FIXTURE_NOW = Date.UTC(2025, 2, 14, 10, 30);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const TEAM = 'local';
let seq = 0;
function row(at: number) {
  seq += 1;
  return {
    id: `0195a0c0-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    teamId: TEAM,
    createdAt: at,
    updatedAt: at,
    deleted: false,
  };
}

export const CUSTOMER: Customer = {
  ...row(FIXTURE_NOW - 400 * DAY),
  kind: 'company',
  name: 'גלבוע מערכות בע״מ',
  domains: ['gilboa-systems.co.il'],
  emails: ['office@gilboa-systems.co.il'],
  phones: ['+97248123456'],
  address: { city: 'Haifa', country: 'IL' },
  vertical: 'Industrial automation',
  size: 120,
  acquisition: {
    channel: 'event',
    campaignId: '0195a0c0-0000-7000-8000-0000000000ca',
    detail: 'Met at the Riga Food & Tech fair',
  },
  tags: ['vip', 'מפיץ', 'annual-contract'],
  customFields: {
    vat_id: '514123456',
    credit_days: 30,
    renewal: '2025-09-01',
    legacy_crm_id: 'GS-1023',
  },
  consent: { email: true, phone: true },
};

export const CUSTOM_FIELD_DEFS: CustomFieldDef[] = [
  { key: 'vat_id', label: 'VAT number', type: 'text' },
  { key: 'credit_days', label: 'Credit terms (days)', type: 'number' },
  { key: 'renewal', label: 'Contract renewal', type: 'date' },
  { key: 'reseller', label: 'Reseller', type: 'boolean' },
];

const contact = (fields: Omit<Contact, keyof ReturnType<typeof row> | 'customerId'>): Contact => ({
  ...row(FIXTURE_NOW - 300 * DAY),
  customerId: CUSTOMER.id,
  ...fields,
});

export const CONTACTS: Contact[] = [
  contact({
    name: 'דנה לוי',
    emails: ['dana@gilboa-systems.co.il'],
    phones: ['+972541234567'],
    title: 'סמנכ״לית רכש',
    role: 'decision_maker',
    primary: true,
  }),
  contact({
    name: 'Jānis Bērziņš',
    emails: ['janis.berzins@gilboa-systems.co.il'],
    phones: ['+37126123456'],
    title: 'Baltic sales lead',
    role: 'influencer',
    primary: false,
  }),
  contact({
    name: 'Yossi Cohen',
    emails: ['yossi@gilboa-systems.co.il'],
    phones: [],
    title: 'Plant engineer',
    primary: false,
  }),
];

const interaction = (
  fields: Omit<Interaction, keyof ReturnType<typeof row> | 'customerId'>,
): Interaction => ({ ...row(fields.at), customerId: CUSTOMER.id, ...fields });

/** Newest first, as the background sends them. */
export const INTERACTIONS: Interaction[] = [
  interaction({
    channel: 'email',
    direction: 'inbound',
    at: FIXTURE_NOW - 2 * HOUR,
    subject: 'Re: הצעת מחיר לקו הייצור החדש',
    externalId: 'msg-3',
    sourceUrl: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJxyz',
    contactId: CONTACTS[0]?.id,
    loggedBy: 'click',
  }),
  interaction({
    channel: 'phone',
    direction: 'outbound',
    at: FIXTURE_NOW - 1 * DAY - 3 * HOUR,
    subject: 'Pilot scope call',
    summary: 'Walked through the pilot plan; Dana wants the Riga team on the next call.',
    durationSec: 780,
    outcome: 'Agreed on a 6-week pilot',
    contactId: CONTACTS[0]?.id,
  }),
  interaction({
    channel: 'meeting',
    direction: 'outbound',
    at: FIXTURE_NOW - 6 * DAY,
    subject: 'Tikšanās ar Baltijas komandu',
    durationSec: 3_600,
    satisfaction: { scale: 'csat', score: 5 },
    contactId: CONTACTS[1]?.id,
  }),
  interaction({
    channel: 'ticket',
    direction: 'inbound',
    at: FIXTURE_NOW - 12 * DAY,
    subject: 'Sensor firmware 2.4 fails to pair',
    sourceUrl: 'https://support.example.com/tickets/4711',
    outcome: 'Fixed in 2.4.1',
  }),
  interaction({
    channel: 'visit',
    direction: 'outbound',
    at: FIXTURE_NOW - 33 * DAY,
    subject: 'ביקור במפעל בחיפה',
    durationSec: 2 * 3_600,
  }),
  interaction({
    channel: 'sms',
    direction: 'inbound',
    at: FIXTURE_NOW - 40 * DAY,
    summary: 'Running 10 minutes late, sorry!',
  }),
  interaction({
    channel: 'note',
    direction: 'internal',
    at: FIXTURE_NOW - 75 * DAY,
    summary: 'Prefers calls before 11:00. Do not send invoices to the general inbox.',
  }),
  interaction({
    channel: 'chat',
    direction: 'inbound',
    at: FIXTURE_NOW - 200 * DAY,
    subject: 'Question about bulk pricing',
    satisfaction: { scale: 'nps', score: 9 },
  }),
  interaction({
    channel: 'fax',
    direction: 'outbound',
    at: FIXTURE_NOW - 380 * DAY,
    subject: 'Signed framework agreement',
  }),
];

const order = (fields: Omit<Order, keyof ReturnType<typeof row> | 'customerId'>): Order => ({
  ...row(fields.at),
  customerId: CUSTOMER.id,
  ...fields,
});

/** Newest first. */
export const ORDERS: Order[] = [
  order({
    at: FIXTURE_NOW - 9 * DAY,
    amount: 18_450,
    currency: 'ILS',
    status: 'paid',
    description: 'בקרים PLC ×12',
  }),
  order({
    at: FIXTURE_NOW - 21 * DAY,
    amount: 2_300,
    currency: 'EUR',
    status: 'paid',
    description: 'Riga warehouse sensors',
  }),
  order({
    at: FIXTURE_NOW - 47 * DAY,
    amount: 3_200,
    currency: 'ILS',
    status: 'refunded',
    description: 'Spare parts (returned)',
  }),
  order({
    at: FIXTURE_NOW - 90 * DAY,
    amount: 41_900.5,
    currency: 'ILS',
    status: 'paid',
    description: 'Line 3 retrofit',
  }),
  order({
    at: FIXTURE_NOW - 160 * DAY,
    amount: 6_750,
    currency: 'EUR',
    status: 'paid',
    description: 'Annual support, Baltics',
  }),
  order({
    at: FIXTURE_NOW - 330 * DAY,
    amount: 9_990,
    currency: 'ILS',
    status: 'paid',
    description: 'Pilot kit',
  }),
];

export const DEALS: Deal[] = [
  {
    ...row(FIXTURE_NOW - 20 * DAY),
    customerId: CUSTOMER.id,
    name: 'קו ייצור 4',
    stage: 'proposal',
    value: 240_000,
    currency: 'ILS',
    expectedClose: FIXTURE_NOW + 45 * DAY,
  },
  {
    ...row(FIXTURE_NOW - 60 * DAY),
    customerId: CUSTOMER.id,
    name: 'Baltic distribution 2025',
    stage: 'won',
    value: 55_000,
    currency: 'EUR',
    expectedClose: FIXTURE_NOW - 10 * DAY,
  },
];

/**
 * What the background derives for this customer (team currency ILS): a top-revenue buyer
 * still buying, with a fitted forecast. The two EUR orders are counted apart, not converted.
 */
export const ANALYTICS: CustomerAnalytics = {
  customerId: CUSTOMER.id,
  currency: 'ILS',
  otherCurrencyOrders: 2,
  revenueToDate: 70_340.5,
  marginToDate: 21_102.15,
  purchases: 3,
  firstPurchaseAt: FIXTURE_NOW - 330 * DAY,
  lastPurchaseAt: FIXTURE_NOW - 9 * DAY,
  typicalGapDays: 160.5,
  forecast: {
    method: 'bg-nbd',
    purchases90d: 0.84,
    pAlive: 0.93,
    expectedOrderValue: 22_800,
    clv: 38_450,
    horizonMonths: 12,
    reason: 'BG/NBD: 0.84 purchases expected in 90 days, P(alive) 93%',
  },
  rfm: {
    r: 5,
    f: 4,
    m: 5,
    segment: 'Champions',
    daysSinceLastPurchase: 9,
    reason: 'Champions: R5 F4 M5',
  },
  abc: { class: 'A', share: 0.12, cutoff: 0.8, reason: 'A: in the top 80% of revenue (12%)' },
  loyalty: { tier: 'Platinum', discount: 0.1, reason: 'Platinum: spend 70340.5 ≥ 20000, 10% off' },
  costToServe: { cost: 142, interactions: 9, reason: '9 interaction(s) cost 142' },
  profitability: {
    class: 'profitable',
    net: 20_960.15,
    reason: 'profitable: margin 21102.15 − cost to serve 142 = 20960.15',
  },
  satisfaction: {
    nps: { class: 'promoter', score: 9 },
    csat: { class: 'satisfied', score: 5 },
  },
};

export const CUSTOMER_FILE: CustomerFile = {
  customer: CUSTOMER,
  contacts: CONTACTS,
  interactions: INTERACTIONS,
  interactionCount: 23,
  orders: ORDERS,
  deals: DEALS,
  revenue: [
    {
      currency: 'ILS',
      total: 70_340.5,
      orderCount: 4,
      firstAt: FIXTURE_NOW - 330 * DAY,
      lastAt: FIXTURE_NOW - 9 * DAY,
    },
    {
      currency: 'EUR',
      total: 9_050,
      orderCount: 2,
      firstAt: FIXTURE_NOW - 160 * DAY,
      lastAt: FIXTURE_NOW - 21 * DAY,
    },
  ],
  acquisitionCampaignName: 'Riga Food & Tech 2024',
  analytics: ANALYTICS,
};

/** The thread: a known contact, a known colleague, a new company sender and a free-mail one. */
export const MATCHES: ParticipantMatch[] = [
  {
    participant: { email: 'dana@gilboa-systems.co.il', name: 'דנה לוי', role: 'from' },
    match: {
      customerId: CUSTOMER.id,
      customerName: CUSTOMER.name,
      kind: 'company',
      contactId: CONTACTS[0]?.id,
      contactName: 'דנה לוי',
      by: 'contact-email',
    },
    suggestion: {
      kind: 'company',
      personName: 'דנה לוי',
      companyName: 'Gilboa Systems',
      domain: 'gilboa-systems.co.il',
      email: 'dana@gilboa-systems.co.il',
    },
    neverLog: false,
  },
  {
    participant: { email: 'eitan@newco.co.il', name: 'Eitan Mizrahi', role: 'cc' },
    match: null,
    suggestion: {
      kind: 'company',
      personName: 'Eitan Mizrahi',
      companyName: 'Newco',
      domain: 'newco.co.il',
      email: 'eitan@newco.co.il',
    },
    neverLog: false,
  },
  {
    participant: { email: 'marija.ozola@gmail.com', name: 'Marija Ozola', role: 'cc' },
    match: null,
    suggestion: { kind: 'person', personName: 'Marija Ozola', email: 'marija.ozola@gmail.com' },
    neverLog: true,
  },
];

/** The open thread's messages: two of three are on the timeline already. */
export const MESSAGE_IDS = ['msg-1', 'msg-2', 'msg-3'];
export const LOGGED_MESSAGE_IDS = ['msg-1', 'msg-3'];

export function readyView(overrides: Partial<ReadyView> = {}): ReadyView {
  return {
    state: 'ready',
    matches: MATCHES,
    selectedEmail: 'dana@gilboa-systems.co.il',
    file: CUSTOMER_FILE,
    loggedMessageIds: LOGGED_MESSAGE_IDS,
    messageIds: MESSAGE_IDS,
    channelFilter: null,
    settingsCurrency: 'ILS',
    customFieldDefs: CUSTOM_FIELD_DEFS,
    ...overrides,
  };
}

/** The unknown company sender selected: the sidebar offers to create it. */
export function unknownSenderView(): ReadyView {
  return readyView({ selectedEmail: 'eitan@newco.co.il', file: null });
}
