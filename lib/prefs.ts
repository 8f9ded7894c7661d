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
  get: async (): Promise<LocalPrefs> => ({
    ...DEFAULT_LOCAL_PREFS,
    ...(await localPrefs.getValue()),
  }),
  set: (prefs: LocalPrefs): Promise<void> => localPrefs.setValue(prefs),
};

/**
 * The background's view of the prefs: read once, then kept current by storage change events,
 * so a thread opening does not wait on a storage read.
 */
export function cachedPrefsStore() {
  let cached: Promise<LocalPrefs> | null = null;
  localPrefs.watch(() => {
    cached = null;
  });
  return {
    get: (): Promise<LocalPrefs> => (cached ??= prefsStore.get()),
    set: async (prefs: LocalPrefs): Promise<void> => {
      cached = Promise.resolve(prefs);
      await prefsStore.set(prefs);
    },
  };
}
