import type { ParticipantMatch } from '../lib/model';
import type { Translate } from './types';

interface ParticipantSwitcherProps {
  matches: ParticipantMatch[];
  selectedEmail: string;
  onSelect(email: string): void;
  t: Translate;
}

/** One button per participant of the thread; shown only when there is a choice to make. */
export function ParticipantSwitcher({
  matches,
  selectedEmail,
  onSelect,
  t,
}: ParticipantSwitcherProps) {
  if (matches.length < 2) return null;
  return (
    <nav class="switcher" aria-label={t('participants_label')} data-testid="participant-switcher">
      <ul>
        {matches.map(({ participant, match, suggestion }) => {
          const selected = participant.email === selectedEmail;
          return (
            <li key={participant.email}>
              <button
                type="button"
                class={selected ? 'participant selected' : 'participant'}
                aria-current={selected ? 'true' : undefined}
                data-testid={`participant-${participant.email}`}
                onClick={() => onSelect(participant.email)}
              >
                <span class="participant-name">
                  <bdi dir="auto">{participant.name || suggestion.personName}</bdi>
                </span>
                <span class={match ? 'badge badge-customer' : 'badge badge-new'}>
                  {match ? t('badge_customer') : t('badge_new')}
                </span>
                <span class="participant-email">
                  <bdi dir="auto">{participant.email}</bdi>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
