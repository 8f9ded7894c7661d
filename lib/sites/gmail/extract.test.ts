// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { parseHtml, siteFixtures } from '../test-fixtures';
import { extractGmailThread, signedInAccount } from './extract';
import * as sel from './selectors';

const BASE = 'https://mail.google.com/mail/u/0/';
const fixture = (what: string) =>
  parseHtml(siteFixtures('gmail').find((f) => f.what === what)!.html);
const local = (y: number, m: number, d: number, h: number, min: number) =>
  new Date(y, m - 1, d, h, min).getTime();

function page(main: string, title = 'Inbox - Gmail'): Document {
  return parseHtml(
    `<!DOCTYPE html><html><head><title>${title}</title></head><body>${main}</body></html>`,
  );
}

describe('extractGmailThread', () => {
  it('reads sender and time of each message', () => {
    const context = extractGmailThread(fixture('simple-thread'), `${BASE}#inbox`);
    expect(context!.messages).toEqual([
      {
        id: context!.messageIds[0],
        from: 'dana.levi@acme-tools.co.il',
        at: local(2026, 11, 23, 9, 2),
      },
      {
        id: context!.messageIds[1],
        from: 'agent@kesher-demo.com',
        at: local(2026, 11, 23, 10, 15),
      },
    ]);
  });

  it('reads Hebrew dates and leaves unreadable ones out', () => {
    const hebrew = extractGmailThread(fixture('hebrew-rtl-thread'), `${BASE}#inbox`);
    expect(hebrew!.messages.map((m) => m.at)).toEqual([
      local(2026, 11, 23, 9, 2),
      local(2026, 11, 23, 10, 15),
    ]);
    const broken = extractGmailThread(fixture('broken-markup'), `${BASE}#inbox`);
    expect(broken!.messages.map((m) => [m.from, m.at])).toEqual([
      ['ilze.berzina@inbox.lv', local(2026, 11, 23, 8, 5)],
      [undefined, undefined],
      ['agent@kesher-demo.com', undefined],
    ]);
  });

  it('takes the thread id from the subject when the URL has none', () => {
    expect(extractGmailThread(fixture('simple-thread'), `${BASE}#inbox`)!.threadId).toBe(
      '19ab3c5e7d9f1000',
    );
    expect(extractGmailThread(fixture('older-table-layout'), `${BASE}#inbox`)!.threadId).toBe(
      '19ab4a0e5f6d7000',
    );
    const permOnly = page(
      '<div role="main"><h2 class="hP" data-thread-perm-id="thread-f:1849">S</h2><div class="adn" data-message-id="m1"></div></div>',
    );
    expect(extractGmailThread(permOnly, `${BASE}#inbox`)!.threadId).toBe('thread-f:1849');
    const none = page('<div role="main"><div class="adn" data-message-id="m1"></div></div>');
    expect(extractGmailThread(none, `${BASE}#inbox`)!.threadId).toBeUndefined();
  });

  it('reads the preview pane without taking the list beside it for participants', () => {
    const context = extractGmailThread(fixture('preview-pane'), `${BASE}#inbox`);
    const emails = context!.participants.map((p) => p.email);
    expect(emails).not.toContain('dana.levi@acme-tools.co.il');
    expect(emails).not.toContain('mark.taylor@northwind-supply.co.uk');
    expect(emails).not.toContain('ilze.berzina@inbox.lv');
  });

  it('returns null for a list, even under a thread URL, and for an empty page', () => {
    expect(
      extractGmailThread(fixture('inbox-list'), `${BASE}#inbox/FMfcgzQcqHdWLvNtsBbkKPjRmXzGsfTw`),
    ).toBeNull();
    expect(extractGmailThread(page(''), `${BASE}#inbox`)).toBeNull();
    expect(extractGmailThread(page('<div class="adn">no id</div>'), `${BASE}#inbox`)).toBeNull();
  });

  it('reads the older layout when a script built its table without a tbody', () => {
    const doc = page('<div role="main"></div>');
    const table = doc.createElement('table');
    table.className = 'Bs';
    const row = doc.createElement('tr');
    row.innerHTML =
      '<td><div class="adn" data-legacy-message-id="abc123"><span class="gD" email="dana@acme.co.il" name="Dana">Dana</span></div></td>';
    table.appendChild(row);
    doc.querySelector('[role="main"]')!.appendChild(table);
    expect(doc.querySelectorAll(sel.thread[2]!)).toHaveLength(1);
    const context = extractGmailThread(doc, `${BASE}#inbox`);
    expect(context!.participants).toEqual([
      { email: 'dana@acme.co.il', name: 'Dana', role: 'from' },
    ]);
  });

  // jsdom matches selectors far slower than a browser: give the 2,100-message page time.
  it('dedupes repeated message ids and bounds what it reports', { timeout: 30_000 }, () => {
    const many = Array.from(
      { length: 2_100 },
      (_, i) =>
        `<div class="adn" data-message-id="m${i % 2_050}"><span class="gD" email="p${i}@acme.co.il"></span></div>`,
    ).join('');
    const context = extractGmailThread(page(`<div role="main">${many}</div>`), `${BASE}#inbox`);
    expect(context!.messageIds).toHaveLength(2_000);
    expect(new Set(context!.messageIds).size).toBe(2_000);
    expect(context!.participants).toHaveLength(500);
  });

  it('cuts an overlong subject and URL to the model’s bounds', () => {
    const doc = page(
      `<div role="main"><h2 class="hP">${'s'.repeat(3_000)}</h2><div class="adn" data-message-id="m1"></div></div>`,
    );
    const context = extractGmailThread(doc, `${BASE}#search/${'q'.repeat(5_000)}`);
    expect(context!.subject).toHaveLength(1_000);
    expect(context!.url).toHaveLength(4_000);
  });
});

describe('signedInAccount', () => {
  it('reads the Google bar, in any language', () => {
    expect(signedInAccount(fixture('simple-thread'))).toBe('agent@kesher-demo.com');
    expect(signedInAccount(fixture('hebrew-rtl-thread'))).toBe('agent@kesher-demo.com');
  });

  it('falls back to the title, taking the part before the last', () => {
    expect(signedInAccount(page('', 'Inbox (3) - Agent@Company.com - Gmail'))).toBe(
      'agent@company.com',
    );
    expect(
      signedInAccount(page('', 'Write to evil@evil.example - now - agent@company.com - Gmail')),
    ).toBe('agent@company.com');
    expect(signedInAccount(page('', 'evil@evil.example - Gmail'))).toBeUndefined();
    expect(signedInAccount(page('', 'Gmail'))).toBeUndefined();
  });

  it('ignores account-like links inside the mail', () => {
    const doc = page(
      '<div role="main"><header><a aria-label="Google Account: Evil (evil@evil.example)">E</a></header></div>',
      'Inbox - agent@company.com - Gmail',
    );
    expect(signedInAccount(doc)).toBe('agent@company.com');
  });
});

describe('gmail selectors', () => {
  it('are all valid CSS', () => {
    const doc = page('');
    for (const list of Object.values(sel)) {
      for (const selector of list as readonly string[]) {
        expect(() => doc.querySelectorAll(selector)).not.toThrow();
      }
    }
  });

  it('watch the thread, subject and messages', () => {
    expect(sel.observeTargets).toEqual(
      expect.arrayContaining([...sel.thread, ...sel.subject, ...sel.message]),
    );
  });
});
