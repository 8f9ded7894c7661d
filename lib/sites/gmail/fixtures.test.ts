// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../identity/email';
import { PageContext } from '../../model';
import { parseHtml, siteFixtures, type Fixture } from '../test-fixtures';
import { gmailAdapter } from './index';
import * as sel from './selectors';

const fixtures = siteFixtures('gmail');
const BASE = 'https://mail.google.com/mail/u/0/';
/** Where end-to-end tests serve each fixture: its thread's URL, or the inbox for a list. */
const urlOf = (fx: Fixture) =>
  `${BASE}#inbox${fx.expected?.threadId ? `/${fx.expected.threadId}` : ''}`;

// Extraction only reads, so each fixture is parsed once and shared by its tests.
const parsed = new Map<string, Document>();
const docOf = (fx: Fixture) =>
  parsed.get(fx.file) ?? parsed.set(fx.file, parseHtml(fx.html)).get(fx.file)!;

function extract(fx: Fixture) {
  const doc = docOf(fx);
  return { doc, context: gmailAdapter.extract(doc, urlOf(fx)) };
}

describe('gmail fixtures', () => {
  it('has every layout the adapter promises to read', () => {
    expect(fixtures.map((f) => f.what)).toEqual([
      'broken-markup',
      'hebrew-rtl-thread',
      'hostile-thread',
      'inbox-list',
      'long-thread',
      'older-table-layout',
      'preview-pane',
      'side-panel',
      'simple-thread',
      'to-cc-thread',
    ]);
  });

  describe.each(fixtures.map((fx) => [fx.what, fx] as const))('%s', (_, fx) => {
    it('extracts the expected context, valid for the model', () => {
      const { context } = extract(fx);
      if (fx.expected === null) {
        expect(context).toBeNull();
        return;
      }
      expect(context).not.toBeNull();
      const { site, threadId, subject, participants, messageIds } = context!;
      expect({ site, threadId, subject, participants, messageIds }).toEqual(fx.expected);
      expect(PageContext.parse(context)).toEqual(context);
      expect(context!.messages.map((m) => m.id)).toEqual(messageIds);
    });

    it('reads every participant from a header, never from a body or quote', () => {
      const { doc, context } = extract(fx);
      const headerAddresses = new Set(
        [...doc.querySelectorAll('[email]')]
          .filter((el) => !el.closest(sel.untrusted.join(', ')))
          .map((el) => normalizeEmail(el.getAttribute('email'))),
      );
      for (const p of context?.participants ?? []) expect(headerAddresses).toContain(p.email);
    });

    it('finds the signed-in account', () => {
      expect(gmailAdapter.account(docOf(fx))).toBe('agent@kesher-demo.com');
    });
  });
});

/**
 * How many elements each fallback finds in a few fixtures: when Gmail changes and a
 * fixture is re-saved, this says which selector moved.
 */
const COUNTS: Record<string, Partial<Record<keyof typeof sel, number[]>>> = {
  'simple-thread': {
    thread: [1, 0, 0],
    subject: [1, 1, 1],
    message: [2, 2],
    sender: [2, 2, 0],
    recipients: [2, 2],
    detailsTable: [0, 0],
    date: [2, 2],
    account: [1, 1],
  },
  'to-cc-thread': {
    thread: [1, 0, 0],
    message: [3, 3],
    sender: [5, 3, 0],
    recipients: [14, 24],
    detailsTable: [2, 2],
    date: [3, 3],
  },
  'older-table-layout': {
    thread: [0, 1, 0],
    subject: [1, 0, 1],
    message: [0, 2],
    sender: [0, 2, 0],
    recipients: [2, 2],
  },
  'preview-pane': { thread: [1, 0, 0], message: [2, 2], sender: [3, 2, 0], recipients: [3, 5] },
  'broken-markup': { thread: [1, 0, 0], subject: [0, 0, 0], message: [3, 1], sender: [1, 2, 1] },
  'hostile-thread': { subject: [2, 1, 2], message: [3, 3], sender: [7, 3, 1], account: [2, 1] },
  'long-thread': { message: [100, 100], sender: [100, 100, 0], date: [100, 100] },
  'inbox-list': { thread: [0, 0, 0], message: [0, 0], sender: [0, 0, 0], account: [1, 1] },
};

describe('gmail selector counts per fixture', () => {
  it.each(Object.entries(COUNTS))('%s', (what, expected) => {
    const doc = docOf(fixtures.find((f) => f.what === what)!);
    const actual = Object.fromEntries(
      Object.keys(expected).map((key) => [
        key,
        (sel[key as keyof typeof sel] as readonly string[]).map(
          (s) => doc.querySelectorAll(s).length,
        ),
      ]),
    );
    expect(actual).toEqual(expected);
  });
});

describe('gmail hostile thread', () => {
  const fx = fixtures.find((f) => f.what === 'hostile-thread')!;

  it('takes nothing from bodies, quotes, nested fake messages or a fake account bar', () => {
    const { context } = extract(fx);
    const everything = JSON.stringify(context);
    expect(everything).not.toContain('evil-corp.example');
    expect(context!.messageIds).not.toContain('#msg-f:6666666666666666666');
    expect(context!.subject).not.toContain('Fake subject');
    expect(context!.account).toBe('agent@kesher-demo.com');
  });

  it('keeps markup in a display name as inert text', () => {
    const { doc, context } = extract(fx);
    expect(context!.participants[0]!.name).toBe('<img src=x onerror=alert(1)>');
    expect(doc.querySelector('img[onerror]')).toBeNull();
  });

  it('drops a sender with a huge address instead of carrying it', () => {
    const { context } = extract(fx);
    expect(context!.messages[1]!.from).toBeUndefined();
    expect(JSON.stringify(context).length).toBeLessThan(4_000);
  });

  it('falls back to the real subject’s thread id, not the body’s fake one', () => {
    const context = gmailAdapter.extract(docOf(fx), `${BASE}#inbox`);
    expect(context!.threadId).toBe('19ab4e8c3d2f1000');
  });
});
