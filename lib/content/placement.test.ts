// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { pageSide, releaseSpace, reserveSpace, topBarBottom } from './placement';

describe('placement', () => {
  it('docks on the right of a left-to-right page and on the left of a Hebrew one', () => {
    document.documentElement.dir = '';
    expect(pageSide(document)).toBe('right');
    document.documentElement.dir = 'rtl';
    expect(pageSide(document)).toBe('left');
    document.documentElement.dir = '';
  });

  it('narrows the page by the sidebar width and gives the room back', () => {
    reserveSpace(document, 'right', 340);
    reserveSpace(document, 'right', 400);
    const styles = document.querySelectorAll('#kesher-reserved-space');
    expect(styles).toHaveLength(1);
    expect(styles[0]!.textContent).toContain('margin-right: 400px');
    releaseSpace(document);
    expect(document.getElementById('kesher-reserved-space')).toBeNull();
  });
});

describe('topBarBottom', () => {
  it('starts below a full-width bar pinned to the top, and ignores headers inside the page', () => {
    document.body.innerHTML = '<header id="bar"></header><main><header id="inner"></header></main>';
    const rect = (top: number, height: number, width: number) =>
      ({
        top,
        bottom: top + height,
        height,
        width,
        left: 0,
        right: width,
        x: 0,
        y: top,
      }) as DOMRect;
    document.getElementById('bar')!.getBoundingClientRect = () => rect(0, 64, window.innerWidth);
    document.getElementById('inner')!.getBoundingClientRect = () =>
      rect(300, 40, window.innerWidth);
    expect(topBarBottom(document)).toBe(64);
    document.getElementById('bar')!.getBoundingClientRect = () => rect(0, 64, 100);
    expect(topBarBottom(document)).toBe(0);
  });
});
