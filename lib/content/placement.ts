/**
 * Where the sidebar sits and the room it takes. The page is narrowed by the sidebar's width
 * (a margin on <html>), so the sidebar sits beside the mail and never on top of its controls.
 * It goes on the page's inline end: the right in an English Gmail, the left in a Hebrew one.
 */
export type Side = 'left' | 'right';

const STYLE_ID = 'kesher-reserved-space';
/** Width of the collapsed tab. */
export const COLLAPSED_WIDTH = 28;

export function pageSide(doc: Document): Side {
  const dir = doc.documentElement.dir || doc.body?.dir || '';
  const computed = doc.defaultView?.getComputedStyle(doc.documentElement).direction;
  return (dir || computed) === 'rtl' ? 'left' : 'right';
}

export function reserveSpace(doc: Document, side: Side, px: number): void {
  let style = doc.getElementById(STYLE_ID) as HTMLStyleElement | null;
  if (!style) {
    style = doc.createElement('style');
    style.id = STYLE_ID;
    (doc.head ?? doc.documentElement).append(style);
  }
  // Physical sides on purpose: the page may be RTL while we decide the side ourselves.
  style.textContent = `html { margin-${side}: ${Math.round(px)}px !important; }`;
}

export function releaseSpace(doc: Document): void {
  doc.getElementById(STYLE_ID)?.remove();
}

/**
 * How far down the sidebar starts: below the site's top bar (search, apps, account), which is
 * pinned to the top of the viewport and so is not moved aside by the reserved margin.
 */
export function topBarBottom(
  doc: Document,
  selectors: readonly string[] = ['[role="banner"]', 'header'],
): number {
  for (const selector of selectors) {
    for (const element of doc.querySelectorAll(selector)) {
      const rect = element.getBoundingClientRect();
      // Only a bar at the very top, spanning most of the width, counts; not a header inside the mail.
      if (
        rect.height > 0 &&
        rect.top <= 1 &&
        rect.width >= (doc.defaultView?.innerWidth ?? 0) / 2
      ) {
        return Math.min(Math.round(rect.bottom), 160);
      }
    }
  }
  return 0;
}

/** A panel pinned to the edge narrower than this is a strip of app icons, not the page. */
const MAX_EDGE_PANEL = 120;

/**
 * Width of a narrow panel the site pins to the sidebar's edge (Gmail's side panel of
 * Calendar, Keep and Tasks): the sidebar docks beside it rather than over it. Probed with
 * elementsFromPoint along the edge, so it costs a few hit tests, not a walk of the page.
 */
export function edgePanelWidth(doc: Document, side: Side, ours: Element): number {
  const win = doc.defaultView;
  if (!win) return 0;
  const x = side === 'right' ? win.innerWidth - 2 : 1;
  let widest = 0;
  for (const fraction of [0.4, 0.6, 0.8]) {
    for (const el of doc.elementsFromPoint(x, Math.round(win.innerHeight * fraction))) {
      if (el === doc.documentElement || el === doc.body || el === ours || el.contains(ours))
        continue;
      const position = win.getComputedStyle(el).position;
      if (position !== 'fixed' && position !== 'absolute') continue;
      const rect = el.getBoundingClientRect();
      const atEdge = side === 'right' ? win.innerWidth - rect.right <= 2 : rect.left <= 2;
      if (atEdge && rect.width < MAX_EDGE_PANEL && rect.height > win.innerHeight * 0.3) {
        widest = Math.max(widest, rect.width);
      }
    }
  }
  return Math.round(widest);
}
