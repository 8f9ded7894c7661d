import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SITE_ADAPTERS } from './index';
import { FIXTURE_NAME, FIXTURES_DIR } from './test-fixtures';

/**
 * The shape every site folder keeps (STYLE.md): routes, selectors and extraction in their own
 * small files, a test beside them, and dated fixtures that the test reads.
 */
const SITES_DIR = dirname(fileURLToPath(import.meta.url));
const sites = readdirSync(SITES_DIR).filter((name) =>
  statSync(join(SITES_DIR, name)).isDirectory(),
);

describe('site folder conventions', () => {
  it('finds the site folders', () => {
    expect(sites).toContain('gmail');
  });

  describe.each(sites)('%s', (site) => {
    const dir = join(SITES_DIR, site);

    it('has routes.ts, selectors.ts, extract.ts and a test', () => {
      const files = readdirSync(dir);
      expect(files).toEqual(expect.arrayContaining(['routes.ts', 'selectors.ts', 'extract.ts']));
      expect(files.some((f) => f.endsWith('.test.ts'))).toBe(true);
    });

    it('is registered as an adapter under its folder name', () => {
      expect(SITE_ADAPTERS.map((a) => a.site)).toContain(site);
    });

    it('has dated fixtures named <site>-YYYY-MM-DD-<what>.html, each with its expectation', () => {
      const fixtureDir = join(FIXTURES_DIR, site);
      expect(existsSync(fixtureDir)).toBe(true);
      const html = readdirSync(fixtureDir).filter((f) => f.endsWith('.html'));
      const dated = html.filter((f) => FIXTURE_NAME(site).test(f));
      expect(dated.length).toBeGreaterThan(0);
      expect(html).toEqual(dated);
      for (const file of dated) {
        const [, y, m, d] = FIXTURE_NAME(site).exec(file)!;
        const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
        expect(date.toISOString().slice(0, 10), file).toBe(`${y}-${m}-${d}`);
        expect(existsSync(join(fixtureDir, file.replace(/\.html$/, '.expected.json'))), file).toBe(
          true,
        );
      }
    });

    it('stays pure: no storage, messaging, UI or browser APIs', () => {
      const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
      for (const file of sources) {
        const text = readFileSync(join(dir, file), 'utf8');
        expect(text, file).not.toMatch(
          /from '(\.\.\/)+(db|messaging|components|entrypoints)\b|from 'dexie'/,
        );
        expect(text, file).not.toMatch(/\b(browser|chrome)\.\w/);
        expect(text, file).not.toMatch(/\.innerHTML\b|\.outerHTML\b/);
      }
    });
  });
});
