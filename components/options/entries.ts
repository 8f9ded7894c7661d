import { normalizeEmail } from '../../lib/identity/email';
import { normalizeHost } from '../../lib/identity/host';
import type { NeverEntryKind } from './types';

export interface NeverEntry {
  kind: NeverEntryKind;
  value: string;
}

/**
 * What the agent typed into a never-list field, in the lower-case form the lists keep, or null.
 * Anything with a local part is an address; "acme.com" and "@acme.com" are domains. The
 * background still reduces a domain to its registrable part ("mail.acme.co.il" → "acme.co.il").
 */
export function parseNeverEntry(raw: string): NeverEntry | null {
  const text = raw.trim();
  if (text.startsWith('@')) {
    const host = normalizeHost(text.slice(1));
    return host ? { kind: 'domain', value: host } : null;
  }
  if (text.includes('@')) {
    const email = normalizeEmail(text);
    return email ? { kind: 'address', value: email } : null;
  }
  const host = normalizeHost(text);
  return host ? { kind: 'domain', value: host } : null;
}

/** The agent's own address as stored (lower case), or null when it is not one. */
export function parseAgentEmail(raw: string): string | null {
  return normalizeEmail(raw);
}
