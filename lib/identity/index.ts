export { normalizeEmail, emailHost } from './email';
export { normalizeHost } from './host';
export { normalizePhone } from './phone';
export { registrableDomain, isWithinDomain } from './domain';
export { isFreeMail } from './free-mail';
export { companyNameFromDomain } from './company-name';
export { titleCaseWords } from './title-case';
export { addressListMatcher, type AddressListInput } from './address-list';
export {
  prepareParticipants,
  cleanName,
  ROLE_RANK,
  type PreparedParticipant,
} from './participants';
export { survivingCustomer } from './resolve';
export { suggestCustomer, personNameFromEmail } from './suggest';
export { matchParticipants, matchEmail, matchPhone, type MatchOptions } from './match';
export type { IdentityLookup } from './lookup';
export { memoryLookup } from './memory-lookup';
