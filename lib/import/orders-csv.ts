/**
 * Orders from a CSV export (a shop, an ERP, the UCI Online Retail invoices): one order per row,
 * a header row naming the columns. Pure: text in, orders and the rows that could not be read
 * out. Nothing is guessed: a row that is not clearly an order is reported with its line number.
 */
import Papa from 'papaparse';
import type { AnalyticsOrder, OrderStatus } from '../analytics/customer-history';
import { currencyCode, parseAmount, parseDate, quote, RowErrors, type RowError } from './values';

/** The header names each column is recognised by, best first (compared case-insensitively). */
export const ORDER_COLUMNS = {
  customer: ['customer_id', 'customer', 'customerid', 'client_id'],
  date: ['date', 'at', 'invoice_datetime_utc', 'order_date', 'invoice_date'],
  amount: ['amount', 'total', 'invoice_total_gbp', 'value', 'revenue', 'dollars'],
  currency: ['currency', 'currency_code'],
  status: ['status', 'order_status'],
  margin: ['margin', 'gross_margin'],
} as const;

type Role = keyof typeof ORDER_COLUMNS;
const REQUIRED: readonly Role[] = ['customer', 'date', 'amount'];

/** `amount_eur`, `invoice_total_gbp`, `total_usd`: an amount column that names its currency. */
const AMOUNT_WITH_CURRENCY =
  /^(?:amount|total|invoice_total|order_total|value|revenue)_([a-z]{3})$/;

export interface OrdersCsvOptions {
  /**
   * The analysis currency asked for. With a currency column it picks which rows count (instead
   * of the most frequent currency); without one it is the currency of every amount.
   */
  currency?: string;
}

export interface OrdersCsvResult {
  /** The usable orders in `currency` (or, without any currency information, in none). */
  orders: AnalyticsOrder[];
  /** Bad rows with their line numbers: the first KEPT_ROW_ERRORS of `errorCount`. */
  errors: RowError[];
  errorCount: number;
  /** Data rows read (blank lines are not rows). */
  rows: number;
  /** The analysis currency, when the file (or the options) says what it is. */
  currency?: string;
  /** Where `currency` came from, for the report. */
  currencySource?: 'currency column' | `column name "${string}"` | 'option';
  /** Rows in currencies other than `currency`: left out, never converted. */
  otherCurrency: { rows: number; byCurrency: Record<string, number> };
  /** The header of each recognised column, as written in the file. */
  columns: Partial<Record<Role, string>>;
}

/** The file as a whole cannot be read as orders (no header, a required column missing, …). */
export class OrdersCsvError extends Error {
  override name = 'OrdersCsvError';
}

const normalizeHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** The delimiter the header uses: a comma unless a semicolon or tab is clearly it. */
function headerDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
  const header = end < 0 ? text : text.slice(0, end);
  const count = (c: string) => header.split(c).length - 1;
  const candidates = [',', ';', '\t'].map((c) => [c, count(c)] as const);
  const best = candidates.reduce((u, v) => (v[1] > u[1] ? v : u));
  return best[1] > 0 ? best[0] : ',';
}

function findColumns(headers: readonly string[]): Partial<Record<Role, number>> {
  const names = headers.map(normalizeHeader);
  const found: Partial<Record<Role, number>> = {};
  for (const role of Object.keys(ORDER_COLUMNS) as Role[]) {
    for (const name of ORDER_COLUMNS[role]) {
      const i = names.indexOf(name);
      if (i >= 0) {
        found[role] = i;
        break;
      }
    }
  }
  if (found.amount === undefined) {
    const i = names.findIndex((n) => AMOUNT_WITH_CURRENCY.test(n));
    if (i >= 0) found.amount = i;
  }
  return found;
}

const STATUSES: Readonly<Record<string, OrderStatus>> = {
  '': 'paid',
  paid: 'paid',
  refunded: 'refunded',
  cancelled: 'cancelled',
  canceled: 'cancelled',
};

interface ParsedRow {
  order: AnalyticsOrder;
  currency?: string;
}

function parseRow(
  fields: readonly string[],
  at: Partial<Record<Role, number>>,
  width: number,
): ParsedRow | string {
  if (fields.length !== width) {
    return `${fields.length} field(s) where the header has ${width} (an unquoted comma in a value?)`;
  }
  const cell = (role: Role) => (at[role] === undefined ? '' : (fields[at[role]] ?? '').trim());
  const customerId = cell('customer');
  if (customerId === '') return 'no customer id';
  const date = parseDate(cell('date'));
  if (!date.ok) return date.message;
  const amount = parseAmount(cell('amount'), 'amount');
  if (!amount.ok) return amount.message;
  const order: AnalyticsOrder = { customerId, at: date.at, amount: amount.value };
  if (at.status !== undefined) {
    const raw = cell('status');
    const status = STATUSES[raw.toLowerCase()];
    if (!status) return `status ${quote(raw)} is not paid, refunded or cancelled`;
    if (status !== 'paid') order.status = status;
  }
  if (at.margin !== undefined && cell('margin') !== '') {
    const margin = parseAmount(cell('margin'), 'margin');
    if (!margin.ok) return margin.message;
    order.margin = margin.value;
  }
  if (at.currency === undefined) return { order };
  const raw = cell('currency');
  if (raw === '') return 'no currency';
  const currency = currencyCode(raw);
  if (!currency) return `currency ${quote(raw)} is not an ISO 4217 code`;
  return { order, currency };
}

/** The most frequent currency; ties go to the one seen first. */
function mostFrequent(counts: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  for (const [code, n] of counts) if (best === undefined || n > counts.get(best)!) best = code;
  return best;
}

export function parseOrdersCsv(text: string, options: OrdersCsvOptions = {}): OrdersCsvResult {
  const body = text.replace(/^\uFEFF/, '');
  const delimiter = headerDelimiter(body);
  const errors = new RowErrors();
  const parsed: ParsedRow[] = [];
  let headers: string[] | null = null;
  let columns: Partial<Record<Role, number>> = {};
  let rows = 0;
  // Line numbers: a row starts where the previous one ended; quoted fields may span lines.
  let counted = 0;
  let line = 1;
  const lineAt = (offset: number) => {
    for (; counted < offset; counted++) if (body.charCodeAt(counted) === 10) line++;
    return line;
  };
  let rowStart = 0;

  Papa.parse<string[]>(body, {
    delimiter,
    step: (result) => {
      const start = lineAt(rowStart);
      rowStart = result.meta.cursor;
      const fields = result.data;
      if (fields.every((f) => f.trim() === '')) return;
      if (!headers) {
        headers = fields;
        columns = findColumns(fields);
        const missing = REQUIRED.filter((r) => columns[r] === undefined);
        if (missing.length > 0) {
          const found = fields.map((f) => quote(f.replace(/^\uFEFF/, ''))).join(', ');
          const wanted = missing.map((r) => `${r} (${ORDER_COLUMNS[r].join(', ')})`).join('; ');
          throw new OrdersCsvError(
            `no ${missing.join(', ')} column: the header has ${found}; expected ${wanted}`,
          );
        }
        return;
      }
      rows++;
      const quoting = result.errors.find((e) => e.type === 'Quotes');
      if (quoting) {
        errors.add(start, `${quoting.message.toLowerCase()} (a quote that is never closed)`);
        return;
      }
      const row = parseRow(fields, columns, headers.length);
      if (typeof row === 'string') errors.add(start, row);
      else parsed.push(row);
    },
  });
  if (!headers) throw new OrdersCsvError('no header row: the file has no lines with text');
  const header = headers as string[];
  const columnNames = Object.fromEntries(
    Object.entries(columns).map(([role, i]) => [role, header[i]!.replace(/^\uFEFF/, '').trim()]),
  ) as OrdersCsvResult['columns'];

  const asked = options.currency;
  const result: OrdersCsvResult = {
    orders: [],
    errors: errors.list,
    errorCount: errors.count,
    rows,
    otherCurrency: { rows: 0, byCurrency: {} },
    columns: columnNames,
  };

  if (columns.currency === undefined) {
    const named = AMOUNT_WITH_CURRENCY.exec(normalizeHeader(header[columns.amount!]!));
    const fromName = named ? (currencyCode(named[1]!) ?? undefined) : undefined;
    if (fromName && asked && asked !== fromName) {
      throw new OrdersCsvError(
        `the amounts are in ${fromName} (column ${quote(columnNames.amount!)}), not ${asked}`,
      );
    }
    if (fromName) {
      result.currency = fromName;
      result.currencySource = `column name "${columnNames.amount!}"`;
    } else if (asked) {
      result.currency = asked;
      result.currencySource = 'option';
    }
    result.orders = parsed.map((p) => p.order);
    return result;
  }

  const counts = new Map<string, number>();
  for (const row of parsed) counts.set(row.currency!, (counts.get(row.currency!) ?? 0) + 1);
  const currency = asked ?? mostFrequent(counts);
  if (currency !== undefined) {
    result.currency = currency;
    result.currencySource = asked ? 'option' : 'currency column';
  }
  for (const row of parsed) {
    if (row.currency === currency) {
      result.orders.push({ ...row.order, currency: row.currency });
    } else {
      result.otherCurrency.rows++;
      const by = result.otherCurrency.byCurrency;
      by[row.currency!] = (by[row.currency!] ?? 0) + 1;
    }
  }
  return result;
}
