import { normalizeEmail } from '../identity/email';
import type { Participant, ParticipantRole } from '../model';

/** Stronger first: what a participant did in the thread that says most about them. */
const ROLE_ORDER: readonly ParticipantRole[] = ['from', 'to', 'cc', 'bcc'];
/** The model's bound; a page may show more, the first ones are the ones that matter. */
const MAX_PARTICIPANTS = 500;
const MAX_NAME = 200;

export interface SeenAddress {
  /** The raw `email` attribute; normalised here, dropped when not an address. */
  email: string | null;
  name: string;
  role: ParticipantRole;
  /** False when the page did not say the role and `role` is only the fallback. */
  roleKnown: boolean;
  /** Higher for places that show full names (the sender line) than for short lists. */
  nameQuality: number;
}

interface Entry {
  participant: Participant;
  roleKnown: boolean;
  nameQuality: number;
}

/**
 * Collects the addresses a thread shows, one participant per normalised address in order of
 * first appearance. A role the page states beats a guessed one; among stated roles the
 * stronger wins. The better-placed non-empty name wins.
 */
export class ParticipantSet {
  readonly #byEmail = new Map<string, Entry>();

  add(seen: SeenAddress): string | null {
    const email = normalizeEmail(seen.email);
    if (email === null) return null;
    const shown = seen.name.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME).trim();
    // Where there is no display name, sites show the address itself: that is not a name.
    const name = normalizeEmail(shown) === email ? '' : shown;
    const entry = this.#byEmail.get(email);
    if (!entry) {
      if (this.#byEmail.size < MAX_PARTICIPANTS) {
        this.#byEmail.set(email, {
          participant: { email, name, role: seen.role },
          roleKnown: seen.roleKnown,
          nameQuality: name ? seen.nameQuality : 0,
        });
      }
      return email;
    }
    const stronger = ROLE_ORDER.indexOf(seen.role) < ROLE_ORDER.indexOf(entry.participant.role);
    if ((seen.roleKnown && !entry.roleKnown) || (seen.roleKnown === entry.roleKnown && stronger)) {
      entry.participant.role = seen.role;
      entry.roleKnown = seen.roleKnown;
    }
    if (name && seen.nameQuality > entry.nameQuality) {
      entry.participant.name = name;
      entry.nameQuality = seen.nameQuality;
    }
    return email;
  }

  list(): Participant[] {
    return [...this.#byEmail.values()].map((e) => ({ ...e.participant }));
  }
}
