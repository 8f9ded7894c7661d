import type { CustomerAnalytics } from '../lib/model';
import { formatMoney, formatNumber, formatDayRelative } from './format';
import type { Translate } from './types';

/**
 * One-line reasons for the customer's segment badges, phrased in the UI language from the
 * numbers the analytics view carries. (The view's English `reason` strings are for the CLI;
 * the sidebar only puts them in tooltips.)
 */

type Rfm = NonNullable<CustomerAnalytics['rfm']>;

/** The badge colours of sidebar.css; neutral is the plain badge. */
export type Tone = 'good' | 'warn' | 'bad' | 'neutral';

/**
 * RFM segments of customers slipping away, worst first: the first three are lost (red), the
 * next two fading (amber), and the first four have stopped buying, so their habit is told in
 * the past tense. Every other segment is buying well (green).
 */
const SLIPPING: readonly Rfm['segment'][] = [
  'At Risk',
  "Can't Lose",
  'Hibernating',
  'About to Sleep',
  'Need Attention',
];

export function rfmTone(segment: Rfm['segment']): Tone {
  const rank = SLIPPING.indexOf(segment);
  return rank < 0 ? 'good' : rank < 3 ? 'bad' : 'warn';
}

const DAY = 24 * 3_600_000;

/** "last order 7 months ago, used to buy monthly", "last order 3 days ago, one order so far". */
export function rfmReason(
  a: CustomerAnalytics,
  rfm: Rfm,
  t: Translate,
  locale: string,
  now: number,
): string {
  const lastAt = a.lastPurchaseAt ?? now - rfm.daysSinceLastPurchase * DAY;
  const parts = [t('rfm_last_order', formatDayRelative(lastAt, now, locale))];
  if (a.purchases === 1) parts.push(t('rfm_one_order'));
  else if (a.typicalGapDays !== undefined) {
    // habit_0..habit_4: weekly (≤ 10 days apart), monthly, quarterly, yearly, rarer (> 400).
    const habit = t(`habit_${[10, 45, 120, 400].filter((d) => a.typicalGapDays! > d).length}`);
    const rank = SLIPPING.indexOf(rfm.segment);
    parts.push(t(rank >= 0 && rank < 4 ? 'rfm_used_to_buy' : 'rfm_buys', habit));
  }
  // A comma joins clauses the same way in English, Hebrew and Latvian.
  return parts.join(', ');
}

/**
 * "in the top 80% of revenue", "within the top 95% of revenue", "outside the top classes, 0.4%
 * of revenue". The view carries the cumulative share each class reaches (A 0.8, B 0.95, C 1),
 * so C has no band of its own to name: its own share of revenue says how small it is instead.
 */
export function abcReason({ abc }: CustomerAnalytics, t: Translate, locale: string): string {
  const share = abc.class === 'C' ? abc.share : abc.cutoff;
  return t(
    `abc_reason_${abc.class}`,
    formatNumber(share, locale, { style: 'percent', maximumSignificantDigits: 2 }),
  );
}

/** "margin €200 covers cost to serve €120", "cost to serve €120 exceeds margin €80". */
export function profitabilityReason(a: CustomerAnalytics, t: Translate, locale: string): string {
  const { net, class: cls } = a.profitability;
  const cost = a.costToServe.cost;
  const money = (v: number) => formatMoney(v, a.currency, locale);
  // net = margin to date − cost to serve, so net + cost is the margin the class was judged on.
  const balance = t(net > 0 ? 'profit_covers' : net < 0 ? 'profit_short' : 'profit_even', [
    money(net + cost),
    money(cost),
  ]);
  return cls === 'potential' ? `${balance}; ${t('profit_forecast_covers')}` : balance;
}
