import { render } from 'preact';
import { browser } from '#imports';
import { errorText } from '@/components/options/error-text';
import { OptionsView } from '@/components/options/OptionsView';
import type { OptionsActions } from '@/components/options/types';
import { subscribeToChanges } from '@/lib/content/changes';
import { sendMessage } from '@/lib/messaging/messenger';
import type { Result } from '@/lib/messaging/protocol';
import { unwrap as unwrapResult } from '@/lib/messaging/unwrap';
import { applyPageLanguage, translate, uiDirection, uiLanguage } from '@/lib/i18n';
import { localPrefs, prefsStore } from '@/lib/prefs';
import '@/components/options/options.css';

// Wiring only: team settings are protocol messages; the agent's own addresses are this
// browser's preferences, read and written here like the background does.

const unwrap = <T,>(answer: Promise<Result<T>>) => unwrapResult(answer, errorText);

/** Re-reads before writing, so an account the background learnt meanwhile is kept. */
async function editAgentEmails(edit: (emails: string[]) => string[]): Promise<string[]> {
  const prefs = await prefsStore.get();
  const agentEmails = edit(prefs.agentEmails);
  await prefsStore.set({ ...prefs, agentEmails });
  return agentEmails;
}

const actions: OptionsActions = {
  loadSettings: async () => (await unwrap(sendMessage('getSettings', null))).settings,
  saveSettings: async (patch) => (await unwrap(sendMessage('updateSettings', patch))).settings,
  addToNeverList: async (entry) => (await unwrap(sendMessage('addToNeverList', entry))).settings,
  loadAgentEmails: async () => (await prefsStore.get()).agentEmails,
  addAgentEmail: (email) =>
    editAgentEmails((emails) => (emails.includes(email) ? emails : [...emails, email])),
  removeAgentEmail: (email) => editAgentEmails((emails) => emails.filter((e) => e !== email)),
  sync: {
    status: () => unwrap(sendMessage('getSyncStatus', null)),
    connect: (url, token) => unwrap(sendMessage('connectSync', { url, token })),
    disconnect: () => unwrap(sendMessage('disconnectSync', null)),
    syncNow: () => unwrap(sendMessage('syncNow', null)),
    resolve: (mutationId, resolution) =>
      unwrap(sendMessage('resolveRefusal', { mutationId, resolution })),
  },
  subscribe(listener) {
    const stop = new AbortController();
    subscribeToChanges(
      (name) => browser.runtime.connect({ name }),
      (event) => {
        // An empty event follows a dropped port: anything may have changed.
        if (event.tables.length === 0 || event.tables.includes('settings')) listener();
      },
      stop.signal,
    );
    // The sidebar writes its width here too: only a change of addresses matters to this page.
    const unwatch = localPrefs.watch((next, previous) => {
      if (next?.agentEmails.join() !== previous?.agentEmails.join()) listener();
    });
    return () => {
      stop.abort();
      unwatch();
    };
  },
};

applyPageLanguage(document, 'options_title');

const root = document.getElementById('app');
if (root)
  render(
    <OptionsView actions={actions} t={translate} locale={uiLanguage()} dir={uiDirection()} />,
    root,
  );
