/**
 * The CDNOW purchase logs of Fader, Hardie & Lee (2005), whitespace separated, one purchase
 * day per line, in the two layouts they are distributed in:
 *
 * - CDNOW_sample.txt: no header, 5 columns `master_id sample_id YYYYMMDD n_cds dollars`;
 * - CDNOW_master.txt: a header `customer_id date number_of_cds dollar_value`, 4 columns.
 *
 * The layout is told by the number of columns of the first line. This reads the same lines as
 * lib/analytics/cdnow.ts's parseCdnowSample (its test checks they agree), with two differences:
 * a line that is not a purchase is reported with its line number instead of dropped, and
 * customers of the 5-column sample are keyed by the SAMPLE id (column 2), not the master id.
 * The published per-customer figures (BTYD's cdnowSummary, cdnow_customers_summary.csv, the
 * "customer 1516" of the BTYD walkthrough) number the 2,357 sample customers 1…2357 by that
 * column, so keying by it lets a result be looked up against them.
 */
import type { AnalyticsOrder } from '../analytics/customer-history';
import { parseAmount, parseDate, quote, RowErrors, type RowError } from './values';

export type CdnowLayout = 'sample' | 'master';

export interface CdnowResult {
  layout: CdnowLayout;
  orders: AnalyticsOrder[];
  errors: RowError[];
  errorCount: number;
  /** Data lines read (the header and blank lines are not rows). */
  rows: number;
}

export class CdnowFormatError extends Error {
  override name = 'CdnowFormatError';
}

const COLUMNS: Record<CdnowLayout, number> = { sample: 5, master: 4 };

/** `00042` → `42`: the ids are zero-padded in the logs and plain in the published figures. */
const plainId = (digits: string) => String(Number(digits));

function parseLine(fields: readonly string[], layout: CdnowLayout): AnalyticsOrder | string {
  if (fields.length !== COLUMNS[layout]) {
    return `${fields.length} column(s) where the ${layout} layout has ${COLUMNS[layout]}`;
  }
  // Sample: master_id sample_id date cds dollars. Master: customer_id date cds dollars.
  const [id, date, cds, dollars] = layout === 'sample' ? fields.slice(1) : fields;
  if (layout === 'sample' && !/^\d+$/.test(fields[0]!)) {
    return `master id ${quote(fields[0]!)} is not a number`;
  }
  if (!/^\d+$/.test(id!)) return `customer id ${quote(id!)} is not a number`;
  if (!/^\d{8}$/.test(date!)) return `date ${quote(date!)} is not YYYYMMDD`;
  const at = parseDate(date!);
  if (!at.ok) return at.message;
  if (!/^\d+$/.test(cds!)) return `number of CDs ${quote(cds!)} is not a whole number`;
  const amount = parseAmount(dollars!, 'dollar amount');
  if (!amount.ok) return amount.message;
  return { customerId: plainId(id!), at: at.at, amount: amount.value };
}

export function parseCdnowText(text: string): CdnowResult {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) throw new CdnowFormatError('no lines with text');
  const head = lines[first]!.trim().split(/\s+/);
  const layout: CdnowLayout | undefined =
    head.length === 5 ? 'sample' : head.length === 4 ? 'master' : undefined;
  if (!layout) {
    throw new CdnowFormatError(
      `the first line has ${head.length} column(s); a CDNOW log has 5 (master_id sample_id ` +
        `YYYYMMDD n_cds dollars) or 4 (customer_id date number_of_cds dollar_value)`,
    );
  }
  // A header is a first line whose id column is not a number (CDNOW_master.txt has one).
  const hasHeader = !/^\d+$/.test(head[0]!);
  const errors = new RowErrors();
  const orders: AnalyticsOrder[] = [];
  let rows = 0;
  for (let i = hasHeader ? first + 1 : first; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    rows++;
    const order = parseLine(line.split(/\s+/), layout);
    if (typeof order === 'string') errors.add(i + 1, order);
    else orders.push(order);
  }
  return { layout, orders, errors: errors.list, errorCount: errors.count, rows };
}
