import type { StoreStats } from '../../lib/messaging/protocol';
import { formatNumber } from '../format';
import type { Translate } from '../types';

interface StatsListProps {
  stats: StoreStats;
  t: Translate;
  locale: string;
}

/** The database's counts, formatted for the UI language. */
export function StatsList({ stats, t, locale }: StatsListProps) {
  const rows: Array<{ key: string; label: string; value: number; testId: string }> = [
    {
      key: 'customers',
      label: t('popup_customers'),
      value: stats.customers,
      testId: 'popup-customers',
    },
    {
      key: 'interactions',
      label: t('popup_interactions'),
      value: stats.interactions,
      testId: 'popup-interactions',
    },
    { key: 'orders', label: t('popup_orders'), value: stats.orders, testId: 'popup-orders' },
    {
      key: 'pending',
      label: t('popup_pending'),
      value: stats.pendingChanges,
      testId: 'popup-pending',
    },
  ];
  return (
    <dl class="popup-stats" aria-label={t('popup_stats_label')} data-testid="popup-stats">
      {rows.map((row) => (
        <div key={row.key} class="popup-stat">
          <dt>{row.label}</dt>
          <dd data-testid={row.testId}>{formatNumber(row.value, locale)}</dd>
        </div>
      ))}
    </dl>
  );
}
