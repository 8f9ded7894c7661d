import { describe, expect, it } from 'vitest';
import { isGmailListUrl, isGmailThreadUrl, isGmailUrl, threadIdFromUrl } from './routes';

const G = 'https://mail.google.com/mail/u/0/';
const ID = 'FMfcgzQcqHdWLvNtsBbkKPjRmXzGsfTw';

/** URL → the thread id it opens. */
const THREAD_URLS: [string, string][] = [
  [`${G}#inbox/${ID}`, ID],
  [`https://mail.google.com/mail/u/1/#inbox/${ID}`, ID],
  [`https://mail.google.com/mail/#inbox/${ID}`, ID],
  [`${G}#label/Clients%2FVIP/${ID}`, ID],
  [`${G}#label/Clients+2026/${ID}`, ID],
  [`${G}#search/from%3Adana%40acme-tools.co.il/${ID}`, ID],
  [`${G}#search/invoice/${ID}`, ID],
  [`${G}#advanced-search/subject=quote&subset=all/${ID}`, ID],
  [`${G}#all/${ID}`, ID],
  [`${G}#sent/${ID}`, ID],
  [`${G}#starred/${ID}`, ID],
  [`${G}#imp/${ID}`, ID],
  [`${G}#snoozed/${ID}`, ID],
  [`${G}#category/promotions/${ID}`, ID],
  [`${G}#inbox/${ID}?compose=new`, ID],
  [`${G}?ui=2#inbox/${ID}`, ID],
  [`${G}#inbox/19ab3c5e7d9f1000`, '19ab3c5e7d9f1000'],
];

const LIST_URLS = [
  `${G}#inbox`,
  `${G}#inbox/p2`,
  `${G}#inbox/p12`,
  `${G}#label/Clients%2FVIP`,
  `${G}#label/Clients%2FVIP/p3`,
  `${G}#search/invoice`,
  `${G}#search/invoice/p2`,
  `${G}#search/${ID}`, // a search for a thread-id-looking word is still a list
  `${G}#category/promotions`,
  `${G}#sent`,
  `${G}#starred`,
  G,
];

const OTHER_GMAIL_URLS = [
  `${G}#settings/general`,
  `${G}#settings/labels/${ID}`,
  `${G}#compose/${ID}`,
];

const NOT_GMAIL_URLS = [
  `http://mail.google.com/mail/u/0/#inbox/${ID}`,
  `https://mail.google.com.evil.example/mail/u/0/#inbox/${ID}`,
  `https://evil.example/mail/u/0/#inbox/${ID}`,
  `https://evil.example/?next=https://mail.google.com/mail/u/0/#inbox/${ID}`,
  `https://calendar.google.com/calendar/u/0/r#inbox/${ID}`,
  `https://mail.google.com/chat/u/0/#inbox/${ID}`,
  `https://mail.google.com/mailbox/#inbox/${ID}`,
  `https://outlook.office.com/mail/inbox/id/${ID}`,
  `javascript:alert(1)//mail.google.com/mail/#inbox/${ID}`,
  'not a url',
  '',
];

describe('gmail routes', () => {
  it.each(THREAD_URLS)('%s opens thread %s', (url, id) => {
    expect(threadIdFromUrl(url)).toBe(id);
  });

  it.each(LIST_URLS)('%s is a list with no thread', (url) => {
    expect(threadIdFromUrl(url)).toBeUndefined();
  });

  it.each([...OTHER_GMAIL_URLS, ...NOT_GMAIL_URLS])('%s has no thread', (url) => {
    expect(threadIdFromUrl(url)).toBeUndefined();
  });

  // Every URL against every predicate: nothing matches what it should not.
  const groups = {
    thread: THREAD_URLS.map(([url]) => url),
    list: LIST_URLS,
    other: OTHER_GMAIL_URLS,
    notGmail: NOT_GMAIL_URLS,
  };
  const all = Object.entries(groups).flatMap(([group, urls]) => urls.map((url) => [group, url]));
  it.each(all)('[%s] %s answers every predicate as its group says', (group, url) => {
    expect(isGmailUrl(url)).toBe(group !== 'notGmail');
    expect(isGmailThreadUrl(url)).toBe(group === 'thread');
    expect(isGmailListUrl(url)).toBe(group === 'list');
  });
});
