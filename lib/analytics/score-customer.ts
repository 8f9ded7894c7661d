/**
 * Every figure of one customer from their history, the population model and the ranks: the
 * function both a full recompute and a one-customer update run, so the two cannot disagree.
 */
import type { CustomerAnalytics } from '../model/views';
import { costToServe } from './cost-to-serve';
import { utcDay, type CustomerHistory } from './customer-history';
import { expectedAverageValue } from './gamma-gamma';
import { loyaltyTier, type LoyaltyTier } from './loyalty';
import { modelOf, timingOf } from './forecast-cache';
import { summaryOf, UNIT_DAYS, type PopulationModel } from './population';
import {
  abcOf,
  buildRanks,
  quintileOf,
  rankInputs,
  type PopulationRanks,
  type RanksByCurrency,
} from './ranks';
import { retentionClv } from './retention-clv';
import { rfmReason, segmentFor } from './rfm';
import { classifyProfitability } from './profitability';

export interface ScoreSettings {
  currency: string;
  grossMargin: number;
  /** Annual, 0..1. */
  discountRate: number;
  clvHorizonMonths: number;
  loyaltyTiers: readonly LoyaltyTier[];
  /** Cumulative revenue share cut-offs of classes A and B. */
  abcThresholds: readonly [number, number];
  costPerInteraction: Readonly<Record<string, number | undefined>>;
}

const FORECAST_DAYS = 90;
const YEAR_DAYS = 365;
/** A share to two significant digits: a customer's share of a big base is often under 1 %. */
const sharePct = (v: number) => `${Number((v * 100).toPrecision(2))}%`;
const money = (v: number) => (Math.round(v * 100) / 100).toString();
const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

export function scoreCustomer(
  h: CustomerHistory,
  population: PopulationModel,
  ranksByCurrency: RanksByCurrency,
  settings: ScoreSettings,
  asOf: number,
): CustomerAnalytics {
  // A customer in a currency nobody else buys in ranks alone (a group of one).
  const ranks =
    ranksByCurrency[h.currency] ?? buildRanks([h], utcDay(asOf), settings.abcThresholds);
  const asOfDay = utcDay(asOf);
  const days = h.purchaseDays;
  const first = days[0];
  const last = days[days.length - 1];
  const gap = days.length > 1 ? (last! - first!) / (days.length - 1) : undefined;
  const marginRate = h.revenue > 0 ? clamp01(h.margin / h.revenue) : settings.grossMargin;

  const forecast = forecastOf(h, population, settings, asOfDay, marginRate);
  const rfm = rfmOf(h, ranks, asOfDay, gap);
  const abc = abcOf(h.revenue, ranks.abc);
  const yearSpend = spendSince(h, asOfDay - YEAR_DAYS);
  // In cents: the reason prints the spend, and a float sum reads "353.80999999999995".
  // Spend thresholds are in the team currency: a customer buying in another currency can only
  // reach the tiers counted in orders (converting would need rates the team never gave).
  const tiers =
    h.currency === settings.currency
      ? settings.loyaltyTiers
      : settings.loyaltyTiers.filter((t) => t.basis === 'orders');
  const loyalty = loyaltyTier(
    { spend: round(yearSpend.spend), orders: yearSpend.purchases },
    tiers,
  );
  const interactions = [...h.channels].map(([channel, count]) => ({ channel, count }));
  const service = costToServe(interactions, pricedChannelsOf(settings.costPerInteraction));
  const interactionCount = interactions.reduce((n, i) => n + i.count, 0);
  // A prospect who has cost nothing yet is not a loss: nothing was earned or spent.
  const untouched = days.length === 0 && h.margin === 0 && service.cost === 0;
  const profitability = untouched
    ? {
        class: 'potential' as const,
        net: 0,
        reason: 'potential: no purchase and no cost to serve yet',
      }
    : classifyProfitability(
        forecast.clv !== null
          ? { marginToDate: h.margin, costToServe: service.cost, predictedClv: forecast.clv }
          : { marginToDate: h.margin, costToServe: service.cost },
      );

  // Plain assignments, not conditional spreads: this runs once per customer of the base, and
  // V8 copies a spread object field by field.
  const out: CustomerAnalytics = {
    customerId: h.customerId,
    currency: h.currency,
    otherCurrencyOrders: h.otherCurrencyOrders,
    revenueToDate: round(h.revenue),
    marginToDate: round(h.margin),
    purchases: days.length,
    forecast,
    rfm,
    abc: { class: abc.class, share: abc.share, cutoff: abc.cutoff, reason: abcReason(abc) },
    loyalty: {
      tier: loyalty.tier,
      discount: loyalty.discount,
      reason:
        tiers.length < settings.loyaltyTiers.length
          ? `${loyalty.reason} (last 12 months; spend tiers are in ${settings.currency})`
          : `${loyalty.reason} (last 12 months)`,
    },
    costToServe: {
      cost: round(service.cost),
      interactions: interactionCount,
      reason: service.reason,
    },
    profitability: {
      class: profitability.class,
      net: round(profitability.net),
      reason: profitability.reason,
    },
    satisfaction: {
      nps: h.nps ? { class: npsBand(h.nps.score), score: h.nps.score } : null,
      csat: h.csat ? { class: csatBand(h.csat.score), score: h.csat.score } : null,
    },
  };
  if (first !== undefined) out.firstPurchaseAt = first * 86_400_000;
  if (last !== undefined) out.lastPurchaseAt = last * 86_400_000;
  if (gap !== undefined) out.typicalGapDays = Math.round(gap * 10) / 10;
  return out;
}

function noForecast(horizonMonths: number, reason: string): CustomerAnalytics['forecast'] {
  return {
    method: 'none',
    purchases90d: null,
    pAlive: null,
    expectedOrderValue: null,
    clv: null,
    horizonMonths,
    reason,
  };
}

function forecastOf(
  h: CustomerHistory,
  population: PopulationModel,
  settings: ScoreSettings,
  asOfDay: number,
  marginRate: number,
): CustomerAnalytics['forecast'] {
  const horizonMonths = settings.clvHorizonMonths;
  const s = summaryOf(h, asOfDay);
  if (!s) return noForecast(horizonMonths, 'no purchase yet: nothing to forecast from');

  if (population.method === 'model' && population.transaction) {
    const gg = population.spend[h.currency]?.params;
    const value = gg
      ? expectedAverageValue(gg, s.x, s.monetary > 0 ? s.monetary : 0)
      : s.x > 0 && s.monetary > 0
        ? s.monetary
        : (population.meanPurchaseValue[h.currency] ?? 0);
    // First purchase today: no observed time yet, so the forecast is a new customer's.
    const fresh = s.T <= 0;
    const window = FORECAST_DAYS / UNIT_DAYS;
    const timing = fresh
      ? null
      : timingOf(population.transaction, {
          x: s.x,
          t_x: s.t_x,
          T: s.T,
          window,
          periods: horizonMonths,
          annualDiscountRate: settings.discountRate,
        });
    const purchases90d = timing
      ? timing.purchases
      : modelOf(population.transaction).expectedNewCustomer(window);
    const pAlive = timing ? timing.pAlive : 1;
    const clv = timing ? timing.discounted * value * marginRate : null;
    return {
      method: population.transaction.name,
      purchases90d: finiteOrNull(purchases90d),
      pAlive: finiteOrNull(pAlive),
      expectedOrderValue: finiteOrNull(value),
      clv: clv === null ? null : finiteOrNull(clv),
      horizonMonths,
      reason: fresh
        ? `${population.transaction.name}: first purchase today, forecast as a new customer's`
        : `${population.transaction.name}: ${s.x} repeat purchase(s) over ${describeWeeks(s.T)}`,
    };
  }

  // Retention formula: this customer's average yearly margin, retained each year with the
  // base's measured rate, discounted at the team's rate.
  const { rate, basis } = population.retention;
  const years = Math.max(1, (asOfDay - h.purchaseDays[0]!) / YEAR_DAYS);
  const yearlyMargin = h.margin / years;
  const clv = retentionClv(yearlyMargin, rate, settings.discountRate);
  return {
    method: 'retention',
    purchases90d: null,
    pAlive: null,
    expectedOrderValue: finiteOrNull(h.revenue / h.purchaseDays.length),
    clv: finiteOrNull(clv),
    horizonMonths,
    reason:
      `retention formula: margin ${money(yearlyMargin)} a year × r ${pct(rate)} ÷ (1 + d ${pct(settings.discountRate)} − r); ` +
      `${population.reason}; ${basis}`,
  };
}

function rfmOf(
  h: CustomerHistory,
  ranks: PopulationRanks,
  asOfDay: number,
  gap: number | undefined,
): CustomerAnalytics['rfm'] {
  const inputs = rankInputs(h, asOfDay);
  if (!inputs) return null;
  const r = quintileOf(ranks.recency, -inputs.recencyDays);
  const f = quintileOf(ranks.frequency, inputs.purchases);
  const m = quintileOf(ranks.monetary, inputs.revenue);
  const segment = segmentFor(r, f, m);
  const firstOrderDaysAgo =
    gap === undefined ? undefined : inputs.recencyDays + gap * (inputs.purchases - 1);
  return {
    r,
    f,
    m,
    segment,
    daysSinceLastPurchase: inputs.recencyDays,
    reason: rfmReason(segment, {
      customerId: h.customerId,
      recencyDays: inputs.recencyDays,
      orders: inputs.purchases,
      monetary: inputs.revenue,
      ...(firstOrderDaysAgo !== undefined ? { firstOrderDaysAgo } : {}),
    }),
  };
}

function abcReason(abc: { class: 'A' | 'B' | 'C'; share: number; cutoff: number }): string {
  if (abc.share === 0) return 'C: no positive revenue';
  const band =
    abc.class === 'A'
      ? `in the top ${pct(abc.cutoff)} of revenue`
      : abc.class === 'B'
        ? `within the top ${pct(abc.cutoff)} of revenue`
        : 'in the tail of revenue';
  return `${abc.class}: ${band} (${sharePct(abc.share)} of the total)`;
}

/** Spend and purchase days since `fromDay` (exclusive), for the loyalty tiers. */
function spendSince(h: CustomerHistory, fromDay: number): { spend: number; purchases: number } {
  let spend = 0;
  let purchases = 0;
  for (let i = h.purchaseDays.length - 1; i >= 0 && h.purchaseDays[i]! > fromDay; i--) {
    spend += h.dayValues[i]!;
    purchases++;
  }
  return { spend, purchases };
}

const priced = new WeakMap<ScoreSettings['costPerInteraction'], Record<string, number>>();

/** The channels that have a cost, once per settings object rather than once per customer. */
function pricedChannelsOf(costs: ScoreSettings['costPerInteraction']): Record<string, number> {
  let out = priced.get(costs);
  if (!out) {
    out = {};
    for (const [k, v] of Object.entries(costs)) if (v !== undefined) out[k] = v;
    priced.set(costs, out);
  }
  return out;
}

function describeWeeks(weeks: number): string {
  const days = weeks * UNIT_DAYS;
  return days < 60 ? `${Math.round(days)} days` : `${Math.round(days / 30.44)} months`;
}

const npsBand = (s: number) => (s >= 9 ? 'promoter' : s >= 7 ? 'passive' : 'detractor');
const csatBand = (s: number) => (s >= 4 ? 'satisfied' : s === 3 ? 'neutral' : 'dissatisfied');
const clamp01 = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);
const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);
const round = (v: number) => Math.round(v * 100) / 100;
