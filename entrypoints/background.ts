import { defineBackground, browser } from '#imports';
import { createHandlers } from '@/lib/messaging/handlers';
import { createChangeHub } from '@/lib/messaging/change-hub';
import { onMessage } from '@/lib/messaging/messenger';
import type { ProtocolMap } from '@/lib/messaging/protocol';
import { openDb } from '@/lib/db/open';
import { cachedPrefsStore } from '@/lib/prefs';
import { seedDemoData } from '@/lib/demo/seed';
import { createAnalyticsJob } from '@/lib/jobs/analytics-job';

// Wiring only: the background owns the database and answers the typed protocol.
export default defineBackground(() => {
  const db = openDb();
  const hub = createChangeHub(browser.runtime.id);
  const analytics = createAnalyticsJob({ db, notify: (event) => hub.notify(event) });
  const handlers = createHandlers({
    db,
    prefs: cachedPrefsStore(),
    notify: (event) => {
      hub.notify(event);
      analytics.changed(event);
    },
    seedDemo: () => seedDemoData(db, () => fetch(browser.runtime.getURL('/demo/dataset.json'))),
    analytics,
  });

  for (const name of Object.keys(handlers) as Array<keyof ProtocolMap>) {
    onMessage(name, (message) => {
      // Only this extension's own contexts may call; externally_connectable stays unset too.
      if (message.sender.id !== browser.runtime.id) {
        return { ok: false, error: { code: 'forbidden', message: 'Unknown sender' } };
      }
      return handlers[name](message.data) as never;
    });
  }

  browser.runtime.onConnect.addListener((port) => hub.accept(port));
  void analytics.start();
});
