import type { Contact, Customer, CustomerMatch, MatchedBy, Participant } from '../model';
import type { ParticipantMatch } from '../model';
import { addressListMatcher, type AddressListInput } from './address-list';
import { registrableDomain } from './domain';
import { isFreeMail } from './free-mail';
import type { IdentityLookup } from './lookup';
import { prepareParticipants, ROLE_RANK } from './participants';
import { byAge, survivingCustomer } from './resolve';
import { suggestCustomer } from './suggest';

export interface MatchOptions {
  /** The agent's own addresses: never the customer. */
  agentEmails: readonly string[];
  /** The signed-in mailbox the page shows, also the agent's. */
  account?: string;
  freeMailExtra: readonly string[];
  neverShow: AddressListInput;
  neverLog: AddressListInput;
}

const BY_RANK: Readonly<Record<MatchedBy, number>> = {
  email: 0,
  'contact-email': 1,
  phone: 2,
  domain: 3,
};
const UNMATCHED_RANK = 4;

interface Candidate {
  customer: Customer;
  contact?: Contact;
}

function toMatch({ customer, contact }: Candidate, by: MatchedBy): CustomerMatch {
  const match: CustomerMatch = {
    customerId: customer.id,
    customerName: customer.name,
    kind: customer.kind,
    by,
  };
  if (contact) {
    match.contactId = contact.id;
    match.contactName = contact.name;
  }
  return match;
}

async function customerCandidates(rows: Customer[], lookup: IdentityLookup): Promise<Candidate[]> {
  const survivors = await Promise.all(rows.map((row) => survivingCustomer(row, lookup)));
  return survivors.filter((c) => c !== null).map((customer) => ({ customer }));
}

async function contactCandidates(rows: Contact[], lookup: IdentityLookup): Promise<Candidate[]> {
  const found = await Promise.all(
    rows
      .filter((contact) => !contact.deleted)
      .map(async (contact) => {
        const owner = await lookup.customerById(contact.customerId);
        const customer = owner ? await survivingCustomer(owner, lookup) : null;
        return customer ? { customer, contact } : null;
      }),
  );
  return found.filter((c) => c !== null);
}

/** Deterministic pick among several: the oldest customer, then the oldest contact. */
function earliest(candidates: Candidate[]): Candidate | undefined {
  return [...candidates].sort(
    (a, b) =>
      byAge(a.customer, b.customer) ||
      (a.contact && b.contact ? byAge(a.contact, b.contact) : a.contact ? 1 : b.contact ? -1 : 0),
  )[0];
}

/**
 * Customer by exact email, else by a contact's email, else (non-free-mail only) a company
 * customer owning the registrable domain. A direct match also names the customer's own
 * contact with that address, when there is one.
 */
export async function matchEmail(
  email: string,
  lookup: IdentityLookup,
  freeMailExtra: readonly string[],
): Promise<CustomerMatch | null> {
  const [customers, contacts] = await Promise.all([
    lookup.customersByEmail(email).then((rows) => customerCandidates(rows, lookup)),
    lookup.contactsByEmail(email).then((rows) => contactCandidates(rows, lookup)),
  ]);
  const direct = earliest(customers);
  if (direct) {
    const own = earliest(contacts.filter((c) => c.customer.id === direct.customer.id));
    return toMatch({ customer: direct.customer, contact: own?.contact }, 'email');
  }
  const viaContact = earliest(contacts);
  if (viaContact) return toMatch(viaContact, 'contact-email');

  const domain = registrableDomain(email);
  if (domain === null || isFreeMail(domain, freeMailExtra)) return null;
  const companies = (await lookup.customersByDomain(domain)).filter((c) => c.kind === 'company');
  const company = earliest(await customerCandidates(companies, lookup));
  return company ? toMatch(company, 'domain') : null;
}

/** Customer by phone (E.164): the customer's own numbers first, then its contacts'. */
export async function matchPhone(
  e164: string,
  lookup: IdentityLookup,
): Promise<CustomerMatch | null> {
  if (!/^\+[1-9]\d{6,14}$/.test(e164)) return null;
  const direct = earliest(await customerCandidates(await lookup.customersByPhone(e164), lookup));
  if (direct) return toMatch(direct, 'phone');
  const viaContact = earliest(await contactCandidates(await lookup.contactsByPhone(e164), lookup));
  return viaContact ? toMatch(viaContact, 'phone') : null;
}

/**
 * Who on the page is a customer, best match first (ARCHITECTURE "Identification"), with a
 * prefilled suggestion for everyone and the never-log flag the logging buttons obey.
 */
export async function matchParticipants(
  participants: readonly Participant[],
  lookup: IdentityLookup,
  opts: MatchOptions,
): Promise<ParticipantMatch[]> {
  const prepared = prepareParticipants(participants, opts);
  const neverLog = addressListMatcher(opts.neverLog);
  const results = await Promise.all(
    prepared.map(async ({ participant, order }) => ({
      order,
      result: {
        participant,
        match: await matchEmail(participant.email, lookup, opts.freeMailExtra),
        suggestion: suggestCustomer(participant.email, participant.name, opts.freeMailExtra),
        neverLog: neverLog(participant.email),
      } satisfies ParticipantMatch,
    })),
  );
  const rank = (m: ParticipantMatch) => (m.match ? BY_RANK[m.match.by] : UNMATCHED_RANK);
  return results
    .sort(
      (a, b) =>
        rank(a.result) - rank(b.result) ||
        ROLE_RANK[a.result.participant.role] - ROLE_RANK[b.result.participant.role] ||
        a.order - b.order,
    )
    .map((r) => r.result);
}
