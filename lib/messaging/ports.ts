// Kept free of zod and of any runtime import: the content script imports this file and must stay small.

/** Port name an open sidebar connects on to hear about changes. */
export const CHANGES_PORT = 'kesher:changes';

/** What the background posts on that port after every committed write. */
export interface ChangeEvent {
  tables: string[];
  /** Customer ids whose file changed; empty when only global rows (settings) changed. */
  customerIds: string[];
}
