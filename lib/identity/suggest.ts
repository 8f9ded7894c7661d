import type { NewCustomerSuggestion } from '../model';
import { companyNameFromDomain } from './company-name';
import { registrableDomain } from './domain';
import { isFreeMail } from './free-mail';
import { titleCaseWords } from './title-case';

/** "dana.levi+crm@x" → "Dana Levi": the local part without its plus-address tag. */
export function personNameFromEmail(email: string): string {
  const local = email.slice(0, email.lastIndexOf('@')).split('+')[0] ?? '';
  return titleCaseWords(local) || local;
}

/**
 * What to prefill for a participant who is not a customer yet: a company named after the
 * domain, or a person when the address is free-mail (the domain says nothing about them).
 */
export function suggestCustomer(
  email: string,
  displayName: string,
  freeMailExtra: readonly string[],
): NewCustomerSuggestion {
  const personName = displayName || personNameFromEmail(email);
  const domain = registrableDomain(email);
  const companyName = domain ? companyNameFromDomain(domain) : null;
  if (domain === null || companyName === null || isFreeMail(domain, freeMailExtra)) {
    return { kind: 'person', personName, email };
  }
  return { kind: 'company', personName, companyName, domain, email };
}
