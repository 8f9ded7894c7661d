/**
 * `kesher analyze`'s input: the file read and checked (size, text, not empty), its format
 * told, and its rows turned into orders by the importers in lib/import.
 */
import type { AnalyticsOrder } from '../lib/analytics/customer-history';
import { CdnowFormatError, parseCdnowText, type CdnowLayout } from '../lib/import/cdnow-text';
import { OrdersCsvError, parseOrdersCsv } from '../lib/import/orders-csv';
import type { RowError } from '../lib/import/values';
import { terminalSafe } from './format-table';
import { CliError } from './io';
import { readBoundedFile } from './read-bounded';

/** The CDNOW master log is 2 MB and UCI Online Retail 45 MB at line level; 200 MB is far past both. */
export const MAX_DATA_BYTES = 200 * 1024 * 1024;
const SNIFF_BYTES = 64 * 1024;

export const FORMATS = ['orders', 'cdnow'] as const;
export type DataFormat = (typeof FORMATS)[number];

/** The text of a data file, or a CliError saying why it cannot be one. */
export async function readDataFile(path: string): Promise<string> {
  const bytes = await readBoundedFile(path, {
    maxBytes: MAX_DATA_BYTES,
    kind: 'data file',
    refusal: 'data files over 200 MB are refused',
  });
  const head = bytes.subarray(0, SNIFF_BYTES);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new CliError(`${path} is UTF-16 text; save it as UTF-8 (CSV UTF-8 in Excel)`);
  }
  if (head.includes(0)) throw new CliError(`${path} is binary, not a text file`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${path} is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in Excel)`);
  }
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new CliError(`${path} is empty`);
  return text;
}

/**
 * The format when --format is not given: a .csv is an orders CSV; otherwise a first line of
 * 4 or 5 whitespace-separated fields without commas is a CDNOW log, one with commas or
 * semicolons a CSV. Anything else needs --format.
 */
export function detectFormat(path: string, text: string): DataFormat {
  if (/\.csv$/i.test(path)) return 'orders';
  const first =
    text
      .replace(/^\uFEFF/, '')
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  const fields = first.split(/\s+/).length;
  if (!/[,;]/.test(first) && (fields === 4 || fields === 5)) return 'cdnow';
  if (/[,;\t]/.test(first)) return 'orders';
  throw new CliError(
    `cannot tell the format of ${path}; give --format orders (a CSV with a header) or --format cdnow`,
    2,
  );
}

export interface LoadedOrders {
  format: DataFormat;
  layout?: CdnowLayout;
  orders: AnalyticsOrder[];
  rows: number;
  errors: RowError[];
  errorCount: number;
  currency: string;
  /** Why this currency: "currency column", "option", "default for CDNOW", … */
  currencySource: string;
  otherCurrency: { rows: number; byCurrency: Record<string, number> };
  /** The file's columns used, for an orders CSV: role → header. */
  columns?: Record<string, string>;
}

export function loadOrders(
  path: string,
  text: string,
  format: DataFormat,
  currency: { asked?: string; teamDefault: string },
): LoadedOrders {
  if (format === 'cdnow') {
    let parsed;
    try {
      parsed = parseCdnowText(text);
    } catch (error) {
      if (error instanceof CdnowFormatError) {
        throw new CliError(`${path} is not a CDNOW log: ${terminalSafe(error.message)}`);
      }
      throw error;
    }
    return {
      format,
      layout: parsed.layout,
      orders: parsed.orders,
      rows: parsed.rows,
      errors: parsed.errors,
      errorCount: parsed.errorCount,
      currency: currency.asked ?? 'USD',
      currencySource: currency.asked ? '--currency' : 'CDNOW is in US dollars',
      otherCurrency: { rows: 0, byCurrency: {} },
    };
  }
  let parsed;
  try {
    parsed = parseOrdersCsv(text, currency.asked ? { currency: currency.asked } : {});
  } catch (error) {
    if (error instanceof OrdersCsvError) {
      throw new CliError(`${path} is not an orders CSV: ${terminalSafe(error.message)}`);
    }
    throw error;
  }
  const source =
    parsed.currencySource === 'option'
      ? '--currency'
      : (parsed.currencySource ?? 'the team default; give --currency if the file is in another');
  return {
    format,
    orders: parsed.orders,
    rows: parsed.rows,
    errors: parsed.errors,
    errorCount: parsed.errorCount,
    currency: parsed.currency ?? currency.teamDefault,
    currencySource: source,
    otherCurrency: parsed.otherCurrency,
    columns: parsed.columns as Record<string, string>,
  };
}
