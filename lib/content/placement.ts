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
