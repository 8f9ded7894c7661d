import { describe, expect, it, vi } from 'vitest';
import type { Participant } from '../model';
import { matchParticipants, matchPhone, type MatchOptions } from './match';
import { memoryLookup } from './memory-lookup';
import { contactRow, customerRow } from './test-rows';

const opts: MatchOptions = {
  agentEmails: ['agent@kesher-demo.com'],
  freeMailExtra: [],
  neverShow: { addresses: [], domains: [] },
  neverLog: { addresses: [], domains: [] },
};

const acme = customerRow({
  id: 'acme',
  name: 'Acme Tools',
  domains: ['acme-tools.co.il'],
  emails: ['orders@acme-tools.co.il'],
  createdAt: 10,
});
const dana = contactRow({
  id: 'dana',
  customerId: 'acme',
  name: 'Dana Levi',
  emails: ['dana.levi@acme-tools.co.il'],
  phones: ['+972501234567'],
});
const ilze = customerRow({
  id: 'ilze',
  kind: 'person',
  name: 'Ilze Bērziņa',
  emails: ['ilze@inbox.lv'],
  phones: ['+37126123456'],
});

function p(email: string, role: Participant['role'] = 'to', name = ''): Participant {
  return { email, name, role };
}

describe('matchParticipants', () => {
  it('matches by exact customer email, contact email and domain', async () => {
    const lookup = memoryLookup([acme, ilze], [dana]);
    const out = await matchParticipants(
      [
        p('sales@acme-tools.co.il'),
        p('Dana.Levi@ACME-tools.co.il'),
        p('ilze@inbox.lv'),
        p('orders@acme-tools.co.il'),
      ],
      lookup,
      opts,
    );
    expect(out.map((m) => [m.participant.email, m.match?.customerId, m.match?.by])).toEqual([
      ['ilze@inbox.lv', 'ilze', 'email'],
      ['orders@acme-tools.co.il', 'acme', 'email'],
      ['dana.levi@acme-tools.co.il', 'acme', 'contact-email'],
      ['sales@acme-tools.co.il', 'acme', 'domain'],
    ]);
    expect(out[2]!.match).toEqual({
      customerId: 'acme',
      customerName: 'Acme Tools',
      kind: 'company',
      contactId: 'dana',
      contactName: 'Dana Levi',
      by: 'contact-email',
    });
  });

  it('names the customer’s own contact on a direct email match', async () => {
    const self = contactRow({
      id: 'ilze-c',
      customerId: 'ilze',
      name: 'Ilze',
      emails: ['ilze@inbox.lv'],
    });
    const out = await matchParticipants([p('ilze@inbox.lv')], memoryLookup([ilze], [self]), opts);
    expect(out[0]!.match).toMatchObject({ by: 'email', customerId: 'ilze', contactId: 'ilze-c' });
  });

  it('never matches free-mail by domain, and suggests a person for it', async () => {
    const gmailCo = customerRow({ id: 'g', name: 'Google', domains: ['gmail.com'] });
    const walla = customerRow({ id: 'w', name: 'Walla', domains: ['walla.co.il'] });
    const isp = customerRow({ id: 'i', name: 'ISP', domains: ['partner-isp.lv'] });
    const lookup = memoryLookup([gmailCo, walla, isp]);
    const out = await matchParticipants(
      [p('someone@gmail.com'), p('dana@walla.co.il'), p('janis@partner-isp.lv')],
      lookup,
      { ...opts, freeMailExtra: ['partner-isp.lv'] },
    );
    expect(out.every((m) => m.match === null)).toBe(true);
    expect(out.map((m) => m.suggestion.kind)).toEqual(['person', 'person', 'person']);
    expect(out[0]!.suggestion).toEqual({
      kind: 'person',
      personName: 'Someone',
      email: 'someone@gmail.com',
    });
  });

  it('matches a domain only to company customers', async () => {
    const person = customerRow({ id: 'pp', kind: 'person', domains: ['acme-tools.co.il'] });
    const out = await matchParticipants([p('x@acme-tools.co.il')], memoryLookup([person]), opts);
    expect(out[0]!.match).toBeNull();
    expect(out[0]!.suggestion).toEqual({
      kind: 'company',
      personName: 'X',
      companyName: 'Acme Tools',
      domain: 'acme-tools.co.il',
      email: 'x@acme-tools.co.il',
    });
  });

  it('matches subdomain addresses by the registrable domain', async () => {
    const out = await matchParticipants(
      [p('it@mail.acme-tools.co.il')],
      memoryLookup([acme]),
      opts,
    );
    expect(out[0]!.match).toMatchObject({ customerId: 'acme', by: 'domain' });
  });

  it('excludes the agent’s own addresses, even when they are customers', async () => {
    const agentAsCustomer = customerRow({
      id: 'me',
      emails: ['agent@kesher-demo.com', 'me@kesher-demo.com'],
    });
    const out = await matchParticipants(
      [
        p('agent@kesher-demo.com', 'from', 'Noa'),
        p('ME@kesher-demo.com', 'to'),
        p('dana.levi@acme-tools.co.il'),
      ],
      memoryLookup([acme, agentAsCustomer], [dana]),
      { ...opts, account: 'me@kesher-demo.com' },
    );
    expect(out.map((m) => m.participant.email)).toEqual(['dana.levi@acme-tools.co.il']);
  });

  it('ignores deleted customers and contacts', async () => {
    const deletedCustomer = customerRow({
      id: 'dc',
      emails: ['old@acme-tools.co.il'],
      deleted: true,
    });
    const deletedContact = contactRow({
      id: 'dx',
      customerId: 'acme',
      emails: ['gone@acme-tools.co.il'],
      deleted: true,
    });
    const deletedCompany = customerRow({ id: 'dd', domains: ['oldco.lv'], deleted: true });
    const lookup = memoryLookup([acme, deletedCustomer, deletedCompany], [deletedContact]);
    const out = await matchParticipants(
      [p('old@acme-tools.co.il'), p('gone@acme-tools.co.il'), p('x@oldco.lv')],
      lookup,
      opts,
    );
    // The first two fall through to acme's domain; nothing matches the deleted company.
    expect(
      out.map((m) => [m.participant.email, m.match?.customerId ?? null, m.match?.by ?? null]),
    ).toEqual([
      ['old@acme-tools.co.il', 'acme', 'domain'],
      ['gone@acme-tools.co.il', 'acme', 'domain'],
      ['x@oldco.lv', null, null],
    ]);
  });

  it('follows merged customers to the survivor, for customers, contacts and domains', async () => {
    const survivor = customerRow({ id: 'koks', name: 'SIA Latvijas Koks', createdAt: 5 });
    const loser = customerRow({
      id: 'koks-old',
      name: 'Latvijas Koks (dup)',
      emails: ['info@latvijas-koks.lv'],
      domains: ['latvijas-koks.lv'],
      mergedInto: 'koks',
      deleted: true,
    });
    const janis = contactRow({
      id: 'janis',
      customerId: 'koks-old',
      name: 'Jānis',
      emails: ['janis@latvijas-koks.lv'],
    });
    const out = await matchParticipants(
      [p('info@latvijas-koks.lv'), p('janis@latvijas-koks.lv'), p('peteris@latvijas-koks.lv')],
      memoryLookup([survivor, loser], [janis]),
      opts,
    );
    expect(out.map((m) => [m.match?.customerId, m.match?.customerName, m.match?.by])).toEqual([
      ['koks', 'SIA Latvijas Koks', 'email'],
      ['koks', 'SIA Latvijas Koks', 'contact-email'],
      ['koks', 'SIA Latvijas Koks', 'domain'],
    ]);
  });

  it('survives a merge cycle without looping', async () => {
    const a = customerRow({ id: 'a', emails: ['a@cyc.lv'], mergedInto: 'b' });
    const b = customerRow({ id: 'b', mergedInto: 'a' });
    const out = await matchParticipants([p('a@cyc.lv')], memoryLookup([a, b]), opts);
    expect(out[0]!.match).toBeNull();
  });

  it('picks deterministically among several candidates: earliest createdAt, then id', async () => {
    const later = customerRow({ id: 'aaa', emails: ['x@dup.lv'], createdAt: 20 });
    const earlierB = customerRow({ id: 'bbb', emails: ['x@dup.lv'], createdAt: 10 });
    const earlierA = customerRow({ id: 'abb', emails: ['x@dup.lv'], createdAt: 10 });
    for (const rows of [
      [later, earlierB, earlierA],
      [earlierA, later, earlierB],
      [earlierB, earlierA, later],
    ]) {
      const out = await matchParticipants([p('x@dup.lv')], memoryLookup(rows), opts);
      expect(out[0]!.match?.customerId).toBe('abb');
    }
  });

  it('sorts matched first by strength, then by role, then page order', async () => {
    const out = await matchParticipants(
      [
        p('unknown1@nowhere-co.lv', 'from'),
        p('sales@acme-tools.co.il', 'cc'),
        p('orders@acme-tools.co.il', 'bcc'),
        p('dana.levi@acme-tools.co.il', 'to'),
        p('ilze@inbox.lv', 'cc'),
        p('unknown2@nowhere-co.lv', 'to'),
        p('unknown3@nowhere-co.lv', 'to'),
      ],
      memoryLookup([acme, ilze], [dana]),
      opts,
    );
    expect(out.map((m) => m.participant.email)).toEqual([
      'ilze@inbox.lv',
      'orders@acme-tools.co.il',
      'dana.levi@acme-tools.co.il',
      'sales@acme-tools.co.il',
      'unknown1@nowhere-co.lv',
      'unknown2@nowhere-co.lv',
      'unknown3@nowhere-co.lv',
    ]);
  });

  it('flags never-log addresses and domains, and hides never-show ones', async () => {
    const out = await matchParticipants(
      [
        p('dana.levi@acme-tools.co.il'),
        p('hr@mail.private.lv'),
        p('boss@acme-tools.co.il'),
        p('spam@ads.lv'),
      ],
      memoryLookup([acme], [dana]),
      {
        ...opts,
        neverLog: { addresses: ['Boss@acme-tools.co.il'], domains: ['private.lv'] },
        neverShow: { addresses: [], domains: ['ads.lv'] },
      },
    );
    expect(Object.fromEntries(out.map((m) => [m.participant.email, m.neverLog]))).toEqual({
      'dana.levi@acme-tools.co.il': false,
      'hr@mail.private.lv': true,
      'boss@acme-tools.co.il': true,
    });
  });

  it('uses Hebrew display names for suggestions and dedupes uppercase and mailto: forms', async () => {
    const out = await matchParticipants(
      [p('mailto:Yossi@Binyan.co.il', 'to'), p('YOSSI@BINYAN.CO.IL', 'from', 'יוסי כהן')],
      memoryLookup([]),
      opts,
    );
    expect(out).toEqual([
      {
        participant: { email: 'yossi@binyan.co.il', name: 'יוסי כהן', role: 'from' },
        match: null,
        suggestion: {
          kind: 'company',
          personName: 'יוסי כהן',
          companyName: 'Binyan',
          domain: 'binyan.co.il',
          email: 'yossi@binyan.co.il',
        },
        neverLog: false,
      },
    ]);
  });

  it('survives hostile input', async () => {
    const lookup = memoryLookup([acme]);
    const spy = vi.spyOn(lookup, 'customersByEmail');
    const out = await matchParticipants(
      [
        p(''),
        p('"<script>"@x'),
        p('<script>alert(1)</script>@acme-tools.co.il'),
        p(`${'a'.repeat(50_000)}@acme-tools.co.il`),
        p('x@acme-tools.co.il', 'to', '<img src=x onerror=alert(1)>'),
      ],
      lookup,
      opts,
    );
    expect(out).toHaveLength(1);
    expect(out[0]!.participant.name).toBe('<img src=x onerror=alert(1)>');
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('returns nothing for nobody', async () => {
    expect(await matchParticipants([], memoryLookup([]), opts)).toEqual([]);
  });
});

describe('matchPhone', () => {
  it('matches a customer’s own phone, then a contact’s', async () => {
    const lookup = memoryLookup([acme, ilze], [dana]);
    expect(await matchPhone('+37126123456', lookup)).toMatchObject({
      customerId: 'ilze',
      by: 'phone',
    });
    expect(await matchPhone('+972501234567', lookup)).toMatchObject({
      customerId: 'acme',
      contactId: 'dana',
      by: 'phone',
    });
    expect(await matchPhone('+97231234567', lookup)).toBeNull();
  });

  it('refuses anything that is not E.164 without asking storage', async () => {
    const lookup = memoryLookup([ilze]);
    const spy = vi.spyOn(lookup, 'customersByPhone');
    expect(await matchPhone('26123456', lookup)).toBeNull();
    expect(spy).not.toHaveBeenCalled();
  });

  it('follows merges and ignores deleted rows', async () => {
    const old = customerRow({ id: 'old', phones: ['+37126123456'], mergedInto: 'ilze' });
    const gone = customerRow({ id: 'gone', phones: ['+37120000000'], deleted: true });
    const lookup = memoryLookup([ilze, old, gone]);
    expect(await matchPhone('+37126123456', lookup)).toMatchObject({ customerId: 'ilze' });
    expect(await matchPhone('+37120000000', lookup)).toBeNull();
  });
});
