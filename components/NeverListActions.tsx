import type { NewCustomerSuggestion } from '../lib/model';
import { ErrorNote } from './ErrorNote';
import { Interpolated } from './Interpolated';
import type { SidebarActions, Translate } from './types';
import { useAsync } from './use-async';

interface NeverListActionsProps {
  suggestion: NewCustomerSuggestion;
  onAdd: SidebarActions['addToNeverList'];
  t: Translate;
}

type Entry = Parameters<SidebarActions['addToNeverList']>[0];

/**
 * "Never show" hides the participant from the sidebar; "never log" keeps their mail off the
 * timeline. Domains are offered only when there is one, i.e. not for free-mail addresses.
 */
export function NeverListActions({ suggestion, onAdd, t }: NeverListActionsProps) {
  const { busy, error, run } = useAsync();
  const entries: Array<Entry & { k: string }> = [
    { list: 'neverShow', kind: 'address', value: suggestion.email, k: 'never_show' },
    ...(suggestion.domain
      ? [{ list: 'neverShow', kind: 'domain', value: suggestion.domain, k: 'never_show' } as const]
      : []),
    { list: 'neverLog', kind: 'address', value: suggestion.email, k: 'never_log' },
    ...(suggestion.domain
      ? [{ list: 'neverLog', kind: 'domain', value: suggestion.domain, k: 'never_log' } as const]
      : []),
  ];
  return (
    <div class="never-lists" data-testid="never-lists">
      <ul>
        {entries.map(({ k, ...entry }) => (
          <li key={`${entry.list}-${entry.kind}`}>
            <button
              type="button"
              class="link-button"
              disabled={busy}
              data-testid={`${entry.list}-${entry.kind}`}
              onClick={() => void run(() => onAdd(entry))}
            >
              <Interpolated t={t} k={k} values={[entry.value]} />
            </button>
          </li>
        ))}
      </ul>
      <ErrorNote t={t} message={error} testId="never-list-error" />
    </div>
  );
}
