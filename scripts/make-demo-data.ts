/**
 * Builds public/demo/dataset.json: the demo's customers with real purchase histories.
 * Orders are the UCI Online Retail invoices (test/fixtures/datasets), each UCI customer mapped
 * onto one demo customer, so segments and values in the demo come from real behaviour.
 * Deterministic: the same input gives the same file. Run: npx tsx scripts/make-demo-data.ts
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import Papa from 'papaparse';
import { AGENT, CAST, type CastCustomer } from '../lib/demo/cast';

const GENERATED_AT = Date.parse('2026-11-20T09:00:00Z');
const TEAM = 'local';

let seed = 20261123;
function random(): number {
  // mulberry32: a small deterministic generator, so the committed file is reproducible.
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
let idCounter = 0;
function id(): string {
  // UUIDv7 layout (time-ordered) with a deterministic tail.
  const time = (GENERATED_AT - 400 * 86_400_000 + idCounter++).toString(16).padStart(12, '0');
  const tail = Array.from({ length: 19 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${tail.slice(0, 3)}-8${tail.slice(3, 6)}-${tail.slice(6, 18)}`;
}
const base = (at: number) => ({
  id: id(),
  teamId: TEAM,
  createdAt: at,
  updatedAt: at,
  deleted: false,
});

const FIRST = {
  he: ['אורי', 'מיכל', 'דוד', 'שירה', 'איתי', 'רונית', 'עומר', 'הילה'],
  lv: ['Andris', 'Inese', 'Kārlis', 'Laura', 'Mārtiņš', 'Zane', 'Edgars', 'Anna'],
  en: ['James', 'Emma', 'Harry', 'Sophie', 'Jack', 'Amelia', 'George', 'Grace'],
};
const LAST = {
  he: ['כהן', 'לוי', 'פרידמן', 'אברהם', 'שפירא', 'גולן', 'רוזן', 'בירן'],
  lv: ['Liepa', 'Kalniņš', 'Ozoliņš', 'Krūmiņa', 'Vītols', 'Balode', 'Zariņš', 'Eglīte'],
  en: ['Smith', 'Taylor', 'Brown', 'Wilson', 'Evans', 'Walker', 'Wright', 'Hughes'],
};
const COMPANY_WORDS = [
  'Tech',
  'Foods',
  'Design',
  'Logistics',
  'Print',
  'Garden',
  'Medical',
  'Studio',
];
const LATIN = { he: ['ori', 'michal', 'david', 'shira', 'itay', 'ronit', 'omer', 'hila'] };

interface Invoice {
  customer: string;
  at: number;
  total: number;
  cancellation: boolean;
  no: string;
}

function readInvoices(): Map<string, Invoice[]> {
  const text = readFileSync('test/fixtures/datasets/online_retail_invoices.csv', 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  const byCustomer = new Map<string, Invoice[]>();
  for (const row of parsed.data) {
    const invoice: Invoice = {
      customer: row.customer_id!,
      at: Date.parse(row.invoice_datetime_utc!),
      total: Number(row.invoice_total_gbp),
      cancellation: row.is_cancellation === '1',
      no: row.invoice_no!,
    };
    const list = byCustomer.get(invoice.customer) ?? [];
    list.push(invoice);
    byCustomer.set(invoice.customer, list);
  }
  return byCustomer;
}

const RATE = { GBP: 1, EUR: 1.17, ILS: 4.6 } as const;

function generatedCast(n: number): CastCustomer[] {
  const out: CastCustomer[] = [];
  for (let i = 0; i < n; i++) {
    const lang = pick(['he', 'lv', 'en'] as const);
    const firstIndex = Math.floor(random() * 8);
    const first = FIRST[lang][firstIndex]!;
    const last = pick(LAST[lang]);
    const company = random() < 0.6;
    const country = lang === 'he' ? 'IL' : lang === 'lv' ? 'LV' : 'GB';
    const currency = lang === 'he' ? 'ILS' : lang === 'lv' ? 'EUR' : 'GBP';
    const latinFirst =
      lang === 'he'
        ? LATIN.he[firstIndex]!
        : first.normalize('NFD').replace(/[^\w]/g, '').toLowerCase();
    const word = pick(COMPANY_WORDS);
    const slug = `${latinFirst}-${word.toLowerCase()}${i}`;
    const tld = lang === 'he' ? 'co.il' : lang === 'lv' ? 'lv' : 'co.uk';
    const domain = `${slug}.${tld}`;
    const freeMail = lang === 'he' ? 'walla.co.il' : lang === 'lv' ? 'inbox.lv' : 'outlook.com';
    out.push({
      key: `gen${i}`,
      kind: company ? 'company' : 'person',
      name: company
        ? `${latinFirst[0]!.toUpperCase()}${latinFirst.slice(1)} ${word}`
        : `${first} ${last}`,
      domain: company ? domain : undefined,
      email: company ? undefined : `${latinFirst}.${i}@${freeMail}`,
      city: pick(
        lang === 'he'
          ? ['Tel Aviv', 'Jerusalem', 'Beer Sheva']
          : lang === 'lv'
            ? ['Rīga', 'Daugavpils', 'Jelgava']
            : ['London', 'Bristol', 'York'],
      ),
      country,
      vertical: pick(['Retail', 'Hospitality', 'Manufacturing', 'Services', 'Wholesale']),
      size: company ? 5 + Math.floor(random() * 200) : undefined,
      currency,
      acquisition: {
        channel: pick(['referral', 'web', 'search', 'event', 'partner'] as const),
        detail: '',
      },
      tags: random() < 0.2 ? ['newsletter'] : [],
      contacts: company
        ? [
            {
              name: `${first} ${last}`,
              email: `${latinFirst}@${domain}`,
              title: pick(['CEO', 'Owner', 'Buyer', 'Office manager']),
              role: pick(['decision_maker', 'purchaser'] as const),
            },
          ]
        : [],
    });
  }
  return out;
}

function build() {
  const invoices = readInvoices();
  // Customers with a realistic spread: from one-off buyers to the most loyal, capped for size.
  const uciCustomers = [...invoices.entries()]
    .filter(([, list]) => list.length <= 80)
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const everyNth = Math.floor(uciCustomers.length / 120);
  const sampled = uciCustomers.filter((_, i) => i % everyNth === 0).slice(0, 120);
  const cast = [...CAST, ...generatedCast(sampled.length - CAST.length)];
  const lastInvoice = Math.max(...[...invoices.values()].flat().map((i) => i.at));
  const shift = GENERATED_AT - 86_400_000 - lastInvoice;

  const customers = [];
  const contacts = [];
  const interactions = [];
  const orders = [];
  const deals = [];
  const campaigns = [
    {
      ...base(GENERATED_AT - 200 * 86_400_000),
      name: 'Spring newsletter',
      channel: 'email',
      cost: 450,
      currency: 'EUR',
      sent: 5200,
      bounced: 130,
      startedAt: GENERATED_AT - 200 * 86_400_000,
    },
    {
      ...base(GENERATED_AT - 120 * 86_400_000),
      name: 'Automation Expo booth',
      channel: 'meeting',
      cost: 6000,
      currency: 'EUR',
      sent: 0,
      bounced: 0,
      startedAt: GENERATED_AT - 120 * 86_400_000,
    },
  ];

  for (const [index, c] of cast.entries()) {
    const history = sampled[index]![1].sort((a, b) => a.at - b.at);
    const firstAt = history[0]!.at + shift - 30 * 86_400_000;
    const customer = {
      ...base(firstAt),
      kind: c.kind,
      name: c.name,
      domains: c.domain ? [c.domain] : [],
      emails: c.email ? [c.email] : [],
      phones: c.phone ? [c.phone] : [],
      address: { city: c.city, country: c.country },
      vertical: c.vertical,
      ...(c.size ? { size: c.size } : {}),
      acquisition: {
        channel: c.acquisition.channel,
        ...(c.acquisition.detail ? { detail: c.acquisition.detail } : {}),
        ...(c.acquisition.channel === 'event' ? { campaignId: campaigns[1]!.id } : {}),
      },
      ownerId: AGENT.email,
      tags: c.tags,
      customFields:
        c.kind === 'company' ? { vat_number: `${c.country}${100000000 + index * 7919}` } : {},
      consent: { email: true },
    };
    customers.push(customer);
    const people =
      c.kind === 'person'
        ? [
            {
              name: c.name,
              email: c.email!,
              title: '',
              role: 'decision_maker' as const,
              phone: c.phone,
            },
          ]
        : c.contacts;
    const contactRows = people.map((p, i) => ({
      ...base(firstAt),
      customerId: customer.id,
      name: p.name,
      emails: [p.email],
      phones: p.phone ? [p.phone] : [],
      ...(p.title ? { title: p.title } : {}),
      role: p.role,
      primary: i === 0,
    }));
    contacts.push(...contactRows);

    for (const invoice of history) {
      const at = invoice.at + shift;
      const amount = Math.round(Math.abs(invoice.total) * RATE[c.currency] * 100) / 100;
      orders.push({
        ...base(at),
        customerId: customer.id,
        at,
        amount,
        currency: c.currency,
        status: invoice.cancellation ? 'refunded' : 'paid',
        externalId: `INV-${invoice.no}`,
      });
      // Most orders are preceded by a conversation on some channel.
      if (random() < 0.7) {
        const channel = pick([
          'email',
          'email',
          'phone',
          'sms',
          'chat',
          'meeting',
          'visit',
          'fax',
          'ticket',
        ] as const);
        const before = at - Math.floor(random() * 5 + 1) * 86_400_000;
        interactions.push({
          ...base(before),
          customerId: customer.id,
          ...(contactRows[0] ? { contactId: contactRows[0].id } : {}),
          channel,
          direction: random() < 0.5 ? 'inbound' : 'outbound',
          at: before,
          subject: invoice.cancellation
            ? `Return of order ${invoice.no}`
            : pick([
                'Price list',
                'Order question',
                'Delivery date',
                'New catalogue',
                'Quote request',
                'Invoice copy',
              ]),
          agent: AGENT.email,
          ...(channel === 'phone' || channel === 'meeting' || channel === 'visit'
            ? { durationSec: 60 * (5 + Math.floor(random() * 55)) }
            : {}),
          ...(random() < 0.3
            ? { outcome: pick(['Quote sent', 'Follow up next week', 'Resolved', 'Ordered']) }
            : {}),
          ...(random() < 0.2
            ? { satisfaction: { scale: 'csat', score: 3 + Math.floor(random() * 3) } }
            : {}),
          loggedBy: 'import',
        });
      }
    }
    if (c.kind === 'company' && random() < 0.7) {
      const value = Math.round((2_000 + random() * 30_000) * RATE[c.currency]);
      deals.push({
        ...base(GENERATED_AT - 20 * 86_400_000),
        customerId: customer.id,
        name: pick([
          'Annual supply contract',
          'Service renewal',
          'Expansion order',
          'Pilot project',
        ]),
        stage: pick(['qualified', 'proposal', 'negotiation', 'won']),
        value,
        currency: c.currency,
        expectedClose: GENERATED_AT + Math.floor(random() * 60) * 86_400_000,
      });
    }
  }
  return { generatedAt: GENERATED_AT, customers, contacts, interactions, orders, deals, campaigns };
}

const dataset = build();
mkdirSync('public/demo', { recursive: true });
writeFileSync('public/demo/dataset.json', JSON.stringify(dataset));
console.log(
  `public/demo/dataset.json: ${dataset.customers.length} customers, ${dataset.contacts.length} contacts, ` +
    `${dataset.interactions.length} interactions, ${dataset.orders.length} orders, ${dataset.deals.length} deals`,
);
