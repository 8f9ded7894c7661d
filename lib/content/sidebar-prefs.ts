import { browser } from '#imports';
import { DEFAULT_LOCAL_PREFS } from '../model/constants';
import type { LocalPrefs } from '../model/settings';

/**
 * The sidebar's own reads and writes of the local prefs (the same `prefs` key lib/prefs.ts
 * keeps), straight on browser.storage: the storage wrapper and its dependencies would add a
 * fifth to the content script that loads on every mail page.
 */
const KEY = 'prefs';

export async function readPrefs(): Promise<LocalPrefs> {
  const stored = (await browser.storage.local.get(KEY))[KEY] as Partial<LocalPrefs> | undefined;
  return {
    ...DEFAULT_LOCAL_PREFS,
    ...stored,
    sidebar: { ...DEFAULT_LOCAL_PREFS.sidebar, ...stored?.sidebar },
  };
}

/** Saves the sidebar's layout, read-modify-write, leaving the other prefs as they are. */
export async function saveSidebarLayout(patch: Partial<LocalPrefs['sidebar']>): Promise<void> {
  const prefs = await readPrefs();
  await browser.storage.local.set({ [KEY]: { ...prefs, sidebar: { ...prefs.sidebar, ...patch } } });
}
