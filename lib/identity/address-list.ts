import { isWithinDomain } from './domain';
import { emailHost, normalizeEmail } from './email';
import { normalizeHost } from './host';

export interface AddressListInput {
  addresses: readonly string[];
  domains: readonly string[];
}

/**
 * A team list of addresses and domains ("never show", "never log") as a predicate over
 * normalised addresses. A listed domain covers its subdomains, so listing acme.co.il also
 * covers a@mail.acme.co.il; listing mail.acme.co.il covers only that host.
 */
export function addressListMatcher(list: AddressListInput): (email: string) => boolean {
  const addresses = new Set(list.addresses.map(normalizeEmail).filter((a) => a !== null));
  const domains = list.domains.map((d) => normalizeHost(d)).filter((d) => d !== null);
  return (email) =>
    addresses.has(email) || domains.some((domain) => isWithinDomain(emailHost(email), domain));
}
