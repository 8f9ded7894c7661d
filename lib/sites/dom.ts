/**
 * Small DOM readers shared by the site adapters. They take the root as a parameter and use
 * no globals (no `document`, no `Element`), so tests can hand in a jsdom document.
 */

type Root = Pick<ParentNode, 'querySelectorAll'>;
type Accept = (el: Element) => boolean;

/** The first element that the first selector able to find one finds: fallbacks in order. */
export function queryFirst(
  root: Root,
  selectors: readonly string[],
  accept: Accept = () => true,
): Element | null {
  for (const selector of selectors) {
    for (const el of root.querySelectorAll(selector)) if (accept(el)) return el;
  }
  return null;
}

/** Every element any of the selectors finds, once each, in document order. */
export function queryAll(
  root: Root,
  selectors: readonly string[],
  accept: Accept = () => true,
): Element[] {
  if (selectors.length === 0) return [];
  return [...root.querySelectorAll(selectors.join(', '))].filter(accept);
}

/** Whether `el` sits inside anything one of `selectors` finds (itself included). */
export function isInside(el: Element, selectors: readonly string[]): boolean {
  return selectors.length > 0 && el.closest(selectors.join(', ')) !== null;
}

/** Visible text on one line: textContent only, never markup. */
export function oneLine(text: string | null | undefined, max = 1_000): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, max).trim();
}
