import type { ParticipantMatch } from '../lib/model';
import { domainOf } from './format';
import { Interpolated } from './Interpolated';
import type { Translate } from './types';

/** "matched by domain acme.co.il": why this file is shown for this participant. */
export function MatchedByHint({ match, t }: { match: ParticipantMatch; t: Translate }) {
  const m = match.match;
  if (!m) return null;
  const email = match.participant.email;
  const [k, values]: [string, string[]] =
    m.by === 'domain'
      ? ['matched_by_domain', [match.suggestion.domain ?? domainOf(email)]]
      : m.by === 'contact-email'
        ? ['matched_by_contact', [m.contactName || email]]
        : m.by === 'phone'
          ? ['matched_by_phone', []]
          : ['matched_by_email', [email]];
  return (
    <p class="matched-by" data-testid="matched-by">
      <Interpolated t={t} k={k} values={values} />
    </p>
  );
}
