import { ErrorNote } from './ErrorNote';
import { formatNumber } from './format';
import type { Translate } from './types';
import { useAsync } from './use-async';

interface LogEmailButtonProps {
  /** Messages of the open thread. */
  messageIds: string[];
  /** Those of them already on the customer's timeline. */
  loggedMessageIds: string[];
  /** The participant is on the never-log list: no one-click log. */
  neverLog: boolean;
  onLog(): Promise<void>;
  t: Translate;
  locale: string;
}

/** One click puts the open thread on the customer's timeline; it says how much already is. */
export function LogEmailButton(props: LogEmailButtonProps) {
  const { messageIds, loggedMessageIds, neverLog, onLog, t, locale } = props;
  const { busy, error, run } = useAsync();

  if (neverLog) {
    return (
      <p class="log-email muted" data-testid="log-email-never">
        {t('log_email_never')}
      </p>
    );
  }

  const logged = new Set(loggedMessageIds);
  const done = messageIds.filter((id) => logged.has(id)).length;
  const all = messageIds.length > 0 && done === messageIds.length;

  return (
    <div class="log-email">
      <button
        type="button"
        class={all ? 'button done' : 'button primary'}
        disabled={all || busy}
        aria-busy={busy}
        data-testid="log-email"
        onClick={() => void run(onLog)}
      >
        {busy ? t('log_email_busy') : all ? t('log_email_done') : t('log_email')}
      </button>
      {!all && done > 0 && (
        <span class="muted" data-testid="log-email-partial">
          {t('log_email_partial', [
            formatNumber(done, locale),
            formatNumber(messageIds.length, locale),
          ])}
        </span>
      )}
      <ErrorNote t={t} message={error} testId="log-email-error" />
    </div>
  );
}
