import type { AnalyticsSummary, RfmSegmentName } from '../../lib/model';
import { formatMoney, formatNumber, formatRelative } from '../format';
import { Interpolated } from '../Interpolated';
import type { Translate } from '../types';
import { useAsync } from '../use-async';

interface ValueSummaryProps {
  summary: AnalyticsSummary | null;
  t: Translate;
  locale: string;
  now: number;
  onRecompute(): Promise<void>;
}

/** Most valuable first, then the ones to win back, then the rest. */
const SEGMENT_ORDER: RfmSegmentName[] = [
  'Champions',
  'Loyal',
  'Potential Loyalists',
  'New',
  'Promising',
  'Need Attention',
  "Can't Lose",
  'At Risk',
  'About to Sleep',
  'Hibernating',
];

/** "Can't Lose" → rfm_segment_cant_lose, as the sidebar's badges name them. */
const segmentKey = (s: RfmSegmentName) =>
  `rfm_segment_${s.toLowerCase().replace(/'/g, '').replace(/[ -]/g, '_')}`;

/**
 * What the last analytics run found about the whole base: how many customers per RFM segment
 * and ABC class, the predicted value of them all, and which model said so. A manager's first
 * look; the per-customer figures are in the sidebar.
 */
export function ValueSummary({ summary, t, locale, now, onRecompute }: ValueSummaryProps) {
  const { busy, error, run } = useAsync();
  return (
    <section class="popup-value" data-testid="popup-value" aria-label={t('popup_value_title')}>
      <h2>{t('popup_value_title')}</h2>
      {summary === null ? (
        <p class="popup-note" data-testid="popup-value-none">
          {t('popup_value_none')}
        </p>
      ) : (
        <>
          <p class="popup-note" data-testid="popup-value-basis">
            <Interpolated
              t={t}
              k="popup_value_basis"
              values={[
                formatNumber(summary.customers, locale),
                summary.method === 'retention' || summary.method === 'none'
                  ? t('popup_value_method_retention')
                  : summary.method.toUpperCase().replace('-', '/'),
                formatRelative(summary.computedAt, now, locale),
              ]}
            />
          </p>
          <p data-testid="popup-value-clv">
            <Interpolated
              t={t}
              k="popup_value_clv"
              values={[
                Object.entries(summary.predictedClv)
                  .sort(([a], [b]) =>
                    a === summary.currency ? -1 : b === summary.currency ? 1 : a < b ? -1 : 1,
                  )
                  .map(([currency, value]) => formatMoney(value, currency, locale))
                  .join(' + '),
              ]}
            />
          </p>
          <ul class="popup-segments" data-testid="popup-segments">
            {SEGMENT_ORDER.filter((s) => (summary.segments[s] ?? 0) > 0).map((s) => (
              <li key={s} data-testid="popup-segment">
                <span>{t(segmentKey(s))}</span>
                <span class="popup-count">{formatNumber(summary.segments[s] ?? 0, locale)}</span>
              </li>
            ))}
          </ul>
          <p class="popup-abc" data-testid="popup-abc">
            {(['A', 'B', 'C'] as const).map((c) => (
              <span key={c} class={`badge badge-abc-${c}`}>
                {c} · {formatNumber(summary.abc[c], locale)}
              </span>
            ))}
          </p>
        </>
      )}
      <button
        type="button"
        class="button-secondary"
        disabled={busy}
        aria-busy={busy}
        data-testid="popup-recompute"
        onClick={() => void run(onRecompute)}
      >
        {busy ? t('popup_value_recomputing') : t('popup_value_recompute')}
      </button>
      {error && (
        <p class="popup-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
