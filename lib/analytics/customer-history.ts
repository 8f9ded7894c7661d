/**
 * One pass over orders and interactions that keeps, per customer, exactly what the analytics
 * need: purchase days with their net value, revenue and margin to date, interaction counts
 * per channel and the latest survey answers. Everything later (fits, ranks, scores) works
 * from these histories, and the background can rebuild one customer's history alone.
 */
import { runToEnd } from './run-to-end';

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
  /** Interactions per channel (one shared empty map until the first interaction). */
  channels: ReadonlyMap<string, number>;
  nps: { score: number; at: number } | null;
  csat: { score: number; at: number } | null;
}

export const DAY_MS = 86_400_000;

export const utcDay = (ms: number): number => Math.floor(ms / DAY_MS);

/**
 * One customer's orders in one currency, as they are read. Purchase days are kept as two
 * parallel arrays rather than a map: a base of a million orders makes a million map entries
 * and day/sum pairs otherwise, and the garbage collector's copying of them cost more than all
 * the arithmetic. Orders mostly arrive in date order, so a repeat of the last day adds to it
 * in place and the arrays come out sorted; otherwise `finish` sorts and merges them.
 */
interface Ledger {
  currency: string;
  /** Days with a non-credit order, in arrival order (one entry per run of the same day). */
  days: number[];
  /** Sum of the non-credit orders of each entry of `days`. */
  sums: number[];
  /** Whether `days` is strictly ascending so far. */
  ascending: boolean;
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
  /** The ledger of the first currency seen: most customers have no other. */
  ledger?: Ledger;
  others?: Map<string, Ledger>;
}

/** Shared by every history without interactions; addInteraction replaces it, never writes it. */
const NO_CHANNELS: ReadonlyMap<string, number> = new Map();

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
    channels: NO_CHANNELS,
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

export interface HistoryData {
  orders: Iterable<AnalyticsOrder>;
  interactions?: Iterable<AnalyticsInteraction>;
  customerIds?: Iterable<string>;
}

export interface Histories {
  histories: Map<string, CustomerHistory>;
  skipped: number;
}

/** Rows read between two yields of buildHistoriesSteps: a few milliseconds of work. */
const ROWS_PER_SLICE = 20_000;

/**
 * Histories of every customer that has an order or an interaction, plus an empty one for
 * each of `customerIds` (customers who never bought still get figures, and a reason).
 * Rows that fail `orderProblem` are skipped and counted in `skipped`.
 */
export function buildHistories(data: HistoryData, options: HistoryOptions): Histories {
  return runToEnd(buildHistoriesSteps(data, options));
}

/** buildHistories, yielding every ROWS_PER_SLICE rows so a worker can answer meanwhile. */
export function* buildHistoriesSteps(
  data: HistoryData,
  options: HistoryOptions,
): Generator<void, Histories, void> {
  const building = new Map<string, Building>();
  const get = (id: string): Building => {
    let b = building.get(id);
    if (!b) {
      b = { history: emptyHistory(id, options.currency) };
      building.set(id, b);
    }
    return b;
  };
  for (const id of data.customerIds ?? []) get(id);

  const asOfDay = utcDay(options.asOf);
  const holdoutEnd = options.holdoutEnd;
  let skipped = 0;
  let rows = 0;
  for (const o of data.orders) {
    if (++rows % ROWS_PER_SLICE === 0) yield;
    if (orderProblem(o) !== null) {
      skipped++;
      continue;
    }
    const b = get(o.customerId);
    addOrder(b, o, options, asOfDay, holdoutEnd);
  }
  for (const i of data.interactions ?? []) {
    if (++rows % ROWS_PER_SLICE === 0) yield;
    if (typeof i.customerId !== 'string' || !Number.isFinite(i.at) || i.at > options.asOf) {
      continue;
    }
    addInteraction(get(i.customerId).history, i);
  }

  const histories = new Map<string, CustomerHistory>();
  for (const [id, b] of building) {
    histories.set(id, finish(b, options.currency));
    if (histories.size % ROWS_PER_SLICE === 0) yield;
  }
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
  const ledger = ledgerOf(b, o.currency ?? options.currency);
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
  if (o.amount < 0) {
    (ledger.credits ??= new Map()).set(day, (ledger.credits?.get(day) ?? 0) + o.amount);
    return;
  }
  const n = ledger.days.length;
  const lastDay = ledger.days[n - 1];
  if (lastDay === day) {
    ledger.sums[n - 1]! += o.amount;
    return;
  }
  if (lastDay !== undefined && day < lastDay) ledger.ascending = false;
  ledger.days.push(day);
  ledger.sums.push(o.amount);
}

function ledgerOf(b: Building, currency: string): Ledger {
  if (b.ledger?.currency === currency) return b.ledger;
  let ledger = b.others?.get(currency);
  if (!ledger) {
    ledger = {
      currency,
      days: [],
      sums: [],
      ascending: true,
      revenue: 0,
      margin: 0,
      orderCount: 0,
      futureOrders: 0,
    };
    if (!b.ledger) b.ledger = ledger;
    else (b.others ??= new Map()).set(currency, ledger);
  }
  return ledger;
}

/** Interactions count for cost to serve; the latest survey answer on each scale is kept. */
export function addInteraction(h: CustomerHistory, i: AnalyticsInteraction): void {
  const channels = h.channels === NO_CHANNELS ? new Map<string, number>() : h.channels;
  (channels as Map<string, number>).set(i.channel, (channels.get(i.channel) ?? 0) + 1);
  h.channels = channels;
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
  const ledgers = b.ledger ? [b.ledger, ...(b.others?.values() ?? [])] : [];
  let main: Ledger | undefined;
  for (const ledger of ledgers) {
    if (
      !main ||
      ledger.orderCount > main.orderCount ||
      (ledger.orderCount === main.orderCount &&
        (ledger.currency === teamCurrency ||
          (main.currency !== teamCurrency && ledger.currency < main.currency)))
    ) {
      main = ledger;
    }
  }
  for (const ledger of ledgers) {
    h.futureOrders += ledger.futureOrders;
    if (ledger !== main) h.otherCurrencyOrders += ledger.orderCount;
  }
  if (!main) return h;
  h.currency = main.currency;
  h.revenue = main.revenue;
  h.margin = main.margin;
  h.orderCount = main.orderCount;
  if (!main.ascending) sortDays(main);
  const credits = main.credits;
  if (credits) {
    for (let i = 0; i < main.days.length; i++) {
      main.sums[i] = Math.max(0, main.sums[i]! + (credits.get(main.days[i]!) ?? 0));
    }
  }
  h.purchaseDays = main.days;
  h.dayValues = main.sums;
  h.holdoutDays = main.holdout?.size ?? 0;
  return h;
}

/** Puts a ledger's days in ascending order, one entry per day with the day's total. */
function sortDays(ledger: Ledger): void {
  const { days, sums } = ledger;
  const order = days.map((_, i) => i).sort((i, j) => days[i]! - days[j]!);
  const sortedDays: number[] = [];
  const sortedSums: number[] = [];
  for (const i of order) {
    const n = sortedDays.length;
    if (n > 0 && sortedDays[n - 1] === days[i]) sortedSums[n - 1]! += sums[i]!;
    else {
      sortedDays.push(days[i]!);
      sortedSums.push(sums[i]!);
    }
  }
  ledger.days = sortedDays;
  ledger.sums = sortedSums;
  ledger.ascending = true;
}
