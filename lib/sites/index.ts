import type { PageContext } from '../model';
import type { SiteAdapter } from './adapter';
import { gmailAdapter } from './gmail';

export type { SiteAdapter } from './adapter';
export { gmailAdapter } from './gmail';

/** Every site Kesher reads, one adapter per folder; the first that matches a URL handles it. */
export const SITE_ADAPTERS: readonly SiteAdapter[] = [gmailAdapter];

export function adapterFor(url: string): SiteAdapter | undefined {
  return SITE_ADAPTERS.find((adapter) => adapter.matches(url));
}

/** The thread on the page, read by the adapter for its URL; null when none handles it. */
export function extractContext(doc: Document, url: string): PageContext | null {
  return adapterFor(url)?.extract(doc, url) ?? null;
}
