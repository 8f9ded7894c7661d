import { useCallback, useEffect, useState } from 'preact/hooks';
import type { StoreStats } from '../../lib/messaging/protocol';
import { Interpolated } from '../Interpolated';
import type { SyncStatus } from '../../lib/sync/types';
import type { Translate } from '../types';
import { errorMessage } from '../use-async';
import { SeedDemo } from './SeedDemo';
import { StatsList } from './StatsList';
import { SyncLine } from './SyncLine';
import { useAnalyticsSummary } from './use-analytics-summary';
import { ValueSummary } from './ValueSummary';
import type { PopupActions } from './types';

export interface PopupViewProps {
  actions: PopupActions;
  t: Translate;
  /** BCP 47 tag for numbers ("en", "he", "lv"). */
  locale: string;
  dir: 'ltr' | 'rtl';
}

type StatsState =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; stats: StoreStats };

/** The toolbar popup: team sync, what the database holds, demo data, the way to the settings. */
export function PopupView({ actions, t, locale, dir }: PopupViewProps) {
  const [stats, setStats] = useState<StatsState>({ state: 'loading' });
  const reload = useCallback(async () => {
    try {
      setStats({ state: 'ready', stats: await actions.loadStats() });
    } catch (err) {
      setStats({ state: 'error', message: errorMessage(err) });
    }
  }, [actions]);
  useEffect(() => void reload(), [reload]);
  const { value, setValue, expectNewer } = useAnalyticsSummary(actions.loadAnalytics);
  const recompute = async () => setValue(await actions.recomputeAnalytics());
  // null when the status could not be read: the line is left out rather than guessed.
  const [sync, setSync] = useState<SyncStatus | null>(null);
  useEffect(() => {
    actions.loadSyncStatus().then(setSync, () => setSync(null));
  }, [actions]);

  const seed = async () => {
    const counts = await actions.seedDemo();
    await reload();
    expectNewer();
    return counts;
  };
  const empty = stats.state === 'ready' && stats.stats.customers === 0;

  return (
    <div class="popup" dir={dir} data-testid="popup">
      <header class="popup-header">
        <h1>{t('extName')}</h1>
        <button
          type="button"
          class="link-button"
          data-testid="popup-open-options"
          onClick={() => actions.openOptions()}
        >
          {t('popup_open_options')}
        </button>
      </header>
      {sync && (
        <SyncLine
          status={sync}
          t={t}
          locale={locale}
          now={Date.now()}
          onOpenOptions={() => actions.openOptions()}
        />
      )}
      {stats.state === 'loading' && (
        <p class="popup-note" role="status" aria-busy="true" data-testid="popup-stats-loading">
          {t('popup_stats_loading')}
        </p>
      )}
      {stats.state === 'error' && (
        <p class="popup-error" role="alert" data-testid="popup-stats-error">
          <Interpolated t={t} k="popup_stats_error" values={[stats.message]} />
        </p>
      )}
      {stats.state === 'ready' && <StatsList stats={stats.stats} t={t} locale={locale} />}
      {empty && (
        <div class="popup-empty" data-testid="popup-empty">
          <h2>{t('popup_empty_title')}</h2>
          <p>{t('popup_empty_body')}</p>
        </div>
      )}
      {stats.state === 'ready' && !empty && value !== undefined && (
        <ValueSummary
          summary={value}
          t={t}
          locale={locale}
          now={Date.now()}
          onRecompute={recompute}
        />
      )}
      {stats.state !== 'loading' && (
        <SeedDemo t={t} locale={locale} prominent={empty} onSeed={seed} />
      )}
    </div>
  );
}
