import { storage } from '#imports';
import { DEFAULT_LOCAL_PREFS } from './model/constants';
import type { LocalPrefs } from './model/settings';

/**
 * This browser's own preferences in extension storage (never synced). Both the content
 * script (sidebar width, collapsed) and the background (agent addresses) use it.
 */
export const localPrefs = storage.defineItem<LocalPrefs>('local:prefs', {
  fallback: DEFAULT_LOCAL_PREFS,
});

export const prefsStore = {
  get: async (): Promise<LocalPrefs> => ({ ...DEFAULT_LOCAL_PREFS, ...(await localPrefs.getValue()) }),
  set: (prefs: LocalPrefs): Promise<void> => localPrefs.setValue(prefs),
};
