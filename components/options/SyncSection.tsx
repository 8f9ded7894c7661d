import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { RefusalResolution, SyncStatus } from '../../lib/sync/types';
import { Interpolated } from '../Interpolated';
import type { Translate } from '../types';
import { errorMessage } from '../use-async';
import { OptionsSection } from './OptionsSection';
import { SyncConnectedPanel } from './SyncConnectedPanel';
import { SyncConnectForm } from './SyncConnectForm';
import { SyncRefusals } from './SyncRefusals';
import type { SyncActions } from './types';

/** How often the open page asks for the status: often enough to watch a sync finish. */
export const SYNC_POLL_MS = 5_000;

interface SyncSectionProps {
  t: Translate;
  locale: string;
  actions: SyncActions;
  pollMs?: number;
  /** "Now" for relative times; tests pin it. */
  now?: () => number;
}

type Loaded =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; status: SyncStatus };

/**
 * Team sync on the options page: local-only with the connection form, or the connection's
 * state and the refused changes. The status is asked for every few seconds while the page is
 * open, and every action answers the status after it.
 */
export function SyncSection({
  t,
  locale,
  actions,
  pollMs = SYNC_POLL_MS,
  now = Date.now,
}: SyncSectionProps) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  // Answers are applied in the order their requests were sent: a poll sent before an action
  // must not put back the state from before it.
  const sent = useRef(0);
  const applied = useRef(0);
  const track = useCallback(async (request: () => Promise<SyncStatus>) => {
    const mine = ++sent.current;
    const status = await request();
    if (mine > applied.current) {
      applied.current = mine;
      setLoaded({ state: 'ready', status });
    }
  }, []);

  const refresh = useCallback(async () => {
    try {
      await track(() => actions.status());
    } catch (err) {
      // A failed poll keeps what is on screen; only the first read shows the error.
      setLoaded((current) =>
        current.state === 'ready' ? current : { state: 'error', message: errorMessage(err) },
      );
    }
  }, [actions, track]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), pollMs);
    return () => clearInterval(timer);
  }, [refresh, pollMs]);

  const status = loaded.state === 'ready' ? loaded.status : null;
  return (
    <OptionsSection title={t('options_sync_title')} testId="options-sync">
      {loaded.state === 'loading' && (
        <p class="help" role="status" aria-busy="true" data-testid="sync-loading">
          {t('options_sync_loading')}
        </p>
      )}
      {loaded.state === 'error' && (
        <p class="error" role="alert" data-testid="sync-load-error">
          <Interpolated t={t} k="options_sync_load_error" values={[loaded.message]} />
        </p>
      )}
      {status && !status.connection && (
        <SyncConnectForm
          t={t}
          onConnect={(url, token) => track(() => actions.connect(url, token))}
        />
      )}
      {status?.connection && (
        <SyncConnectedPanel
          t={t}
          locale={locale}
          connection={status.connection}
          status={status}
          now={now()}
          onSyncNow={() => track(() => actions.syncNow())}
          onDisconnect={() => track(() => actions.disconnect())}
        />
      )}
      {status && status.refused.length > 0 && (
        <SyncRefusals
          t={t}
          refused={status.refused}
          onResolve={(mutationId: string, resolution: RefusalResolution) =>
            track(() => actions.resolve(mutationId, resolution))
          }
        />
      )}
    </OptionsSection>
  );
}
