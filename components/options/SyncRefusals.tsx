import { useId } from 'preact/hooks';
import type { RefusalResolution, RefusedChange } from '../../lib/sync/types';
import { Interpolated } from '../Interpolated';
import type { Translate } from '../types';
import { useAsync } from '../use-async';

interface SyncRefusalsProps {
  t: Translate;
  refused: RefusedChange[];
  onResolve(mutationId: string, resolution: RefusalResolution): Promise<void>;
}

/** The row a refusal concerns: its name when the engine knows one, else table and id. */
const rowName = (r: RefusedChange) => r.label ?? `${r.table} ${r.id}`;

/**
 * Local changes the server refused, each with the server's reason and what can be done: an
 * address another customer already has can be merged into that customer; anything can be
 * dismissed, which gives the row back the server's version.
 */
export function SyncRefusals({ t, refused, onResolve }: SyncRefusalsProps) {
  const id = useId();
  const { busy, error, run } = useAsync();
  const resolve = (mutationId: string, resolution: RefusalResolution) =>
    void run(() => onResolve(mutationId, resolution));

  return (
    <div class="sync-refusals" role="group" aria-labelledby={id} data-testid="sync-refusals">
      <h3 id={id}>{t('options_sync_refused_title')}</h3>
      <p class="help">{t('options_sync_refused_help')}</p>
      <ul class="sync-refusal-list">
        {refused.map((r) => (
          <li key={r.mutationId} data-testid="sync-refusal" data-mutation-id={r.mutationId}>
            <p class="sync-refusal-row" data-testid="sync-refusal-row">
              <Interpolated t={t} k="options_sync_refusal_row" values={[rowName(r)]} />
            </p>
            {/* The server's sentence, in English whatever the UI language. */}
            <p class="sync-refusal-reason" lang="en" dir="auto" data-testid="sync-refusal-reason">
              {r.reason}
            </p>
            <div class="sync-refusal-actions">
              {r.code === 'email_taken' && (
                <button
                  type="button"
                  class="button-primary"
                  disabled={busy}
                  aria-label={t('options_sync_merge_label', [
                    rowName(r),
                    r.conflictLabel ?? r.conflictWith ?? '',
                  ])}
                  data-testid="sync-merge"
                  onClick={() => resolve(r.mutationId, 'merge')}
                >
                  {r.conflictLabel ? (
                    <Interpolated t={t} k="options_sync_merge" values={[r.conflictLabel]} />
                  ) : (
                    t('options_sync_merge_unnamed')
                  )}
                </button>
              )}
              <button
                type="button"
                class="button-secondary"
                disabled={busy}
                aria-label={t('options_sync_dismiss_label', rowName(r))}
                data-testid="sync-dismiss"
                onClick={() => resolve(r.mutationId, 'dismiss')}
              >
                {t('options_sync_dismiss')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {error !== null && (
        <p class="error" role="alert" data-testid="sync-refusal-error">
          <Interpolated t={t} k="options_sync_action_error" values={[error]} />
        </p>
      )}
    </div>
  );
}
