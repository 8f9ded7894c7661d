import { useState } from 'preact/hooks';
import { Interpolated } from '../Interpolated';
import type { Translate } from '../types';
import { useAsync } from '../use-async';
import { FormField } from './FormField';

interface SyncConnectFormProps {
  t: Translate;
  /** Runs the engine's connection test; rejects with the sentence to show. */
  onConnect(url: string, token: string): Promise<void>;
}

/**
 * Local-only, and the form that connects to a team server. Empty fields are refused here; the
 * server's answer (wrong token, unreachable) comes back as the rejection's sentence.
 */
export function SyncConnectForm({ t, onConnect }: SyncConnectFormProps) {
  const { busy, error, run } = useAsync();
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [missing, setMissing] = useState<{ url?: string; token?: string }>({});

  const submit = (event: Event) => {
    event.preventDefault();
    const trimmedUrl = url.trim();
    const trimmedToken = token.trim();
    const next = {
      url: trimmedUrl ? undefined : t('options_sync_url_missing'),
      token: trimmedToken ? undefined : t('options_sync_token_missing'),
    };
    setMissing(next);
    if (next.url || next.token) return;
    void run(() => onConnect(trimmedUrl, trimmedToken));
  };

  return (
    <form class="sync-connect" onSubmit={submit} noValidate data-testid="sync-form">
      <p class="sync-local-only" data-testid="sync-local-only">
        {t('options_sync_local_only')}
      </p>
      <div class="form-grid">
        <FormField
          label={t('options_sync_url')}
          help={t('options_sync_url_help')}
          error={missing.url}
          type="url"
          maxLength={2_000}
          value={url}
          onInput={(value) => {
            setUrl(value);
            setMissing((m) => ({ ...m, url: undefined }));
          }}
          testId="sync-url"
        />
        <FormField
          label={t('options_sync_token')}
          help={t('options_sync_token_help')}
          error={missing.token}
          type="password"
          maxLength={200}
          value={token}
          onInput={(value) => {
            setToken(value);
            setMissing((m) => ({ ...m, token: undefined }));
          }}
          testId="sync-token"
        />
      </div>
      <div class="form-actions">
        <button
          type="submit"
          class="button-primary"
          disabled={busy}
          aria-busy={busy}
          data-testid="sync-connect"
        >
          {busy ? t('options_sync_connecting') : t('options_sync_connect')}
        </button>
      </div>
      <div aria-live="polite">
        {error !== null && !busy && (
          <p class="error" role="alert" data-testid="sync-error">
            <Interpolated t={t} k="options_sync_connect_error" values={[error]} />
          </p>
        )}
      </div>
    </form>
  );
}
