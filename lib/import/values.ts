/**
 * Cell parsers shared by the importers: strict, locale-free, and each says what was wrong so a
 * bad row can be reported with its line number instead of being guessed at.
 */

const DAY_MS = 86_400_000;

/** A value quoted in a message: short, on one line. */
export function quote(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  return JSON.stringify(flat.length > 40 ? `${flat.slice(0, 39)}…` : flat);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Years outside this range are typing errors (a two-digit year, a zero date), not orders. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Epoch milliseconds of `YYYY-MM-DD`, `YYYYMMDD` or an ISO 8601 date-time (`T` or a space
 * before the time; UTC unless it carries an offset), or a message saying why it is not one.
 * Calendar-checked: 2023-02-30 is refused, not rolled over into March.
 */
export function parseDate(raw: string): { ok: true; at: number } | { ok: false; message: string } {
  const text = raw.trim();
  if (text === '') return { ok: false, message: 'no date' };
  const m = COMPACT_DATE.exec(text) ?? ISO_DATE.exec(text);
  const bad = {
    ok: false as const,
    message: `date ${quote(text)} is not YYYY-MM-DD, YYYYMMDD or ISO 8601`,
  };
  if (!m) return bad;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, message: `date ${quote(text)} is not a calendar date` };
  }
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return { ok: false, message: `date ${quote(text)} is outside ${MIN_YEAR}–${MAX_YEAR}` };
  }
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (hour > 23 || minute > 59 || second > 59) {
    return { ok: false, message: `date ${quote(text)} has an impossible time` };
  }
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  let at = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (zone && zone.toUpperCase() !== 'Z') {
    const [, sign, zh, zm] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    const offset = (Number(zh) * 60 + Number(zm ?? 0)) * 60_000;
    if (Number(zh) > 23 || Number(zm ?? 0) > 59) {
      return { ok: false, message: `date ${quote(text)} has an impossible UTC offset` };
    }
    at -= sign === '-' ? -offset : offset;
  }
  return { ok: true, at };
}

/** A calendar day `YYYY-MM-DD` (for options), as the epoch ms of its UTC midnight, or null. */
export function parseDay(raw: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw.trim())) return null;
  const parsed = parseDate(raw);
  return parsed.ok ? parsed.at : null;
}

/** `YYYY-MM-DD` of an instant, in UTC. */
export function isoDay(ms: number): string {
  return new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

const DOT_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * A number written with a dot decimal and no thousands separators ("1234.50", "-12", ".5").
 * "1,234.50" and "12,50" are refused rather than guessed: the comma means a thousands
 * separator in one locale and the decimal point in another.
 */
export function parseAmount(
  raw: string,
  what: string,
): { ok: true; value: number } | { ok: false; message: string } {
  const text = raw.trim();
  if (text === '') return { ok: false, message: `no ${what}` };
  if (!DOT_DECIMAL.test(text)) {
    return { ok: false, message: `${what} ${quote(text)} is not a number with a dot decimal` };
  }
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, message: `${what} ${quote(text)} is too large` };
  return { ok: true, value };
}

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** An ISO 4217 code Intl knows, upper-cased, or null. */
export function currencyCode(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) && CURRENCIES.has(code) ? code : null;
}

/** How many bad rows a parse keeps with their messages; beyond this they are only counted. */
export const KEPT_ROW_ERRORS = 1000;

export interface RowError {
  /** 1-based line of the file where the row starts. */
  line: number;
  message: string;
}

/** Bad rows: the first KEPT_ROW_ERRORS with their messages, and how many there were. */
export class RowErrors {
  readonly list: RowError[] = [];
  count = 0;

  add(line: number, message: string): void {
    this.count++;
    if (this.list.length < KEPT_ROW_ERRORS) this.list.push({ line, message });
  }
}
