import { getDomain } from 'tldts';
import { normalizeHost } from './host';

/**
 * The registrable domain ("acme.co.il" for a@mail.acme.co.il or mail.acme.co.il), from the
 * public suffix list, or null for IPs, single-label hosts and bare suffixes ("co.il").
 * Only ICANN suffixes count: a company's mail domain is never on a private suffix.
 */
export function registrableDomain(emailOrHost: string): string | null {
  if (typeof emailOrHost !== 'string') return null;
  const host = normalizeHost(emailOrHost.slice(emailOrHost.lastIndexOf('@') + 1));
  if (host === null) return null;
  return getDomain(host, { allowPrivateDomains: false });
}

/** True when `host` is `domain` or one of its subdomains (both already lower case). */
export function isWithinDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}
