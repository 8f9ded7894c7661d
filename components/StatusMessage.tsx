import { Interpolated } from './Interpolated';
import type { SidebarView, Translate } from './types';

interface StatusMessageProps {
  view: Exclude<SidebarView, { state: 'ready' }>;
  t: Translate;
}

/** What the panel says when there is no customer file to show. */
export function StatusMessage({ view, t }: StatusMessageProps) {
  switch (view.state) {
    case 'idle':
      return (
        <p class="status" data-testid="status-idle">
          {t('status_idle')}
        </p>
      );
    case 'loading':
      return (
        <p
          class="status status-loading"
          role="status"
          aria-busy="true"
          data-testid="status-loading"
        >
          <span class="spinner" aria-hidden="true" />
          {t('status_loading')}
        </p>
      );
    case 'nobody':
      return (
        <p class="status" data-testid="status-nobody">
          {t('status_nobody')}
        </p>
      );
    case 'error':
      return (
        <p class="status error-note" role="alert" data-testid="status-error">
          <Interpolated t={t} k="status_error" values={[view.message]} />
        </p>
      );
  }
}
