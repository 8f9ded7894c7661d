import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { SyncConnection, SyncStatus } from '../../lib/sync/types';
import { formatNumber } from '../format';
import { Interpolated } from '../Interpolated';
import type { Translate } from '../types';
import { useAsync } from '../use-async';
import { retryText, roleText, syncedAgo, teamText } from './sync-text';

interface SyncConnectedPanelProps {
  t: Translate;
  locale: string;
  connection: SyncConnection;
  status: SyncStatus;
  /** "Now" for the relative times, in ms. */
  now: number;
  onSyncNow(): Promise<void>;
  onDisconnect(): Promise<void>;
}

/**
 * Who this browser syncs as and how it is going: the last sync, what is still to send, the
 * last failure with the next try, and the way to sync now or to disconnect (after a
 * confirmation that says the local data stays).
 */
export function SyncConnectedPanel({
  t,
  locale,
  connection,
  status,
  now,
  onSyncNow,
  onDisconnect,
}: SyncConnectedPanelProps) {
  const { busy, error, run } = useAsync();
  const [confirming, setConfirming] = useState(false);
  const confirmId = useId();
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const running = status.phase === 'pushing' || status.phase === 'pulling';

  return (
    <div class="sync-connected">
      <p class="sync-status" data-testid="sync-status">
        <Interpolated
          t={t}
          k="options_sync_connected"
          values={[teamText(connection), connection.email, roleText(t, connection.role)]}
        />
      </p>
      <p class="sync-fact" data-testid="sync-last">
        {status.lastSyncAt === undefined
          ? t('options_sync_never')
          : t('options_sync_last', syncedAgo(t, status.lastSyncAt, now, locale))}
        {running && (
          <span class="sync-running">
            {' · '}
            {t('options_sync_running')}
            {status.received !== undefined &&
              ` ${t('options_sync_received', formatNumber(status.received, locale))}`}
          </span>
        )}
      </p>
      <p class="sync-fact" data-testid="sync-pending">
        {t('options_sync_pending', formatNumber(status.pending, locale))}
      </p>
      {status.error && (
        <p class="warning" data-testid="sync-error">
          <Interpolated t={t} k="options_sync_error" values={[status.error.message]} />
          {status.error.retryAt !== undefined && (
            <> {retryText(t, status.error.retryAt, now, locale)}</>
          )}
        </p>
      )}

      {confirming ? (
        <div class="sync-confirm" role="group" aria-labelledby={confirmId}>
          <p id={confirmId} data-testid="sync-disconnect-question">
            {t('options_sync_disconnect_confirm')}
          </p>
          <div class="form-actions">
            <button
              ref={confirmButton}
              type="button"
              class="button-primary"
              disabled={busy}
              data-testid="sync-disconnect-confirm"
              onClick={() =>
                void run(async () => {
                  await onDisconnect();
                  setConfirming(false);
                })
              }
            >
              {t('options_sync_disconnect')}
            </button>
            <button
              type="button"
              class="button-secondary"
              disabled={busy}
              data-testid="sync-disconnect-cancel"
              onClick={() => setConfirming(false)}
            >
              {t('options_sync_cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div class="form-actions">
          <button
            type="button"
            class="button-primary"
            disabled={busy}
            aria-busy={busy}
            data-testid="sync-now"
            onClick={() => void run(onSyncNow)}
          >
            {t('options_sync_now')}
          </button>
          <button
            type="button"
            class="button-secondary"
            disabled={busy}
            data-testid="sync-disconnect"
            onClick={() => setConfirming(true)}
          >
            {t('options_sync_disconnect')}
          </button>
        </div>
      )}
      {error !== null && (
        <p class="error" role="alert" data-testid="sync-action-error">
          <Interpolated t={t} k="options_sync_action_error" values={[error]} />
        </p>
      )}
    </div>
  );
}
