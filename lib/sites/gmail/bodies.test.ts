// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { parseHtml, siteFixtures } from '../test-fixtures';
import { gmailMessageBodies } from './bodies';
import { extractGmailThread } from './extract';

const fixture = (what: string) =>
  parseHtml(siteFixtures('gmail').find((f) => f.what === what)!.html);

describe('gmailMessageBodies', () => {
  it('reads each message as text with its line breaks, keyed like the context', () => {
    const doc = fixture('simple-thread');
    const context = extractGmailThread(doc, 'https://mail.google.com/mail/u/0/#inbox')!;
    const bodies = gmailMessageBodies(doc);
    expect(Object.keys(bodies)).toEqual(context.messageIds);
    const first = bodies[context.messageIds[0]!]!;
    expect(first.startsWith('Hi Noa,\n\nCould you send a quote for 40 oak chairs')).toBe(true);
    expect(first).toContain('Thanks,\nDana Levi');
  });

  it('leaves quoted replies out', () => {
    const doc = fixture('simple-thread');
    const context = extractGmailThread(doc, 'https://mail.google.com/mail/u/0/#inbox')!;
    const reply = gmailMessageBodies(doc)[context.messageIds[1]!]!;
    expect(reply).toContain('₪ 18,400');
    expect(reply).not.toContain('wrote:');
    expect(reply).not.toContain('(model Tavor)?');
  });

  it('gives markup in a hostile body back as inert text, never as elements', () => {
    const doc = parseHtml(
      `<div role="main"><div class="adn" data-message-id="m1"><div class="a3s">` +
        `Pay now <script>alert(1)</script><img src=x onerror="alert(2)"><b>&lt;i&gt;urgent&lt;/i&gt;</b>` +
        `</div></div></div>`,
    );
    expect(gmailMessageBodies(doc)).toEqual({ m1: 'Pay now <i>urgent</i>' });
  });
});
