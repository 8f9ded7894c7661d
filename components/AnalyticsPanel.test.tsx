// @vitest-environment jsdom
import { screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import he from '../public/_locales/he/messages.json';
import type { CustomerAnalytics, RfmSegmentName } from '../lib/model';
import { ANALYTICS, CUSTOMER_FILE, FIXTURE_NOW, readyView } from './fixtures';
import { renderSidebar } from './test-helpers';
import { makeTranslate } from './test-translate';
import type { SidebarProps } from './types';

/** The fixture customer's file with its analytics changed by `patch`. */
function renderAnalytics(
  patch: Partial<CustomerAnalytics> = {},
  props: Partial<Omit<SidebarProps, 'actions'>> = {},
) {
  const analytics = { ...ANALYTICS, ...patch };
  return renderSidebar({ view: readyView({ file: { ...CUSTOMER_FILE, analytics } }), ...props });
}

const text = (testId: string) => screen.getByTestId(testId).textContent;
const badgeClass = (testId: string) =>
  screen.getByTestId(testId).querySelector('.badge')!.className;

const DAY = 24 * 3_600_000;

const atRiskMonthly: Partial<CustomerAnalytics> = {
  purchases: 6,
  lastPurchaseAt: FIXTURE_NOW - 213 * DAY,
  typicalGapDays: 31,
  rfm: {
    r: 2,
    f: 4,
    m: 4,
    segment: 'At Risk',
    daysSinceLastPurchase: 213,
    reason: 'At Risk: R2 F4 M4',
  },
};

describe('AnalyticsPanel', () => {
  it('comes right after the header, with lifetime value and the forecast', () => {
    renderAnalytics();
    expect(screen.getByTestId('customer-header').nextElementSibling).toBe(
      screen.getByTestId('analytics'),
    );
    expect(text('clv-to-date')).toBe('₪21,102.15');
    expect(text('clv-predicted')).toBe('₪38,450.00');
    expect(text('p-alive')).toBe('93%');
    expect(text('purchases-90d')).toBe('0.8');
    const labels = [...screen.getByTestId('analytics').querySelectorAll('dt')].map(
      (dt) => dt.textContent,
    );
    expect(labels).toEqual([
      'Margin to date',
      'Predicted margin (12 months)',
      'Still buying',
      'Orders expected in 90 days',
    ]);
    expect(screen.queryByTestId('forecast-note')).toBeNull();
  });

  it('gives every segment a badge and a reason built from the numbers', () => {
    renderAnalytics();
    expect(text('badge-rfm')).toBe('Champions last order last week, buys yearly');
    expect(text('badge-abc')).toBe('Class A in the top 80% of revenue');
    expect(text('badge-loyalty')).toBe('Platinum loyalty tier, 10% off');
    expect(text('badge-profitability')).toBe(
      'Profitable margin ₪21,102.15 covers cost to serve ₪142.00',
    );
    expect(text('badge-nps')).toBe('Promoter latest NPS answer 9 of 10');
    expect(text('badge-csat')).toBe('Satisfied latest CSAT answer 5 of 5');
    expect(badgeClass('badge-rfm')).toBe('badge badge-good');
    // The background's English reason stays available as a tooltip only.
    expect(screen.getByTestId('badge-abc').getAttribute('title')).toBe(ANALYTICS.abc.reason);
  });

  it.each([
    [{ class: 'A', share: 0.2, cutoff: 0.8 }, 'Class A in the top 80% of revenue'],
    [{ class: 'B', share: 0.03, cutoff: 0.95 }, 'Class B within the top 95% of revenue'],
    [{ class: 'C', share: 0.0043, cutoff: 1 }, 'Class C outside the top classes, 0.43% of revenue'],
    [{ class: 'C', share: 0, cutoff: 1 }, 'Class C outside the top classes, 0% of revenue'],
  ] as const)('phrases ABC %o', (abc, expected) => {
    renderAnalytics({ abc: { ...abc, reason: 'English' } });
    expect(text('badge-abc')).toBe(expected);
  });

  it('tells a lapsed customer their habit in the past tense', () => {
    renderAnalytics(atRiskMonthly);
    expect(text('badge-rfm')).toBe('At Risk last order 7 months ago, used to buy monthly');
    expect(badgeClass('badge-rfm')).toBe('badge badge-bad');
  });

  it('has a name for every RFM segment and a word for every buying habit', () => {
    const segments: RfmSegmentName[] = [
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
    const gaps = [7, 30, 90, 365, 500];
    const lines = segments.map((segment, i) => {
      const rfm = { r: 1, f: 1, m: 1, segment, daysSinceLastPurchase: 9, reason: segment };
      const { unmount } = renderAnalytics({ rfm, typicalGapDays: gaps[i % gaps.length] });
      const line = text('badge-rfm');
      unmount();
      return line;
    });
    expect(lines).toEqual([
      'Champions last order last week, buys weekly',
      'Loyal last order last week, buys monthly',
      'Potential Loyalists last order last week, buys quarterly',
      'New last order last week, buys yearly',
      'Promising last order last week, buys less than once a year',
      'Need Attention last order last week, buys weekly',
      'About to Sleep last order last week, used to buy monthly',
      'At Risk last order last week, used to buy quarterly',
      "Can't Lose last order last week, used to buy yearly",
      'Hibernating last order last week, used to buy less than once a year',
    ]);
  });

  it('says "one order so far" for a single purchase', () => {
    renderAnalytics({
      purchases: 1,
      lastPurchaseAt: FIXTURE_NOW - 3 * DAY,
      typicalGapDays: undefined,
      rfm: { r: 5, f: 1, m: 2, segment: 'New', daysSinceLastPurchase: 3, reason: 'New' },
    });
    expect(text('badge-rfm')).toBe('New last order 3 days ago, one order so far');
  });

  it('counts the days itself when the view has no time of the last purchase', () => {
    renderAnalytics({ ...atRiskMonthly, lastPurchaseAt: undefined });
    expect(text('badge-rfm')).toBe('At Risk last order 7 months ago, used to buy monthly');
  });

  it('shows — and why when the retention formula gives no per-customer forecast', () => {
    const reason = 'retention formula: fewer than 30 repeat buyers (4)';
    renderAnalytics({
      forecast: {
        method: 'retention',
        purchases90d: null,
        pAlive: null,
        expectedOrderValue: null,
        clv: 5_200,
        horizonMonths: 24,
        reason,
      },
    });
    expect(text('clv-predicted')).toBe('₪5,200.00');
    expect(text('p-alive')).toBe('—');
    expect(text('purchases-90d')).toBe('—');
    expect(text('analytics')).toContain('Predicted margin (24 months)');
    const note = screen.getByTestId('forecast-note');
    expect(note.textContent).toBe(
      'Too few repeat buyers yet to fit a purchase model: the value uses a simple retention formula.',
    );
    expect(note.getAttribute('title')).toBe(reason);
  });

  it('shows — everywhere when there is no forecast at all', () => {
    renderAnalytics({
      forecast: {
        method: 'none',
        purchases90d: null,
        pAlive: null,
        expectedOrderValue: null,
        clv: null,
        horizonMonths: 12,
        reason: 'no orders',
      },
      rfm: null,
    });
    expect(['clv-predicted', 'p-alive', 'purchases-90d'].map(text)).toEqual(['—', '—', '—']);
    expect(text('forecast-note')).toBe('Not enough order history for a forecast yet.');
    expect(screen.queryByTestId('badge-rfm')).toBeNull();
  });

  it('says what a loss-making or potential customer costs against what they earn', () => {
    const loss = { cost: 120, interactions: 15, reason: '15 interaction(s) cost 120' };
    const { unmount } = renderAnalytics({
      currency: 'EUR',
      costToServe: loss,
      profitability: { class: 'loss-making', net: -40, reason: 'loss-making' },
    });
    expect(text('badge-profitability')).toBe(
      'Loss-making cost to serve €120.00 exceeds margin €80.00',
    );
    expect(badgeClass('badge-profitability')).toBe('badge badge-bad');
    unmount();
    const { unmount: unmount2 } = renderAnalytics({
      currency: 'EUR',
      costToServe: loss,
      profitability: { class: 'potential', net: -40, reason: 'potential' },
    });
    expect(text('badge-profitability')).toBe(
      'Potential cost to serve €120.00 exceeds margin €80.00; the forecast covers the gap',
    );
    unmount2();
    renderAnalytics({
      currency: 'EUR',
      costToServe: { cost: 0, interactions: 0, reason: 'nothing yet' },
      profitability: { class: 'loss-making', net: 0, reason: 'loss-making' },
    });
    expect(text('badge-profitability')).toBe(
      'Loss-making margin €0.00 only equals cost to serve €0.00',
    );
  });

  it('leaves out the surveys nobody answered and says when no tier is reached', () => {
    renderAnalytics({
      satisfaction: { nps: { class: 'detractor', score: 4 }, csat: null },
      loyalty: { tier: null, discount: 0, reason: 'no tier reached' },
    });
    expect(text('badge-nps')).toBe('Detractor latest NPS answer 4 of 10');
    expect(screen.queryByTestId('badge-csat')).toBeNull();
    expect(text('badge-loyalty')?.trim()).toBe('No loyalty tier');
  });

  it('names every NPS and CSAT class', () => {
    const answers = [
      [
        { class: 'promoter', score: 10 },
        { class: 'dissatisfied', score: 1 },
      ],
      [
        { class: 'passive', score: 7 },
        { class: 'neutral', score: 3 },
      ],
    ] as const;
    const lines = answers.map(([nps, csat]) => {
      const { unmount } = renderAnalytics({ satisfaction: { nps, csat } });
      const both = [text('badge-nps'), text('badge-csat')];
      unmount();
      return both;
    });
    expect(lines).toEqual([
      ['Promoter latest NPS answer 10 of 10', 'Dissatisfied latest CSAT answer 1 of 5'],
      ['Passive latest NPS answer 7 of 10', 'Neutral latest CSAT answer 3 of 5'],
    ]);
  });

  it('renders a hostile tier name as text, isolated', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const { container } = renderAnalytics({
      loyalty: { tier: evil, discount: 0.05, reason: `${evil}: 5% off` },
    });
    expect(text('badge-loyalty')).toBe(`${evil} loyalty tier, 5% off`);
    expect(container.querySelector('img')).toBeNull();
    const name = screen.getByTestId('badge-loyalty').querySelector('bdi');
    expect([name?.textContent, name?.getAttribute('dir')]).toEqual([evil, 'auto']);
  });

  it('reads right to left in Hebrew, every word in Hebrew', () => {
    renderAnalytics(atRiskMonthly, { t: makeTranslate(he), locale: 'he', dir: 'rtl' });
    const panel = screen.getByTestId('analytics');
    expect(panel.closest('[dir]')?.getAttribute('dir')).toBe('rtl');
    expect(panel.querySelector('h3')?.textContent).toBe('ערך הלקוח');
    expect(text('badge-rfm')).toBe('בסיכון הזמנה אחרונה: לפני 7 חודשים, נהג לקנות מדי חודש');
    expect(text('badge-abc')).toBe('סיווג A ב-80% העליונים של ההכנסות');
    expect(text('p-alive')).toBe('93%');
    expect(text('clv-to-date')).toContain('21,102.15');
  });

  it('shows nothing until the background has computed the figures', () => {
    renderAnalytics({}, { view: readyView({ file: { ...CUSTOMER_FILE, analytics: undefined } }) });
    expect(screen.queryByTestId('analytics')).toBeNull();
    expect(screen.getByTestId('customer-header').nextElementSibling).toBe(
      screen.getByTestId('orders'),
    );
  });
});
