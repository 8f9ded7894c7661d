import { AGENT, CAST, UNKNOWN_SENDER } from './cast';
import type { MailThread } from './gmail-markup';

const HOUR = 3_600_000;

/** The demo mailbox: threads from the cast's people, one from a stranger, one with several customers. */
export function demoThreads(now: number): MailThread[] {
  const contact = (key: string, index = 0) => {
    const customer = CAST.find((c) => c.key === key)!;
    const person = customer.contacts[index];
    return person
      ? { name: person.name, email: person.email }
      : { name: customer.name, email: customer.email! };
  };
  const agent = { name: AGENT.name, email: AGENT.email };
  return [
    {
      threadId: 'galil-quote',
      subject: 'הצעת מחיר: 12 זרועות רובוטיות לקו 3',
      messages: [
        {
          id: 'galil-1',
          from: contact('galil'),
          to: [agent],
          cc: [contact('galil', 1)],
          at: now - 26 * HOUR,
          body: 'שלום מאיה,\nנשמח להצעת מחיר מעודכנת ל־12 זרועות לקו 3.\nנועה',
        },
        {
          id: 'galil-2',
          from: agent,
          to: [contact('galil')],
          cc: [contact('galil', 1)],
          at: now - 20 * HOUR,
          body: 'Hi Noa, the updated quote is attached. Maya',
        },
        {
          id: 'galil-3',
          from: contact('galil', 1),
          to: [agent],
          at: now - 2 * HOUR,
          body: 'Can we get delivery before January 15?',
        },
      ],
    },
    {
      threadId: 'baltic-delivery',
      subject: 'Pasūtījums Nr. 2026-118: piegādes datums',
      messages: [
        {
          id: 'baltic-1',
          from: contact('baltic'),
          to: [agent],
          cc: [contact('baltic', 1)],
          at: now - 5 * HOUR,
          body: 'Labdien! Lūdzu apstipriniet piegādes datumu pasūtījumam 2026-118.',
        },
      ],
    },
    {
      threadId: 'dana-return',
      subject: 'Return of the order from last week',
      messages: [
        {
          id: 'dana-1',
          from: contact('dana'),
          to: [agent],
          at: now - 30 * HOUR,
          body: 'Hi, one of the items arrived damaged. Can I return it?',
        },
        {
          id: 'dana-2',
          from: agent,
          to: [contact('dana')],
          at: now - 28 * HOUR,
          body: 'Sorry to hear that, Dana. A courier will pick it up tomorrow.',
        },
      ],
    },
    {
      threadId: 'northwind-restock',
      subject: 'Restock for the Christmas season',
      messages: [
        {
          id: 'nw-1',
          from: contact('northwind'),
          to: [agent],
          cc: [contact('northwind', 1)],
          at: now - 50 * HOUR,
          body: 'We would like to double our usual December order.',
        },
      ],
    },
    {
      threadId: 'negev-intro',
      subject: 'Introduction: solar installations for your warehouses',
      messages: [
        {
          id: 'negev-1',
          from: UNKNOWN_SENDER,
          to: [agent],
          at: now - 3 * HOUR,
          body: 'Hello Maya, I was referred to you by a colleague.',
        },
      ],
    },
    {
      threadId: 'ilze-invoice',
      subject: 'Rēķins par oktobri',
      messages: [
        {
          id: 'ilze-1',
          from: contact('ilze'),
          to: [agent],
          at: now - 72 * HOUR,
          body: 'Pielikumā rēķins par oktobri.',
        },
      ],
    },
  ];
}
