// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HOST_RESET, loadCss, mountShadowHost } from './shadow-host';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

describe('mountShadowHost', () => {
  it('builds the tree WXT built: host last in <body>, open root, html > head > style + body', () => {
    document.body.append(document.createElement('main'));
    const onMount = vi.fn((container: HTMLElement) => {
      container.append(document.createElement('section'));
    });
    const ui = mountShadowHost(document, {
      name: 'kesher-sidebar',
      css: '.kesher{color:red}',
      onMount,
      onRemove: () => {},
    });

    const host = document.body.lastElementChild!;
    expect(host.localName).toBe('kesher-sidebar');
    expect(host).toBe(ui.host);
    expect(host.shadowRoot).toBe(ui.shadow);
    expect(ui.shadow.mode).toBe('open');
    const html = ui.shadow.firstElementChild!;
    expect(ui.shadow.children).toHaveLength(1);
    expect(html.localName).toBe('html');
    expect([...html.children].map((e) => e.localName)).toEqual(['head', 'body']);
    expect(html.children[1]).toBe(ui.container);
    const style = html.querySelector('head > style')!;
    expect(style.textContent).toBe(`${HOST_RESET}\n.kesher{color:red}`);

    expect(onMount).toHaveBeenCalledOnce();
    expect(onMount).toHaveBeenCalledWith(ui.container, host);
    expect(ui.container.querySelector('section')).not.toBeNull();
  });

  it('remove() unrenders through onRemove, then takes the host off the page, once', () => {
    const events: string[] = [];
    const ui = mountShadowHost(document, {
      name: 'kesher-sidebar',
      css: '',
      onMount: () => events.push('mount'),
      onRemove: (container) => {
        // Still on the page while the UI unrenders, as with WXT's onRemove.
        events.push(`remove:${container === ui.container}:${ui.host.isConnected}`);
      },
    });
    ui.remove();
    expect(events).toEqual(['mount', 'remove:true:true']);
    expect(document.querySelector('kesher-sidebar')).toBeNull();
    ui.remove();
    expect(events).toHaveLength(2);
  });

  it('runs on context invalidation when passed to onInvalidated', () => {
    const controller = new AbortController();
    const onRemove = vi.fn();
    const ui = mountShadowHost(document, {
      name: 'kesher-sidebar',
      css: '',
      onMount: () => {},
      onRemove,
    });
    controller.signal.addEventListener('abort', ui.remove);
    controller.abort();
    expect(onRemove).toHaveBeenCalledOnce();
    expect(ui.host.isConnected).toBe(false);
  });
});

describe('loadCss', () => {
  it('returns the stylesheet text', async () => {
    const fetch = vi.fn(async () => new Response('.kesher{}'));
    vi.stubGlobal('fetch', fetch);
    await expect(loadCss('chrome-extension://id/content-scripts/gmail.css')).resolves.toBe(
      '.kesher{}',
    );
    expect(fetch).toHaveBeenCalledWith('chrome-extension://id/content-scripts/gmail.css');
  });

  it('returns nothing when the stylesheet cannot be read', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(loadCss('chrome-extension://id/content-scripts/gmail.css')).resolves.toBe('');
  });
});

// WXT rewrote `:root` to `:host` and moved `@property` / `@font-face` out to the document;
// mountShadowHost does neither, so the content script's CSS must not need it.
describe("the content script's CSS", () => {
  const files = ['../../components/sidebar.css', './dock.css'];
  it.each(files)('%s needs no :root rewrite and no document-level at-rules', (file) => {
    const css = readFileSync(join(__dirname, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    expect(css).not.toMatch(/:root\b|@property\b|@font-face\b/);
  });
});
