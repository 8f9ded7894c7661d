import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Participant } from '../model';

/**
 * Test-only: loads the dated fixtures of a site from test/fixtures/<site>/. Parsing needs a
 * DOMParser, so tests using it run in the jsdom environment.
 */
// A path, not `new URL(…)`: under jsdom the global URL is jsdom's, which Node's fs refuses.
export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/');
export const FIXTURE_NAME = (site: string) =>
  new RegExp(`^${site}-(\\d{4})-(\\d{2})-(\\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\\.html$`);

export interface ExpectedContext {
  site: string;
  threadId?: string;
  subject: string;
  participants: Participant[];
  messageIds: string[];
}

export interface Fixture {
  file: string;
  /** The part after the date: "simple-thread". */
  what: string;
  html: string;
  /** Null for pages that show no thread. */
  expected: ExpectedContext | null;
}

export function siteFixtures(site: string): Fixture[] {
  const dir = `${FIXTURES_DIR}${site}/`;
  return readdirSync(dir)
    .filter((file) => FIXTURE_NAME(site).test(file))
    .sort()
    .map((file) => ({
      file,
      what: FIXTURE_NAME(site).exec(file)?.[4] ?? file,
      html: readFileSync(dir + file, 'utf8'),
      expected: JSON.parse(
        readFileSync(dir + file.replace(/\.html$/, '.expected.json'), 'utf8'),
      ) as ExpectedContext | null,
    }));
}

export function parseHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}
