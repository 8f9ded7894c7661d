/**
 * What `kesher analyze` prints: the JSON report built from one analytics run, and its
 * human-readable form (which is made from the report alone, so the two cannot disagree).
 */
import type { AnalyticsRun } from '../lib/analytics/customer-analytics';
import { utcDay } from '../lib/analytics/customer-history';
import { cohortHoldoutForecast } from '../lib/analytics/holdout-check';
import { summaryOf, transactionModelOf, UNIT_DAYS } from '../lib/analytics/population';
import type { CustomerSummary } from '../lib/analytics/summary';
import { isoDay, type RowError } from '../lib/import/values';
import type { ForecastMethod, RfmSegmentName } from '../lib/model/views';
import type { LoadedOrders } from './analyze-input';
import { formatColumns, terminalSafe } from './format-table';

/** Bad rows shown with their line numbers; the rest are counted. */
export const SHOWN_ROW_ERRORS = 10;
/** Calibration repeat purchases 0…6 each, then 7 or more together, as in FHL (2005). */
const FREQUENCY_GROUPS = 8;

export interface ReportCandidate {
  name: string;
  ok: boolean;
  params?: Record<string, number>;
  logLikelihood?: number;
  aic?: number;
  converged?: boolean;
  atBoundary?: boolean;
  holdout?: {
    mae: number;
    predictedTotal: number;
    cohortForecastTotal: number;
    actualTotal: number;
  };
  /** Why the fit failed. */
  message?: string;
}

export interface HoldoutGroup {
  /** Calibration repeat purchases; the last group is x or more. */
  x: number;
  label: string;
  customers: number;
  actual: number;
  predicted: number;
  actualMean: number | null;
  predictedMean: number | null;
}

export interface ReportCustomer {
  id: string;
  /** Repeat purchase days, recency and age in weeks, mean repeat value; null without a purchase. */
  x: number | null;
  t_x: number | null;
  T: number | null;
  monetary: number | null;
  expectedPurchases90d: number | null;
  /** With a holdout period: the model's E[purchases in it | x, t_x, T], and the actual count. */
  expectedHoldoutPurchases?: number | null;
  holdoutPurchases?: number;
  pAlive: number | null;
  expectedValue: number | null;
  clv: number | null;
  revenue: number;
  margin: number;
  rfm: { r: number; f: number; m: number; segment: RfmSegmentName } | null;
  abc: 'A' | 'B' | 'C';
  loyaltyTier: string | null;
  profitability: 'profitable' | 'potential' | 'loss-making';
}

export interface AnalyzeReport {
  file: string;
  format: 'orders' | 'cdnow';
  /** CDNOW only: which of the two published layouts. */
  layout?: 'sample' | 'master';
  asOf: string;
  calibrationEnd?: string;
  holdoutEnd?: string;
  currency: string;
  currencySource: string;
  orders: {
    read: number;
    skipped: number;
    future: number;
    otherCurrency: number;
    /** Refunded or cancelled: they count nothing. */
    notPaid: number;
    first: string;
    last: string;
    /** The first bad rows, with their line numbers. */
    errors: RowError[];
    otherCurrencies?: Record<string, number>;
  };
  model: {
    method: ForecastMethod;
    name?: string;
    params?: Record<string, number>;
    logLikelihood?: number;
    reason: string;
    candidates?: ReportCandidate[];
  };
  spendModel?: { params: Record<string, number>; logLikelihood: number };
  /** Annual retention, when the retention formula stands in for a purchase model. */
  retention?: { rate: number; basis: string };
  holdout?: {
    weeks: number;
    actual: number;
    predicted: number;
    /** FHL (2005)'s cohort forecast: Σ E[X(T + weeks)] − E[X(T)], ignoring each history. */
    cohortForecast: number;
    byFrequency: HoldoutGroup[];
  };
  clvSettings: { horizonMonths: number; discountRate: number; grossMargin: number };
  customers: ReportCustomer[];
}

export interface ReportInput {
  file: string;
  loaded: LoadedOrders;
  asOf: number;
  calibrationEnd?: number;
  holdoutEnd?: number;
  auto: boolean;
  clvSettings: AnalyzeReport['clvSettings'];
}

function candidatesOf(run: AnalyticsRun): ReportCandidate[] {
  return (run.selection?.candidates ?? []).map((c) =>
    c.ok
      ? {
          name: c.name,
          ok: true,
          params: { ...(c.params as Record<string, number>) },
          logLikelihood: c.logLikelihood,
          aic: c.aic,
          converged: c.converged,
          atBoundary: c.atBoundary,
          ...(c.holdout ? { holdout: { ...c.holdout } } : {}),
        }
      : { name: c.name, ok: false, message: c.message },
  );
}

/**
 * The holdout check of Fader, Hardie & Lee (2005): for the customers of the fit (first
 * purchase before the calibration end), actual vs predicted repeat purchase days in the
 * holdout period, in total and by calibration repeat purchases.
 */
function holdoutCheck(
  run: AnalyticsRun,
  asOfDay: number,
  weeks: number,
  predictedById: Map<string, number>,
): AnalyzeReport['holdout'] | undefined {
  const transaction = run.population.transaction;
  if (!transaction || weeks <= 0) return undefined;
  const model = transactionModelOf(transaction);
  const groups: HoldoutGroup[] = Array.from({ length: FREQUENCY_GROUPS }, (_, x) => ({
    x,
    label: x === FREQUENCY_GROUPS - 1 ? `${x}+` : String(x),
    customers: 0,
    actual: 0,
    predicted: 0,
    actualMean: null,
    predictedMean: null,
  }));
  const cohort: CustomerSummary[] = [];
  let actual = 0;
  let predicted = 0;
  for (const h of run.histories.values()) {
    const s = summaryOf(h, asOfDay);
    if (!s) continue;
    // A customer whose first purchase is on the calibration end has no observed time: the
    // fit leaves them out, and so does the check (they are forecast as new customers).
    if (s.T <= 0) {
      predictedById.set(h.customerId, model.expectedNewCustomer(weeks));
      continue;
    }
    const expected = model.expectedPurchases(weeks, s.x, s.t_x, s.T);
    predictedById.set(h.customerId, expected);
    cohort.push(s);
    const g = groups[Math.min(s.x, FREQUENCY_GROUPS - 1)]!;
    g.customers++;
    g.actual += s.holdoutX ?? 0;
    g.predicted += expected;
    actual += s.holdoutX ?? 0;
    predicted += expected;
  }
  for (const g of groups) {
    if (g.customers === 0) continue;
    g.actualMean = g.actual / g.customers;
    g.predictedMean = g.predicted / g.customers;
  }
  return {
    weeks,
    actual,
    predicted,
    cohortForecast: cohortHoldoutForecast(model, cohort, weeks),
    byFrequency: groups,
  };
}

export function buildReport(input: ReportInput, run: AnalyticsRun): AnalyzeReport {
  const { loaded } = input;
  const asOfDay = utcDay(input.asOf);
  const holdoutWeeks =
    input.holdoutEnd !== undefined
      ? Math.max(0, (utcDay(input.holdoutEnd) - asOfDay) / UNIT_DAYS)
      : 0;
  const predictedById = new Map<string, number>();
  const holdout = holdoutCheck(run, asOfDay, holdoutWeeks, predictedById);

  let first = Infinity;
  let last = -Infinity;
  let notPaid = 0;
  for (const o of loaded.orders) {
    if (o.at < first) first = o.at;
    if (o.at > last) last = o.at;
    if ((o.status ?? 'paid') !== 'paid') notPaid++;
  }

  const customers: ReportCustomer[] = run.customers.map((c) => {
    const h = run.histories.get(c.customerId)!;
    const s = summaryOf(h, asOfDay);
    const f = c.forecast;
    return {
      id: c.customerId,
      x: s?.x ?? null,
      t_x: s?.t_x ?? null,
      T: s?.T ?? null,
      monetary: s?.monetary ?? null,
      expectedPurchases90d: f.purchases90d,
      ...(holdout
        ? {
            expectedHoldoutPurchases: finiteOrNull(predictedById.get(c.customerId)),
            holdoutPurchases: h.holdoutDays,
          }
        : {}),
      pAlive: f.pAlive,
      expectedValue: f.expectedOrderValue,
      clv: f.clv,
      revenue: c.revenueToDate,
      margin: c.marginToDate,
      rfm: c.rfm ? { r: c.rfm.r, f: c.rfm.f, m: c.rfm.m, segment: c.rfm.segment } : null,
      abc: c.abc.class,
      loyaltyTier: c.loyalty.tier,
      profitability: c.profitability.class,
    };
  });

  const { summary, population } = run;
  // The file is analysed in one currency, so there is at most one spend model.
  const spend = population.spend[loaded.currency];
  const otherCurrency = loaded.otherCurrency.rows + run.otherCurrencyOrders;
  return {
    file: input.file,
    format: loaded.format,
    ...(loaded.layout ? { layout: loaded.layout } : {}),
    asOf: isoDay(input.asOf),
    ...(input.calibrationEnd !== undefined ? { calibrationEnd: isoDay(input.calibrationEnd) } : {}),
    ...(input.holdoutEnd !== undefined ? { holdoutEnd: isoDay(input.holdoutEnd) } : {}),
    currency: loaded.currency,
    currencySource: loaded.currencySource,
    orders: {
      read: loaded.rows,
      skipped: loaded.errorCount + run.skippedOrders,
      future: run.futureOrders,
      otherCurrency,
      notPaid,
      first: isoDay(first),
      last: isoDay(last),
      errors: loaded.errors.slice(0, SHOWN_ROW_ERRORS),
      ...(loaded.otherCurrency.rows > 0
        ? { otherCurrencies: { ...loaded.otherCurrency.byCurrency } }
        : {}),
    },
    model: {
      method: summary.method,
      ...(population.transaction
        ? {
            name: population.transaction.name,
            params: { ...population.transaction.params },
            logLikelihood: population.transaction.logLikelihood,
          }
        : {}),
      reason: summary.methodReason,
      ...(input.auto && run.selection ? { candidates: candidatesOf(run) } : {}),
    },
    ...(spend
      ? { spendModel: { params: { ...spend.params }, logLikelihood: spend.logLikelihood } }
      : {}),
    ...(population.method === 'retention' ? { retention: { ...population.retention } } : {}),
    ...(holdout ? { holdout } : {}),
    clvSettings: input.clvSettings,
    customers,
  };
}

const finiteOrNull = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);

// ——— Human-readable form ———

const GREEK: Record<string, string> = { alpha: 'α', beta: 'β', gamma: 'γ' };
const sig = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v));
const fixed = (v: number | null | undefined, digits: number) =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function formatParams(params: Record<string, number>): string {
  return Object.entries(params)
    .map(([k, v]) => `${GREEK[k] ?? k} ${sig(v)}`)
    .join('  ');
}

function dataSection(r: AnalyzeReport): string {
  const o = r.orders;
  const format =
    r.format === 'cdnow'
      ? r.layout === 'sample'
        ? 'CDNOW sample log (5 columns); customers keyed by the sample id (column 2)'
        : 'CDNOW master log (4 columns)'
      : 'orders CSV';
  const customers = r.customers.length;
  const buyers = r.customers.filter((c) => c.x !== null).length;
  const facts: string[][] = [
    ['File', r.file],
    ['Format', format],
    ['Orders', `${o.read} read, ${o.skipped} skipped`],
    [
      'Customers',
      buyers === customers ? String(customers) : `${customers} (${buyers} with a purchase)`,
    ],
    ['Dates', `${o.first} to ${o.last}`],
    ['As of', r.calibrationEnd ? `${r.asOf} (calibration end)` : r.asOf],
  ];
  if (r.calibrationEnd) {
    facts.push([
      'Holdout',
      r.holdoutEnd
        ? `${isoDay(Date.parse(r.calibrationEnd) + 86_400_000)} to ${r.holdoutEnd} (${sig((Date.parse(r.holdoutEnd) - Date.parse(r.calibrationEnd)) / (7 * 86_400_000))} weeks): kept out of the fit, used to check it`
        : 'none: no orders after the calibration end',
    ]);
  }
  facts.push(['Currency', `${r.currency} (${r.currencySource})`]);
  const left: string[] = [];
  if (o.future > 0) left.push(`${count(o.future, 'order')} dated after ${r.asOf}`);
  if (o.otherCurrency > 0) {
    const by = o.otherCurrencies
      ? ` (${Object.entries(o.otherCurrencies)
          .map(([c, n]) => `${c} ${n}`)
          .join(', ')})`
      : '';
    left.push(`${count(o.otherCurrency, 'order')} in other currencies${by}, not converted`);
  }
  if (o.notPaid > 0) left.push(`${count(o.notPaid, 'refunded or cancelled order')}`);
  if (left.length > 0) facts.push(['Left out', left.join('; ')]);
  let text = formatColumns(facts.map((row) => row.map(terminalSafe)));
  if (o.skipped > 0) {
    const lines = o.errors.map((e) => `  line ${e.line}: ${terminalSafe(e.message)}`);
    const more = o.skipped - o.errors.length;
    if (more > 0) lines.push(`  … and ${count(more, 'more row')}`);
    text += `\n\nSkipped rows (${o.skipped}):\n${lines.join('\n')}`;
  }
  return text;
}

function modelSection(r: AnalyzeReport): string {
  const m = r.model;
  const facts: string[][] = [['Method', m.name ?? m.method]];
  facts.push(['Why', m.reason]);
  if (m.params) facts.push(['Parameters', formatParams(m.params)]);
  if (m.logLikelihood !== undefined) facts.push(['Log-likelihood', fixed(m.logLikelihood, 2)]);
  if (r.spendModel) {
    facts.push([
      'Spend',
      `Gamma-Gamma  ${formatParams(r.spendModel.params)}  (log-likelihood ${fixed(r.spendModel.logLikelihood, 2)})`,
    ]);
  }
  if (r.retention) facts.push(['Retention', `${pct(r.retention.rate)}: ${r.retention.basis}`]);
  let text = `Model\n${indent(formatColumns(facts))}`;
  if (m.candidates && m.candidates.length > 0) {
    const rows = [['MODEL', 'LOG-LIKELIHOOD', 'AIC', 'HOLDOUT MAE', 'PARAMETERS']];
    for (const c of m.candidates) {
      rows.push(
        c.ok
          ? [
              c.name + (c.name === m.name ? ' *' : ''),
              fixed(c.logLikelihood, 2),
              fixed(c.aic, 2),
              c.holdout ? fixed(c.holdout.mae, 4) : '–',
              formatParams(c.params ?? {}) + (c.atBoundary ? ' (at a degenerate limit)' : ''),
            ]
          : [c.name, 'no fit', '–', '–', c.message ?? ''],
      );
    }
    text += `\n\nCandidates (* chosen)\n${indent(formatColumns(rows))}`;
  }
  return text;
}

function holdoutSection(r: AnalyzeReport): string | null {
  if (!r.holdout) {
    return r.holdoutEnd
      ? 'Holdout check: none, no purchase model was fitted (see "Why" above).'
      : null;
  }
  const h = r.holdout;
  const rows = [['X', 'CUSTOMERS', 'ACTUAL MEAN', 'PREDICTED MEAN']];
  for (const g of h.byFrequency) {
    rows.push([g.label, String(g.customers), fixed(g.actualMean, 3), fixed(g.predictedMean, 3)]);
  }
  const total = h.byFrequency.reduce((n, g) => n + g.customers, 0);
  rows.push([
    'all',
    String(total),
    fixed(total ? h.actual / total : null, 3),
    fixed(total ? h.predicted / total : null, 3),
  ]);
  const diff = h.actual > 0 ? ` (${signedPct((h.predicted - h.actual) / h.actual)})` : '';
  const cohortDiff =
    h.actual > 0 ? ` (${signedPct((h.cohortForecast - h.actual) / h.actual)})` : '';
  return [
    `Holdout check (Fader, Hardie & Lee 2005): repeat purchase days in the ${sig(h.weeks)} weeks ` +
      `after ${r.calibrationEnd}, by X = repeat purchases in the calibration period`,
    indent(formatColumns(rows)),
    `  Total: actual ${fixed(h.actual, 0)}, predicted ${fixed(h.predicted, 1)}${diff}; ` +
      `cohort forecast from each first purchase ${fixed(h.cohortForecast, 1)}${cohortDiff}`,
  ].join('\n');
}

const signedPct = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`;
const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');

function groupTable<K extends string>(
  title: string,
  heading: string,
  customers: readonly ReportCustomer[],
  key: (c: ReportCustomer) => K | null,
  order: readonly K[],
): string {
  const by = new Map<K, { n: number; revenue: number }>();
  let totalRevenue = 0;
  for (const c of customers) {
    const k = key(c);
    if (c.revenue > 0) totalRevenue += c.revenue;
    if (k === null) continue;
    const g = by.get(k) ?? { n: 0, revenue: 0 };
    g.n++;
    g.revenue += c.revenue;
    by.set(k, g);
  }
  const rows = [[heading, 'CUSTOMERS', 'SHARE', 'REVENUE', 'OF REVENUE']];
  for (const k of order) {
    const g = by.get(k);
    if (!g) continue;
    rows.push([
      k,
      String(g.n),
      pct(g.n / customers.length),
      g.revenue.toFixed(2),
      totalRevenue > 0 ? pct(Math.max(0, g.revenue) / totalRevenue) : '–',
    ]);
  }
  return `${title}\n${indent(formatColumns(rows))}`;
}

const SEGMENTS: readonly RfmSegmentName[] = [
  'Champions',
  'Loyal',
  'Potential Loyalists',
  'New',
  'Promising',
  'Need Attention',
  'About to Sleep',
  'At Risk',
  "Can't Lose",
  'Hibernating',
];

function topSection(r: AnalyzeReport): string {
  const top = r.customers
    .filter((c) => c.clv !== null)
    .sort((u, v) => v.clv! - u.clv! || u.id.localeCompare(v.id))
    .slice(0, 10);
  const s = r.clvSettings;
  const title =
    `Top ${top.length} customers by predicted CLV (${r.currency}; margin ${pct(s.grossMargin)} ` +
    `of the next ${s.horizonMonths} months' purchases, discounted ${pct(s.discountRate)} a year)`;
  if (top.length === 0) return `${title}\n  No customer has a predicted CLV.`;
  const rows = [['CUSTOMER', 'CLV', 'P(ALIVE)', 'PURCHASES 90D', 'REVENUE', 'SEGMENT', 'ABC']];
  for (const c of top) {
    rows.push([
      terminalSafe(c.id),
      fixed(c.clv, 2),
      fixed(c.pAlive, 3),
      fixed(c.expectedPurchases90d, 2),
      c.revenue.toFixed(2),
      c.rfm?.segment ?? '–',
      c.abc,
    ]);
  }
  return `${title}\n${indent(formatColumns(rows))}`;
}

/** The human-readable form of `kesher analyze`. */
export function formatAnalyzeReport(r: AnalyzeReport): string {
  const sections = [
    dataSection(r),
    modelSection(r),
    holdoutSection(r),
    groupTable('RFM segments', 'SEGMENT', r.customers, (c) => c.rfm?.segment ?? null, SEGMENTS),
    groupTable('ABC classes', 'CLASS', r.customers, (c) => c.abc, ['A', 'B', 'C'] as const),
    topSection(r),
  ];
  return sections.filter((s): s is string => s !== null).join('\n\n');
}
