import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Read from disk: under Vitest a CSS import (and so styles.ts's SIDEBAR_CSS) is an empty stub.
const css = readFileSync(join(__dirname, 'sidebar.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

describe('sidebar.css', () => {
  it('uses logical properties only, so dir="rtl" mirrors the panel', () => {
    const physical = css.match(
      /(^|[\s;{])(margin|padding|border|inset)-(left|right)\b|(^|[\s;{])(left|right)\s*:|text-align\s*:\s*(left|right)|float\s*:\s*(left|right)|(^|[\s;{])(width|height|min-width|max-width|min-height|max-height)\s*:/gm,
    );
    expect(physical).toBeNull();
  });

  it('uses no two-sided shorthand that could hide a left/right value', () => {
    const shorthands = [...css.matchAll(/(?:^|[\s;{])(margin|padding)\s*:\s*([^;]+);/gm)];
    for (const [, prop, value] of shorthands) {
      expect(value!.trim().split(/\s+/), `${prop}: ${value}`).toHaveLength(1);
    }
  });

  it('loads no external fonts or images', () => {
    expect(css).not.toMatch(/url\(|@import|@font-face/);
  });

  it('sets a 13px base and a system font stack', () => {
    expect(css).toMatch(/font-size:\s*13px/);
    expect(css).toMatch(/system-ui/);
  });
});
