/**
 * The demo's main characters: the customers the demo mailbox writes from, so that opening a
 * thread in `npm run demo` finds a rich file. The dataset script adds generated customers
 * around them. Addresses use real-looking domains; none is contacted.
 */
export interface CastContact {
  name: string;
  email: string;
  title: string;
  role: 'decision_maker' | 'influencer' | 'purchaser' | 'user' | 'gatekeeper';
  phone?: string;
}

export interface CastCustomer {
  key: string;
  kind: 'person' | 'company';
  name: string;
  domain?: string;
  email?: string;
  phone?: string;
  city: string;
  country: string;
  vertical: string;
  size?: number;
  currency: 'ILS' | 'EUR' | 'GBP';
  acquisition: { channel: 'referral' | 'web' | 'search' | 'event' | 'partner'; detail: string };
  tags: string[];
  contacts: CastContact[];
}

export const AGENT = { name: 'Maya Agent', email: 'maya@kesher-demo.com' };

export const CAST: CastCustomer[] = [
  {
    key: 'galil',
    kind: 'company',
    name: 'Galil Robotics',
    domain: 'galil-robotics.co.il',
    city: 'Haifa',
    country: 'IL',
    vertical: 'Manufacturing',
    size: 140,
    currency: 'ILS',
    acquisition: { channel: 'event', detail: 'Automation Expo Tel Aviv' },
    tags: ['key-account', 'hardware'],
    contacts: [
      {
        name: 'נועה מזרחי',
        email: 'noa@galil-robotics.co.il',
        title: 'COO',
        role: 'decision_maker',
        phone: '+972501234567',
      },
      {
        name: 'Yossi Ben-David',
        email: 'yossi@galil-robotics.co.il',
        title: 'Procurement',
        role: 'purchaser',
      },
      {
        name: 'Tamar Katz',
        email: 'tamar@galil-robotics.co.il',
        title: 'Line engineer',
        role: 'user',
      },
    ],
  },
  {
    key: 'baltic',
    kind: 'company',
    name: 'Baltijas Koks',
    domain: 'baltkoks.lv',
    city: 'Rīga',
    country: 'LV',
    vertical: 'Timber & wood',
    size: 55,
    currency: 'EUR',
    acquisition: { channel: 'partner', detail: 'Introduced by our Rīga reseller' },
    tags: ['export'],
    contacts: [
      {
        name: 'Jānis Bērziņš',
        email: 'janis.berzins@baltkoks.lv',
        title: 'Valdes loceklis',
        role: 'decision_maker',
        phone: '+37126123456',
      },
      { name: 'Līga Ozola', email: 'liga@baltkoks.lv', title: 'Finance', role: 'influencer' },
    ],
  },
  {
    key: 'dana',
    kind: 'person',
    name: 'Dana Levi',
    email: 'dana.levi@walla.co.il',
    phone: '+972547654321',
    city: 'Tel Aviv',
    country: 'IL',
    vertical: 'Retail',
    currency: 'ILS',
    acquisition: { channel: 'search', detail: 'Google Ads: "crm for shops"' },
    tags: ['loyal'],
    contacts: [],
  },
  {
    key: 'northwind',
    kind: 'company',
    name: 'Northwind Gifts',
    domain: 'northwindgifts.co.uk',
    city: 'Leeds',
    country: 'GB',
    vertical: 'Wholesale',
    size: 22,
    currency: 'GBP',
    acquisition: { channel: 'web', detail: 'Signed up from the pricing page' },
    tags: ['wholesale'],
    contacts: [
      {
        name: 'Oliver Grant',
        email: 'oliver@northwindgifts.co.uk',
        title: 'Owner',
        role: 'decision_maker',
      },
      {
        name: 'Priya Shah',
        email: 'priya@northwindgifts.co.uk',
        title: 'Office manager',
        role: 'gatekeeper',
      },
    ],
  },
  {
    key: 'ilze',
    kind: 'person',
    name: 'Ilze Kalniņa',
    email: 'ilze.kalnina@inbox.lv',
    city: 'Liepāja',
    country: 'LV',
    vertical: 'Services',
    currency: 'EUR',
    acquisition: { channel: 'referral', detail: 'Referred by Jānis Bērziņš' },
    tags: [],
    contacts: [],
  },
];

/** Someone who writes in the demo mailbox but is not a customer yet. */
export const UNKNOWN_SENDER = { name: 'Avi Cohen', email: 'avi@negev-solar.co.il' };
