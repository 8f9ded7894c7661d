import type { SyncStatus } from '../../lib/sync/types';
import { formatNumber } from '../format';
import { Interpolated } from '../Interpolated';
import { syncedAgo } from '../options/sync-text';
import type { Translate } from '../types';

interface SyncLineProps {
  status: SyncStatus;
  t: Translate;
  locale: string;
  now: number;
  /** The options page has the connection form and the refused changes. */
  onOpenOptions(): void;
}

/**
 * One line about team sync: local only (with the way to connect), or when it last synced and
 * what is still to send; the last failure in the warning colour; refused changes, which are
 * settled on the options page.
 */
export function SyncLine({ status, t, locale, now, onOpenOptions }: SyncLineProps) {
  const refused = status.refused.length;
  const failed = status.connection !== null && status.error !== undefined;
  return (
    <section
      class={failed ? 'popup-sync popup-sync-failed' : 'popup-sync'}
      aria-label={t('popup_sync_label')}
      data-testid="popup-sync"
    >
      {status.connection === null ? (
        <p data-testid="popup-sync-text">
          {t('popup_sync_local')}
          {' · '}
          <button
            type="button"
            class="link-button"
            data-testid="popup-sync-connect"
            onClick={onOpenOptions}
          >
            {t('popup_sync_connect')}
          </button>
        </p>
      ) : (
        <p data-testid="popup-sync-text">
          {status.phase === 'pushing' || status.phase === 'pulling'
            ? t('popup_sync_running')
            : status.lastSyncAt === undefined
              ? t('popup_sync_never')
              : t('popup_sync_synced', syncedAgo(t, status.lastSyncAt, now, locale))}
          {status.pending > 0 &&
            ` · ${t('popup_sync_pending', formatNumber(status.pending, locale))}`}
        </p>
      )}
      {failed && (
        <p class="popup-warning" data-testid="popup-sync-error">
          <Interpolated t={t} k="popup_sync_error" values={[status.error!.message]} />
        </p>
      )}
      {refused > 0 && (
        <button
          type="button"
          class="link-button popup-warning"
          data-testid="popup-sync-refused"
          onClick={onOpenOptions}
        >
          {t('popup_sync_refused', formatNumber(refused, locale))}
        </button>
      )}
    </section>
  );
}
