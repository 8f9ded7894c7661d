/**
 * Locale-aware formatting for the sidebar. Every function takes the locale explicitly (the
 * user may pick a UI language other than the browser's) and falls back to English rather than
 * throwing on a malformed tag or currency code that came from synced data.
 */

function intlLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/**
 * Intl formatters are slow to build (tens of microseconds to milliseconds each) and a timeline
 * renders dozens of dates: build each (kind, locale, options) once and keep it.
 */
const formatters = new Map<string, unknown>();
function cached<T>(kind: string, locale: string, options: object, make: (l: string) => T): T {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as T | undefined;
  if (formatter === undefined) {
    formatter = make(intlLocale(locale));
    formatters.set(key, formatter);
  }
  return formatter;
}
const numberFormat = (locale: string, options: Intl.NumberFormatOptions = {}) =>
  cached('n', locale, options, (l) => new Intl.NumberFormat(l, options));
const dateFormat = (locale: string, options: Intl.DateTimeFormatOptions) =>
  cached('d', locale, options, (l) => new Intl.DateTimeFormat(l, options));

export function formatMoney(amount: number, currency: string, locale: string): string {
  try {
    return numberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${formatNumber(amount, locale)} ${currency}`;
  }
}

export function formatNumber(
  value: number,
  locale: string,
  options: Intl.NumberFormatOptions = {},
): string {
  return numberFormat(locale, options).format(value);
}

/** A 0..1 fraction as "82%" / "82 %", with at most `maxDigits` decimals. */
export function formatPercent(fraction: number, locale: string, maxDigits = 0): string {
  return formatNumber(fraction, locale, { style: 'percent', maximumFractionDigits: maxDigits });
}

/** "12 months", "12 חודשים", "12 mēnešu": the unit agrees with the number in every language. */
export function formatMonths(months: number, locale: string): string {
  return formatNumber(months, locale, { style: 'unit', unit: 'month', unitDisplay: 'long' });
}

export function formatDate(ms: number, locale: string): string {
  return dateFormat(locale, { dateStyle: 'medium' }).format(ms);
}

export function formatDateTime(ms: number, locale: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** A calendar date kept as "YYYY-MM-DD" (custom fields), shown without a time-zone shift. */
export function formatIsoDate(iso: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(ms);
}

const RELATIVE_UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/** "3 days ago", "לפני 3 ימים", "pirms 3 dienām". */
export function formatRelative(ms: number, now: number, locale: string): string {
  const rtf = cached('r', locale, {}, (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));
  const diff = ms - now;
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(diff) >= size) return rtf.format(Math.round(diff / size), unit);
  }
  return rtf.format(0, 'minute');
}

/**
 * A whole-day date (the analytics count purchases per UTC day, stamped at the day's start) as
 * "today", "yesterday", "3 days ago"; past a week, as formatRelative. Hours would mislead:
 * a sale logged a minute ago sits at midnight and would read "8 hours ago".
 */
export function formatDayRelative(dayStartMs: number, now: number, locale: string): string {
  const days = Math.floor(now / DAY_MS) - Math.floor(dayStartMs / DAY_MS);
  if (days < 0 || days >= 7) return formatRelative(dayStartMs, now, locale);
  const rtf = cached('r', locale, {}, (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));
  return rtf.format(-days, 'day');
}

const DAY_MS = 24 * 3600_000;

/** A call or meeting length, with the locale's own unit abbreviations. */
export function formatDuration(seconds: number, locale: string): string {
  const unit = (value: number, u: 'second' | 'minute' | 'hour') =>
    numberFormat(locale, {
      style: 'unit',
      unit: u,
      unitDisplay: 'short',
      maximumFractionDigits: 1,
    }).format(value);
  if (seconds < 60) return unit(seconds, 'second');
  if (seconds < 90 * 60) return unit(Math.round(seconds / 60), 'minute');
  return unit(Math.round(seconds / 360) / 10, 'hour');
}

/** "IL" → "Israel" / "ישראל" / "Izraēla". */
export function formatRegion(code: string, locale: string): string {
  try {
    const names = cached('g', locale, {}, (l) => new Intl.DisplayNames(l, { type: 'region' }));
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Only http(s) links leave the sidebar; anything else (javascript:, data:) is not a link. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** The part of an address after the last "@". */
export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1);
}
