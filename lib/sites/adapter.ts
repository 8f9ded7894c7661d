import type { PageContext } from '../model';

/**
 * What each site folder provides. Adapters are pure: a Document and a URL in, a context
 * out; the content script does the observing and the messaging.
 */
export interface SiteAdapter {
  site: PageContext['site'];
  /** True for URLs of this site, whether or not a thread is open. */
  matches(url: string): boolean;
  /** The open thread, or null when the page shows none (a list, settings, a blank pane). */
  extract(doc: Document, url: string): PageContext | null;
  /** The signed-in mailbox, when the page shows it. */
  account(doc: Document): string | undefined;
  /** Each message's text by message id, for teams that store bodies with logged emails. */
  bodies?(doc: Document): Record<string, string>;
  /** Selectors whose appearance or change means the open thread changed. */
  observeTargets: readonly string[];
}
