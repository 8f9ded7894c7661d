/**
 * Parsers for the CDNOW data set of Fader, Hardie & Lee (2005) as distributed with the
 * BTYD/lifetimes libraries. Used by the tests and demos; text in, records out.
 */
import type { Transaction } from './summary';

export interface SummaryCsvRow {
  id: string;
  x: number;
  t_x: number;
  T: number;
  /** Mean repeat-purchase value, when the file has a fifth column. */
  monetary?: number;
}

/** `ID,frequency,recency,T[,zbar]` with a header row, the summary files' layout. */
export function parseSummaryCsv(text: string): SummaryCsvRow[] {
  const rows: SummaryCsvRow[] = [];
  const lines = text.split(/\r?\n/).slice(1);
  for (const line of lines) {
    if (!line.trim()) continue;
    const [id = '', x, t_x, T, zbar] = line.split(',');
    const row: SummaryCsvRow = { id, x: Number(x), t_x: Number(t_x), T: Number(T) };
    if (zbar !== undefined) row.monetary = Number(zbar);
    rows.push(row);
  }
  return rows;
}

/**
 * `master_id sample_id YYYYMMDD n_cds dollars`, whitespace separated, no header: the
 * CDNOW_sample.txt layout. Dates become UTC midnights.
 */
export function parseCdnowSample(text: string): Transaction[] {
  const out: Transaction[] = [];
  for (const line of text.split(/\r?\n/)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5) continue;
    const [id = '', , date = '', , dollars] = fields;
    const at = Date.UTC(
      Number(date.slice(0, 4)),
      Number(date.slice(4, 6)) - 1,
      Number(date.slice(6, 8)),
    );
    out.push({ customerId: String(Number(id)), at, amount: Number(dollars) });
  }
  return out;
}
