// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { adapterFor, extractContext, SITE_ADAPTERS } from './index';
import { parseHtml, siteFixtures } from './test-fixtures';

const ID = 'FMfcgzQcqHdWLvNtsBbkKPjRmXzGsfTw';

describe('site registry', () => {
  it('has one adapter per site, each with something to observe', () => {
    const sites = SITE_ADAPTERS.map((a) => a.site);
    expect(new Set(sites).size).toBe(sites.length);
    for (const adapter of SITE_ADAPTERS) expect(adapter.observeTargets.length).toBeGreaterThan(0);
  });

  it('picks the adapter by URL', () => {
    expect(adapterFor(`https://mail.google.com/mail/u/0/#inbox/${ID}`)?.site).toBe('gmail');
    expect(adapterFor('https://mail.google.com/mail/u/0/#inbox')?.site).toBe('gmail');
    expect(adapterFor('https://example.com/')).toBeUndefined();
    expect(adapterFor('not a url')).toBeUndefined();
  });

  it('extracts through the matching adapter, and nothing for unknown sites', () => {
    const html = siteFixtures('gmail').find((f) => f.what === 'simple-thread')!.html;
    expect(
      extractContext(parseHtml(html), `https://mail.google.com/mail/u/0/#inbox/${ID}`)?.threadId,
    ).toBe(ID);
    expect(extractContext(parseHtml(html), `https://example.com/#inbox/${ID}`)).toBeNull();
  });
});
