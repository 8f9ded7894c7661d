import type { CustomerAnalytics } from '../lib/model';
import { formatMoney, formatMonths, formatNumber, formatPercent } from './format';
import { Section } from './Section';
import { SegmentBadges } from './SegmentBadges';
import type { Translate } from './types';

interface AnalyticsPanelProps {
  /** Absent until the background's first recompute after start-up has finished: nothing shows. */
  analytics: CustomerAnalytics | undefined;
  t: Translate;
  locale: string;
  now: number;
}

type Forecast = CustomerAnalytics['forecast'];

const MISSING = '—';
const ONE_DECIMAL: Intl.NumberFormatOptions = {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
};

/** Why some forecast figure is missing, in the UI language (the English reason is the tooltip). */
const missingForecastNote = (forecast: Forecast, t: Translate) =>
  t(forecast.method === 'retention' ? 'forecast_why_retention' : 'forecast_why_none');

/** What the customer is worth and how they buy: lifetime value, forecast and segments. */
export function AnalyticsPanel({ analytics: a, t, locale, now }: AnalyticsPanelProps) {
  if (!a) return null;
  const { forecast } = a;
  const orMissing = <T,>(value: T | null, format: (v: T) => string) =>
    value === null ? MISSING : format(value);
  const money = (v: number) => formatMoney(v, a.currency, locale);
  const figures: Array<[testId: string, label: string, value: string]> = [
    ['clv-to-date', t('analytics_margin_to_date'), money(a.marginToDate)],
    [
      'clv-predicted',
      t('analytics_predicted', formatMonths(forecast.horizonMonths, locale)),
      orMissing(forecast.clv, money),
    ],
    [
      'p-alive',
      t('analytics_p_alive'),
      orMissing(forecast.pAlive, (p) => formatPercent(p, locale)),
    ],
    [
      'purchases-90d',
      t('analytics_purchases_90d'),
      orMissing(forecast.purchases90d, (n) => formatNumber(n, locale, ONE_DECIMAL)),
    ],
  ];
  const incomplete = figures.some(([, , value]) => value === MISSING);
  return (
    <Section title={t('analytics_title')} testId="analytics">
      <dl class="facts">
        {figures.map(([testId, label, value]) => (
          <div key={testId}>
            <dt>{label}</dt>
            <dd class="money" data-testid={testId}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {incomplete && (
        <p class="muted hint" title={forecast.reason} data-testid="forecast-note">
          {missingForecastNote(forecast, t)}
        </p>
      )}
      <SegmentBadges analytics={a} t={t} locale={locale} now={now} />
    </Section>
  );
}
