import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CustomerAnalytics, RfmSegmentName } from '../model/views';
import { DEFAULT_SETTINGS } from '../model/settings';
import { parseCdnowSample } from './cdnow';
import {
  analyzeCustomers,
  analyzeSteps,
  type AnalyticsData,
  type AnalyticsRun,
  type AnalyticsSettings,
  type AnalyzeOptions,
} from './customer-analytics';
import { buildHistories, DAY_MS, utcDay, type AnalyticsOrder } from './customer-history';
import { fitPopulationSteps } from './population';
import { mulberry32 } from './test-random';

const SETTINGS: AnalyticsSettings = DEFAULT_SETTINGS;
/** Noon UTC, so that "n days ago" never straddles a day boundary by accident. */
const AS_OF = Date.UTC(2024, 5, 30, 12);
const ago = (days: number) => AS_OF - days * DAY_MS;

function analyze(
  data: AnalyticsData,
  options: Partial<AnalyzeOptions> = {},
  settings: AnalyticsSettings = SETTINGS,
): AnalyticsRun {
  const run = analyzeCustomers(data, settings, { asOf: AS_OF, ...options });
  assertSane(run);
  return run;
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

/**
 * Every number in every customer's figures, the summary and the population model is finite;
 * P(alive) lies in [0, 1], expected purchases are ≥ 0, scores and shares are in range, and
 * every reason is a non-empty string.
 */
function assertSane(run: AnalyticsRun): void {
  const problems: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) problems.push(`${path} = ${v}`);
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (/reason$/i.test(k) && !(typeof x === 'string' && x.trim() !== '')) {
          problems.push(`${path}.${k} is not a non-empty string: ${String(x)}`);
        }
        walk(x, `${path}.${k}`);
      }
    }
  };
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  walk(run.summary, 'summary');
  walk(run.population, 'population');
  check(run.summary.customers === run.customers.length, 'summary.customers');
  check(run.summary.methodReason.trim() !== '', 'summary.methodReason');
  for (const c of run.customers) {
    const id = c.customerId;
    walk(c, id);
    const f = c.forecast;
    for (const reason of [
      f.reason,
      c.abc.reason,
      c.loyalty.reason,
      c.costToServe.reason,
      c.profitability.reason,
      ...(c.rfm ? [c.rfm.reason] : []),
    ]) {
      check(typeof reason === 'string' && reason.trim() !== '', `${id}: empty reason`);
    }
    if (f.pAlive !== null) check(f.pAlive >= 0 && f.pAlive <= 1, `${id}: pAlive ${f.pAlive}`);
    if (f.purchases90d !== null)
      check(f.purchases90d >= 0, `${id}: purchases90d ${f.purchases90d}`);
    check(c.abc.share >= 0 && c.abc.share <= 1, `${id}: abc share ${c.abc.share}`);
    check(c.purchases >= 0 && Number.isInteger(c.purchases), `${id}: purchases ${c.purchases}`);
    if (c.rfm) {
      for (const s of [c.rfm.r, c.rfm.f, c.rfm.m]) {
        check(Number.isInteger(s) && s >= 1 && s <= 5, `${id}: rfm score ${s}`);
      }
      check(SEGMENTS.includes(c.rfm.segment), `${id}: segment ${c.rfm.segment}`);
      check(c.rfm.daysSinceLastPurchase >= 0, `${id}: days since last purchase`);
    }
    check((c.rfm === null) === (c.purchases === 0), `${id}: rfm without purchases or v.v.`);
    if (c.purchases === 0) check(f.method === 'none', `${id}: forecast without purchases`);
  }
  expect(problems).toEqual([]);
}

const byId = (run: AnalyticsRun) => new Map(run.customers.map((c) => [c.customerId, c]));
const one = (run: AnalyticsRun, id: string): CustomerAnalytics => {
  const c = byId(run).get(id);
  if (!c) throw new Error(`no customer ${id}`);
  return c;
};

/** Every number rounded to `digits` significant digits, to compare up to summation order. */
function roundFloats<T>(v: T, digits: number): T {
  if (typeof v === 'number') return (Number.isFinite(v) ? Number(v.toPrecision(digits)) : v) as T;
  if (Array.isArray(v)) return v.map((x: unknown) => roundFloats(x, digits)) as T;
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, roundFloats(x, digits)])) as T;
  }
  return v;
}

/**
 * ~n customers with their last purchase 0–299 days ago and 1–5 purchase days over up to 400
 * days, at 5–200 a day in steps of 1 / `stepsPerUnit`: about four in five repeat, so the purchase
 * models are fitted.
 */
function syntheticBase(n: number, seed = 7, prefix = 'b', stepsPerUnit = 100): AnalyticsOrder[] {
  const rand = mulberry32(seed);
  const orders: AnalyticsOrder[] = [];
  for (let i = 0; i < n; i++) {
    const customerId = `${prefix}${String(i).padStart(3, '0')}`;
    const lastAgo = Math.floor(rand() * 300);
    const k = 1 + Math.floor(rand() * 5);
    const span = k > 1 ? 10 + Math.floor(rand() * 400) : 0;
    for (let j = 0; j < k; j++) {
      const daysAgo = lastAgo + Math.round((span * j) / Math.max(1, k - 1));
      const amount = Math.round((5 + rand() * 195) * stepsPerUnit) / stepsPerUnit;
      orders.push({ customerId, at: ago(daysAgo), amount });
    }
  }
  return orders;
}

const BASE = syntheticBase(200);

function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const rand = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('degenerate data: a sensible answer with a reason', () => {
  it('no orders at all: method none, every customer none with a reason, no RFM, ABC C', () => {
    const run = analyze({
      orders: [],
      customerIds: ['x', 'y', 'z'],
      interactions: [{ customerId: 'y', channel: 'phone', at: ago(3) }],
    });
    expect(run.summary.method).toBe('none');
    expect(run.summary.methodReason).toBe('no purchases in the data');
    expect(run.summary.logLikelihood).toBeUndefined();
    expect(run.customers.map((c) => c.customerId).sort()).toEqual(['x', 'y', 'z']);
    for (const c of run.customers) {
      expect(c.forecast).toMatchObject({ method: 'none', pAlive: null, clv: null });
      expect(c.forecast.reason).toMatch(/no purchase yet/);
      expect(c.rfm).toBeNull();
      expect(c.abc).toMatchObject({ class: 'C', share: 0, reason: 'C: no positive revenue' });
      expect(c.purchases).toBe(0);
      expect(c.revenueToDate).toBe(0);
    }
    expect(one(run, 'y').costToServe).toMatchObject({ cost: 8, interactions: 1 });
    expect(one(run, 'y').profitability.class).toBe('loss-making');
  });

  it('nothing at all: no customers, method none', () => {
    const run = analyze({ orders: [] });
    expect(run.customers).toEqual([]);
    expect(run.summary).toMatchObject({ method: 'none', customers: 0 });
  });

  it('one customer, one order: the retention formula, figures from that order', () => {
    const run = analyze({ orders: [{ customerId: 'a', at: ago(30), amount: 100 }] });
    expect(run.summary.method).toBe('retention');
    expect(run.summary.methodReason).toMatch(/fewer than 30 repeat buyers \(0\)/);
    const a = one(run, 'a');
    expect(a).toMatchObject({ purchases: 1, revenueToDate: 100, marginToDate: 30 });
    expect(a.forecast.method).toBe('retention');
    expect(a.forecast.expectedOrderValue).toBe(100);
    expect(a.rfm).toMatchObject({ r: 3, f: 3, m: 3, daysSinceLastPurchase: 30 });
    expect(a.rfm!.reason).toMatch(/one order so far/);
    expect(a.abc.class).toBe('A');
    expect(a.abc.reason).toMatch(/^A: in the top 80% of revenue \(100% of the total\)/);
  });

  it('one customer, many orders: retention formula, a finite value, the gap and the habit', () => {
    const orders = Array.from({ length: 60 }, (_, i) => ({
      customerId: 'a',
      at: ago(7 * i),
      amount: 20 + (i % 3),
    }));
    const run = analyze({ orders });
    const a = one(run, 'a');
    expect(run.summary.method).toBe('retention');
    expect(a.purchases).toBe(60);
    expect(a.typicalGapDays).toBe(7);
    expect(a.forecast.clv).toBeGreaterThan(0);
    expect(a.rfm!.reason).toMatch(/buys weekly/);
  });

  it('two customers: both scored, the bigger one A', () => {
    const run = analyze({
      orders: [
        { customerId: 'a', at: ago(30), amount: 100 },
        { customerId: 'a', at: ago(3), amount: 50 },
        { customerId: 'b', at: ago(200), amount: 10 },
      ],
    });
    expect(run.customers).toHaveLength(2);
    expect(one(run, 'a').abc.class).toBe('A');
    expect(one(run, 'b').abc.class).not.toBe('A');
    expect(one(run, 'a').rfm!.r).toBeGreaterThan(one(run, 'b').rfm!.r);
  });

  it('nobody repeats (100 customers, one order each): retention formula, and it says why', () => {
    const orders = Array.from({ length: 100 }, (_, i) => ({
      customerId: `c${i}`,
      at: ago(1 + i * 3),
      amount: 10 + i,
    }));
    const run = analyze({ orders });
    expect(run.summary.method).toBe('retention');
    expect(run.summary.methodReason).toContain('fewer than 30 repeat buyers (0)');
    expect(run.population.retention.rate).toBe(0);
    for (const c of run.customers) {
      expect(c.forecast.method).toBe('retention');
      expect(c.forecast.reason).toContain('fewer than 30 repeat buyers (0)');
      // Nobody ever came back, so the retention formula gives nothing more.
      expect(c.forecast.clv).toBe(0);
    }
  });

  it('all revenue zero: finite figures, ABC all C, and the $0 days still count as purchases', () => {
    const orders = Array.from({ length: 120 }, (_, i) => ({
      customerId: `c${i % 40}`,
      at: ago(1 + i * 2),
      amount: 0,
    }));
    const run = analyze({ orders });
    expect(run.summary.method).toBe('retention');
    expect(run.summary.methodReason).toMatch(/positive spend \(0\)/);
    for (const c of run.customers) {
      expect(c.purchases).toBe(3);
      expect(c.revenueToDate).toBe(0);
      expect(c.abc).toMatchObject({ class: 'C', share: 0, reason: 'C: no positive revenue' });
      expect(c.rfm).not.toBeNull();
      expect(c.forecast.clv).toBe(0);
    }
  });

  it('credit notes larger than the purchases: negative revenue, ABC C, loss-making with a reason', () => {
    const run = analyze({
      orders: [
        { customerId: 'a', at: ago(60), amount: 100 },
        { customerId: 'a', at: ago(60), amount: -30 }, // same day: nets to 70
        { customerId: 'a', at: ago(20), amount: -300 }, // credit-only day: no purchase
        { customerId: 'a', at: ago(5), amount: 40 },
        { customerId: 'b', at: ago(9), amount: 50 },
        { customerId: 'c', at: ago(4), amount: -25 }, // credits only
      ],
    });
    const a = one(run, 'a');
    expect(a.purchases).toBe(2);
    expect(a.revenueToDate).toBe(-190);
    expect(a.marginToDate).toBe(-57);
    expect(a.abc).toMatchObject({ class: 'C', reason: 'C: no positive revenue' });
    expect(a.profitability.class).toBe('loss-making');
    expect(a.profitability.net).toBe(-57);
    expect(a.profitability.reason).toMatch(/^loss-making: -57 to date/);
    // Same-day credit nets against the purchase: the first day is worth 70, the second 40.
    expect(a.forecast.expectedOrderValue).toBe(-95); // retention: revenue ÷ purchase days
    expect(run.histories.get('a')!.dayValues).toEqual([70, 40]);

    const c = one(run, 'c');
    expect(c.purchases).toBe(0);
    expect(c.revenueToDate).toBe(-25);
    expect(c.rfm).toBeNull();
    expect(c.forecast.method).toBe('none');
    expect(c.abc.class).toBe('C');
    expect(one(run, 'b').abc.class).toBe('A');
  });

  it('refunded, cancelled, other-currency and future orders change no figure', () => {
    const clean: AnalyticsOrder[] = [
      { customerId: 'a', at: ago(40), amount: 100 },
      { customerId: 'a', at: ago(4), amount: 60 },
      { customerId: 'b', at: ago(10), amount: 30 },
    ];
    const noise: AnalyticsOrder[] = [
      { customerId: 'a', at: ago(2), amount: 500, status: 'refunded' },
      { customerId: 'b', at: ago(2), amount: 500, status: 'cancelled' },
      { customerId: 'a', at: ago(3), amount: 700, currency: 'USD' },
      // One ILS order against b's one EUR order: a tie goes to the team currency.
      { customerId: 'b', at: ago(3), amount: 700, currency: 'ILS' },
      { customerId: 'a', at: ago(-1), amount: 900 },
      { customerId: 'b', at: ago(-365), amount: -900 },
      { customerId: 'b', at: ago(-2), amount: 900, currency: 'USD' },
    ];
    const base = analyze({ orders: clean });
    const run = analyze({ orders: [...noise, ...clean] });
    // Future orders count in every currency; the other-currency count holds past orders only.
    expect(run.futureOrders).toBe(3);
    expect(run.otherCurrencyOrders).toBe(2);
    expect(run.skippedOrders).toBe(0);
    expect(one(run, 'a').otherCurrencyOrders).toBe(1);
    expect(one(run, 'b').otherCurrencyOrders).toBe(1);
    const strip = (c: CustomerAnalytics) => ({ ...c, otherCurrencyOrders: 0 });
    for (const id of ['a', 'b']) expect(strip(one(run, id))).toEqual(strip(one(base, id)));
    expect(one(run, 'a')).toMatchObject({ purchases: 2, revenueToDate: 160 });
  });

  it('a customer whose only orders are in the future is scored as not having bought yet', () => {
    const run = analyze({
      orders: [
        { customerId: 'a', at: ago(10), amount: 10 },
        { customerId: 'f', at: ago(-10), amount: 10 },
      ],
    });
    expect(run.futureOrders).toBe(1);
    expect(one(run, 'f')).toMatchObject({ purchases: 0, revenueToDate: 0, rfm: null });
    expect(one(run, 'f').forecast.method).toBe('none');
  });

  it('a duplicated row is one purchase day whose value is the sum', () => {
    // Documented: nothing identifies two equal rows as one order, so a duplicate inflates
    // revenue and the day's value; the purchase-count models count days and are unaffected.
    const order = { customerId: 'a', at: ago(8), amount: 45 };
    const run = analyze({
      orders: [order, { ...order }, { customerId: 'a', at: ago(1), amount: 5 }],
    });
    const a = one(run, 'a');
    expect(a.purchases).toBe(2);
    expect(a.revenueToDate).toBe(95);
    expect(run.histories.get('a')!.dayValues).toEqual([90, 5]);
  });

  it('bad rows (NaN amount, empty customer id, infinite date) are skipped and counted', () => {
    const run = analyze({
      orders: [
        { customerId: 'a', at: ago(5), amount: NaN },
        { customerId: '', at: ago(5), amount: 10 },
        { customerId: 'a', at: Infinity, amount: 10 },
        { customerId: 'a', at: -Infinity, amount: 10 },
        { customerId: 'a', at: ago(5), amount: 10, margin: NaN },
        { customerId: 'a', at: ago(6), amount: 12 },
      ],
    });
    expect(run.skippedOrders).toBe(5);
    expect(run.customers.map((c) => c.customerId)).toEqual(['a']);
    expect(one(run, 'a')).toMatchObject({ purchases: 1, revenueToDate: 12 });
  });

  it('finite but absurd amounts (1e308) are skipped, not summed to Infinity', () => {
    const run = analyze({
      orders: [
        { customerId: 'a', at: ago(3), amount: 1e308 },
        { customerId: 'a', at: ago(2), amount: 1e308 },
        { customerId: 'b', at: ago(2), amount: 5, margin: -1e308 },
        { customerId: 'b', at: ago(1), amount: 5 },
      ],
    });
    expect(run.skippedOrders).toBe(3);
    expect(run.customers.map((c) => c.customerId)).toEqual(['b']);
    expect(one(run, 'b').revenueToDate).toBe(5);
  });

  it('every buyer first bought on the analysis day: retention formula, and that reason', () => {
    const run = analyze({
      orders: [
        { customerId: 'a', at: AS_OF, amount: 5 },
        { customerId: 'b', at: AS_OF - 3_600_000, amount: 7 },
      ],
    });
    expect(run.summary.method).toBe('retention');
    expect(run.summary.methodReason).toMatch(/first bought on the analysis day/);
    for (const c of run.customers) {
      expect(c.rfm!.daysSinceLastPurchase).toBe(0);
      expect(c.forecast.reason).toMatch(/first bought on the analysis day/);
    }
  });

  it('a discount rate of 0 with the retention method stays finite (r is capped at 0.99)', () => {
    // Everyone bought a year and more ago and again within the year: measured retention 100 %.
    const orders = Array.from({ length: 20 }, (_, i) => [
      { customerId: `c${i}`, at: ago(500), amount: 100 },
      { customerId: `c${i}`, at: ago(100), amount: 100 },
    ]).flat();
    const run = analyze({ orders }, {}, { ...SETTINGS, discountRate: 0 });
    expect(run.summary.method).toBe('retention');
    expect(run.population.retention.rate).toBe(0.99);
    const c = one(run, 'c0');
    const yearlyMargin = 60 / (500 / 365);
    expect(c.forecast.clv).toBeCloseTo((yearlyMargin * 0.99) / 0.01, 6);
    expect(c.forecast.reason).toContain('r 99%');
    expect(c.forecast.reason).toContain('d 0%');
  });
});

describe('on a synthetic base of ~200 customers (models fitted)', () => {
  const monthlyThenStopped = Array.from({ length: 13 }, (_, i) => ({
    customerId: 'lapsed',
    at: ago(210 + 30 * i),
    amount: 80,
  }));
  const frequentRecent = Array.from({ length: 24 }, (_, i) => ({
    customerId: 'champion',
    at: ago(1 + 15 * i),
    amount: 100,
  }));
  const newToday = { customerId: 'newbie', at: AS_OF, amount: 35 };
  const orders = [...BASE, ...monthlyThenStopped, ...frequentRecent, newToday];
  const run = analyze({ orders });

  it('fits a purchase model and says which and why', () => {
    expect(run.population.method).toBe('model');
    expect(['bg-nbd', 'pareto-nbd', 'mbg-nbd']).toContain(run.summary.method);
    expect(run.summary.logLikelihood).toBeLessThan(0);
    expect(run.summary.methodReason).toMatch(/lowest AIC/);
    for (const c of run.customers) expect(c.forecast.method).toBe(run.summary.method);
  });

  it('segments come from the list; a lapsed monthly buyer is at risk, a frequent recent one a champion', () => {
    for (const c of run.customers) expect(SEGMENTS).toContain(c.rfm!.segment);
    const lapsed = one(run, 'lapsed');
    expect(['At Risk', "Can't Lose", 'Hibernating']).toContain(lapsed.rfm!.segment);
    expect(lapsed.rfm!.reason).toContain('used to buy monthly');
    expect(lapsed.rfm!.reason).toContain('last order 7 months ago');
    const champion = one(run, 'champion');
    expect(['Champions', 'Loyal']).toContain(champion.rfm!.segment);
    expect(champion.rfm!.reason).toMatch(/buys (weekly|monthly)/);
    // The model agrees: the champion is likelier alive and expected to buy more.
    expect(champion.forecast.pAlive!).toBeGreaterThan(lapsed.forecast.pAlive!);
    expect(champion.forecast.purchases90d!).toBeGreaterThan(lapsed.forecast.purchases90d!);
  });

  it('loyalty reasons print the year’s spend in cents, not a float sum', () => {
    for (const c of run.customers) {
      expect(c.loyalty.reason).toMatch(
        /^\w+: spend -?\d+(\.\d{1,2})? ≥ \d+, [\d.]+% off \(last 12 months\)$/,
      );
    }
  });

  it('a first purchase on the analysis day (T = 0) is forecast as a new customer', () => {
    const c = one(run, 'newbie');
    expect(c.forecast.pAlive).toBe(1);
    expect(c.forecast.purchases90d!).toBeGreaterThan(0);
    expect(c.forecast.expectedOrderValue!).toBeGreaterThan(0);
    expect(c.forecast.reason).toContain('first purchase today');
    expect(c.rfm!.daysSinceLastPurchase).toBe(0);
  });

  it('ABC [0.8, 0.95]: A holds ≥ 80 % of positive revenue and is the top of the ranking', () => {
    const positive = run.customers.reduce((s, c) => s + Math.max(0, c.revenueToDate), 0);
    const of = (k: 'A' | 'B' | 'C') =>
      run.customers.filter((c) => c.abc.class === k).map((c) => c.revenueToDate);
    const [a, b, c] = [of('A'), of('B'), of('C')];
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect(c.length).toBeGreaterThan(0);
    expect(a.reduce((s, v) => s + v, 0)).toBeGreaterThanOrEqual(0.8 * positive);
    expect(a.reduce((s, v) => s + v, 0) + b.reduce((s, v) => s + v, 0)).toBeGreaterThanOrEqual(
      0.95 * positive,
    );
    expect(Math.min(...a)).toBeGreaterThanOrEqual(Math.max(...b));
    expect(Math.min(...b)).toBeGreaterThanOrEqual(Math.max(...c));
    for (const x of run.customers) {
      const pattern = {
        A: /^A: in the top 80% of revenue \(/,
        B: /^B: within the top 95% of revenue \(/,
        C: /^C: in the tail of revenue \(/,
      }[x.abc.class];
      expect(x.abc.reason).toMatch(pattern);
    }
  });

  it('is deterministic: the same input twice gives deep-equal results', () => {
    const again = analyze({ orders });
    const comparable = (r: AnalyticsRun) => ({
      ...r,
      summary: { ...r.summary, durationMs: 0 },
      selection: r.selection && {
        ...r.selection,
        chosen: { ...r.selection.chosen, model: null },
        candidates: r.selection.candidates.map((c) => ({ ...c, model: null })),
      },
    });
    expect(comparable(again)).toEqual(comparable(run));
  });

  it('input order does not matter: shuffled orders give the same fit, scores and classes', () => {
    // The population sorts its customers before fitting, so the fit is bit-identical. A
    // customer's revenue and margin are floating-point sums in row order, so with amounts in
    // cents their last bit may move (and with it a half-cent rounding): figures agree to
    // 9 significant digits. The next test, with binary-exact amounts, asks for identity.
    const projection = (r: AnalyticsRun) =>
      [...r.customers]
        .sort((u, v) => (u.customerId < v.customerId ? -1 : 1))
        .map((c) => ({
          id: c.customerId,
          purchases: c.purchases,
          rfm: c.rfm && { r: c.rfm.r, f: c.rfm.f, m: c.rfm.m, segment: c.rfm.segment },
          abc: c.abc.class,
          loyalty: c.loyalty.tier,
          profitability: c.profitability.class,
          method: c.forecast.method,
          purchases90d: c.forecast.purchases90d,
          pAlive: c.forecast.pAlive,
          clv: c.forecast.clv,
          expectedOrderValue: c.forecast.expectedOrderValue,
          revenue: c.revenueToDate,
        }));
    const bgNbd = { model: 'bg-nbd' } as const;
    const inOrder = analyze({ orders }, bgNbd);
    const expected = roundFloats(projection(inOrder), 9);
    for (const seed of [2, 99]) {
      const shuffled = analyze({ orders: seededShuffle(orders, seed) }, bgNbd);
      expect({ ...shuffled.summary, durationMs: 0 }).toEqual({
        ...inOrder.summary,
        durationMs: 0,
      });
      expect(roundFloats(projection(shuffled), 9), `shuffle ${seed}`).toEqual(expected);
    }
  });

  it('with binary-exact amounts and margin, shuffled orders give identical figures', () => {
    const exact = [...syntheticBase(200, 7, 'b', 4), ...monthlyThenStopped, ...frequentRecent];
    const settings = { ...SETTINGS, grossMargin: 0.25 };
    const sorted = (r: AnalyticsRun) =>
      [...r.customers].sort((u, v) => (u.customerId < v.customerId ? -1 : 1));
    const first = analyze({ orders: exact }, { model: 'bg-nbd' }, settings);
    expect(first.population.method).toBe('model');
    for (const seed of [2]) {
      const shuffled = analyze(
        { orders: seededShuffle(exact, seed) },
        { model: 'bg-nbd' },
        settings,
      );
      expect(sorted(shuffled), `shuffle ${seed}`).toEqual(sorted(first));
      expect({ ...shuffled.summary, durationMs: 0 }).toEqual({ ...first.summary, durationMs: 0 });
    }
  });
});

describe('scale', () => {
  it('one customer with a million purchases beside 50 ordinary ones: finishes, sane', () => {
    const N = 1_000_000;
    const SPAN_DAYS = 3 * 365;
    const orders = new Array<AnalyticsOrder>(N);
    let whaleRevenue = 0;
    for (let i = 0; i < N; i++) {
      const amount = 1 + (i % 5);
      whaleRevenue += amount;
      orders[i] = {
        customerId: 'whale',
        at: ago(SPAN_DAYS - Math.floor((i * SPAN_DAYS) / N)),
        amount,
      };
    }
    orders.push(...syntheticBase(50, 11));
    const run = analyze({ orders });
    expect(run.customers).toHaveLength(51);
    const whale = one(run, 'whale');
    expect(whale.purchases).toBe(SPAN_DAYS);
    expect(whale.revenueToDate).toBe(whaleRevenue);
    expect(whale.abc.class).toBe('A');
    expect(whale.rfm!.f).toBe(5);
    expect(whale.rfm!.reason).toMatch(/buys weekly/);
    expect(whale.typicalGapDays).toBe(1);
    // A daily buyer for three years: about a purchase a day ahead, and surely alive.
    expect(whale.forecast.purchases90d!).toBeGreaterThan(60);
    expect(whale.forecast.purchases90d!).toBeLessThanOrEqual(91);
    expect(whale.forecast.pAlive!).toBeGreaterThan(0.99);
    expect(whale.forecast.expectedOrderValue!).toBeCloseTo(whaleRevenue / SPAN_DAYS, -2);
  }, 15_000);

  it('hands control back often: at most 20,000 rows between two yields, and within the fit', () => {
    const orders = syntheticBase(20_000, 5, 'y');
    let read = 0;
    const counted: Iterable<AnalyticsOrder> = {
      *[Symbol.iterator]() {
        for (const o of orders) {
          read++;
          yield o;
        }
      },
    };
    const steps = analyzeSteps({ orders: counted }, SETTINGS, { asOf: AS_OF, model: 'bg-nbd' });
    let yields = 0;
    let readAtLastYield = 0;
    let mostBetween = 0;
    for (;;) {
      const next = steps.next();
      if (next.done) break;
      yields++;
      mostBetween = Math.max(mostBetween, read - readAtLastYield);
      readAtLastYield = read;
    }
    expect(read).toBe(orders.length);
    expect(orders.length).toBeGreaterThan(40_000);
    expect(mostBetween).toBeLessThanOrEqual(20_000);
    expect(yields).toBeGreaterThan(orders.length / 20_000);

    // The fit alone: one yield per likelihood evaluation, and a fit takes dozens of them.
    const { histories } = buildHistories({ orders }, { ...SETTINGS, asOf: AS_OF });
    const fit = fitPopulationSteps(histories.values(), {
      model: 'bg-nbd',
      asOfDay: utcDay(AS_OF),
      holdoutWeeks: 0,
    });
    let fitYields = 0;
    for (let next = fit.next(); !next.done; next = fit.next()) fitYields++;
    expect(fitYields).toBeGreaterThan(histories.size / 20_000 + 20);
  });
});

describe('CDNOW sample', () => {
  it('bg-nbd through the whole pipeline reproduces the published fit (LL −9582.43)', () => {
    const text = readFileSync(
      new URL('../../test/fixtures/datasets/CDNOW_sample.txt', import.meta.url),
      'utf8',
    );
    const orders = parseCdnowSample(text).map((t) => ({
      customerId: t.customerId,
      at: t.at as number,
      amount: t.amount,
    }));
    const run = analyze({ orders }, { asOf: Date.UTC(1997, 8, 30), model: 'bg-nbd' });
    expect(run.summary.method).toBe('bg-nbd');
    expect(run.customers).toHaveLength(2357);
    expect(Math.abs(run.summary.logLikelihood! - -9582.43)).toBeLessThan(0.01);
    expect(run.summary.methodReason).toMatch(/^bg-nbd: as asked/);
    // Fader, Hardie & Lee (2005): r 0.243, α 4.414, a 0.793, b 2.426.
    const p = run.summary.params!;
    expect(p['r']).toBeCloseTo(0.243, 3);
    expect(p['alpha']).toBeCloseTo(4.414, 2);
    expect(p['a']).toBeCloseTo(0.793, 3);
    expect(p['b']).toBeCloseTo(2.426, 2);
    expect(run.selection!.candidates.map((c) => c.name)).toEqual(['bg-nbd']);
  }, 20_000);
});
