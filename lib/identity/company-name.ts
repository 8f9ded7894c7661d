import { getDomainWithoutSuffix } from 'tldts';
import { registrableDomain } from './domain';
import { titleCaseWords } from './title-case';

/**
 * A company name guessed from its domain, to prefill "create customer": "acme-tools.co.il"
 * → "Acme Tools", "sia-latvijas-koks.lv" → "Sia Latvijas Koks". Null when there is no
 * registrable domain. A punycode label cannot be decoded without a Node API, so the domain
 * itself is offered instead of gibberish; the agent edits it.
 */
export function companyNameFromDomain(domain: string): string | null {
  // Underscores are not valid in host names but do turn up in typed-in domains.
  const registrable = registrableDomain(domain.replace(/_/g, '-'));
  if (registrable === null) return null;
  const label = getDomainWithoutSuffix(registrable) ?? '';
  if (label.startsWith('xn--')) return registrable;
  const name = titleCaseWords(label);
  return name.length > 0 ? name : null;
}
