import type { Order, RevenueSummary } from '../lib/model';
import { formatDate, formatMoney, formatNumber } from './format';
import { Section } from './Section';
import type { Translate } from './types';

interface OrdersSummaryProps {
  revenue: RevenueSummary[];
  /** Newest first. */
  orders: Order[];
  /** The team currency, listed first. */
  teamCurrency: string;
  t: Translate;
  locale: string;
}

const RECENT = 5;

/** Revenue to date, one line per currency (never summed across currencies), and the last orders. */
export function OrdersSummary({ revenue, orders, teamCurrency, t, locale }: OrdersSummaryProps) {
  const byCurrency = [...revenue].sort(
    (a, b) => Number(b.currency === teamCurrency) - Number(a.currency === teamCurrency),
  );
  const recent = [...orders].sort((a, b) => b.at - a.at).slice(0, RECENT);
  return (
    <Section title={t('orders_title')} testId="orders">
      {byCurrency.length === 0 && recent.length === 0 ? (
        <p class="muted">{t('orders_empty')}</p>
      ) : (
        <>
          <ul class="revenue">
            {byCurrency.map((r) => (
              <li key={r.currency} data-testid={`revenue-${r.currency}`}>
                <span class="money strong">{formatMoney(r.total, r.currency, locale)}</span>
                <span class="muted">
                  {t('orders_count', formatNumber(r.orderCount, locale))}
                  {r.lastAt !== undefined && ` · ${t('orders_last', formatDate(r.lastAt, locale))}`}
                </span>
              </li>
            ))}
          </ul>
          {recent.length > 0 && (
            <ol class="orders" aria-label={t('orders_recent')}>
              {recent.map((o) => (
                <li key={o.id} class={`order order-${o.status}`} data-testid="order">
                  <span class="muted">{formatDate(o.at, locale)}</span>
                  <span class="order-desc">
                    <bdi dir="auto">{o.description ?? ''}</bdi>
                  </span>
                  <span class="money">{formatMoney(o.amount, o.currency, locale)}</span>
                  {o.status !== 'paid' && (
                    <span class="badge badge-warn">{t(`order_status_${o.status}`)}</span>
                  )}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </Section>
  );
}
