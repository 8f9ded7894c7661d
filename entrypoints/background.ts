import { defineBackground, browser } from '#imports';
import { createHandlers } from '@/lib/messaging/handlers';
import { createChangeHub } from '@/lib/messaging/change-hub';
import { onMessage } from '@/lib/messaging/messenger';
import type { ProtocolMap } from '@/lib/messaging/protocol';
import { openDb } from '@/lib/db/open';
import { cachedPrefsStore } from '@/lib/prefs';
import { seedDemoData } from '@/lib/demo/seed';
import { createAnalyticsJob, defaultPause } from '@/lib/jobs/analytics-job';
import { runFullAnalytics } from '@/lib/jobs/full-run';
import { createOffscreenRunner, OFFSCREEN_PATH } from '@/lib/jobs/offscreen-runner';
import { createForegroundSignal, FOREGROUND_CHANNEL } from '@/lib/jobs/give-way';
import { createSyncBatch } from '@/lib/jobs/sync-batch';
import { createSyncSchedule } from '@/lib/jobs/sync-schedule';
import type { ChangeEvent } from '@/lib/messaging/ports';
import { toChangeEvent } from '@/lib/sync/change-event';
import { SyncEngine } from '@/lib/sync/engine';

/** The periodic sync; Chrome runs alarms at most every 30 s. */
const SYNC_ALARM = 'kesher-sync';
const SYNC_PERIOD_MINUTES = 0.5;

// Wiring only: the background owns the database and answers the typed protocol.
export default defineBackground(() => {
  const db = openDb();
  const hub = createChangeHub(browser.runtime.id);
  const runHere = () =>
    runFullAnalytics(db, { now: Date.now, pause: defaultPause, ranIn: 'worker' });
  // Full runs go to an offscreen document where there is one (Chrome); Firefox's background
  // is a page with no such API, and runs them itself.
  const offscreen = browser.offscreen
    ? createOffscreenRunner({
        offscreen: browser.offscreen,
        url: browser.runtime.getURL(OFFSCREEN_PATH),
        extensionId: browser.runtime.id,
        fallback: runHere,
      })
    : null;
  // A request from a tab is a sidebar's: a full run in progress gives way to it.
  const foregroundChannel = new BroadcastChannel(FOREGROUND_CHANNEL);
  const sidebarAsked = createForegroundSignal(() => foregroundChannel.postMessage(null));
  const analytics = createAnalyticsJob({
    db,
    notify: (event) => hub.notify(event),
    fullRun: offscreen?.run ?? runHere,
  });
  const rowsChanged = (event: ChangeEvent) => {
    hub.notify(event);
    analytics.changed(event);
  };
  // Rows a sync brought in (or reverted, or merged) reach open sidebars as local writes do,
  // but are not local writes: they schedule no further sync. Sidebars hear each page; the
  // analytics job hears a sync's pages together when it ends (one run, not one per page).
  const remote = createSyncBatch((event) => analytics.changed(event));
  const sync = new SyncEngine({
    db,
    onChanged: (refs) => {
      const event = toChangeEvent(refs);
      hub.notify(event);
      remote.add(event);
    },
    onSyncStart: () => remote.begin(),
    onSyncEnd: () => remote.end(),
  });
  const schedule = createSyncSchedule(sync, {
    onError: (error) => console.error('Kesher sync failed', error),
  });
  const handlers = createHandlers({
    db,
    prefs: cachedPrefsStore(),
    notify: (event) => {
      rowsChanged(event);
      schedule.afterWrite();
    },
    seedDemo: () => seedDemoData(db, () => fetch(browser.runtime.getURL('/demo/dataset.json'))),
    analytics,
    sync,
  });

  for (const name of Object.keys(handlers) as Array<keyof ProtocolMap>) {
    onMessage(name, (message) => {
      // Only this extension's own contexts may call; externally_connectable stays unset too.
      if (message.sender.id !== browser.runtime.id) {
        return { ok: false, error: { code: 'forbidden', message: 'Unknown sender' } };
      }
      if (message.sender.tab) sidebarAsked();
      return handlers[name](message.data) as never;
    });
  }

  // A sidebar connecting is a sidebar opening: the agent is about to read a customer file.
  browser.runtime.onConnect.addListener((port) => {
    if (offscreen?.accept(port)) return;
    if (hub.accept(port)) schedule.now();
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) schedule.now();
  });
  void browser.alarms.get(SYNC_ALARM).then((existing) => {
    if (!existing) void browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES });
  });
  void analytics.start();
  schedule.now();
});
