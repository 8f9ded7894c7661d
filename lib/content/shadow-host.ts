/**
 * The sidebar's shadow root: what WXT's `createShadowRootUi` did for us, without its weight.
 * That helper brings @webext-core/isolated-element (a CommonJS module with its interop helpers
 * and an async down-level helper) and the auto-mount machinery (wait-element, defu,
 * many-keys-map) into the content script, about 2.5 KB gzip of the 30 KB budget.
 *
 * The tree is the same as WXT's, so nothing on the page or in the sidebar changes:
 *
 *   <kesher-sidebar>            host, the last child of <body>
 *     #shadow-root (open)
 *       <html>
 *         <head><style>…</style></head>
 *         <body>                the container the sidebar renders into
 *
 * The CSS is the content script's own (`cssInjectionMode: 'ui'` ships it as
 * /content-scripts/<entrypoint>.css, web-accessible), after the same reset WXT puts first.
 * Unlike WXT, the CSS is not searched for `:root` (rewritten to `:host`) nor for `@property` and
 * `@font-face` (moved to the document): the sidebar's CSS uses none of them, and
 * shadow-host.test.ts fails if it ever does.
 */

/** The page's own styles stop at the host. */
export const HOST_RESET = ':host{all:initial !important;}';

/** The text of the stylesheet at `url`; empty if it cannot be read, as WXT does. */
export async function loadCss(url: string): Promise<string> {
  try {
    return await (await fetch(url)).text();
  } catch {
    return '';
  }
}

export interface ShadowHost {
  host: HTMLElement;
  shadow: ShadowRoot;
  /** Where the UI renders: the <body> inside the shadow root. */
  container: HTMLElement;
  /** Unrenders (through `onRemove`) and takes the host off the page. Safe to call twice. */
  remove(): void;
}

/**
 * Creates the host `name` with an open shadow root holding `css`, appends it as the last child
 * of `doc.body`, and calls `onMount` with the container. `remove()` calls `onRemove` and
 * detaches the host; pass it to the content script context's `onInvalidated`.
 */
export function mountShadowHost(
  doc: Document,
  options: {
    name: string;
    css: string;
    onMount(container: HTMLElement, host: HTMLElement): void;
    onRemove(container: HTMLElement): void;
  },
): ShadowHost {
  const host = doc.createElement(options.name);
  const shadow = host.attachShadow({ mode: 'open' });
  const html = doc.createElement('html');
  const head = doc.createElement('head');
  const container = doc.createElement('body');
  const style = doc.createElement('style');
  style.textContent = `${HOST_RESET}\n${options.css}`;
  head.append(style);
  html.append(head, container);
  shadow.append(html);
  doc.body.append(host);
  options.onMount(container, host);
  let mounted = true;
  return {
    host,
    shadow,
    container,
    remove() {
      if (!mounted) return;
      mounted = false;
      options.onRemove(container);
      host.remove();
    },
  };
}
