import type { Participant, ParticipantRole } from '../model';
import { addressListMatcher, type AddressListInput } from './address-list';
import { normalizeEmail } from './email';

/** Lower is stronger: the sender of a thread says more about it than a bcc. */
export const ROLE_RANK: Readonly<Record<ParticipantRole, number>> = {
  from: 0,
  to: 1,
  cc: 2,
  bcc: 3,
};

export interface ParticipantFilter {
  agentEmails: readonly string[];
  account?: string;
  neverShow: AddressListInput;
}

export interface PreparedParticipant {
  participant: Participant;
  /** Position of the first occurrence, for a stable order among equals. */
  order: number;
}

/** Display names come from an untrusted page: text only, one line, bounded as the model is. */
export function cleanName(raw: string, email: string): string {
  const name = raw
    .replace(/\p{Cc}/gu, ' ')
    // Bidi overrides and isolates can make a name display as something else.
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200)
    .trim();
  // Gmail shows a bare address where there is no name; that is not a name.
  return normalizeEmail(name) === email ? '' : name;
}

/**
 * Participants as matching sees them: addresses normalised (invalid ones dropped), one entry
 * per address with its strongest role and a non-empty name when any occurrence had one,
 * without the agent's own addresses (never the customer) and without never-show ones.
 */
export function prepareParticipants(
  participants: readonly Participant[],
  filter: ParticipantFilter,
): PreparedParticipant[] {
  const own = new Set(
    [...filter.agentEmails, filter.account ?? ''].map(normalizeEmail).filter((a) => a !== null),
  );
  const hidden = addressListMatcher(filter.neverShow);
  const byEmail = new Map<string, PreparedParticipant>();
  participants.forEach((p, index) => {
    const email = normalizeEmail(p.email);
    if (email === null || own.has(email) || hidden(email)) return;
    const name = cleanName(p.name, email);
    const seen = byEmail.get(email);
    if (!seen) {
      byEmail.set(email, { participant: { email, name, role: p.role }, order: index });
      return;
    }
    if (ROLE_RANK[p.role] < ROLE_RANK[seen.participant.role]) seen.participant.role = p.role;
    if (seen.participant.name === '') seen.participant.name = name;
  });
  return [...byEmail.values()];
}
