import { render } from 'preact';
import { browser } from '#imports';
import { PopupView } from '@/components/popup/PopupView';
import type { PopupActions } from '@/components/popup/types';
import { sendMessage } from '@/lib/messaging/messenger';
import { unwrap } from '@/lib/messaging/unwrap';
import { applyPageLanguage, translate, uiDirection, uiLanguage } from '@/lib/i18n';
import '@/components/popup/popup.css';

// Wiring only: the popup's actions are protocol messages and one browser call.

const actions: PopupActions = {
  loadStats: () => unwrap(sendMessage('getStats', null)),
  seedDemo: () => unwrap(sendMessage('seedDemo', null)),
  loadAnalytics: async () => (await unwrap(sendMessage('getAnalyticsSummary', null))).summary,
  recomputeAnalytics: async () => (await unwrap(sendMessage('recomputeAnalytics', null))).summary,
  loadSyncStatus: () => unwrap(sendMessage('getSyncStatus', null)),
  openOptions: () => void browser.runtime.openOptionsPage().finally(() => window.close()),
};

applyPageLanguage(document, 'extName');

const root = document.getElementById('app');
if (root)
  render(
    <PopupView actions={actions} t={translate} locale={uiLanguage()} dir={uiDirection()} />,
    root,
  );
