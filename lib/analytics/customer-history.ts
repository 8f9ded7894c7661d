/**
 * One pass over orders and interactions that keeps, per customer, exactly what the analytics
 * need: purchase days with their net value, revenue and margin to date, interaction counts
 * per channel and the latest survey answers. Everything later (fits, ranks, scores) works
 * from these histories, and the background can rebuild one customer's history alone.
 */

export type OrderStatus = 'paid' | 'refunded' | 'cancelled';

export interface AnalyticsOrder {
  customerId: string;
  /** Epoch milliseconds. */
  at: number;
  /**
   * In major units. A paid order with a negative amount is a credit note (the UCI data's
   * cancellation invoices): it reduces revenue and nets against its day's purchases.
   */
  amount: number;
  /** Absent means the team currency. */
  currency?: string;
  /** Absent means paid. Refunded and cancelled orders count nothing, as in the sidebar. */
  status?: OrderStatus;
  /** Gross margin of the order when known; otherwise the team's margin rate applies. */
  margin?: number;
}

export interface AnalyticsInteraction {
  customerId: string;
  channel: string;
  at: number;
  satisfaction?: { scale: 'csat' | 'nps'; score: number };
}

export interface HistoryOptions {
  /** The analysis date: later orders are future-dated, counted and otherwise ignored. */
  asOf: number;
  /**
   * The team currency: orders without a currency are in it, and it wins a tie when a
   * customer bought equally often in two currencies.
   */
  currency: string;
  /** Margin rate applied to orders without a margin of their own. */
  grossMargin: number;
  /**
   * When set, orders after `asOf` up to this instant are the holdout period: counted as
   * purchase days for the holdout check, never used for the figures.
   */
  holdoutEnd?: number;
}

export interface CustomerHistory {
  customerId: string;
  /**
   * The currency the customer buys in (most of their paid orders; the team currency for a
   * customer without orders). Their figures are in it; orders in other currencies are
   * counted in otherCurrencyOrders and left out, never converted.
   */
  currency: string;
  /** Days (since the epoch, UTC) with a positive net purchase, ascending. */
  purchaseDays: number[];
  /** Net value of each purchase day, aligned with purchaseDays. */
  dayValues: number[];
  revenue: number;
  margin: number;
  /** Orders that counted (paid, team currency, not future): includes credit notes. */
  orderCount: number;
  otherCurrencyOrders: number;
  futureOrders: number;
  /** Distinct purchase days in the holdout period. */
  holdoutDays: number;
  /** Interactions per channel. */
  channels: Map<string, number>;
  nps: { score: number; at: number } | null;
  csat: { score: number; at: number } | null;
}

export const DAY_MS = 86_400_000;

export const utcDay = (ms: number): number => Math.floor(ms / DAY_MS);

/** One customer's orders in one currency, as they are read. */
interface Ledger {
  /** Sum of the non-credit orders of each day. */
  days: Map<number, number>;
  /** Sum of the credit notes of each day, netted against that day's purchases. */
  credits?: Map<number, number>;
  holdout?: Set<number>;
  revenue: number;
  margin: number;
  orderCount: number;
  futureOrders: number;
}

interface Building {
  history: CustomerHistory;
  ledgers: Map<string, Ledger>;
}

function emptyHistory(customerId: string, currency: string): CustomerHistory {
  return {
    customerId,
    currency,
    purchaseDays: [],
    dayValues: [],
    revenue: 0,
    margin: 0,
    orderCount: 0,
    otherCurrencyOrders: 0,
    futureOrders: 0,
    holdoutDays: 0,
    channels: new Map(),
    nps: null,
    csat: null,
  };
}

/**
 * Largest order amount or margin taken as real (ten trillion in major units). Beyond it a
 * value is a data error, and a couple of such finite values (1e308) would sum to Infinity.
 */
export const MAX_AMOUNT = 1e13;

/** Why an order cannot be used, or null. Bad rows are reported by the callers, not guessed at. */
export function orderProblem(o: AnalyticsOrder): string | null {
  if (typeof o.customerId !== 'string' || o.customerId === '') return 'no customer id';
  if (!Number.isFinite(o.at)) return 'no valid date';
  if (!Number.isFinite(o.amount)) return 'no valid amount';
  if (Math.abs(o.amount) > MAX_AMOUNT) return 'amount out of range';
  if (o.margin !== undefined && !Number.isFinite(o.margin)) return 'margin is not a number';
  if (o.margin !== undefined && Math.abs(o.margin) > MAX_AMOUNT) return 'margin out of range';
  return null;
}

/**
 * Histories of every customer that has an order or an interaction, plus an empty one for
 * each of `customerIds` (customers who never bought still get figures, and a reason).
 * Rows that fail `orderProblem` are skipped and counted in `skipped`.
 */
export function buildHistories(
  data: {
    orders: Iterable<AnalyticsOrder>;
    interactions?: Iterable<AnalyticsInteraction>;
    customerIds?: Iterable<string>;
  },
  options: HistoryOptions,
): { histories: Map<string, CustomerHistory>; skipped: number } {
  const building = new Map<string, Building>();
  const get = (id: string): Building => {
    let b = building.get(id);
    if (!b) {
      b = { history: emptyHistory(id, options.currency), ledgers: new Map() };
      building.set(id, b);
    }
    return b;
  };
  for (const id of data.customerIds ?? []) get(id);

  const asOfDay = utcDay(options.asOf);
  const holdoutEnd = options.holdoutEnd;
  let skipped = 0;
  for (const o of data.orders) {
    if (orderProblem(o) !== null) {
      skipped++;
      continue;
    }
    const b = get(o.customerId);
    addOrder(b, o, options, asOfDay, holdoutEnd);
  }
  for (const i of data.interactions ?? []) {
    if (typeof i.customerId !== 'string' || !Number.isFinite(i.at) || i.at > options.asOf) {
      continue;
    }
    addInteraction(get(i.customerId).history, i);
  }

  const histories = new Map<string, CustomerHistory>();
  for (const [id, b] of building) histories.set(id, finish(b, options.currency));
  return { histories, skipped };
}

function addOrder(
  b: Building,
  o: AnalyticsOrder,
  options: HistoryOptions,
  asOfDay: number,
  holdoutEnd: number | undefined,
): void {
  if ((o.status ?? 'paid') !== 'paid') return;
  const currency = o.currency ?? options.currency;
  let ledger = b.ledgers.get(currency);
  if (!ledger) {
    ledger = { days: new Map(), revenue: 0, margin: 0, orderCount: 0, futureOrders: 0 };
    b.ledgers.set(currency, ledger);
  }
  const day = utcDay(o.at);
  if (day > asOfDay) {
    if (holdoutEnd !== undefined && day <= utcDay(holdoutEnd)) {
      if (o.amount > 0) (ledger.holdout ??= new Set()).add(day);
    } else {
      ledger.futureOrders++;
    }
    return;
  }
  ledger.orderCount++;
  ledger.revenue += o.amount;
  ledger.margin += o.margin ?? o.amount * options.grossMargin;
  if (o.amount >= 0) ledger.days.set(day, (ledger.days.get(day) ?? 0) + o.amount);
  else (ledger.credits ??= new Map()).set(day, (ledger.credits?.get(day) ?? 0) + o.amount);
}

/** Interactions count for cost to serve; the latest survey answer on each scale is kept. */
export function addInteraction(h: CustomerHistory, i: AnalyticsInteraction): void {
  h.channels.set(i.channel, (h.channels.get(i.channel) ?? 0) + 1);
  const s = i.satisfaction;
  if (!s || !Number.isInteger(s.score)) return;
  const answer = { score: s.score, at: i.at };
  if (s.scale === 'nps' && s.score >= 0 && s.score <= 10) {
    if (!h.nps || i.at >= h.nps.at) h.nps = answer;
  } else if (s.scale === 'csat' && s.score >= 1 && s.score <= 5) {
    if (!h.csat || i.at >= h.csat.at) h.csat = answer;
  }
}

/**
 * The customer's currency is the one most of their orders are in (the team's on a tie).
 * A purchase day is a day with at least one order that is not a credit: the models count
 * buying days, and a free order (CDNOW has $0 purchases) is still a visit. Credits net
 * against their own day's purchases; a credit-only day lowers revenue and is no purchase.
 */
function finish(b: Building, teamCurrency: string): CustomerHistory {
  const h = b.history;
  let main: [string, Ledger] | undefined;
  for (const entry of b.ledgers) {
    const [currency, ledger] = entry;
    if (
      !main ||
      ledger.orderCount > main[1].orderCount ||
      (ledger.orderCount === main[1].orderCount &&
        (currency === teamCurrency || (main[0] !== teamCurrency && currency < main[0])))
    ) {
      main = entry;
    }
  }
  for (const [currency, ledger] of b.ledgers) {
    h.futureOrders += ledger.futureOrders;
    if (currency !== main?.[0]) h.otherCurrencyOrders += ledger.orderCount;
  }
  if (!main) return h;
  const [currency, ledger] = main;
  h.currency = currency;
  h.revenue = ledger.revenue;
  h.margin = ledger.margin;
  h.orderCount = ledger.orderCount;
  const days = [...ledger.days.entries()].sort((u, v) => u[0] - v[0]);
  h.purchaseDays = days.map(([d]) => d);
  h.dayValues = days.map(([d, v]) => Math.max(0, v + (ledger.credits?.get(d) ?? 0)));
  h.holdoutDays = ledger.holdout?.size ?? 0;
  return h;
}
